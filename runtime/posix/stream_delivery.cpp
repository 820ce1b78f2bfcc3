#include "stream_delivery.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "trace_hooks.h"

namespace ovlab::posix {
namespace {

struct Delivery {
    step::Stepper* stepper;
    uint64_t ticket;
    std::function<void()> deliver;
};

// Threads are kept and reused; one waits per completion in line.
class TurnWaiters {
public:
    ~TurnWaiters() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        work_.notify_all();
        for (std::thread& thread : threads_) thread.join();
    }

    void post(Delivery delivery) {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(delivery));
        if (idle_ == 0) threads_.emplace_back([this] { run(); });
        else work_.notify_one();
    }

private:
    void run() {
        enter_kernel_thread();
        std::unique_lock lock(mutex_);
        for (;;) {
            ++idle_;
            work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            --idle_;
            if (queue_.empty()) return;
            Delivery delivery = std::move(queue_.front());
            queue_.pop_front();
            lock.unlock();
            // False while the lesson is being reset: deliver anyway, so no caller waits forever.
            const bool in_turn = delivery.stepper->io_finished_wait(delivery.ticket);
            delivery.deliver();
            // It only wakes the blocked caller: the caller's return is the step the student sees.
            if (in_turn) delivery.stepper->io_delivered(delivery.ticket, false);
            lock.lock();
        }
    }

    std::mutex mutex_;
    std::condition_variable work_;
    std::deque<Delivery> queue_;
    std::vector<std::thread> threads_;
    size_t idle_ = 0;
    bool stopping_ = false;
};

TurnWaiters& turn_waiters() {
    static TurnWaiters instance;
    return instance;
}

}  // namespace

void deliver_in_turn(step::Stepper* stepper, uint64_t ticket, std::function<void()> deliver) {
    if (!stepper) {
        deliver();
        return;
    }
    turn_waiters().post({stepper, ticket, std::move(deliver)});
}

}  // namespace ovlab::posix
