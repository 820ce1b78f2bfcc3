// What the lab adds around event_file_copy.cpp: titles, the sample file, and the check that all
// three copies came out byte-identical.
#include <fmt/format.h>

#include <array>

#include "lesson_catalog.h"
#include "sample_files.h"

// The lesson's main, renamed by the build (see ovlab_add_lesson in lessons/CMakeLists.txt).
int ovlab_lesson_event_file_copy_main(int argc, char** argv);

namespace ovlab::lessons {
namespace {

constexpr const char* kSourceName = "source.bin";
// One destination per part, named after how that part learns a request finished.
constexpr std::array<const char*, 3> kCopyNames = {"copy-a-handle.bin", "copy-b-event.bin", "copy-c-result.bin"};
// Three full 4096-byte requests and a short one, so every part shows a full read, a short read
// and the end of the file, in about four reads per part.
constexpr size_t kSampleSize = 3 * 4096 + 1234;
constexpr uint32_t kSampleSeed = 0x0EF1C0B7;

std::vector<std::string> prepare(const std::filesystem::path& workdir)
{
    std::filesystem::path source = workdir / kSourceName;
    write_sample_file(source, kSampleSize, kSampleSeed);
    std::vector<std::string> args = {source.string()};
    for (const char* name : kCopyNames) {
        args.push_back((workdir / name).string());
    }
    return args;
}

CheckResult check(const std::filesystem::path& workdir, int exit_code)
{
    if (exit_code != 0) {
        return {false, fmt::format("the program exited with code {} (0 means all three copies succeeded)", exit_code),
                fmt::format("프로그램이 종료 코드 {}로 끝났습니다(0이면 세 복사가 모두 성공한 것)", exit_code)};
    }
    for (const char* name : kCopyNames) {
        if (std::optional<std::string> difference = describe_difference(workdir / kSourceName, workdir / name)) {
            return {false, *difference};
        }
    }
    return {true,
            fmt::format("{} copies of {} ({} bytes) are byte-identical", kCopyNames.size(), kSourceName, kSampleSize),
            fmt::format("{}({}바이트)의 복사본 {}개가 바이트 단위로 같습니다", kSourceName, kSampleSize, kCopyNames.size())};
}

std::vector<ConsoleWording> console_ko()
{
    return {
        {R"re(([ABC]): offset +(\d+): read +(\d+) bytes, wrote them)re", "$1: 오프셋 $2: $3바이트를 읽고 썼음"},
        {R"re(([ABC]): read failed: status (0x[0-9A-F]+))re", "$1: 읽기 실패: 상태 $2"},
        {R"re(([ABC]): write failed: status (0x[0-9A-F]+))re", "$1: 쓰기 실패: 상태 $2"},
        {R"re(([ABC]): read failed: error (\d+))re", "$1: 읽기 실패: 오류 $2"},
        {R"re(([ABC]): write failed: error (\d+))re", "$1: 쓰기 실패: 오류 $2"},
        {R"re(([ABC]): (\w+) failed: error (\d+))re", "$1: $2 실패: 오류 $3"},
        {R"re(C: short write: (\d+) of (\d+) bytes)re", "C: 덜 씀: $2바이트 중 $1바이트"},
        {R"re(([ABC]): cannot create (.*): error (\d+))re", "$1: $2을(를) 만들 수 없음: 오류 $3"},
        {R"re(([ABC]): copied (\d+) bytes, expected (\d+))re", "$1: $2바이트를 복사함, 기대한 값은 $3"},
        {R"re(([ABC]): end of file, (\d+) bytes copied)re", "$1: 파일 끝, $2바이트 복사함"},
        {R"re(source: (\d+) bytes, (\d+) bytes per request)re", "복사할 파일: $1바이트, 요청마다 $2바이트"},
        {R"re(done: three copies written)re", "끝: 복사본 세 개를 씀"},
        {R"re(copy failed)re", "복사 실패"},
    };
}

}  // namespace

LessonInfo event_file_copy()
{
    LessonInfo lesson;
    lesson.id = "event-file-copy";
    lesson.title_en = "Copying a file with OVERLAPPED: wait on the handle, on an event, with GetOverlappedResult";
    lesson.title_ko = "OVERLAPPED로 파일 복사: 파일 핸들, 이벤트, GetOverlappedResult로 완료 기다리기";
    lesson.source_file = "event_file_copy.cpp";
    // No parameters: the three parts are the lesson, and CHUNK_SIZE is fixed in the program.
    lesson.console_ko = console_ko();
    lesson.make_program = [](const ParameterValues&) {
        LessonProgram program;
        program.id = "event-file-copy";
        program.entry = ovlab_lesson_event_file_copy_main;
        program.prepare = prepare;
        program.check = check;
        return program;
    };
    return lesson;
}

}  // namespace ovlab::lessons
