// The program's end of the link to the lab (ovlab/program_link.h, docs/program-protocol.md): a
// program built with ovlab_add_lab_program and started by `overlapped-lab --program` records into a
// session hosted by its own process, sends its trace to the lab and takes the lab's step commands.
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <thread>
#include <vector>

#include "child_link.h"
#include "ovlab/program_link.h"
#include "ovlab/session.h"

namespace ovlab::link {
namespace {

bool send_all(int fd, const void* data, size_t size) {
    const auto* bytes = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t sent = ::send(fd, bytes, size, MSG_NOSIGNAL);
        if (sent < 0 && errno == EINTR) continue;
        if (sent <= 0) return false;
        bytes += sent;
        size -= static_cast<size_t>(sent);
    }
    return true;
}

bool receive_all(int fd, void* data, size_t size) {
    auto* bytes = static_cast<char*>(data);
    while (size > 0) {
        const ssize_t got = ::recv(fd, bytes, size, 0);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return false;
        bytes += got;
        size -= static_cast<size_t>(got);
    }
    return true;
}

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "this program was started by Overlapped Lab, but %s; run it without %s to run it alone\n", what,
                 kEnvironmentVariable);
    std::_Exit(127);
}

class ChildLink {
public:
    ChildLink(int fd, Session& session) : fd_(fd), session_(session) {}

    void start() { thread_ = std::thread([this] { serve(); }); }

    // main returned: the run's last events, then Goodbye. Only the calling thread sends from now on.
    void finish(const Goodbye& goodbye) {
        stopping_.store(true);
        if (thread_.joinable()) thread_.join();
        send_events();
        const MessageHeader header{static_cast<uint32_t>(ProgramMessage::Goodbye), sizeof goodbye};
        if (send_all(fd_, &header, sizeof header)) send_all(fd_, &goodbye, sizeof goodbye);
    }

    // From a crash handler: only atomics and nanosleep. Gives the link thread up to two seconds to
    // send what the run recorded before the crash.
    void drain_before_crash() const {
        const timespec millisecond{0, 1000000};
        for (int waited = 0; waited < 2000 && !stopping_.load() &&
                             sent_.load() < session_.recorder().published();
             ++waited)
            nanosleep(&millisecond, nullptr);
    }

private:
    void serve() {
        while (!stopping_.load()) {
            pollfd watched{fd_, POLLIN, 0};
            const int ready = ::poll(&watched, 1, 1);
            if (ready > 0 && !take_command()) std::_Exit(kAbortedExitCode);  // the lab went away
            if (!send_events()) std::_Exit(kAbortedExitCode);
        }
    }

    bool send_events() {
        const uint64_t published = session_.recorder().published();
        uint64_t next = sent_.load();
        while (next < published) {
            const uint64_t count = std::min<uint64_t>(published - next, kMaxEventsPerMessage);
            batch_.resize(count);
            for (uint64_t i = 0; i < count; ++i) batch_[i] = session_.recorder().at(next + i);
            const MessageHeader header{static_cast<uint32_t>(ProgramMessage::Events),
                                       static_cast<uint32_t>(count * sizeof(trace::Event))};
            if (!send_all(fd_, &header, sizeof header) || !send_all(fd_, batch_.data(), header.length)) return false;
            next += count;
            sent_.store(next);
        }
        return true;
    }

    bool take_command() {
        MessageHeader header;
        uint64_t argument = 0;
        if (!receive_all(fd_, &header, sizeof header) || header.length != sizeof argument ||
            !receive_all(fd_, &argument, sizeof argument))
            return false;
        step::Stepper& stepper = session_.stepper();
        switch (static_cast<LabCommand>(header.type)) {
            case LabCommand::Step: stepper.step(); break;
            case LabCommand::Run: stepper.run(std::chrono::microseconds(argument)); break;
            case LabCommand::Pause: stepper.pause(); break;
            case LabCommand::Hold: stepper.set_hold(argument != 0); break;
            case LabCommand::Release: stepper.release_held(); break;
            case LabCommand::Abort: std::_Exit(kAbortedExitCode);
            default: return false;
        }
        return true;
    }

    int fd_;
    Session& session_;
    std::thread thread_;
    std::atomic<bool> stopping_{false};
    std::atomic<uint64_t> sent_{0};
    std::vector<trace::Event> batch_;
};

ChildLink* g_link = nullptr;
Session* g_session = nullptr;
uint32_t g_main_thread = 0;

// Called once, by whichever comes first: main returning (program_main.cpp) or exit() (on_exit).
[[noreturn]] void end_program(int exit_code, bool main_returned) {
    Goodbye goodbye;
    goodbye.exit_code = exit_code;
    if (main_returned) {
        const SessionResult result = g_session->end_hosted_main(exit_code);
        goodbye.leaked_handles = result.leaked_handles;
        goodbye.leaked_heap_blocks = result.leaked_heap_blocks;
    } else {
        record({trace::EventKind::ThreadExited, 0, static_cast<uint64_t>(static_cast<int64_t>(exit_code))});
    }
    g_link->finish(goodbye);
    std::fflush(nullptr);
    std::_Exit(exit_code);
}

// exit() called by the program itself (or ExitProcess): by now the static objects the program
// created have been destroyed, so the run cannot be cleaned up as when main returns; the lab still
// gets the last events and the exit code, and the process ends without running the rest.
void on_exit_called(int status, void*) { end_program(status, false); }

// A crash (or abort()) ends the program as it would outside the lab, but only once the lab has what
// the run recorded up to it: the lab names the last step the program took.
void on_crash(int signal) {
    if (g_link) g_link->drain_before_crash();
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

void watch_for_crashes() {
    struct sigaction action {};
    action.sa_handler = on_crash;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;
    for (int signal : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) sigaction(signal, &action, nullptr);
}

int link_descriptor(const char* text) {
    char* end = nullptr;
    errno = 0;
    const long fd = std::strtol(text, &end, 10);
    if (errno || end == text || *end != '\0' || fd < 0 || fd > 65535) fail("the link it names is not a descriptor");
    return static_cast<int>(fd);
}

void handshake(int fd) {
    Hello hello;
    hello.pid = static_cast<int32_t>(::getpid());
    const MessageHeader header{static_cast<uint32_t>(ProgramMessage::Hello), sizeof hello};
    if (!send_all(fd, &header, sizeof header) || !send_all(fd, &hello, sizeof hello)) fail("the lab cannot be reached");
    MessageHeader answer;
    uint64_t version = 0;
    if (!receive_all(fd, &answer, sizeof answer) || answer.type != static_cast<uint32_t>(LabCommand::Welcome) ||
        answer.length != sizeof version || !receive_all(fd, &version, sizeof version))
        fail("the lab did not answer");
    if (version != kVersion) fail("the lab speaks another version of the link");
}

bool attach() {
    const char* named = std::getenv(kEnvironmentVariable);
    if (!named) return false;
    const int fd = link_descriptor(named);
    ::unsetenv(kEnvironmentVariable);                 // for the program alone, not for what it starts
    if (::fcntl(fd, F_SETFD, FD_CLOEXEC) != 0) fail("the link it names is not open");
    handshake(fd);
    // Both live as long as the process: it ends with _Exit, never by destroying them.
    g_session = new Session(Session::HostedProcess{}, program_invocation_short_name);
    g_link = new ChildLink(fd, *g_session);
    g_link->start();
    watch_for_crashes();
    ::on_exit(on_exit_called, nullptr);
    g_session->host_main_thread();
    g_main_thread = trace::current_thread();
    return true;
}

}  // namespace

bool attach_to_lab_if_asked() {
    static const bool attached = attach();
    return attached;
}

void main_returned(int exit_code) {
    if (g_session) end_program(exit_code, true);
}

}  // namespace ovlab::link
