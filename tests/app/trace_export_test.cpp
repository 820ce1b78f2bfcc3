// The Chrome trace export on small hand-made traces, and the structural checks it must pass (the
// same checks the trace_export.* tests run on every lesson's export).
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "ovlab/status_codes.h"
#include "ovlab/trace_output.h"
#include "trace_export_checks.h"

namespace ovlab::trace {
namespace {

using nlohmann::json;

constexpr uint64_t kOverlapped = 0x1000;
constexpr uint64_t kFile = 0x8;

class TraceExportTest : public ::testing::Test {
protected:
    void on_thread(uint32_t number) { set_current_thread(number); }
    void record(const EventData& data) { recorder.record(data); }

    // ReadFile issues a read with kOverlapped; the kernel thread 2 finishes and completes it.
    void read_completed_by_kernel() {
        on_thread(1);
        record({EventKind::ApiEnter, 0, 0, 0, 0, "ReadFile", "hFile=hSrc"});
        record({EventKind::IoIssued, kOverlapped, kFile, 0, 100, "read"});
        record({EventKind::ApiLeave, 0, 0, 997, 1, "ReadFile", "FALSE"});
        on_thread(2);
        record({EventKind::IoFinished, kOverlapped, 0, 100});
        record({EventKind::FieldChange, kOverlapped, static_cast<uint64_t>(OverlappedField::Internal), kStatusPending, kStatusSuccess});
        record({EventKind::IoCompleted, kOverlapped, 0, 100});
    }

    void start_lesson() {
        on_thread(0);
        record({EventKind::LessonStarted, 0, 0, 0, 0, "test-lesson", "/tmp"});
        record({EventKind::IoBackend, 0, 0, 0, 0, "threads"});
        on_thread(1);
        record({EventKind::ThreadStarted, 0, 0, 0, 0, {}, "main"});
        on_thread(2);
        record({EventKind::ThreadStarted, 0, 1, 0, 0, {}, "kernel (threads)"});
    }

    json exported() {
        std::ostringstream out;
        write_chrome_json(recorder, out);
        on_thread(0);
        return json::parse(out.str());
    }

    static std::vector<json> with_phase(const json& document, std::string_view phase) {
        std::vector<json> found;
        for (const json& e : document["traceEvents"])
            if (e["ph"] == phase) found.push_back(e);
        return found;
    }

    Recorder recorder;
};

TEST_F(TraceExportTest, SaysHowTheTraceWasMade) {
    start_lesson();
    const json document = exported();
    EXPECT_EQ(document["otherData"]["io_backend"], "threads");
    EXPECT_EQ(document["otherData"]["lesson"], "test-lesson");
    EXPECT_EQ(test::check_trace_export(document), std::vector<std::string>{});
}

TEST_F(TraceExportTest, ACallLeftOpenByAResetIsClosedAtTheEnd) {
    start_lesson();
    read_completed_by_kernel();
    on_thread(1);
    record({EventKind::ApiEnter, 0, 0, 0, 0, "WaitForSingleObject", "hHandle=hEvent"});
    const json document = exported();
    EXPECT_EQ(test::check_trace_export(document), std::vector<std::string>{});
    const std::vector<json> ends = with_phase(document, "E");
    ASSERT_EQ(ends.size(), 2u);
    EXPECT_EQ(ends.back()["name"], "WaitForSingleObject");
    EXPECT_EQ(ends.front()["args"]["GetLastError"], "997 (ERROR_IO_PENDING)");
}

TEST_F(TraceExportTest, AReusedOverlappedGivesEachRequestItsOwnSpanAndFlow) {
    start_lesson();
    read_completed_by_kernel();
    read_completed_by_kernel();
    const json document = exported();
    EXPECT_EQ(test::check_trace_export(document), std::vector<std::string>{});
    const std::vector<json> begins = with_phase(document, "b");
    ASSERT_EQ(begins.size(), 2u);
    EXPECT_NE(begins[0]["id"], begins[1]["id"]);
    EXPECT_EQ(with_phase(document, "s").size(), 2u);
    EXPECT_EQ(with_phase(document, "f").size(), 2u);
    EXPECT_EQ(with_phase(document, "X").size(), 2u);  // the completions, where the arrows pass
}

TEST_F(TraceExportTest, InternalIsShownAsNtstatusNames) {
    start_lesson();
    read_completed_by_kernel();
    const json document = exported();
    for (const json& e : with_phase(document, "i")) {
        if (e["name"] != "OVERLAPPED #1.Internal") continue;
        EXPECT_EQ(e["args"]["old"], "0x103 (STATUS_PENDING)");
        EXPECT_EQ(e["args"]["new"], "0x0 (STATUS_SUCCESS)");
        return;
    }
    ADD_FAILURE() << "no Internal field change in " << document.dump(1);
}

TEST_F(TraceExportTest, APortNamedLaterKeepsOneCounterTrackUnderItsName) {
    start_lesson();
    constexpr uint64_t kPort = 0x4;
    on_thread(1);
    record({EventKind::PortCounts, kPort, 0, 2});
    record({EventKind::ObjectNamed, kPort, 0, 0, 0, {}, "hPort"});
    record({EventKind::PortCounts, kPort, 1, 2});
    const json document = exported();
    EXPECT_EQ(test::check_trace_export(document), std::vector<std::string>{});
    std::set<std::string> tracks;
    for (const json& e : with_phase(document, "C")) tracks.insert(e["name"].get<std::string>());
    EXPECT_EQ(tracks, (std::set<std::string>{"hPort queue", "hPort threads"}));
}

TEST_F(TraceExportTest, TheChecksCatchABrokenExport) {
    start_lesson();
    read_completed_by_kernel();
    on_thread(1);
    record({EventKind::ApiEnter, 0, 0, 0, 0, "SleepEx", "dwMilliseconds=INFINITE"});
    const json sound = exported();
    ASSERT_EQ(test::check_trace_export(sound), std::vector<std::string>{});
    for (std::string_view phase : {"E", "e", "f", "M"}) {
        json broken = sound;
        json& events = broken["traceEvents"];
        for (auto it = events.begin(); it != events.end();) it = (*it)["ph"] == phase ? events.erase(it) : it + 1;
        EXPECT_FALSE(test::check_trace_export(broken).empty()) << "without its " << phase << " events";
    }
}

}  // namespace
}  // namespace ovlab::trace
