// The call log's filter: by part of the name or arguments in any case, by thread, and failures only,
// where FALSE + ERROR_IO_PENDING (a request that started) is not a failure.
#include <gtest/gtest.h>

#include "call_filter.h"

namespace ovlab::gui {
namespace {

trace::CallView call(uint32_t thread, std::string api, std::string arguments, bool failed, uint32_t last_error) {
    trace::CallView view;
    view.thread = thread;
    view.api = std::move(api);
    view.arguments = std::move(arguments);
    view.failed = failed;
    view.last_error = last_error;
    return view;
}

TEST(CallFilter, MatchesTextThreadAndFailures) {
    const trace::CallView read = call(1, "ReadFile", "hFile=file a.txt", true, 997);
    const trace::CallView wait = call(2, "WaitForSingleObject", "hHandle=event 0x14", false, 0);
    const trace::CallView bad = call(2, "CloseHandle", "hObject=0x99", true, 6);
    CallFilter filter;
    EXPECT_FALSE(filter.active());
    EXPECT_TRUE(filter.matches(read) && filter.matches(wait) && filter.matches(bad));

    filter.text = "readf";
    EXPECT_TRUE(filter.active());
    EXPECT_TRUE(filter.matches(read));
    EXPECT_FALSE(filter.matches(wait));
    filter.text = "EVENT";  // in the arguments
    EXPECT_TRUE(filter.matches(wait));
    EXPECT_FALSE(filter.matches(read));

    filter = {};
    filter.thread = 2;
    EXPECT_FALSE(filter.matches(read));
    EXPECT_TRUE(filter.matches(wait));

    filter = {};
    filter.failures_only = true;
    EXPECT_FALSE(filter.matches(read));  // pending: started, not failed
    EXPECT_FALSE(filter.matches(wait));
    EXPECT_TRUE(filter.matches(bad));
}

}  // namespace
}  // namespace ovlab::gui
