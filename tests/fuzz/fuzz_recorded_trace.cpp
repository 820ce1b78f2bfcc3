// A recorded trace as anyone might hand one over (--open FILE): any bytes. Reading either opens a
// trace that keeps the reader's promises or gives one message naming the file; nothing else
// (no exception, no crash, no read past what was given).
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "ovlab/recorded_trace.h"

namespace {

void require(bool condition) {
    if (!condition) std::abort();  // libFuzzer keeps the input that broke the promise
}

void check_opened(const ovlab::trace::RecordedTrace& trace) {
    require(trace.recorder != nullptr);
    const ovlab::trace::Recorder& recorder = *trace.recorder;
    require(recorder.published() <= trace.header.capacity);
    for (uint64_t i = 0; i < recorder.published(); ++i) {
        const ovlab::trace::Event& event = recorder.at(i);
        require(event.seq == i);
        require(event.kind < ovlab::trace::EventKind::Count);
        require(event.name_view().size() < sizeof event.name && event.text_view().size() < sizeof event.text);
    }
    if (trace.warning) require(trace.warning->starts_with("fuzz.trace"));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    auto read = ovlab::trace::read_recorded_trace(in, "fuzz.trace");
    if (const auto* error = std::get_if<std::string>(&read)) require(error->starts_with("fuzz.trace"));
    else check_opened(std::get<ovlab::trace::RecordedTrace>(read));
    return 0;
}
