// The links the Threads panel draws: which requests, in which order, and the lanes' order.
#include <gtest/gtest.h>

#include "io_links_view.h"

namespace ovlab::gui {
namespace {

using trace::IoView;

trace::IoView request(uint64_t overlapped, uint32_t thread, uint64_t issued) {
    IoView io;
    io.overlapped = overlapped;
    io.issued_thread = thread;
    io.issued_seq = issued;
    return io;
}

TEST(IoLinksView, MostRecentlyActiveFirstAndLimited) {
    trace::State state;
    state.calls.push_back({1, 3, 1, 10, "ReadFile"});
    state.ios.push_back(request(0x100, 1, 2));
    state.ios.push_back(request(0x200, 1, 5));
    state.ios.push_back(request(0x300, 1, 6));
    // The first request completed last: it is the most recently active.
    state.ios[0].finished_thread = 1000;
    state.ios[0].finished_seq = 9;
    state.ios[0].handling = IoView::Handling::Woke;
    state.ios[0].handler_thread = 2;
    state.ios[0].handled_seq = 12;

    const std::vector<IoLink> links = recent_io_links(state, 8, 2);
    ASSERT_EQ(links.size(), 2u);
    EXPECT_EQ(links[0].io->overlapped, 0x100u);
    EXPECT_EQ(links[0].latest_seq, 12u);
    EXPECT_TRUE(links[0].this_step);
    EXPECT_EQ(links[0].api, "ReadFile");
    EXPECT_EQ(links[0].finished.thread, 1000u);
    EXPECT_EQ(links[0].handled.thread, 2u);
    EXPECT_EQ(links[1].io->overlapped, 0x300u);
    EXPECT_FALSE(links[1].this_step);
    EXPECT_FALSE(links[1].finished.happened());
    EXPECT_FALSE(links[1].handled.happened());
}

TEST(IoLinksView, RuntimeLanesFollowTheFirstThread) {
    trace::State state;
    state.threads.push_back({1, "main"});
    state.threads.push_back({2, "worker 1"});
    state.threads.push_back({1000, "kernel"});
    state.threads.back().runtime = true;
    state.threads.push_back({3, "worker 2"});
    const std::vector<const trace::ThreadView*> lanes = lane_order(state);
    ASSERT_EQ(lanes.size(), 4u);
    EXPECT_EQ(lanes[0]->number, 1u);
    EXPECT_EQ(lanes[1]->number, 1000u);
    EXPECT_EQ(lanes[2]->number, 2u);
    EXPECT_EQ(lanes[3]->number, 3u);
}

}  // namespace
}  // namespace ovlab::gui
