// A Win32 program built against the runtime, run with OVLAB_TRACE: the IOCP echo server of
// bench/echo serves 64 connections for a moment, is stopped with SIGTERM, and its trace must open
// with `overlapped-lab --open FILE --headless`.
//
//   usage: traced_echo_run SERVER LAB TRACE-FILE [seconds=0.3] [connections=64]
// With OVLAB_TRACE unset in the server (TRACE-FILE "-") it prints the round trips per second only:
// the same load with and without recording, for the cost of recording.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "echo_load.h"

extern char** environ;

namespace {

int fail(const std::string& message) {
    std::fprintf(stderr, "traced_echo_run: %s\n", message.c_str());
    return 1;
}

// Starts the server and reads the "port N" line it prints once it listens.
pid_t start_server(const std::string& program, unsigned& port) {
    int out[2];
    if (pipe(out) != 0) return -1;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    std::string name = program;
    char* argv[] = {name.data(), nullptr};
    pid_t pid = -1;
    const int error = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    FILE* from_server = fdopen(out[0], "r");
    const bool announced = error == 0 && from_server && std::fscanf(from_server, "port %u", &port) == 1;
    if (from_server) std::fclose(from_server);
    return announced ? pid : -1;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

size_t count_of(const std::string& text, const std::string& what) {
    size_t count = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
    return count;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) return fail("usage: traced_echo_run SERVER LAB TRACE-FILE [seconds] [connections]");
    const std::string server = argv[1], lab = argv[2], trace = argv[3];
    const double seconds = argc > 4 ? std::atof(argv[4]) : 0.3;
    const int connections = argc > 5 ? std::atoi(argv[5]) : 64;
    const bool traced = trace != "-";
    if (traced) {
        std::remove(trace.c_str());
        setenv("OVLAB_TRACE", trace.c_str(), 1);
    } else {
        unsetenv("OVLAB_TRACE");
    }
    unsigned port = 0;
    const pid_t pid = start_server(server, port);
    if (pid < 0) return fail("the echo server did not start");
    unsetenv("OVLAB_TRACE");  // for the server only
    // A warm-up long enough for every connection to be accepted and echo before the window counts.
    const bench::LoadResult load = bench::run_load(static_cast<uint16_t>(port), connections, 64, 0.3, seconds, 2);
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    std::printf("%d connections, %.0f round trips/s, p50 %.0f us, p99 %.0f us (%s)\n", connections,
                load.round_trips / load.seconds, load.p50_us, load.p99_us, traced ? "OVLAB_TRACE set" : "not traced");
    if (load.failed || load.round_trips == 0) return fail("the echo load failed");
    if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGTERM)
        return fail("the server did not end by SIGTERM after writing its trace");
    if (!traced) return 0;

    const std::string transcript = trace + ".txt", errors = trace + ".err";
    const std::string command = "'" + lab + "' --open '" + trace + "' --headless > '" + transcript + "' 2> '" + errors + "'";
    const int exit_code = std::system(command.c_str());
    if (exit_code != 0) return fail("--open --headless failed: " + read_file(errors));
    const std::string text = read_file(transcript);
    // Every connection was accepted and given its first WSARecv on the main thread.
    const size_t accepted = count_of(text, "<- accept = ");
    if (accepted < static_cast<size_t>(connections))
        return fail("the transcript shows " + std::to_string(accepted) + " accepted connections, not " +
                    std::to_string(connections) + ":\n" + text.substr(0, 4000));
    if (count_of(text, "GetQueuedCompletionStatus") == 0) return fail("the transcript shows no worker:\n" + text.substr(0, 4000));
    std::printf("trace %s: %zu bytes of transcript, %zu connections accepted\n%s", trace.c_str(), text.size(), accepted,
                read_file(errors).c_str());
    return 0;
}
