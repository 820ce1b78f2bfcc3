// What lesson.json cannot say about completion_routine.cpp: the sample file, with peer=1 the file
// the program writes its port to (the window's Peer client panel plays the peer), and the check's
// message, which reads differently with alertable off or the peer outside.
#include "built_in_lessons.h"
#include "sample_files.h"

namespace ovlab::lessons {
namespace {

constexpr const char* kSampleName = "sample.txt";
constexpr size_t kBlockSize = 4096;
constexpr size_t kBlocks = 2;
constexpr const char* kPortFile = "peer-port.txt";  // peer=1: in the working folder

}  // namespace

void completion_routine(LessonProgram& program, const ParameterValues& values)
{
    const bool alertable = values.at("alertable") != 0;
    const bool outside = values.at("peer") != 0;
    if (outside) program.peer_port_file = kPortFile;
    program.prepare = [outside](const std::filesystem::path& workdir) {
        std::filesystem::path sample = workdir / kSampleName;
        write_labelled_file(sample, kSampleName, kBlocks, kBlockSize);
        std::vector<std::string> arguments{sample.string()};
        if (outside) arguments.push_back("portfile=" + (workdir / kPortFile).string());
        return arguments;
    };
    program.check = [alertable, outside](const std::filesystem::path&, int) -> CheckResult {
        if (outside) {
            return {true, "the file read and every receive from the peer ran their completion routines on main, up to "
                          "the one that saw the connection end",
                    "파일 읽기와 상대에게서 받은 모든 수신의 완료 루틴이, 연결이 끝난 것을 본 루틴까지 main에서 실행되었습니다"};
        }
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
