// UTF-16 (the W functions) to UTF-8 (the trace), with the system's converter.
#pragma once

#include <string>

namespace ovlab::win32 {

std::string utf8_from_wide(const wchar_t* text);

}  // namespace ovlab::win32
