// Event objects (CreateEvent, SetEvent, ResetEvent).
#pragma once

#include <string>

#include "kernel_object.h"

namespace ovlab::posix {

class EventObject : public KernelObject {
public:
    EventObject(bool manual_reset, bool initial_state, std::string name)
        : KernelObject(trace::HandleKind::Event, initial_state), manual_reset_(manual_reset), name_(std::move(name)) {}

    bool manual_reset() const { return manual_reset_; }
    const std::string& name() const { return name_; }

    // Windows: a satisfied wait resets an auto-reset event, so exactly one waiter gets each SetEvent;
    // a manual-reset event stays signalled and releases every waiter until ResetEvent.
    void satisfied() override {
        if (!manual_reset_) set_signalled(false, "wait satisfied: auto-reset");
    }
    std::string describe() const override;

private:
    bool manual_reset_;
    std::string name_;  // empty for an unnamed event
};

}  // namespace ovlab::posix
