// A failure is never exit 0, and its message is one line that cannot play tricks on the terminal.
// The real binary runs in a child process, so stdout can be a full disk (/dev/full).
#include <gtest/gtest.h>

#include "child_process.h"

namespace ovlab::test {
namespace {

size_t count(const std::string& text, const std::string& part) {
    size_t found = 0;
    for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++found;
    return found;
}

constexpr const char* kStdoutFull = "error: cannot write to standard output: No space left on device\n";

TEST(FullStdout, InformationThatCannotBeWrittenIsAnError) {
    const std::vector<std::vector<std::string>> asks = {
        {"--list-lessons"}, {"--help"}, {"--version"}, {"--lesson", "iocp-echo-server", "--list-params"}};
    for (const std::vector<std::string>& args : asks) {
        const Finished run = run_program(args, "/dev/full");
        EXPECT_EQ(run.status, 1) << args.front();
        EXPECT_EQ(run.errors, kStdoutFull) << args.front();
    }
}

TEST(FullStdout, AHeadlessRunStopsAndSaysSoOnce) {
    const Finished run = run_program({"--lesson", "event-file-copy", "--headless"}, "/dev/full");
    EXPECT_EQ(run.status, 1);
    EXPECT_EQ(count(run.errors, kStdoutFull), 1u) << run.errors;
}

TEST(UsageErrors, AnEmptyLessonIdIsRefused) {
    const Finished run = run_program({"--lesson", ""});
    EXPECT_EQ(run.status, 2);
    EXPECT_EQ(run.errors, "error: --lesson needs a lesson id (see --list-lessons)\n");
}

TEST(UsageErrors, AParamGivenTwiceIsRefused) {
    const Finished run =
        run_program({"--lesson", "iocp-echo-server", "--headless", "--param", "workers=2", "--param", "workers=3"});
    EXPECT_EQ(run.status, 2);
    EXPECT_EQ(run.errors, "error: --param workers given twice (2 and 3)\n");
}

TEST(UsageErrors, ControlCharactersInArgumentsAreEchoedVisibly) {
    Finished run = run_program({"--lesson", "x\x1b[2J\ny"});
    EXPECT_EQ(run.status, 2);
    EXPECT_EQ(run.errors, "error: unknown lesson 'x\\x1b[2J\\ny' (see --list-lessons)\n");
    run = run_program({"--bell\a"});
    EXPECT_EQ(run.status, 2);
    EXPECT_EQ(run.errors, "error: unknown option '--bell\\x07' (see --help)\n");
    run = run_program({"--lesson", "iocp-echo-server", "--param", "workers=\x1b[31m"});
    EXPECT_EQ(run.status, 2);
    EXPECT_EQ(run.errors.find('\x1b'), std::string::npos) << run.errors;
}

}  // namespace
}  // namespace ovlab::test
