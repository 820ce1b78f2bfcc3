#pragma once
// Spelling used by code written on Windows (case-insensitive file system).
#include "mswsock.h"
