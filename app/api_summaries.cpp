#include "api_summaries.h"

#include <algorithm>

namespace ovlab::app {
namespace {

struct Summary {
    std::string_view english;
    std::string_view korean;
};

#define OVLAB_API_SUMMARY_NAME(function, en, ko) std::string_view{#function},
constexpr std::string_view kFunctions[] = {OVLAB_API_SUMMARIES(OVLAB_API_SUMMARY_NAME)};
#undef OVLAB_API_SUMMARY_NAME

#define OVLAB_API_SUMMARY_ROW(function, en, ko) Summary{en, ko},
constexpr Summary kSummaries[] = {OVLAB_API_SUMMARIES(OVLAB_API_SUMMARY_ROW)};
#undef OVLAB_API_SUMMARY_ROW

}  // namespace

std::optional<std::string_view> api_summary(std::string_view function, Language language) {
    const auto found = std::find(std::begin(kFunctions), std::end(kFunctions), function);
    if (found == std::end(kFunctions)) return std::nullopt;
    const Summary& summary = kSummaries[found - std::begin(kFunctions)];
    return language == Language::Korean ? summary.korean : summary.english;
}

std::span<const std::string_view> api_summary_functions() { return kFunctions; }

}  // namespace ovlab::app
