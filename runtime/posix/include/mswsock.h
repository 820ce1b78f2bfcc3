// Microsoft Winsock extensions (AcceptEx, ...); completed with the sockets issue.
#pragma once
#include "winsock2.h"
