#include "ovlab/session.h"

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <random>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "ovlab/platform.h"
#include "ovlab/process_recording.h"

#ifndef _WIN32
#include <sys/stat.h>

#include <cerrno>
#endif

namespace ovlab {
namespace {

std::atomic<Session*> g_current{nullptr};

// Run folders in use, removed at exit() as well: when the display goes away, Xlib ends the process
// with exit() from whatever thread noticed, and no Session destructor runs. (_Exit, the second
// Ctrl+C, skips this on purpose.) Never destroyed, so the atexit handler can still reach it.
struct LiveRunFolders {
    std::mutex mutex;
    std::set<std::filesystem::path> folders;
};

LiveRunFolders& live_run_folders() {
    static LiveRunFolders& instance = [] () -> LiveRunFolders& {
        auto* folders = new LiveRunFolders;
        std::atexit([] {
            LiveRunFolders& live = live_run_folders();
            // exit() may come while another thread holds the lock: better a folder left than a hang.
            std::unique_lock lock(live.mutex, std::try_to_lock);
            if (!lock) return;
            std::error_code ignored;
            for (const std::filesystem::path& folder : live.folders) std::filesystem::remove_all(folder, ignored);
            live.folders.clear();
        });
        return *folders;
    }();
    return instance;
}

void remember_run_folder(const std::filesystem::path& folder) {
    LiveRunFolders& live = live_run_folders();
    std::lock_guard lock(live.mutex);
    live.folders.insert(folder);
}

void remove_run_folder(const std::filesystem::path& folder) {
    LiveRunFolders& live = live_run_folders();
    std::lock_guard lock(live.mutex);
    std::error_code ignored;
    std::filesystem::remove_all(folder, ignored);
    live.folders.erase(folder);
}

// Owner-only from the first moment, whatever the umask: the lesson's files are its student's alone
// (Windows' temporary folder is private to the user already). False without an error when the
// name exists, as std::filesystem::create_directory.
bool create_private_directory(const std::filesystem::path& folder, std::error_code& error) {
#ifndef _WIN32
    if (::mkdir(folder.c_str(), 0700) == 0) return true;
    if (errno != EEXIST) error = std::error_code(errno, std::generic_category());
    return false;
#else
    return std::filesystem::create_directory(folder, error);
#endif
}

// mkdtemp() without POSIX: create_directory() fails when the name exists, so a fresh random name
// is tried until one is free (the folder is then ours alone, as with mkdtemp).
std::filesystem::path make_run_folder() {
    std::error_code error;
    const std::filesystem::path temp = std::filesystem::temp_directory_path(error);
    if (error) throw std::runtime_error(fmt::format("cannot find the temporary folder: {}", error.message()));
    std::random_device entropy;
    std::mt19937_64 random((uint64_t{entropy()} << 32) ^ entropy());
    constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (int attempt = 0; attempt < 100; ++attempt) {
        std::string name = "overlapped-lab-";
        for (int i = 0; i < 6; ++i) name += kAlphabet[random() % kAlphabet.size()];
        const std::filesystem::path folder = temp / name;
        if (create_private_directory(folder, error)) {
            remember_run_folder(folder);
            return folder;
        }
        if (error) break;
    }
    throw std::runtime_error(fmt::format("cannot create a working folder in {}: {}", temp.string(),
                                         error ? error.message() : std::string("every name tried was taken")));
}

}  // namespace

Session::Session(LessonProgram program, uint64_t history_capacity)
    : program_(std::move(program)),
      workdir_(make_run_folder()),
      recorder_(std::make_unique<trace::Recorder>(history_capacity)),
      stepper_(std::make_unique<step::Stepper>()) {
    try {
        args_ = program_.prepare ? program_.prepare(workdir_) : std::vector<std::string>{};
    } catch (...) {
        remove_run_folder(workdir_);
        throw;
    }
}

Session::~Session() {
    abort_and_join();
    Session* self = this;
    g_current.compare_exchange_strong(self, nullptr);
    if (!hosts_process_) remove_run_folder(workdir_);
}

void Session::start() {
    Session* expected = nullptr;
    if (!g_current.compare_exchange_strong(expected, this))
        throw std::logic_error("Session::start: another lesson session is still running in this process; "
                               "destroy it first (the Win32 layer has one handle table per process)");
    recorder_->record({trace::EventKind::LessonStarted, 0, 0, 0, 0, program_.id, workdir_.string()});
    // So that an exported trace says how it was made (recorded or observed fields).
    recorder_->record({trace::EventKind::IoBackend, 0, platform::observes_fields() ? 1u : 0u, 0, 0,
                       platform::io_backend_name()});
    const uint32_t main_number = platform::allocate_lesson_thread_number();
    stepper_->thread_started(main_number);
    main_thread_ = std::thread([this, main_number] {
        trace::set_current_thread(main_number);
        run_main();
    });
}

void Session::run_main() {
    record({trace::EventKind::ThreadStarted, 0, 0, 0, 0, {}, "main"});
    int exit_code = -1;
    bool aborted = false;
    try {
        stepper_->blocking_end();  // wait for the first Step before running any lesson code
        std::vector<std::string> argv_storage = args_;
        argv_storage.insert(argv_storage.begin(), program_.id);
        std::vector<char*> argv;
        for (std::string& arg : argv_storage) argv.push_back(arg.data());
        argv.push_back(nullptr);
        exit_code = program_.entry(static_cast<int>(argv_storage.size()), argv.data());
    } catch (const step::LessonAborted&) {
        aborted = true;
    } catch (const platform::ThreadExitRequested& request) {  // ExitThread on the main thread
        exit_code = static_cast<int>(request.exit_code);
    }
    SessionResult result = end_main_thread(exit_code);
    if (aborted) {
        result.check = {false, "the lesson was reset before it finished", "레슨이 끝나기 전에 리셋되었습니다"};
    } else {
        result.check = program_.check ? program_.check(workdir_, exit_code)
                                      : CheckResult{exit_code == 0, fmt::format("exit code {}", exit_code),
                                                                fmt::format("종료 코드 {}", exit_code)};
    }
    record({trace::EventKind::LessonFinished, 0, static_cast<uint64_t>(static_cast<int64_t>(exit_code)),
            result.check.passed ? 1u : 0u, result.leaked_handles, {}, result.check.message_in(program_.language)});
    std::lock_guard lock(result_mutex_);
    result_ = result;
    result_ready_.notify_all();
}

// Windows ends the process when main returns: threads still running are stopped, and whatever the
// program left in flight must be finished before its handles are closed.
SessionResult Session::end_main_thread(int exit_code) {
    record({trace::EventKind::ThreadExited, 0, static_cast<uint64_t>(static_cast<int64_t>(exit_code))});
    stepper_->thread_finished(trace::current_thread());
    stepper_->abort();
    platform::cancel_all_io();
    stepper_->unwind();
    platform::interrupt_waits();
    platform::join_lesson_threads();
    SessionResult result;
    result.exit_code = exit_code;
    result.leaked_handles = platform::close_leaked_handles();
    result.leaked_heap_blocks = platform::free_process_heap();
    return result;
}

Session::Session(HostedProcess, std::string program_name)
    : recorder_(std::make_unique<trace::Recorder>()), stepper_(std::make_unique<step::Stepper>()),
      hosts_process_(true) {
    program_.id = std::move(program_name);
    std::error_code error;
    workdir_ = std::filesystem::temp_directory_path(error);
    if (error) workdir_ = "/tmp";
}

void Session::host_main_thread() {
    Session* expected = nullptr;
    if (!g_current.compare_exchange_strong(expected, this))
        throw std::logic_error("Session::host_main_thread: this process already records a session");
    recorder_->record({trace::EventKind::LessonStarted, 0, 1, 0, 0, program_.id, workdir_.string()});
    recorder_->record({trace::EventKind::IoBackend, 0, platform::observes_fields() ? 1u : 0u, 0, 0,
                       platform::io_backend_name()});
    const uint32_t main_number = platform::allocate_lesson_thread_number();
    stepper_->thread_started(main_number);
    trace::set_current_thread(main_number);
    record({trace::EventKind::ThreadStarted, 0, 0, 0, 0, {}, "main"});
    stepper_->blocking_end();
}

SessionResult Session::end_hosted_main(int exit_code) {
    SessionResult result = end_main_thread(exit_code);
    result.check = {exit_code == 0, fmt::format("exit code {}", exit_code), fmt::format("종료 코드 {}", exit_code)};
    return result;
}

void Session::abort_and_join() {
    if (!main_thread_.joinable()) return;
    // Park every lesson thread, let the kernel finish with their buffers, then unwind them.
    stepper_->abort();
    platform::cancel_all_io();
    stepper_->unwind();
    platform::interrupt_waits();
    platform::join_lesson_threads();
    main_thread_.join();
}

// The history is bounded (trace::Recorder): rather than lose steps, the run stops at the last one
// it can keep, and says so in its trace. The events it still records fit in the recorder's reserve.
void Session::stop_at_history_limit() {
    if (history_full_.exchange(true)) return;
    stepper_->halt();
    recorder_->record({trace::EventKind::HistoryFull, 0, recorder_->capacity()});
}

bool Session::deliver_held_first(uint64_t overlapped) {
    if (!stepper_->is_held(overlapped)) return false;
    recorder_->record({trace::EventKind::StudentAction, overlapped,
                       static_cast<uint64_t>(trace::StudentAction::DeliveredFirst), 0, 1});
    return stepper_->release_held_one(overlapped);
}

bool Session::cancel_request(uint64_t handle, uint64_t overlapped) {
    const bool pending = platform::request_pending(handle, overlapped);
    recorder_->record({trace::EventKind::StudentAction, overlapped, static_cast<uint64_t>(trace::StudentAction::Cancelled),
                       handle, pending ? 1u : 0u});
    return pending && platform::cancel_request(handle, overlapped);
}

bool Session::finished() const {
    std::lock_guard lock(result_mutex_);
    return result_.has_value();
}

const SessionResult& Session::wait() {
    std::unique_lock lock(result_mutex_);
    result_ready_.wait(lock, [&] { return result_.has_value(); });
    return *result_;
}

std::optional<SessionResult> Session::result() const {
    std::lock_guard lock(result_mutex_);
    return result_;
}

Session* Session::current() { return g_current.load(std::memory_order_acquire); }

uint64_t record(const trace::EventData& data) {
    Session* session = Session::current();
    if (!session) return record_process_wide(data);
    const uint64_t index = session->recorder().record(data);
    if (session->recorder().near_limit()) session->stop_at_history_limit();
    return index;
}

bool recording() { return Session::current() != nullptr || process_recording_active(); }

void checkpoint() {
    if (Session* session = Session::current()) session->stepper().checkpoint();
}

step::Stepper* current_stepper() {
    Session* session = Session::current();
    return session ? &session->stepper() : nullptr;
}

}  // namespace ovlab
