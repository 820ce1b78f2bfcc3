// What lesson.json cannot say about completion_routine.cpp: the sample file, and the check's
// message, which reads differently with alertable off.
#include "built_in_lessons.h"
#include "sample_files.h"

namespace ovlab::lessons {
namespace {

constexpr const char* kSampleName = "sample.txt";
constexpr size_t kBlockSize = 4096;
constexpr size_t kBlocks = 2;

}  // namespace

void completion_routine(LessonProgram& program, const ParameterValues& values)
{
    const bool alertable = values.at("alertable") != 0;
    program.prepare = [](const std::filesystem::path& workdir) {
        std::filesystem::path sample = workdir / kSampleName;
        write_labelled_file(sample, kSampleName, kBlocks, kBlockSize);
        return std::vector<std::string>{sample.string()};
    };
    program.check = [alertable](const std::filesystem::path&, int) -> CheckResult {
        return {true, alertable ? std::string("the file read and all three socket receives ran their completion "
                                              "routines, on main, inside alertable waits")
                                : std::string("the file read and all three socket receives ran their completion "
                                              "routines, on main, only once SleepEx(0, TRUE) made it alertable"),
                alertable ? std::string("파일 읽기와 세 소켓 수신의 완료 루틴이 main에서, alertable 대기 안에서 실행되었습니다")
                          : std::string("파일 읽기와 세 소켓 수신의 완료 루틴이 main에서, SleepEx(0, TRUE)로 alertable "
                                        "상태가 된 뒤에야 실행되었습니다")};
    };
}

}  // namespace ovlab::lessons
