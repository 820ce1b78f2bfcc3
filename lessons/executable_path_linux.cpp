#include "executable_path.h"

#include <system_error>

namespace ovlab::lessons {

std::optional<std::filesystem::path> executable_path()
{
    std::error_code error;
    std::filesystem::path path = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error) {
        return std::nullopt;
    }
    return path;
}

}  // namespace ovlab::lessons
