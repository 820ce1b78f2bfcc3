// A run's trace saved to a file and read back without loss (docs/trace-format.md): a header line
// saying what ran where, with the run's source files embedded, then one JSON line per Event and a
// closing line with the counts. Written by `--trace-out FILE` and by any program run with
// OVLAB_TRACE=FILE; read by `--open FILE`. Portable: the same bytes on Linux and Windows.
#pragma once

#include <cstdint>
#include <filesystem>
#include <istream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "ovlab/trace.h"

namespace ovlab::trace {

inline constexpr std::string_view kTraceFormatName = "overlapped-lab-trace";
inline constexpr int kTraceFormatVersion = 1;
// The most events a reader accepts (a lesson's run keeps at most Recorder::kDefaultCapacity).
inline constexpr uint64_t kMaxRecordedEvents = uint64_t{1} << 21;

// A file the run was made from, kept in the trace so it opens on another machine.
struct EmbeddedFile {
    std::string role;  // "source", "narration.en", "narration.ko"
    std::string path;  // as the recording machine named it, '/'-separated, relative when it could be
    std::string text;
};

struct RecordedTraceHeader {
    std::string platform;  // "linux" or "windows"
    std::string backend;   // platform::io_backend_name(): io_uring, threads, Windows
    std::string program;   // the lesson id, or the executable's name for an OVLAB_TRACE run
    bool lesson = false;   // true when `program` is a lesson the lab ran (its narration applies)
    std::string language;  // "en" or "ko": the language the run recorded its own texts in
    std::vector<std::string> changed_parameters;  // "name=value" for each lesson parameter changed
    uint64_t capacity = Recorder::kDefaultCapacity;  // the recorder's bound
    std::vector<EmbeddedFile> files;

    const EmbeddedFile* find_file(std::string_view role) const;
};

// "linux" or "windows": what the header's platform says for this build.
std::string_view host_platform_name();

// Writes `header` and every published event of `recorder`. Returns false when the stream failed.
bool write_recorded_trace(const RecordedTraceHeader& header, const Recorder& recorder, std::ostream& out);

struct RecordedTrace {
    RecordedTraceHeader header;
    std::unique_ptr<Recorder> recorder;  // the events, exactly as recorded
    uint64_t dropped = 0;                // events the recording run could not keep (past its bound)
    // Set when the file was cut short but its complete events opened: says where and how many.
    std::optional<std::string> warning;
};

// Reads a recorded trace. A file that is not one, is malformed, breaks a bound or names an unknown
// kind gives one message, "NAME:LINE: what is wrong", and nothing else (never an exception). A file
// cut off after its header opens with the complete events before the cut and a `warning`.
std::variant<RecordedTrace, std::string> read_recorded_trace(std::istream& in, std::string_view name);
std::variant<RecordedTrace, std::string> read_recorded_trace(const std::filesystem::path& path);

}  // namespace ovlab::trace
