#include "program_run.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

#include "ovlab/localized_error.h"
#include "program_link_reader.h"

extern char** environ;

namespace ovlab::app {
namespace {

using namespace std::chrono_literals;

// Once the link closed, a program that does not end by itself within this is killed.
constexpr auto kExitGrace = 2s;

// argv and envp built before fork(): after it, the child may only make async-signal-safe calls.
struct ExecArguments {
    std::vector<std::string> storage;
    std::vector<char*> argv;
    std::vector<char*> envp;
};

ExecArguments exec_arguments(const std::string& program, const std::vector<std::string>& arguments, int fd) {
    ExecArguments exec;
    exec.storage.push_back(program);
    exec.storage.insert(exec.storage.end(), arguments.begin(), arguments.end());
    const size_t argument_count = exec.storage.size();
    const std::string prefix = fmt::format("{}=", link::kEnvironmentVariable);
    for (char** variable = environ; *variable; ++variable)
        if (std::strncmp(*variable, prefix.c_str(), prefix.size()) != 0) exec.storage.emplace_back(*variable);
    exec.storage.push_back(fmt::format("{}{}", prefix, fd));
    for (size_t i = 0; i < exec.storage.size(); ++i)
        (i < argument_count ? exec.argv : exec.envp).push_back(exec.storage[i].data());
    exec.argv.push_back(nullptr);
    exec.envp.push_back(nullptr);
    return exec;
}

// In the child between fork and exec. Its own process group: Ctrl+C reaches the lab, which ends the
// run and says so, rather than the program dying of it. The lab's blocked and ignored signals are
// undone, so the program starts as from a shell; it dies with the lab.
[[noreturn]] void become_program(const ExecArguments& exec, int fd) {
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGPIPE, SIG_DFL);
    ::fcntl(fd, F_SETFD, 0);  // the one descriptor the program inherits on purpose
    ::execve(exec.argv[0], exec.argv.data(), exec.envp.data());
    ::_exit(127);
}

// The C library words errno in English only: the Korean line says the usual reasons itself.
std::string korean_reason(int error) {
    if (error == ENOENT) return "그런 파일이 없습니다";
    if (error == EACCES) return "실행 권한이 없습니다";
    return fmt::format("errno {}", error);
}

[[noreturn]] void cannot(std::string_view english, std::string_view korean, const std::string& program, int error) {
    throw LocalizedError(fmt::format(fmt::runtime(english), program, std::strerror(error)),
                         fmt::format(fmt::runtime(korean), program, korean_reason(error)));
}

}  // namespace

ProgramRun::ProgramRun(const std::string& program, const std::vector<std::string>& arguments)
    : recorder_(std::make_unique<trace::Recorder>()) {
    if (::access(program.c_str(), X_OK) != 0) cannot("cannot run {}: {}", "{}을(를) 실행할 수 없습니다: {}", program, errno);
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
        cannot("cannot make the link to {}: {}", "{}와(과) 연결할 통로를 만들 수 없습니다: {}", program, errno);
    const ExecArguments exec = exec_arguments(program, arguments, pair[1]);
    pid_ = ::fork();
    if (pid_ == 0) become_program(exec, pair[1]);
    const int fork_error = errno;
    ::close(pair[1]);
    fd_ = pair[0];
    if (pid_ < 0) {
        ::close(fd_);
        cannot("cannot start {}: {}", "{}을(를) 시작할 수 없습니다: {}", program, fork_error);
    }
    receiver_ = std::thread([this] { receive(); });
}

ProgramRun::~ProgramRun() {
    stopping_.store(true);
    if (!end()) kill();
    if (receiver_.joinable()) receiver_.join();
    ::close(fd_);
}

bool ProgramRun::command(link::LabCommand command, uint64_t argument) {
    const link::MessageHeader header{static_cast<uint32_t>(command), sizeof argument};
    char message[sizeof header + sizeof argument];
    std::memcpy(message, &header, sizeof header);
    std::memcpy(message + sizeof header, &argument, sizeof argument);
    std::lock_guard lock(send_mutex_);
    return ::send(fd_, message, sizeof message, MSG_NOSIGNAL) == static_cast<ssize_t>(sizeof message);
}

void ProgramRun::kill() {
    std::lock_guard lock(pid_mutex_);
    if (reaped_) return;
    killed_.store(true);
    ::kill(pid_, SIGKILL);
}

std::optional<ProgramEnd> ProgramRun::end() const {
    std::lock_guard lock(end_mutex_);
    return end_;
}

// Reads until the program closes its end (it ended) or breaks the protocol (the lab kills it).
void ProgramRun::receive() {
    ProgramEnd end;
    LinkReader reader({
        [&](const link::Hello&) {
            command(link::LabCommand::Welcome, link::kVersion);  // before any command the lab may send
            connected_.store(true);
        },
        [&](const trace::Event& event) { return recorder_->append_recorded(event) != trace::Recorder::kDropped; },
        [&](const link::Goodbye& goodbye) { end.goodbye = goodbye; },
    });
    char buffer[65536];
    for (;;) {
        pollfd watched{fd_, POLLIN, 0};
        // Once killed, a quiet link is over even if something the program started still holds it.
        if (::poll(&watched, 1, 50) == 0) {
            if (killed_.load() || stopping_.load()) break;
            continue;
        }
        const ssize_t got = ::recv(fd_, buffer, sizeof buffer, 0);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        if (std::optional<std::string> broken = reader.feed(std::string_view(buffer, static_cast<size_t>(got)))) {
            end.broken_link = *broken;
            kill();
            break;
        }
    }
    if (end.broken_link.empty() && reader.partial())
        end.broken_link = "half a message: it ended while writing one";
    end.connected = reader.greeted();
    reap(end);
    std::lock_guard lock(end_mutex_);
    end_ = end;
}

void ProgramRun::reap(ProgramEnd& end) {
    int status = 0;
    const auto deadline = std::chrono::steady_clock::now() + kExitGrace;
    for (;;) {
        {
            std::lock_guard lock(pid_mutex_);
            if (::waitpid(pid_, &status, WNOHANG) != 0) {
                reaped_ = true;
                break;
            }
        }
        if (std::chrono::steady_clock::now() > deadline) kill();
        std::this_thread::sleep_for(5ms);
    }
    end.killed_by_lab = killed_.load();
    if (WIFSIGNALED(status)) {
        end.how = ProgramEnd::How::Signalled;
        end.signal = WTERMSIG(status);
    } else {
        end.exit_code = WEXITSTATUS(status);
    }
}

}  // namespace ovlab::app
