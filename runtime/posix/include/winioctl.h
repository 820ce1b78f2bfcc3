// Device I/O control codes; the lab's subset needs none yet.
#pragma once
#include "windows.h"
