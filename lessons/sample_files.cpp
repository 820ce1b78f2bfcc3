#include "sample_files.h"

#include <fmt/format.h>

#include <cerrno>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace ovlab::lessons {
namespace {

std::string errno_reason()
{
    return errno != 0 ? std::generic_category().message(errno) : std::string("unknown error");
}

// xorshift32: tiny, and defined here bit for bit, so the sample is identical everywhere.
uint32_t next_random(uint32_t& state)
{
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
}

std::optional<std::vector<char>> read_all(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) {
        return std::nullopt;
    }
    return bytes;
}

void write_bytes(const std::filesystem::path& path, const std::vector<char>& bytes)
{
    errno = 0;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) {
        throw std::runtime_error(fmt::format("cannot write {}: {}", path.string(), errno_reason()));
    }
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
        throw std::runtime_error(fmt::format("cannot write {}: {}", path.string(), errno_reason()));
    }
}

}  // namespace

void write_sample_file(const std::filesystem::path& path, size_t size, uint32_t seed)
{
    uint32_t state = seed != 0 ? seed : 1;  // xorshift stays at 0 forever
    std::vector<char> bytes(size);
    for (char& byte : bytes) {
        byte = static_cast<char>(next_random(state) >> 24);
    }
    write_bytes(path, bytes);
}

void write_labelled_file(const std::filesystem::path& path, std::string_view label, size_t blocks, size_t block_size)
{
    if (block_size < 64) {
        throw std::invalid_argument(fmt::format("write_labelled_file: block size {} is below 64", block_size));
    }
    std::vector<char> bytes;
    bytes.reserve(blocks * block_size);
    for (size_t block = 0; block < blocks; ++block) {
        std::string text = fmt::format("{} block {} at offset {}\n", label, block, block * block_size);
        for (size_t line = 1; text.size() < block_size; ++line) {
            text += fmt::format("{} block {} line {}\n", label, block, line);
        }
        text.resize(block_size);
        text.back() = '\n';  // the last line is cut short, but the next block still starts on a new line
        bytes.insert(bytes.end(), text.begin(), text.end());
    }
    write_bytes(path, bytes);
}

std::optional<std::string> describe_difference(const std::filesystem::path& original,
                                               const std::filesystem::path& copy)
{
    std::string original_name = original.filename().string();
    std::string copy_name = copy.filename().string();
    std::optional<std::vector<char>> expected = read_all(original);
    if (!expected) {
        return fmt::format("cannot read {} to compare with", original_name);
    }
    std::error_code error;
    if (!std::filesystem::exists(copy, error)) {
        return fmt::format("{} was not created", copy_name);
    }
    std::optional<std::vector<char>> actual = read_all(copy);
    if (!actual) {
        return fmt::format("cannot read {}", copy_name);
    }
    if (actual->size() != expected->size()) {
        return fmt::format("{} has {} bytes, {} has {}", copy_name, actual->size(), original_name, expected->size());
    }
    for (size_t i = 0; i < expected->size(); ++i) {
        if ((*actual)[i] != (*expected)[i]) {
            return fmt::format("{} differs from {} at byte {} (0x{:x})", copy_name, original_name, i, i);
        }
    }
    return std::nullopt;
}

}  // namespace ovlab::lessons
