#include "text_encoding.h"

#include <winsock2.h>
#include <windows.h>

namespace ovlab::win32 {

std::string utf8_from_wide(const wchar_t* text) {
    const int length = WideCharToMultiByte(CP_UTF8, 0, text, -1, nullptr, 0, nullptr, nullptr);
    if (length <= 1) return {};
    std::string utf8(static_cast<size_t>(length), '\0');
    WideCharToMultiByte(CP_UTF8, 0, text, -1, utf8.data(), length, nullptr, nullptr);
    utf8.pop_back();  // the terminating NUL the conversion included
    return utf8;
}

}  // namespace ovlab::win32
