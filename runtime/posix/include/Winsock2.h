#pragma once
// Spelling used by code written on Windows (case-insensitive file system).
#include "winsock2.h"
