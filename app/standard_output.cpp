#include "standard_output.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>

#include "interrupt.h"

namespace ovlab::app {
namespace {

bool g_failed = false;

void note_failure(int error) {
    if (g_failed) return;
    g_failed = true;
    if (error == EPIPE) {
        stop_for_closed_output();
        return;
    }
    fmt::print(stderr, "error: cannot write to standard output: {}\n",
               error ? std::strerror(error) : "the stream reports an error");
}

}  // namespace

bool print_out(std::string_view text) {
    if (g_failed) return false;
    errno = 0;
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size()) note_failure(errno);
    return !g_failed;
}

bool flush_out() {
    if (g_failed) return false;
    errno = 0;
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) note_failure(errno);
    return !g_failed;
}

}  // namespace ovlab::app
