#include "io_backend.h"

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace ovlab::posix {
namespace {

std::unique_ptr<IoBackend> select_backend() {
    const char* requested = std::getenv("OVLAB_IO_BACKEND");
    const std::string_view choice = requested ? requested : "";
    if (choice == "threads") return make_thread_pool_backend();
    if (!choice.empty() && choice != "uring")
        std::fprintf(stderr, "overlapped-lab: OVLAB_IO_BACKEND=%s is not a backend (use uring or threads); using the default\n",
                     requested);
    if (std::unique_ptr<IoBackend> uring = make_uring_backend()) return uring;
    if (choice == "uring")
        std::fprintf(stderr, "overlapped-lab: io_uring is not available here; using the thread-pool backend\n");
    return make_thread_pool_backend();
}

}  // namespace

IoBackend& io_backend() {
    static const std::unique_ptr<IoBackend> backend = select_backend();
    return *backend;
}

}  // namespace ovlab::posix
