// What lesson.json cannot say about event_sockets.cpp: with peer=1, the file the program writes its
// port to (the window's Peer client panel plays the peer), and the check's message for that run.
#include "built_in_lessons.h"

namespace ovlab::lessons {
namespace {

constexpr const char* kPortFile = "peer-port.txt";  // peer=1: in the working folder

}  // namespace

void event_sockets(LessonProgram& program, const ParameterValues& values)
{
    if (values.at("peer") == 0) return;  // lesson.json says everything about the built-in sender
    program.peer_port_file = kPortFile;
    program.prepare = [](const std::filesystem::path& workdir) {
        return std::vector<std::string>{"portfile=" + (workdir / kPortFile).string()};
    };
    program.check = [](const std::filesystem::path&, int) -> CheckResult {
        return {true, "every overlapped receive from the peer completed, and the last one saw the connection end",
                "상대에게서 받은 모든 수신(중첩 I/O)이 완료되었고, 마지막 수신이 연결이 끝난 것을 보았습니다"};
    };
}

}  // namespace ovlab::lessons
