#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "ovlab/status_codes.h"
#include "ovlab/trace_output.h"
#include "ovlab/trace_state.h"

namespace ovlab::trace {
namespace {

constexpr uint64_t kOverlapped = 0x7ffd1000;
constexpr uint64_t kFile = 0x8;

// A pending read, recorded the way the runtime records it.
void record_pending_read(Recorder& recorder) {
    set_current_thread(1);
    recorder.record({EventKind::ThreadStarted, 0, 0, 0, 0, {}, "main"});
    recorder.record({EventKind::HandleCreated, kFile, static_cast<uint64_t>(HandleKind::File), 0, 0, {}, "file source.bin"});
    set_current_line(40);
    recorder.record({EventKind::ApiEnter, 0, 0, 0, 0, "ReadFile", "hSrc, buffer, 4096, NULL, &ro"});
    recorder.record({EventKind::ObjectNamed, kFile, 0, 0, 0, {}, "hSrc"});
    recorder.record({EventKind::ObjectNamed, kOverlapped, 1, 0, 0, {}, "ro"});
    recorder.record({EventKind::FieldChange, kOverlapped, 0, kStatusSuccess, kStatusPending});
    recorder.record({EventKind::Signal, kFile, 0, 0, 0, {}, "ReadFile issued"});
    recorder.record({EventKind::IoIssued, kOverlapped, kFile, 0, 4096, "read", "io_uring"});
    recorder.record({EventKind::ApiLeave, 0, 0, 997, 1, "ReadFile", "FALSE"});
    set_current_thread(0);
    set_current_line(0);
    recorder.record({EventKind::IoFinished, kOverlapped, 0, 4096});
    recorder.record({EventKind::IoCompleting, kOverlapped, 0, 4096});
    recorder.record({EventKind::FieldChange, kOverlapped, 0, kStatusPending, kStatusSuccess});
    recorder.record({EventKind::FieldChange, kOverlapped, 1, 0, 4096});
    recorder.record({EventKind::Signal, kFile, 1, 0, 0, {}, "read completed"});
    recorder.record({EventKind::IoCompleted, kOverlapped, 0, 4096});
}

TEST(TraceState, FoldsFieldsSignalsAndRequests) {
    Recorder recorder;
    record_pending_read(recorder);
    const State pending = fold(recorder, 9);
    ASSERT_EQ(pending.overlappeds.size(), 1u);
    const OverlappedView& ro = pending.overlappeds.at(kOverlapped);
    EXPECT_EQ(ro.name, "ro");
    EXPECT_EQ(ro.get(OverlappedField::Internal), kStatusPending);
    EXPECT_TRUE(ro.in_flight);
    EXPECT_FALSE(pending.handles.at(kFile).signalled);
    EXPECT_EQ(pending.calls.back().result, "FALSE");
    EXPECT_EQ(pending.calls.back().last_error, 997u);

    const State done = fold(recorder, recorder.published());
    EXPECT_EQ(done.overlappeds.at(kOverlapped).get(OverlappedField::InternalHigh), 4096u);
    EXPECT_FALSE(done.overlappeds.at(kOverlapped).in_flight);
    EXPECT_TRUE(done.handles.at(kFile).signalled);
    EXPECT_EQ(done.ios.back().phase, IoView::Phase::Completed);
    EXPECT_EQ(done.checkpoints, 3u);
    EXPECT_EQ(event_index_of_checkpoint(recorder, 3), 10u);
}

// The student's moves (Session::deliver_held_first, Session::cancel_request) read as what they did,
// in both languages, and a cancel that found nothing says CancelIoEx would fail.
TEST(TextPrinter, SaysWhatTheStudentDidToARequest) {
    Recorder recorder;
    record_pending_read(recorder);
    const auto delivered = static_cast<uint64_t>(StudentAction::DeliveredFirst);
    const auto cancelled = static_cast<uint64_t>(StudentAction::Cancelled);
    recorder.record({EventKind::StudentAction, kOverlapped, delivered, 0, 1});
    recorder.record({EventKind::StudentAction, kOverlapped, cancelled, kFile, 1});
    recorder.record({EventKind::StudentAction, kOverlapped, cancelled, kFile, 0});
    for (Language language : {Language::English, Language::Korean}) {
        TextPrinter printer({}, language);
        std::string transcript;
        for (uint64_t i = 0; i < recorder.published(); ++i) transcript += printer.print(recorder.at(i));
        const bool english = language == Language::English;
        EXPECT_NE(transcript.find(english ? "you let ro complete ahead of the other held requests"
                                          : "ro을(를) 보류된 다른 요청보다 먼저 완료시킴"),
                  std::string::npos)
            << transcript;
        EXPECT_NE(transcript.find(english ? "you cancelled ro on hSrc (CancelIoEx): it was pending"
                                          : "hSrc의 ro을(를) 취소함(CancelIoEx): 대기 중이던 요청"),
                  std::string::npos)
            << transcript;
        EXPECT_NE(transcript.find("ERROR_NOT_FOUND"), std::string::npos) << transcript;
        const State state = fold(recorder, recorder.published());
        EXPECT_EQ(state.student_cancels, 1u) << "only a cancel that found the request pending counts";
    }
}

TEST(TextPrinter, PrintsNamesBesideNumbersAndLeavesOutKernelTiming) {
    Recorder recorder;
    record_pending_read(recorder);
    TextPrinter printer;
    std::string transcript;
    for (uint64_t i = 0; i < recorder.published(); ++i) transcript += printer.print(recorder.at(i));
    EXPECT_NE(transcript.find("[1] main  line 40  -> ReadFile(hSrc, buffer, 4096, NULL, &ro)"), std::string::npos)
        << transcript;
    EXPECT_NE(transcript.find("ro.Internal  0x0 (STATUS_SUCCESS) -> 0x103 (STATUS_PENDING)"), std::string::npos)
        << transcript;
    EXPECT_NE(transcript.find("ro.InternalHigh  0 bytes -> 4096 bytes"), std::string::npos) << transcript;
    EXPECT_NE(transcript.find("hSrc reset: ReadFile issued"), std::string::npos) << transcript;
    EXPECT_NE(transcript.find("[3] completion  read of ro on hSrc finished: 0x0 (STATUS_SUCCESS), 4096 bytes"),
              std::string::npos)
        << transcript;
    EXPECT_EQ(transcript.find("0x7ffd1000"), std::string::npos) << "addresses differ per run: never printed";
}

TEST(ChromeJson, WritesThreadNamesCallSlicesAndRequestSpans) {
    Recorder recorder;
    record_pending_read(recorder);
    std::ostringstream out;
    write_chrome_json(recorder, out);
    const nlohmann::json document = nlohmann::json::parse(out.str());
    EXPECT_EQ(document["displayTimeUnit"], "ns");
    std::multiset<std::string> phases;
    bool main_named = false;
    for (const nlohmann::json& event : document["traceEvents"]) {
        phases.insert(event["ph"].get<std::string>());
        if (event["name"] == "thread_name" && event["args"]["name"] == "main") main_named = true;
        if (event["ph"] == "b" || event["ph"] == "e") {
            EXPECT_EQ(event["cat"], "io");
        }
    }
    EXPECT_TRUE(main_named) << document.dump(1);
    EXPECT_GE(phases.count("B"), 1u);
    EXPECT_EQ(phases.count("B"), phases.count("E"));
    EXPECT_EQ(phases.count("b"), 1u);
    EXPECT_EQ(phases.count("e"), 1u);
}

}  // namespace
}  // namespace ovlab::trace
