#pragma once
// Winsock 1.1 programs get the Winsock 2 declarations (a superset).
#include "winsock2.h"
