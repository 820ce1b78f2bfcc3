#include "call_filter.h"

#include <algorithm>
#include <cctype>

namespace ovlab::gui {
namespace {

constexpr uint32_t kErrorIoPending = 997;  // also WSA_IO_PENDING

bool contains_any_case(std::string_view text, std::string_view part) {
    const auto same = [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    };
    return std::search(text.begin(), text.end(), part.begin(), part.end(), same) != text.end();
}

}  // namespace

bool CallFilter::matches(const trace::CallView& call) const {
    if (thread && call.thread != *thread) return false;
    if (failures_only && (!call.failed || call.last_error == kErrorIoPending)) return false;
    return text.empty() || contains_any_case(call.api, text) || contains_any_case(call.arguments, text);
}

}  // namespace ovlab::gui
