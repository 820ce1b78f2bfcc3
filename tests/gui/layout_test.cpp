// The layout from a 1280x720 projector to 4K, at several zooms: every panel inside the window, none
// over another, and the code keeps the height it asked for where the window has room for it.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "layout.h"

namespace ovlab::gui {
namespace {

std::vector<PanelRect> all_panels(const Layout& layout) {
    std::vector<PanelRect> panels = {layout.controls, layout.lessons, layout.handles, layout.threads, layout.code,
                                     layout.narration, layout.overlapped, layout.calls, layout.console};
    for (const auto& extra : {layout.port, layout.apc, layout.peer})
        if (extra) panels.push_back(*extra);
    return panels;
}

bool overlap(const PanelRect& a, const PanelRect& b) {
    return a.pos.x < b.pos.x + b.size.x && b.pos.x < a.pos.x + a.size.x && a.pos.y < b.pos.y + b.size.y &&
           b.pos.y < a.pos.y + a.size.y;
}

// Toolbar, threads and code heights as the window measures them at 100 % (19 px text, 12 rows of code).
constexpr float kToolbar = 94, kThreads = 222, kCode = 361;

TEST(Layout, PanelsStayInsideTheWindowAndApartAtEverySizeAndZoom) {
    const std::vector<ImVec2> displays = {{1280, 720}, {1366, 768}, {1600, 900}, {1920, 1080}, {2560, 1440}, {3840, 2160}};
    const std::vector<ExtraViews> extras = {{},
                                            {.port = true, .apc = true, .peer = true},
                                            {.peer = true, .timeline = true},
                                            {.port = true, .overlapped_empty = true},
                                            {.apc = true, .timeline = true},
                                            {.overlapped_empty = true}};
    for (const ImVec2 display : displays) {
        for (const float scale : {0.5f, 1.0f, 1.5f, 2.0f, 3.0f}) {
            for (const ExtraViews& extra : extras) {
                const Layout layout =
                    compute_layout(display, kToolbar * scale, kThreads * scale, extra, kCode * scale, scale);
                const std::vector<PanelRect> panels = all_panels(layout);
                for (size_t i = 0; i < panels.size(); ++i) {
                    const PanelRect& p = panels[i];
                    SCOPED_TRACE(testing::Message() << display.x << "x" << display.y << " at " << scale << ", panel " << i);
                    EXPECT_GT(p.size.x, 0);
                    EXPECT_GT(p.size.y, 0);
                    EXPECT_GE(p.pos.x, 0);
                    EXPECT_GE(p.pos.y, 0);
                    EXPECT_LE(p.pos.x + p.size.x, display.x + 0.01f);
                    EXPECT_LE(p.pos.y + p.size.y, display.y + 0.01f);
                    for (size_t j = i + 1; j < panels.size(); ++j) EXPECT_FALSE(overlap(p, panels[j])) << "and panel " << j;
                }
            }
        }
    }
}

TEST(Layout, CodeKeepsItsRowsAt1280x720ByMovingTheBottomRowAside) {
    const Layout small = compute_layout({1280, 720}, kToolbar, kThreads, {}, kCode);
    EXPECT_TRUE(small.compact);
    EXPECT_GE(small.code.size.y, kCode);
    EXPECT_GE(small.calls.pos.x, small.narration.pos.x) << "the call log joins the right column";
    EXPECT_GE(small.threads.size.y, kThreads * 0.65f) << "the threads keep their lanes";

    EXPECT_FALSE(compute_layout({1600, 900}, kToolbar, kThreads, {}, kCode).compact) << "the 1600x900 design stays";
    EXPECT_TRUE(compute_layout({1366, 768}, kToolbar, kThreads, {}, kCode).compact);
    const Layout large = compute_layout({1920, 1080}, kToolbar, kThreads, {}, kCode);
    EXPECT_FALSE(large.compact);
    EXPECT_GE(large.code.size.y, kCode);
    EXPECT_EQ(large.threads.size.y, kThreads);
    EXPECT_EQ(large.calls.pos.x, large.code.pos.x) << "the call log under the code, as designed for 1600x900";
}

// At 1280x720 a lesson with a completion port or APCs keeps the right column's whole height for the
// narration and its object panels (stacked with the call log and console, each showed about one row);
// the code gives up a third of its rows. 1600x900 and larger keep the plain layout.
TEST(Layout, ObjectPanelsKeepTheirRowsAt1280x720) {
    for (const ExtraViews extras : {ExtraViews{.port = true}, ExtraViews{.apc = true}, ExtraViews{.port = true, .apc = true},
                                    ExtraViews{.port = true, .timeline = true}}) {
        SCOPED_TRACE(testing::Message() << "port " << extras.port << " apc " << extras.apc << " timeline " << extras.timeline);
        const Layout small = compute_layout({1280, 720}, kToolbar, kThreads, extras, kCode);
        EXPECT_TRUE(small.whole_right_column);
        EXPECT_FLOAT_EQ(small.narration.pos.y, small.threads.pos.y);
        const PanelRect& last = extras.apc ? *small.apc : *small.port;
        EXPECT_FLOAT_EQ(last.pos.y + last.size.y, 720 - 6) << "the right column runs to the bottom";
        const float least = extras.port && extras.apc ? 120.0f : 170.0f;  // a header and several rows
        EXPECT_GE(small.overlapped.size.y, least);
        if (extras.port) {
            EXPECT_GE(small.port->size.y, least);
        }
        if (extras.apc) {
            EXPECT_GE(small.apc->size.y, least * 0.8f);
        }
        EXPECT_GE(small.calls.size.x, 500.0f) << "the call log keeps its columns under the code";
        EXPECT_GE(small.code.size.y, kCode * 0.66f);
        EXPECT_LT(small.calls.pos.x, small.code.pos.x) << "the bottom row runs under the left column too";
        for (const ImVec2 display : {ImVec2{1600, 900}, ImVec2{1920, 1080}}) {
            const Layout plain = compute_layout(display, kToolbar, kThreads, extras, kCode);
            EXPECT_FALSE(plain.whole_right_column || plain.compact);
            EXPECT_GE(plain.code.size.y, kCode);
        }
    }
    EXPECT_FALSE(compute_layout({1280, 720}, kToolbar, kThreads, {}, kCode).whole_right_column)
        << "a lesson without them keeps its code rows";
}

TEST(Layout, AnEmptyOverlappedPanelLendsItsRoomToTheNarration) {
    for (const ImVec2 display : {ImVec2{1280, 720}, ImVec2{1600, 900}, ImVec2{2560, 1440}}) {
        for (const bool port : {false, true}) {
            SCOPED_TRACE(testing::Message() << display.x << "x" << display.y << (port ? " with a port" : ""));
            const Layout filled = compute_layout(display, kToolbar, kThreads, {.port = port}, kCode);
            const Layout empty = compute_layout(display, kToolbar, kThreads, {.port = port, .overlapped_empty = true}, kCode);
            const float hint = std::min(110.0f, filled.overlapped.size.y);  // a 1280x720 column has little to lend
            EXPECT_FLOAT_EQ(empty.overlapped.size.y, hint) << "the panel keeps room for its hint";
            EXPECT_FLOAT_EQ(empty.narration.size.y + empty.overlapped.size.y,
                            filled.narration.size.y + filled.overlapped.size.y) << "only the two trade room";
            if (port) {
                EXPECT_FLOAT_EQ(empty.port->pos.y, filled.port->pos.y) << "the port does not move";
            }
        }
    }
}

TEST(Layout, ZoomScalesTheFixedSizes) {
    const Layout plain = compute_layout({2560, 1440}, kToolbar, kThreads, {}, kCode, 1.0f);
    const Layout zoomed = compute_layout({2560, 1440}, kToolbar * 2, kThreads * 2, {}, kCode * 2, 2.0f);
    EXPECT_FLOAT_EQ(zoomed.controls.pos.x, 2 * plain.controls.pos.x) << "the gaps grow";
    EXPECT_GT(zoomed.lessons.size.x, plain.lessons.size.x) << "the lesson list grows with its text";
    EXPECT_GE(zoomed.code.size.y, kCode * 2);
    EXPECT_FLOAT_EQ(zoomed.below_toolbar.pos.y, zoomed.code.pos.y - zoomed.threads.size.y - zoomed.controls.pos.x);
}

}  // namespace
}  // namespace ovlab::gui
