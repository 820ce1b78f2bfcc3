#include <gtest/gtest.h>

#include <fmt/format.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ovlab/status_codes.h"

namespace ovlab {
namespace {

// The NTSTATUS table as written, row by row, to check every function that derives from it.
struct TableRow {
    std::string_view name;
    uint32_t constant;
    uint32_t value;
    std::string_view win32_error;
    std::string_view winsock_error;
    std::string_view meaning;
    std::string_view meaning_ko;
};

std::vector<TableRow> table_rows() {
#define OVLAB_TEST_ROW(name, constant, value, win32_error, winsock_error, meaning, meaning_ko) \
    TableRow{#name, constant, value, #win32_error, #winsock_error, meaning, meaning_ko},
    return {OVLAB_NTSTATUS_TABLE(OVLAB_TEST_ROW)};
#undef OVLAB_TEST_ROW
}

TEST(StatusCodes, EveryRowConvertsAsTheTableSays) {
    for (const TableRow& row : table_rows()) {
        SCOPED_TRACE(row.name);
        EXPECT_EQ(row.constant, row.value);
        const CodeInfo info = ntstatus_info(row.value);
        EXPECT_EQ(info.name, row.name);
        EXPECT_EQ(info.meaning, row.meaning);
        EXPECT_EQ(info.meaning_ko, row.meaning_ko);
        EXPECT_EQ(format_ntstatus(row.value), fmt::format("0x{:X} ({})", row.value, row.name));
        EXPECT_EQ(win32_error_info(ntstatus_to_win32_error(row.value)).name, row.win32_error);
        EXPECT_EQ(win32_error_info(ntstatus_to_wsa_error(row.value)).name, row.winsock_error);
    }
}

TEST(StatusCodes, EachNameAndValueHasOneRow) {
    std::set<std::string_view> names;
    std::set<uint32_t> values;
    for (const TableRow& row : table_rows()) {
        EXPECT_TRUE(names.insert(row.name).second) << row.name << " has two rows";
        EXPECT_TRUE(values.insert(row.value).second) << row.name << ": another row has " << format_ntstatus(row.value);
    }
}

TEST(StatusCodes, MapsStatusToWin32AndWinsockErrorsLikeWindows) {
    EXPECT_EQ(ntstatus_to_win32_error(kStatusEndOfFile), 38u);
    EXPECT_EQ(ntstatus_to_win32_error(kStatusCancelled), 995u);
    EXPECT_EQ(ntstatus_to_win32_error(kStatusPipeBroken), 109u);
    EXPECT_EQ(ntstatus_to_win32_error(kStatusConnectionReset), 64u);
    EXPECT_EQ(ntstatus_to_wsa_error(kStatusConnectionReset), 10054u);
    EXPECT_EQ(ntstatus_to_win32_error(kStatusLocalDisconnect), 64u);
    EXPECT_EQ(ntstatus_to_wsa_error(kStatusLocalDisconnect), 10053u);
    EXPECT_EQ(ntstatus_to_win32_error(kStatusConnectionAborted), 1236u);
    EXPECT_EQ(ntstatus_to_win32_error(kStatusBufferOverflow), 234u);
    EXPECT_EQ(ntstatus_to_wsa_error(kStatusBufferOverflow), 10040u) << "WSAEMSGSIZE: a datagram cut short";
    EXPECT_EQ(ntstatus_to_win32_error(kStatusHandlesClosed), 676u);
}

TEST(StatusCodes, AStatusOutsideTheTableIsAGeneralFailure) {
    // A constant with a digit missing (docs/windows-rules.md §15) is no status at all.
    constexpr uint32_t kMistypedEndOfFile = 0x0C000011u;
    EXPECT_TRUE(ntstatus_info(kMistypedEndOfFile).name.empty());
    EXPECT_EQ(format_ntstatus(kMistypedEndOfFile), "0xC000011");
    EXPECT_EQ(win32_error_info(ntstatus_to_win32_error(kMistypedEndOfFile)).name, "ERROR_GEN_FAILURE");
    EXPECT_EQ(win32_error_info(ntstatus_to_wsa_error(kMistypedEndOfFile)).name, "ERROR_GEN_FAILURE");
}

TEST(StatusCodes, SeverityIsTheTopTwoBits) {
    EXPECT_EQ(nt_severity(kStatusSuccess), NtSeverity::Success);
    EXPECT_EQ(nt_severity(kStatusPending), NtSeverity::Success);
    EXPECT_EQ(nt_severity(kStatusBufferOverflow), NtSeverity::Warning);
    EXPECT_EQ(nt_severity(kStatusEndOfFile), NtSeverity::Error);
    EXPECT_TRUE(nt_success(kStatusPending));
    EXPECT_FALSE(nt_success(kStatusHandlesClosed)) << "NT_SUCCESS fails warnings";
    EXPECT_FALSE(nt_success(kStatusCancelled));
}

TEST(StatusCodes, NamesTheOtherWin32Numbers) {
    EXPECT_EQ(win32_error_info(997).name, "ERROR_IO_PENDING");
    EXPECT_EQ(win32_error_info(38).name, "ERROR_HANDLE_EOF");
    EXPECT_EQ(win32_error_info(10054).name, "WSAECONNRESET");
    EXPECT_EQ(format_win32_error(997), "997 (ERROR_IO_PENDING)");
    EXPECT_EQ(format_wait_result(0x102, 1), "WAIT_TIMEOUT (0x102)");
    EXPECT_EQ(format_wait_result(2, 3), "WAIT_OBJECT_0 + 2");
}

}  // namespace
}  // namespace ovlab
