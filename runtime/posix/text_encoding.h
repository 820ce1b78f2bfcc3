// Wide (WCHAR = wchar_t, UTF-32 on Linux) strings of the W functions -> UTF-8 for Linux calls.
#pragma once

#include <windows.h>

#include <string>
#include <string_view>

namespace ovlab::posix {

std::string utf8_from_wide(LPCWSTR text);
// UTF-8 -> wide; a byte that starts no valid sequence becomes U+FFFD.
std::wstring wide_from_utf8(std::string_view text);

}  // namespace ovlab::posix
