// The narration pane's outline of a lesson: its sections in the file's order, one entry per step tag,
// titled by their first sentence, each with the first step of the run that shows it.
#include <gtest/gtest.h>

#include "narration_outline.h"

namespace ovlab::gui {
namespace {

TEST(NarrationOutline, TitlesAreTheFirstSentenceWithoutMarkup) {
    EXPECT_EQ(section_title("CreateFileA without **FILE_FLAG_OVERLAPPED** (the ordinary case). More."),
              "CreateFileA without FILE_FLAG_OVERLAPPED");
    EXPECT_EQ(section_title("`ReadFile(hFile, buffer, 4096, &got, NULL)`: no OVERLAPPED."),
              "ReadFile(hFile, buffer, 4096, &got, NULL)");
    EXPECT_EQ(section_title("\n| a | b |\n|---|---|\n\nA file handle."), "A file handle");
    EXPECT_EQ(section_title("파일 핸들입니다. 동기 핸들에는 파일 포인터가 있습니다."), "파일 핸들입니다");
    EXPECT_EQ(section_title("abcdefghij", 4), "abcd…");
    EXPECT_EQ(section_title("가나다라마", 2), "가나…");
}

TEST(NarrationOutline, KeysGroupASectionWithItsSuffixesAndEndings) {
    EXPECT_EQ(outline_key("issue-read.return"), "issue-read");
    EXPECT_EQ(outline_key("issue-read.complete"), "issue-read");
    EXPECT_EQ(outline_key("finished.cleanup-outside"), "finished");
    EXPECT_EQ(outline_key("finished-reading"), "finished-reading");
}

// A made-up lesson: lines 1-2 tagged "open", 3 "read"; the narration file lists read before open.
class Outline : public testing::Test {
protected:
    Outline() {
        source_.tag_at = {"open", "open", "read"};
        for (const auto& [key, text] : std::vector<std::pair<std::string, std::string>>{
                 {"intro", "Two reads."},
                 {"read", "A read starts."},
                 {"read.return", "It returned."},
                 {"open", "The file opens."},
                 {"never", "No line has this tag."},
                 {"finished", "Done."}}) {
            narration_.sections.emplace(key, text);
            narration_.order.push_back(key);
        }
    }
    LessonSource source_;
    Narration narration_;
    const std::vector<StepPlace> places_ = {{trace::EventKind::ApiEnter, 1},
                                            {trace::EventKind::ApiLeave, 2},
                                            {trace::EventKind::ApiEnter, 3},
                                            {trace::EventKind::ApiLeave, 3}};
};

TEST_F(Outline, ListsTheFileOrderWithTheFirstStepEachSectionIsShown) {
    const NarrationOutline outline = make_outline(narration_, source_, places_, std::nullopt, 2);
    ASSERT_EQ(outline.entries.size(), 5u);
    const std::vector<std::string> keys = {outline.entries[0].key, outline.entries[1].key, outline.entries[2].key,
                                           outline.entries[3].key, outline.entries[4].key};
    EXPECT_EQ(keys, (std::vector<std::string>{"intro", "read", "open", "never", "finished"}));
    EXPECT_EQ(outline.entries[1].title, "A read starts");
    EXPECT_EQ(outline.entries[0].first_step, 0u);
    EXPECT_EQ(outline.entries[1].first_step, 3u);  // the read's return (step 4) belongs to it too
    EXPECT_EQ(outline.entries[2].first_step, 1u);
    EXPECT_FALSE(outline.entries[3].first_step);  // not reached: the entry is disabled
    EXPECT_FALSE(outline.entries[4].first_step);  // the run has not ended
    EXPECT_EQ(outline.current, 2u);               // step 2 is open's
}

TEST_F(Outline, TheCurrentEntryFollowsTheStepShown) {
    EXPECT_EQ(make_outline(narration_, source_, places_, std::nullopt, 0).current, 0u);
    EXPECT_EQ(make_outline(narration_, source_, places_, std::nullopt, 4).current, 1u);
    const NarrationOutline ended = make_outline(narration_, source_, places_, 5, 5);
    EXPECT_EQ(ended.entries[4].first_step, 5u);
    EXPECT_EQ(ended.current, 4u);
}

}  // namespace
}  // namespace ovlab::gui
