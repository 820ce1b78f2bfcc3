// The code pane shows a lesson's lines without their step tags, on every line alike: the tag names a
// narration section for whoever edits the lesson, not something a student reads.
#include <gtest/gtest.h>

#include "code_highlight.h"

namespace ovlab::gui {
namespace {

TEST(CodePaneLine, ACommentThatIsOnlyATagGoesWithTheSpacesBeforeIt) {
    EXPECT_EQ(without_step_tag("    if (!CloseHandle(hFile)) {  // [step: close-blocking]"), "    if (!CloseHandle(hFile)) {");
    EXPECT_EQ(without_step_tag("    // [step: setup]"), "");
    EXPECT_EQ(without_step_tag("// [step: setup]"), "");
}

TEST(CodePaneLine, OtherWordsInTheCommentStay) {
    EXPECT_EQ(without_step_tag("    shutdown(s, SD_BOTH);  // [step: cleanup]  a sender waiting gets 0 bytes"),
              "    shutdown(s, SD_BOTH);  // a sender waiting gets 0 bytes");
}

TEST(CodePaneLine, LinesWithoutATagAreUnchanged) {
    EXPECT_EQ(without_step_tag("    ReadFile(h, buf, n, NULL, &ov);  // starts the read"),
              "    ReadFile(h, buf, n, NULL, &ov);  // starts the read");
    EXPECT_EQ(without_step_tag("    int steps[2] = {0, 1};"), "    int steps[2] = {0, 1};");
}

}  // namespace
}  // namespace ovlab::gui
