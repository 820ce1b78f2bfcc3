#include "fault_injection.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <mutex>
#include <string>
#include <string_view>

namespace ovlab::posix {
namespace fault_detail {
std::atomic<bool> armed{false};
}  // namespace fault_detail

namespace {

constexpr int kPoints = 4;

struct Armed {
    int error = 0;       // 0: a short transfer
    unsigned left = 0;   // calls still to hit
};

struct Faults {
    std::mutex mutex;
    Armed points[kPoints];
};

Faults& faults() {
    static Faults& instance = *new Faults;  // outlives the runtime's threads (see kernel_object.h)
    return instance;
}

// mutex held
void update_armed(Faults& f) {
    bool any = false;
    for (const Armed& point : f.points) any = any || point.left > 0;
    fault_detail::armed.store(any, std::memory_order_relaxed);
}

struct Name {
    std::string_view text;
    int value;
};

constexpr Name kPointNames[] = {{"uring_init", 0}, {"uring_submit", 1}, {"file_read", 2}, {"file_write", 3}};
constexpr Name kErrnoNames[] = {{"short", 0},       {"EAGAIN", EAGAIN}, {"ENOMEM", ENOMEM}, {"EBUSY", EBUSY},
                                {"ENOSPC", ENOSPC}, {"EDQUOT", EDQUOT}, {"EIO", EIO}};

int find(const Name* names, size_t count, std::string_view text) {
    for (size_t i = 0; i < count; ++i)
        if (names[i].text == text) return names[i].value;
    return -1;
}

// One "point=ERRNO[:count]" entry of OVLAB_FAULTS; false when it is not one.
bool arm_entry(std::string_view entry) {
    const size_t equals = entry.find('=');
    if (equals == std::string_view::npos) return false;
    const int point = find(kPointNames, std::size(kPointNames), entry.substr(0, equals));
    std::string_view fault = entry.substr(equals + 1);
    unsigned count = 1;
    if (const size_t colon = fault.find(':'); colon != std::string_view::npos) {
        const std::string digits(fault.substr(colon + 1));
        char* end = nullptr;
        const unsigned long parsed = std::strtoul(digits.c_str(), &end, 10);
        if (digits.empty() || *end != '\0' || parsed == 0 || parsed > 1000000) return false;
        count = static_cast<unsigned>(parsed);
        fault = fault.substr(0, colon);
    }
    const int error = find(kErrnoNames, std::size(kErrnoNames), fault);
    if (point < 0 || error < 0) return false;
    inject_fault(static_cast<FaultPoint>(point), error, count);
    return true;
}

// Read once, before main: the hook is armed before the first kernel call.
[[maybe_unused]] const bool g_read_environment = [] {
    const char* text = std::getenv("OVLAB_FAULTS");
    std::string_view rest = text ? text : "";
    while (!rest.empty()) {
        const size_t comma = rest.find(',');
        const std::string_view entry = rest.substr(0, comma);
        if (!arm_entry(entry))
            std::fprintf(stderr, "overlapped-lab: OVLAB_FAULTS entry \"%.*s\" is not point=ERRNO[:count]; ignored\n",
                         static_cast<int>(entry.size()), entry.data());
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    return true;
}();

}  // namespace

void inject_fault(FaultPoint point, int error, unsigned count) {
    Faults& f = faults();
    std::lock_guard lock(f.mutex);
    f.points[static_cast<int>(point)] = {error, count};
    update_armed(f);
}

void clear_faults() {
    Faults& f = faults();
    std::lock_guard lock(f.mutex);
    for (Armed& point : f.points) point = {};
    update_armed(f);
}

int64_t fault_detail::apply(FaultPoint point, int64_t result) {
    Faults& f = faults();
    std::lock_guard lock(f.mutex);
    Armed& armed_point = f.points[static_cast<int>(point)];
    // A call the kernel failed already keeps its own error; a short fault needs bytes to halve.
    if (armed_point.left == 0 || result < 0 || (armed_point.error == 0 && result < 2)) return result;
    --armed_point.left;
    update_armed(f);
    return armed_point.error != 0 ? -armed_point.error : result / 2;
}

}  // namespace ovlab::posix
