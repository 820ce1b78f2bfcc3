// The NTSTATUS table (ovlab/status_codes.h) is the only place in the runtime and the app that
// spells an NTSTATUS number; everything else uses its constants (kStatusEndOfFile) and functions.
// The one exception: the posix runtime's Win32 headers define the STATUS_ macros <winnt.h> has
// (a Win32 header stands alone and a table cannot make a #define); runtime_windows_header_test.cpp
// checks that they agree with the table.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "ovlab/status_codes.h"

namespace ovlab {
namespace {

namespace fs = std::filesystem;

const fs::path kSourceDir = OVLAB_SOURCE_DIR;
const fs::path kTable = kSourceDir / "runtime" / "include" / "ovlab" / "status_codes.h";
const fs::path kWin32Headers = kSourceDir / "runtime" / "posix" / "include";

std::set<uint64_t> table_values() {
#define OVLAB_TEST_VALUE(name, constant, value, win32_error, winsock_error, meaning, meaning_ko) value,
    std::set<uint64_t> values = {OVLAB_NTSTATUS_TABLE(OVLAB_TEST_VALUE)};
#undef OVLAB_TEST_VALUE
    values.erase(0);  // STATUS_SUCCESS: zero is every other number's zero too
    return values;
}

// A table value, or any error status of the system facility (0xC000xxxx) the table lacks.
bool is_ntstatus(uint64_t value, const std::set<uint64_t>& table) {
    return table.count(value) > 0 || (value & 0xFFFF0000u) == 0xC0000000u;
}

bool is_source(const fs::path& path) {
    const std::string extension = path.extension().string();
    return extension == ".h" || extension == ".cpp" || extension == ".in";
}

// "file:line: text" for each line outside the table that spells an NTSTATUS number in hex.
std::vector<std::string> spellings_under(const fs::path& folder, const std::set<uint64_t>& table) {
    static const std::regex hex_literal(R"((^|[^0-9A-Za-z_])0[xX]([0-9A-Fa-f]+))");
    std::vector<std::string> found;
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(folder)) {
        if (!entry.is_regular_file() || !is_source(entry.path()) || entry.path() == kTable) continue;
        const bool win32_header = entry.path().parent_path() == kWin32Headers;
        std::ifstream in(entry.path());
        std::string line;
        for (int number = 1; std::getline(in, line); ++number) {
            if (line.find("0x") == std::string::npos && line.find("0X") == std::string::npos) continue;
            if (win32_header && line.rfind("#define STATUS_", 0) == 0) continue;
            for (std::sregex_iterator it(line.begin(), line.end(), hex_literal), end; it != end; ++it) {
                if ((*it)[2].length() > 8) continue;
                if (!is_ntstatus(std::stoull((*it)[2].str(), nullptr, 16), table)) continue;
                found.push_back(fs::relative(entry.path(), kSourceDir).string() + ":" + std::to_string(number) + ": " +
                                line);
                break;
            }
        }
    }
    return found;
}

TEST(StatusCodes, NoNtStatusNumberIsSpelledOutsideTheTable) {
    const std::set<uint64_t> table = table_values();
    std::vector<std::string> found = spellings_under(kSourceDir / "runtime", table);
    for (std::string& line : spellings_under(kSourceDir / "app", table)) found.push_back(std::move(line));
    for (const std::string& line : found) ADD_FAILURE() << line << "\n  use the constant from ovlab/status_codes.h";
}

}  // namespace
}  // namespace ovlab
