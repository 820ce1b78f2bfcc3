#include "observer_thread.h"

#include <winsock2.h>
#include <windows.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "handle_watch.h"
#include "overlapped_watch.h"
#include "ovlab/session.h"

namespace ovlab::win32 {
namespace {

// One millisecond between looks while requests are in flight: the finest interval a plain wait
// offers once timeBeginPeriod(1) is in force. Idle, the sampler sleeps until woken.
constexpr DWORD kSampleIntervalMs = 1;

class Sampler {
public:
    Sampler() : wake_(CreateEventW(nullptr, FALSE, FALSE, nullptr)) {
        timeBeginPeriod(1);
        thread_ = std::thread([this] { run(); });
    }
    ~Sampler() {
        stopping_ = true;
        SetEvent(wake_);
        thread_.join();
        timeEndPeriod(1);
        CloseHandle(wake_);
    }

    void wake() { SetEvent(wake_); }

private:
    void run() {
        trace::set_current_thread(kObserverTraceThread);
        while (!stopping_) {
            const size_t pending = observe_requests_in_flight();
            observe_signals("seen by the sampler");
            WaitForSingleObject(wake_, pending > 0 ? kSampleIntervalMs : INFINITE);
        }
    }

    HANDLE wake_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

Sampler& sampler() {
    static Sampler instance;
    return instance;
}

std::atomic<uint64_t> g_session_epoch{1};
std::atomic<uint64_t> g_announced_epoch{0};

}  // namespace

void announce_observer_thread() {
    const uint64_t epoch = g_session_epoch.load();
    if (!recording() || g_announced_epoch.exchange(epoch) == epoch) return;
    const uint32_t caller = trace::current_thread();
    const uint32_t caller_line = trace::current_line();
    trace::set_current_thread(kObserverTraceThread);
    trace::set_current_line(0);
    record({trace::EventKind::ThreadStarted, 0, 1, 0, 0, {}, "observer (Windows: fields and states are sampled)"});
    trace::set_current_thread(caller);
    trace::set_current_line(caller_line);
}

void wake_sampler() { sampler().wake(); }

void observer_session_ended() { ++g_session_epoch; }

}  // namespace ovlab::win32
