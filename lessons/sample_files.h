// Sample data for lessons and the checks that compare what a lesson wrote with what it read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace ovlab::lessons {

// Writes `size` pseudo-random bytes, the same bytes for the same seed on every machine, so a
// lesson's transcript never changes between runs. Throws std::runtime_error("cannot write ...").
void write_sample_file(const std::filesystem::path& path, size_t size, uint32_t seed);

// Writes a text file of `blocks` blocks of `block_size` bytes (block_size >= 64). Each block starts
// with the line "<label> block <k> at offset <offset>" and is filled with numbered lines, so a
// lesson that prints the first line of what it read shows which part of the file it got: a read
// at the wrong offset is visible at a glance. Throws std::runtime_error("cannot write ...").
void write_labelled_file(const std::filesystem::path& path, std::string_view label, size_t blocks, size_t block_size);

// Empty when `copy` has exactly the bytes of `original`; otherwise one line saying what differs,
// naming the files by their file names ("copy.bin has 4096 bytes, source.bin has 13522").
std::optional<std::string> describe_difference(const std::filesystem::path& original,
                                               const std::filesystem::path& copy);

}  // namespace ovlab::lessons
