// The posix runtime's <windows.h> spells the STATUS_ values <winnt.h> defines itself: a Win32
// program's header stands alone, and a #define cannot be made from the table in
// ovlab/status_codes.h. Here they are held to the table (and to the wait results).
#include <windows.h>

#include <gtest/gtest.h>

#include "ovlab/status_codes.h"

namespace ovlab {
namespace {

static_assert(STATUS_PENDING == kStatusPending, "windows.h and the NTSTATUS table disagree");
static_assert(STILL_ACTIVE == kStatusPending, "GetExitCodeThread's STILL_ACTIVE is STATUS_PENDING");

TEST(WindowsHeader, StatusPendingIsTheTablesRow) { EXPECT_EQ(ntstatus_info(STATUS_PENDING).name, "STATUS_PENDING"); }

TEST(WindowsHeader, WaitStatusesAreTheWaitResults) {
    EXPECT_EQ(format_wait_result(STATUS_WAIT_0, 1), "WAIT_OBJECT_0 (0x0)");
    EXPECT_EQ(format_wait_result(STATUS_ABANDONED_WAIT_0, 1), "WAIT_ABANDONED_0 (0x80)");
    EXPECT_EQ(format_wait_result(STATUS_USER_APC, 1), "WAIT_IO_COMPLETION (0xC0)");
    EXPECT_EQ(format_wait_result(STATUS_TIMEOUT, 1), "WAIT_TIMEOUT (0x102)");
}

}  // namespace
}  // namespace ovlab
