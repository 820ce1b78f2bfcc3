#include "executable_path.h"

#include <windows.h>

#include <string>

namespace ovlab::lessons {

std::optional<std::filesystem::path> executable_path()
{
    // GetModuleFileNameW truncates silently when the buffer is too small (it returns the buffer
    // size), so grow until the name fits.
    std::wstring buffer(MAX_PATH, L'\0');
    for (;;) {
        DWORD length = GetModuleFileNameW(nullptr, buffer.data(), static_cast<DWORD>(buffer.size()));
        if (length == 0) {
            return std::nullopt;
        }
        if (length < buffer.size()) {
            buffer.resize(length);
            return std::filesystem::path(buffer);
        }
        buffer.resize(buffer.size() * 2);
    }
}

}  // namespace ovlab::lessons
