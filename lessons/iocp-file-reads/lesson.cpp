// What the lab adds around iocp_file_reads.cpp: titles, the two sample files, the parameters and the
// check.
#include <fmt/format.h>

#include <algorithm>

#include "lesson_catalog.h"
#include "sample_files.h"

// The lesson's main, renamed by the build (see ovlab_add_lesson in lessons/CMakeLists.txt).
int ovlab_lesson_iocp_file_reads_main(int argc, char** argv);

namespace ovlab::lessons {
namespace {

constexpr const char* kFileA = "file-a.txt";
constexpr const char* kFileB = "file-b.txt";
constexpr size_t kMinimumFileBytes = 32 * 1024;  // 8 blocks at the default size: the default transcript stays as it is

std::vector<LessonParameter> parameters()
{
    return {
        {.name = "workers", .default_value = 2, .min = 1, .max = 4,
         .explain_en = "Worker threads blocked in GetQueuedCompletionStatus: the port wakes the one that came "
                       "last (LIFO).",
         .explain_ko = "GetQueuedCompletionStatus에서 기다리는 작업자 스레드 수: 포트는 마지막에 온 스레드를 먼저 "
                       "깨웁니다(LIFO)."},
        {.name = "concurrency", .default_value = 2, .min = 0, .max = 4,
         .explain_en = "The port's concurrency value (0 = one per processor): the port releases a waiting worker only "
                       "while fewer run; below the number of workers, the others wait even while packets queue.",
         .explain_ko = "포트의 동시 실행 값 (0 = 프로세서당 하나): 실행 중인 스레드가 이보다 적을 때만 포트가 기다리는 "
                       "스레드를 풀어 줍니다. 작업자 스레드 수보다 작으면, 패킷이 쌓여 있어도 나머지는 기다립니다."},
        {.name = "reads", .default_value = 2, .min = 1, .max = 8,
         .explain_en = "Reads per file: more completion packets queue in the port, first in, first out.",
         .explain_ko = "파일마다 읽는 횟수: 더 많은 완료 패킷이 포트에 쌓이고, 먼저 들어온 것이 먼저 나갑니다."},
        {.name = "size", .default_value = 4096, .min = 512, .max = 65536,
         .explain_en = "Bytes per read; read N starts at offset N x size, so the block label shows each offset.",
         .explain_ko = "읽기 한 번의 바이트 수: N번째 읽기는 N x 크기 오프셋에서 시작하므로, 블록 표시로 각 오프셋이 "
                       "보입니다."},
    };
}

LessonProgram make_program(const ParameterValues& values)
{
    const unsigned workers = values.at("workers");
    const unsigned reads = values.at("reads");
    const unsigned size = values.at("size");
    LessonProgram program;
    program.id = "iocp-file-reads";
    program.entry = ovlab_lesson_iocp_file_reads_main;
    // One labelled block per read size, so every read starts on a label whatever the size; large
    // enough for every read to get data: a read past the end would teach something else.
    program.prepare = [reads, size](const std::filesystem::path& workdir) {
        const size_t bytes = std::max(kMinimumFileBytes, size_t{size} * reads);
        const size_t blocks = (bytes + size - 1) / size;
        write_labelled_file(workdir / kFileA, kFileA, blocks, size);
        write_labelled_file(workdir / kFileB, kFileB, blocks, size);
        return std::vector<std::string>{(workdir / kFileA).string(), (workdir / kFileB).string()};
    };
    program.check = [workers, reads](const std::filesystem::path&, int exit_code) -> CheckResult {
        if (exit_code != 0) {
            return {false, fmt::format("the program exited with code {} (0 means every read was "
                                       "handled correctly, every worker stopped, and a last wait on "
                                       "the port timed out with no packet)",
                                       exit_code),
                    fmt::format("프로그램이 종료 코드 {}로 끝났습니다(0이면 모든 읽기가 바르게 처리되고 모든 작업자가 멈췄으며, "
                                "포트에서의 마지막 대기가 완료 패킷 없이 시간 초과로 끝난 것)",
                                exit_code)};
        }
        return {true, fmt::format("{} reads ({} per file, keys 100 and 200) each returned the block "
                                  "at its offset, {}, and the port was left empty (WAIT_TIMEOUT, no OVERLAPPED)",
                                  2 * reads, reads,
                                  workers == 1 ? std::string("the worker stopped")
                                               : fmt::format("the {} workers all stopped", workers)),
                fmt::format("읽기 {}개(파일마다 {}개, 완료 키 100과 200)가 각자 오프셋의 블록을 돌려주었고, {} 포트는 "
                            "비어 있었습니다(WAIT_TIMEOUT, OVERLAPPED 없음)",
                            2 * reads,
                            reads, workers == 1 ? std::string("작업자가 멈췄으며,")
                                                : fmt::format("작업자 {}개가 모두 멈췄으며,", workers))};
    };
    return program;
}

std::vector<ConsoleWording> console_ko()
{
    return {
        {R"re(worker: stop packet, exiting)re", "작업자: 종료 패킷, 끝냄"},
        {R"re(worker: GetQueuedCompletionStatus failed: error (\d+))re", "작업자: GetQueuedCompletionStatus 실패: 오류 $1"},
        {R"re(worker: read (\d+) failed: error (\d+))re", "작업자: 읽기 $1 실패: 오류 $2"},
        {R"re(worker: key (\d+), read (\d+) \(file (\w)\), (\d+) bytes at offset (\d+): block labelled offset (\d+))re",
         "작업자: 완료 키 $1, 읽기 $2(파일 $3), 오프셋 $5에서 $4바이트: 블록 표시: 오프셋 $6"},
        {R"re(read (\d+) did not start: error (\d+))re", "읽기 $1이 시작되지 않음: 오류 $2"},
        {R"re(cannot open the files: error (\d+))re", "파일을 열 수 없음: 오류 $1"},
        {R"re(cannot associate the files with the port: error (\d+))re", "파일을 포트에 등록할 수 없음: 오류 $1"},
        {R"re(out of memory for read (\d+))re", "읽기 $1에 쓸 메모리가 없음"},
        {R"re(main: (\d+) reads started; the workers will handle them)re", "main: 읽기 $1개를 시작함. 작업자들이 처리함"},
        {R"re(main: the port is empty: after 100 ms, error (\d+), lpOverlapped NULL \(no packet\))re",
         "main: 포트가 비어 있음: 100ms 뒤 오류 $1, lpOverlapped NULL(완료 패킷 없음)"},
        {R"re(main: the port is empty: after 100 ms, error (\d+), lpOverlapped set \(a packet was left!\))re",
         "main: 포트가 비어 있음: 100ms 뒤 오류 $1, lpOverlapped가 채워짐(완료 패킷이 남아 있었음!)"},
        {R"re((\d+) of (\d+) workers stopped cleanly; (\d+) reads each returned the block at its offset)re",
         "작업자 $2개 중 $1개가 깔끔하게 멈춤. 읽기 $3개가 각각 자기 오프셋의 블록을 돌려줌"},
        {R"re((\d+) of (\d+) workers stopped cleanly; (\d+) reads did not all succeed)re",
         "작업자 $2개 중 $1개가 깔끔하게 멈춤. 읽기 $3개가 모두 성공하지는 않음"},
    };
}

}  // namespace

LessonInfo iocp_file_reads()
{
    LessonInfo lesson;
    lesson.id = "iocp-file-reads";
    lesson.title_en = "I/O completion port: worker threads handle four file reads, then stop";
    lesson.title_ko = "입출력 완료 포트: 작업자 스레드가 파일 읽기 네 개를 처리하고 멈춘다";
    lesson.source_file = "iocp_file_reads.cpp";
    lesson.parameters = parameters();
    lesson.console_ko = console_ko();
    lesson.make_program = make_program;
    return lesson;
}

}  // namespace ovlab::lessons
