// GetCurrentProcess(Id), DuplicateHandle and ExitProcess.
#include "process.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

#include "api_call.h"
#include "handle_table.h"
#include "last_error.h"
#include "ovlab/session.h"
#include "thread_start.h"
#include "trace_hooks.h"

namespace ovlab::posix {
namespace {

class ProcessObject : public KernelObject {
public:
    ProcessObject() : KernelObject(trace::HandleKind::Other, false) {}
    std::string describe() const override { return "process (this program)"; }
};

BOOL duplicate_handle(HANDLE source_process, HANDLE source, HANDLE target_process, LPHANDLE target, DWORD options) {
    const std::shared_ptr<KernelObject> process = current_process_object();
    // Only this process exists here: both process handles must name it.
    if (lookup_handle(source_process) != process || lookup_handle(target_process) != process)
        return fail(ERROR_INVALID_HANDLE);
    // The pseudo-handles resolve to the real objects, so their duplicates are real handles.
    std::shared_ptr<KernelObject> object = lookup_handle(source);
    if (!object) return fail(ERROR_INVALID_HANDLE);
    HANDLE duplicate = insert_handle(std::move(object));
    name_argument(3, handle_value(duplicate), false);
    // Windows: with a NULL target the duplicate is made but its value is lost (kept for old code).
    if (target) *target = duplicate;
    if (options & DUPLICATE_CLOSE_SOURCE) close_handle(source);
    set_last_error(ERROR_SUCCESS);
    return TRUE;
}

// (HANDLE)-1 is GetCurrentProcess() here, not INVALID_HANDLE_VALUE.
std::string process_argument(std::string_view parameter, size_t index, HANDLE handle) {
    if (handle == kCurrentProcessPseudoHandle) return fmt::format("{}=GetCurrentProcess()", parameter);
    return handle_argument(parameter, index, handle);
}

std::string options_text(DWORD options) {
    std::string text;
    if (options & DUPLICATE_CLOSE_SOURCE) text = "DUPLICATE_CLOSE_SOURCE";
    if (options & DUPLICATE_SAME_ACCESS) text += text.empty() ? "DUPLICATE_SAME_ACCESS" : " | DUPLICATE_SAME_ACCESS";
    if (const DWORD rest = options & ~DWORD{DUPLICATE_CLOSE_SOURCE | DUPLICATE_SAME_ACCESS}; rest || text.empty())
        text += fmt::format("{}0x{:X}", text.empty() ? "" : " | ", rest);
    return text;
}

}  // namespace

std::shared_ptr<KernelObject> current_process_object() {
    static const std::shared_ptr<KernelObject> process = std::make_shared<ProcessObject>();
    return process;
}

}  // namespace ovlab::posix

using namespace ovlab::posix;

extern "C" HANDLE WINAPI GetCurrentProcess(VOID) { return kCurrentProcessPseudoHandle; }

extern "C" DWORD WINAPI GetCurrentProcessId(VOID) { return static_cast<DWORD>(::getpid()); }

extern "C" BOOL WINAPI DuplicateHandle(HANDLE hSourceProcessHandle, HANDLE hSourceHandle, HANDLE hTargetProcessHandle,
                                       LPHANDLE lpTargetHandle, DWORD dwDesiredAccess, BOOL bInheritHandle,
                                       DWORD dwOptions) {
    ApiCall call("DuplicateHandle", [&] {
        return fmt::format("{}, {}, {}, {}, dwDesiredAccess=0x{:X}, {}, dwOptions={}",
                           process_argument("hSourceProcessHandle", 0, hSourceProcessHandle),
                           handle_argument("hSourceHandle", 1, hSourceHandle),
                           process_argument("hTargetProcessHandle", 2, hTargetProcessHandle),
                           pointer_argument("lpTargetHandle", 3, lpTargetHandle), dwDesiredAccess,
                           bool_argument("bInheritHandle", bInheritHandle), options_text(dwOptions));
    });
    return call.returns_bool(
        duplicate_handle(hSourceProcessHandle, hSourceHandle, hTargetProcessHandle, lpTargetHandle, dwOptions));
}

// Inside a lesson the lab is the process, so ExitProcess ends only the calling lesson thread: on
// the main thread that ends the run with this exit code, as returning from main does (§17).
extern "C" VOID WINAPI ExitProcess(UINT uExitCode) {
    ApiCall call("ExitProcess", [&] { return fmt::format("uExitCode={}", uExitCode); });
    if (ovlab::Session* session = ovlab::Session::current()) {
        // A program the lab runs in its own process: on its main thread (trace thread 1) this ends the
        // run as main returning does; on another thread the process ends as exit() ends it.
        if (session->hosts_process() && ovlab::trace::current_thread() != 1) std::exit(static_cast<int>(uExitCode));
        exit_current_thread(uExitCode);
    }
    std::fflush(nullptr);  // the CRT writes out its streams as the process ends
    std::_Exit(static_cast<int>(uExitCode));
}
