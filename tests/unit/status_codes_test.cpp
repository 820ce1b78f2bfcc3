#include <gtest/gtest.h>

#include "ovlab/status_codes.h"

namespace ovlab {
namespace {

TEST(StatusCodes, NamesTheValuesOfWin32Semantics) {
    EXPECT_EQ(ntstatus_info(0xC0000011u).name, "STATUS_END_OF_FILE");
    EXPECT_EQ(ntstatus_info(0x103u).name, "STATUS_PENDING");
    EXPECT_EQ(win32_error_info(997).name, "ERROR_IO_PENDING");
    EXPECT_EQ(win32_error_info(38).name, "ERROR_HANDLE_EOF");
    EXPECT_EQ(win32_error_info(10054).name, "WSAECONNRESET");
    EXPECT_TRUE(ntstatus_info(0x0C000001u).name.empty()) << "the seed's wrong EOF constant is no status";
}

TEST(StatusCodes, MapsStatusToWin32AndWinsockErrorsLikeWindows) {
    EXPECT_EQ(ntstatus_to_win32_error(0xC0000011u), 38u);
    EXPECT_EQ(ntstatus_to_win32_error(0xC0000120u), 995u);
    EXPECT_EQ(ntstatus_to_win32_error(0xC000014Bu), 109u);
    EXPECT_EQ(ntstatus_to_win32_error(0xC000020Du), 64u);
    EXPECT_EQ(ntstatus_to_wsa_error(0xC000020Du), 10054u);
    EXPECT_EQ(ntstatus_to_win32_error(0xC000013Bu), 64u);
    EXPECT_EQ(ntstatus_to_wsa_error(0xC000013Bu), 10053u);
    EXPECT_EQ(ntstatus_to_win32_error(0xC0000241u), 1236u);
    EXPECT_EQ(ntstatus_to_win32_error(0x80000005u), 234u);
    EXPECT_EQ(ntstatus_to_win32_error(0x8000000Au), 676u);
}

TEST(StatusCodes, FormatsNamesBesideNumbers) {
    EXPECT_EQ(format_ntstatus(0x103), "0x103 (STATUS_PENDING)");
    EXPECT_EQ(format_win32_error(997), "997 (ERROR_IO_PENDING)");
    EXPECT_EQ(format_wait_result(0x102, 1), "WAIT_TIMEOUT (0x102)");
    EXPECT_EQ(format_wait_result(2, 3), "WAIT_OBJECT_0 + 2");
    EXPECT_EQ(format_ntstatus(0x12345), "0x12345");
}

}  // namespace
}  // namespace ovlab
