// The recorded trace file (ovlab/recorded_trace.h): every event kind comes back field for field,
// and every broken file gives its one message naming the file and the line.
#include <gtest/gtest.h>

#include <cstring>
#include <sstream>

#include "ovlab/recorded_trace.h"

namespace ovlab::trace {
namespace {

RecordedTraceHeader sample_header() {
    RecordedTraceHeader header;
    header.platform = "linux";
    header.backend = "io_uring";
    header.program = "event-file-copy";
    header.lesson = true;
    header.language = "ko";
    header.changed_parameters = {"chunk=4096"};
    header.capacity = 10000;
    header.files = {{"source", "lessons/event-file-copy/event_file_copy.cpp", "int main() {}\n"},
                    {"narration.ko", "lessons/event-file-copy/narration.ko.md", "## intro\n중첩 I/O\n"}};
    return header;
}

std::string written(const RecordedTraceHeader& header, const Recorder& recorder) {
    std::ostringstream out;
    EXPECT_TRUE(write_recorded_trace(header, recorder, out));
    return out.str();
}

std::variant<RecordedTrace, std::string> read_text(const std::string& text) {
    std::istringstream in(text);
    return read_recorded_trace(in, "t.trace");
}

std::string error_of(const std::string& text) {
    auto read = read_text(text);
    return std::holds_alternative<std::string>(read) ? std::get<std::string>(read) : "(opened)";
}

// A valid file with one event, as text lines, for the broken variants below.
std::vector<std::string> valid_lines() {
    Recorder recorder;
    recorder.record({EventKind::Console, 0, 0, 0, 0, {}, "hello"});
    std::vector<std::string> lines;
    std::istringstream in(written(sample_header(), recorder));
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines) text += line + "\n";
    return text;
}

TEST(RecordedTrace, EveryKindComesBackFieldForField) {
    Recorder recorder;
    for (size_t i = 0; i < static_cast<size_t>(EventKind::Count); ++i) {
        set_current_thread(static_cast<uint32_t>(i + 1));
        set_current_line(static_cast<uint32_t>(100 + i));
        set_current_file(static_cast<uint32_t>(i % 3));
        // Large values, a Korean text and one cut in the middle of a character (not UTF-8).
        const std::string text = i % 2 ? std::string("완료 패킷 ") + std::to_string(i) : std::string("\xEC\x99", 2);
        recorder.record({static_cast<EventKind>(i), UINT64_MAX - i, i + 1, uint64_t{1} << 63, 0xC0000120,
                         "ReadFile", text});
    }
    set_current_thread(0);
    set_current_line(0);
    set_current_file(0);
    auto read = read_text(written(sample_header(), recorder));
    ASSERT_TRUE(std::holds_alternative<RecordedTrace>(read)) << std::get<std::string>(read);
    const RecordedTrace& trace = std::get<RecordedTrace>(read);
    EXPECT_FALSE(trace.warning.has_value());
    ASSERT_EQ(trace.recorder->published(), recorder.published());
    for (uint64_t i = 0; i < recorder.published(); ++i) {
        const Event& want = recorder.at(i);
        const Event& got = trace.recorder->at(i);
        SCOPED_TRACE(kind_name(want.kind));
        EXPECT_EQ(got.seq, want.seq);
        EXPECT_EQ(got.time_ns, want.time_ns);
        EXPECT_EQ(got.kind, want.kind);
        EXPECT_EQ(got.thread, want.thread);
        EXPECT_EQ(got.line, want.line);
        EXPECT_EQ(got.file, want.file);
        EXPECT_EQ(got.object, want.object);
        EXPECT_EQ(got.a, want.a);
        EXPECT_EQ(got.b, want.b);
        EXPECT_EQ(got.c, want.c);
        EXPECT_EQ(got.name_view(), want.name_view());
        EXPECT_EQ(got.text_view(), want.text_view());
    }
}

TEST(RecordedTrace, HeaderComesBack) {
    Recorder recorder;
    recorder.record({EventKind::Console});
    auto read = read_text(written(sample_header(), recorder));
    ASSERT_TRUE(std::holds_alternative<RecordedTrace>(read)) << std::get<std::string>(read);
    const RecordedTraceHeader& header = std::get<RecordedTrace>(read).header;
    EXPECT_EQ(header.platform, "linux");
    EXPECT_EQ(header.backend, "io_uring");
    EXPECT_EQ(header.program, "event-file-copy");
    EXPECT_TRUE(header.lesson);
    EXPECT_EQ(header.language, "ko");
    EXPECT_EQ(header.changed_parameters, std::vector<std::string>{"chunk=4096"});
    EXPECT_EQ(header.capacity, 10000u);
    ASSERT_EQ(header.files.size(), 2u);
    ASSERT_NE(header.find_file("narration.ko"), nullptr);
    EXPECT_EQ(header.find_file("narration.ko")->text, "## intro\n중첩 I/O\n");
    EXPECT_EQ(header.find_file("source")->path, "lessons/event-file-copy/event_file_copy.cpp");
}

TEST(RecordedTrace, DroppedEventsAreCountedInTheFile) {
    Recorder recorder(1);  // clamped up to the smallest capacity the recorder keeps
    for (uint64_t i = 0; i <= recorder.capacity() + 4; ++i) recorder.record({EventKind::Console});
    RecordedTraceHeader header = sample_header();
    header.capacity = recorder.capacity();
    auto read = read_text(written(header, recorder));
    ASSERT_TRUE(std::holds_alternative<RecordedTrace>(read)) << std::get<std::string>(read);
    EXPECT_EQ(std::get<RecordedTrace>(read).dropped, 5u);
    EXPECT_EQ(std::get<RecordedTrace>(read).recorder->published(), recorder.capacity());
}

TEST(RecordedTrace, CrlfLinesStillOpen) {
    std::string text;
    for (const std::string& line : valid_lines()) text += line + "\r\n";
    EXPECT_EQ(error_of(text), "(opened)");
}

TEST(RecordedTrace, BrokenFilesEachSayWhatIsWrong) {
    const std::vector<std::string> good = valid_lines();
    ASSERT_EQ(good.size(), 3u);
    auto with_event = [&](const std::string& event) { return joined({good[0], event, good[2]}); };
    EXPECT_EQ(error_of(""), "t.trace: the file is empty");
    EXPECT_EQ(error_of("hello\n"), "t.trace:1: not an Overlapped Lab trace (the first line is not a JSON object)");
    EXPECT_EQ(error_of("{\"format\":\"chrome\"}\n"),
              "t.trace:1: not an Overlapped Lab trace (the first line has no \"format\": \"overlapped-lab-trace\")");
    std::string newer = good[0];
    newer.replace(newer.find("\"version\":1"), 11, "\"version\":2");
    EXPECT_EQ(error_of(joined({newer, good[1], good[2]})),
              "t.trace:1: trace format version 2 (this Overlapped Lab reads version 1)");
    EXPECT_EQ(error_of(good[0] + "\n"), "(opened)");  // no events, with a warning (below)
    EXPECT_EQ(error_of(good[0]), "t.trace:1: the file ends after its header line");
    EXPECT_EQ(error_of(with_event(R"({"seq":0,"t":1,"kind":"Teleport","thread":1})")), "t.trace:2: unknown event kind 'Teleport'");
    EXPECT_EQ(error_of(with_event(R"({"seq":7,"t":1,"kind":"Console","thread":1})")),
              "t.trace:2: event 7 where event 0 was expected");
    EXPECT_EQ(error_of(with_event(R"({"seq":0,"t":-1,"kind":"Console","thread":1})")),
              "t.trace:2: 't' is not a whole number >= 0");
    EXPECT_EQ(error_of(with_event(R"({"seq":0,"t":1,"kind":"Console","thread":4294967296})")),
              "t.trace:2: 'thread' is 4294967296, more than 4294967295");
    EXPECT_EQ(error_of(with_event(R"({"seq":0,"t":1,"kind":"Console","thread":1,"name":")" + std::string(32, 'x') + "\"}")),
              "t.trace:2: 'name' is longer than 31 bytes");
    EXPECT_EQ(error_of(with_event(R"({"seq":0,"t":1,"kind":"Console","thread":1,"text":"a\u0000b"})")),
              "t.trace:2: 'text' contains a NUL byte");
    EXPECT_EQ(error_of(with_event(R"({"seq":0,"t":1,"kind":"Console","thread":1,"text_hex":"zz"})")),
              "t.trace:2: 'text_hex' is not lowercase hex");
    EXPECT_EQ(error_of(with_event("[[[[[[[[[[[[]]]]]]]]]]]]")), "t.trace:2: not a JSON object");
    EXPECT_EQ(error_of(with_event(std::string(10000, ' '))), "t.trace:2: line longer than 8192 bytes");
    EXPECT_EQ(error_of(joined({good[0], good[1], R"({"end":{"events":5,"dropped":0}})"})),
              "t.trace:3: the closing line counts 5 events but the file holds 1");
    EXPECT_EQ(error_of(joined({good[0], good[1], good[2], "more"})), "t.trace:4: text after the closing line");
}

TEST(RecordedTrace, MoreEventsThanTheHeaderAllowsAreRefused) {
    RecordedTraceHeader header = sample_header();
    header.capacity = 2;
    Recorder recorder;
    for (int i = 0; i < 3; ++i) recorder.record({EventKind::Console});
    EXPECT_EQ(error_of(written(header, recorder)), "t.trace:4: more events than the header's capacity (2)");
    header.capacity = kMaxRecordedEvents + 1;
    EXPECT_EQ(error_of(written(header, recorder)), "t.trace:1: 'capacity' is 2097153, more than 2097152");
}

TEST(RecordedTrace, ACutOffFileOpensWhatItHolds) {
    const std::vector<std::string> good = valid_lines();
    // Cut in the middle of the closing line: the event before it opens, with a warning.
    const std::string cut = joined({good[0], good[1]}) + good[2].substr(0, 5);
    auto read = read_text(cut);
    ASSERT_TRUE(std::holds_alternative<RecordedTrace>(read)) << std::get<std::string>(read);
    EXPECT_EQ(std::get<RecordedTrace>(read).recorder->published(), 1u);
    EXPECT_EQ(std::get<RecordedTrace>(read).warning.value_or(""),
              "t.trace:3: the last line is cut off; showing the 1 complete events before it");
    // Cut after a whole event line: no closing line.
    read = read_text(joined({good[0], good[1]}));
    ASSERT_TRUE(std::holds_alternative<RecordedTrace>(read));
    EXPECT_EQ(std::get<RecordedTrace>(read).warning.value_or(""),
              "t.trace: the file ends after 1 events without its closing line: the recording was cut short; "
              "showing what it holds");
}

}  // namespace
}  // namespace ovlab::trace
