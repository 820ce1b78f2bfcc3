// Wide (WCHAR = wchar_t, UTF-32 on Linux) strings of the W functions -> UTF-8 for Linux calls.
#pragma once

#include <windows.h>

#include <string>

namespace ovlab::posix {

std::string utf8_from_wide(LPCWSTR text);

}  // namespace ovlab::posix
