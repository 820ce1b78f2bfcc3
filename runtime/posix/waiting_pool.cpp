#include "waiting_pool.h"

#include <cassert>
#include <utility>

namespace ovlab::posix {

WaitingPool::WaitingPool(std::chrono::milliseconds idle_timeout) : idle_timeout_(idle_timeout) {}

WaitingPool::~WaitingPool() {
    std::vector<std::thread> ended;
    {
        std::unique_lock lock(mutex_);
        stopping_ = true;
        work_.notify_all();
        retired_.wait(lock, [&] { return threads_.empty(); });
        ended.swap(ended_);
    }
    for (std::thread& thread : ended) thread.join();
}

void WaitingPool::post(std::function<void()> job) {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(job));
    // Each idle thread takes at most one queued job, and a thread that was woken but has not run
    // yet is still idle with its job still queued: so a thread starts whenever the queued jobs
    // outnumber the idle threads, not only when none is idle.
    if (queue_.size() > idle_) {
        ++idle_;  // from now: the new thread looks at the queue before it first waits
        std::thread thread([this] { run(); });
        const std::thread::id id = thread.get_id();
        threads_.emplace(id, std::move(thread));
    } else {
        work_.notify_one();
    }
    assert(queue_.size() <= idle_ &&
           "a queued job has no idle thread to take it: it waits behind jobs that may be waiting for it");
}

size_t WaitingPool::threads() const {
    std::lock_guard lock(mutex_);
    return threads_.size();
}

void WaitingPool::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        // Times out only with nothing queued, so a thread never ends while a job needs it.
        work_.wait_for(lock, idle_timeout_, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) break;
        --idle_;
        std::function<void()> job = std::move(queue_.front());
        queue_.pop_front();
        lock.unlock();
        job();
        job = nullptr;  // what the job holds is released outside the lock too
        lock.lock();
        ++idle_;
    }
    --idle_;
    retire(lock);
}

// A thread cannot join itself: it leaves its handle for the next thread that ends (or the
// destructor) and joins the ones left before it, so ended threads do not pile up unjoined.
void WaitingPool::retire(std::unique_lock<std::mutex>& lock) {
    std::vector<std::thread> earlier;
    earlier.swap(ended_);
    const auto self = threads_.find(std::this_thread::get_id());
    ended_.push_back(std::move(self->second));
    threads_.erase(self);
    retired_.notify_all();
    lock.unlock();
    for (std::thread& thread : earlier) thread.join();
}

}  // namespace ovlab::posix
