// TCP/IP additions to Winsock 2; completed with the sockets issue.
#pragma once
#include "winsock2.h"
