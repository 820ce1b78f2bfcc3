// Lesson "event-file-copy": the standalone Win32 program (built without the lab's prelude) copies
// real files correctly, and the lesson's own prepare/check agree with it.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "ovlab/lesson_registry.h"
#include "sample_files.h"
#include "test_support.h"

namespace ovlab {
namespace {

using test::ProgramRun;
using test::run_program;
using test::TempFolder;

const std::filesystem::path kProgram = OVLAB_LESSON_EVENT_FILE_COPY_EXE;

size_t count_lines_starting_with(const std::string& text, const std::string& prefix)
{
    size_t count = 0;
    for (size_t start = 0; start < text.size();) {
        size_t end = text.find('\n', start);
        if (text.compare(start, prefix.size(), prefix) == 0) {
            ++count;
        }
        start = end == std::string::npos ? text.size() : end + 1;
    }
    return count;
}

LessonProgram make_program()
{
    const LessonInfo* lesson = find_lesson("event-file-copy");
    if (lesson == nullptr) {
        throw std::runtime_error("lesson event-file-copy is not registered");
    }
    return lesson->program();
}

TEST(EventFileCopy, StandaloneProgramPassesTheLessonCheck)
{
    TempFolder folder;
    LessonProgram program = make_program();
    std::vector<std::string> args = program.prepare(folder.path());
    ASSERT_EQ(args.size(), 4u);
    EXPECT_EQ(std::filesystem::file_size(args[0]), 3u * 4096u + 1234u);

    ProgramRun run = run_program(kProgram, args);
    ASSERT_EQ(run.exit_code, 0) << run.output;
    CheckResult check = program.check(folder.path(), run.exit_code);
    EXPECT_TRUE(check.passed) << check.message;
    EXPECT_EQ(check.message, "3 copies of source.bin (13522 bytes) are byte-identical");
    // Three full reads and one short read per part: short enough to step through in class.
    for (const char* part : {"A", "B", "C"}) {
        EXPECT_EQ(count_lines_starting_with(run.output, fmt::format("{}: offset", part)), 4u) << run.output;
        EXPECT_EQ(count_lines_starting_with(run.output, fmt::format("{}: end of file, 13522 bytes copied", part)), 1u)
            << run.output;
    }
}

TEST(EventFileCopy, SampleIsTheSameEveryRun)
{
    TempFolder first;
    TempFolder second;
    LessonProgram program = make_program();
    std::string a = program.prepare(first.path())[0];
    std::string b = program.prepare(second.path())[0];
    EXPECT_EQ(lessons::describe_difference(a, b), std::nullopt);
}

// Empty, one byte, exactly one and two requests (the end falls on a request boundary), and one
// byte more than a request.
TEST(EventFileCopy, CopiesFilesOfEdgeSizes)
{
    for (size_t size : {size_t{0}, size_t{1}, size_t{4095}, size_t{4096}, size_t{4097}, size_t{8192}}) {
        TempFolder folder;
        std::filesystem::path source = folder / "in.bin";
        lessons::write_sample_file(source, size, static_cast<uint32_t>(size) + 7);
        std::vector<std::string> args = {source.string(), (folder / "a").string(), (folder / "b").string(),
                                         (folder / "c").string()};
        ProgramRun run = run_program(kProgram, args);
        ASSERT_EQ(run.exit_code, 0) << "size " << size << ":\n" << run.output;
        for (size_t i = 1; i < args.size(); ++i) {
            EXPECT_EQ(lessons::describe_difference(source, args[i]), std::nullopt) << "size " << size;
        }
    }
}

TEST(EventFileCopy, MissingArgumentsPrintUsageAndExit2)
{
    ProgramRun run = run_program(kProgram, {"only-one-argument"});
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_NE(run.output.find("usage: event_file_copy <source> <copy-A> <copy-B> <copy-C>"), std::string::npos)
        << run.output;
}

TEST(EventFileCopy, MissingSourceIsReportedWithItsError)
{
    TempFolder folder;
    std::string missing = (folder / "missing.bin").string();
    ProgramRun run = run_program(kProgram, {missing, (folder / "a").string(), (folder / "b").string(),
                                            (folder / "c").string()});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_NE(run.output.find(fmt::format("cannot open {}: error 2", missing)), std::string::npos) << run.output;
    EXPECT_FALSE(std::filesystem::exists(folder / "a"));
}

TEST(EventFileCopy, UnwritableDestinationStopsTheCopy)
{
    TempFolder folder;
    LessonProgram program = make_program();
    std::vector<std::string> args = program.prepare(folder.path());
    args[2] = (folder / "no-such-folder" / "b.bin").string();
    ProgramRun run = run_program(kProgram, args);
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_NE(run.output.find(fmt::format("B: cannot create {}: error 3", args[2])), std::string::npos)
        << run.output;
}

TEST(EventFileCopy, CheckNamesWhatIsWrong)
{
    TempFolder folder;
    LessonProgram program = make_program();
    std::vector<std::string> args = program.prepare(folder.path());
    EXPECT_EQ(program.check(folder.path(), 1).message,
              "the program exited with code 1 (0 means all three copies succeeded)");
    EXPECT_EQ(program.check(folder.path(), 0).message, "copy-a-handle.bin was not created");

    for (size_t i = 1; i < args.size(); ++i) {
        std::filesystem::copy_file(args[0], args[i]);
    }
    EXPECT_TRUE(program.check(folder.path(), 0).passed);
    std::filesystem::resize_file(args[3], 4096);
    EXPECT_EQ(program.check(folder.path(), 0).message, "copy-c-result.bin has 4096 bytes, source.bin has 13522");
    lessons::write_sample_file(args[3], 13522, 99);
    EXPECT_EQ(program.check(folder.path(), 0).message.rfind("copy-c-result.bin differs from source.bin at byte ", 0),
              0u);
}

}  // namespace
}  // namespace ovlab
