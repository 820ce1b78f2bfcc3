#include "pipe_flow.h"

#include <algorithm>

#include "ovlab/status_codes.h"

namespace ovlab::posix {

class PipeFlow::Gate : public SendGate, public std::enable_shared_from_this<Gate> {
public:
    explicit Gate(std::shared_ptr<PipeFlow> flow) : flow_(std::move(flow)) {}

    bool may_complete(uint64_t bytes, std::function<void(uint32_t)> release) override {
        PipeFlow& flow = *flow_;
        std::lock_guard lock(flow.mutex_);
        if (!counted_) {
            counted_ = true;
            mark_ = flow.written_ += bytes;
        }
        if (flow.fits(mark_)) return true;
        if (!release) return false;
        // In mark order: a write checked at issue is kept a moment later, maybe after the next.
        const auto later = std::find_if(flow.waiting_.begin(), flow.waiting_.end(),
                                        [&](const Waiting& waiting) { return waiting.mark > mark_; });
        flow.waiting_.insert(later, {mark_, shared_from_this(), std::move(release)});
        return false;
    }

    bool withdraw() override {
        PipeFlow& flow = *flow_;
        std::lock_guard lock(flow.mutex_);
        return std::erase_if(flow.waiting_, [&](const Waiting& waiting) { return waiting.gate.get() == this; }) != 0;
    }

private:
    std::shared_ptr<PipeFlow> flow_;
    bool counted_ = false;  // flow's mutex
    uint64_t mark_ = 0;
};

std::shared_ptr<SendGate> PipeFlow::gate() { return std::make_shared<Gate>(shared_from_this()); }

void PipeFlow::took(uint64_t bytes) {
    std::vector<Waiting> released;
    {
        std::lock_guard lock(mutex_);
        taken_ += bytes;
        while (!waiting_.empty() && fits(waiting_.front().mark)) {
            released.push_back(std::move(waiting_.front()));
            waiting_.erase(waiting_.begin());
        }
    }
    for (Waiting& waiting : released) waiting.release(kStatusSuccess);
}

void PipeFlow::end(uint32_t status) {
    std::vector<Waiting> released;
    {
        std::lock_guard lock(mutex_);
        ended_ = status;
        released.swap(waiting_);
    }
    for (Waiting& waiting : released) waiting.release(status);
}

}  // namespace ovlab::posix
