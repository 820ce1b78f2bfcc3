// The running binary's own path, to find lessons installed next to it. One file per platform.
#pragma once

#include <filesystem>
#include <optional>

namespace ovlab::lessons {

// Absolute path of the running executable; empty when the system cannot tell.
std::optional<std::filesystem::path> executable_path();

}  // namespace ovlab::lessons
