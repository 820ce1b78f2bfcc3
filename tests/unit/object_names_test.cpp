#include <gtest/gtest.h>

#include "object_names.h"
#include "ovlab/trace_output.h"
#include "ovlab/trace_state.h"

namespace ovlab {
namespace {

TEST(ObjectNames, NumbersEachObjectAnExpressionPicksFromMany) {
    ObjectNames names;
    EXPECT_EQ(names.name_for(0x1000, "request->ov"), "request->ov #1");
    EXPECT_EQ(names.name_for(0x2000, "request->ov"), "request->ov #2");
    EXPECT_EQ(names.name_for(0x1000, "request->ov"), "") << "already named: nothing new to record";
    EXPECT_EQ(names.name_for(0x1000, "receives[index].ov"), "") << "a numbered name stays";
    EXPECT_EQ(names.name_for(0x3000, "ov[i]"), "ov[i] #1");
    EXPECT_EQ(names.name_for(0x4000, "ov[1]"), "ov[1]") << "a literal index names one element";
    EXPECT_EQ(names.name_for(0x5000, "ov"), "ov");
    EXPECT_EQ(names.name_for(0x5000, "shared.ov"), "shared.ov") << "a plain name may still rename";
}

TEST(ObjectNames, AFreedBlocksObjectsAreNewObjectsWhenTheAddressComesBack) {
    ObjectNames names;
    EXPECT_EQ(names.name_for(0x1000, "request->ov"), "request->ov #1");
    names.forget_range(0x1000, 0x1040);
    EXPECT_EQ(names.name_for(0x1000, "request->ov"), "request->ov #2");
    names.clear();
    EXPECT_EQ(names.name_for(0x1000, "request->ov"), "request->ov #1") << "a new session counts from 1";
}

}  // namespace

namespace trace {
namespace {

std::string print_all(const Recorder& recorder, Language language) {
    TextPrinter printer({}, language);
    std::string transcript;
    for (uint64_t i = 0; i < recorder.published(); ++i) transcript += printer.print(recorder.at(i));
    return transcript;
}

TEST(TextPrinter, SocketRequestsHaveNoOffsetAndSaySoOnce) {
    constexpr uint64_t kSocket = 0x20;
    Recorder recorder;
    set_current_thread(1);
    recorder.record({EventKind::ThreadStarted, 0, 0, 0, 0, {}, "main"});
    recorder.record({EventKind::HandleCreated, kSocket, static_cast<uint64_t>(HandleKind::Socket), 0, 0, {}, "socket"});
    recorder.record({EventKind::IoIssued, 0x7000, kSocket, 0, 72, "recv", "io_uring"});
    recorder.record({EventKind::IoIssued, 0x7100, kSocket, 0, 17, "send", "io_uring"});
    const std::string english = print_all(recorder, Language::English);
    EXPECT_EQ(english.find("at offset"), std::string::npos) << english;
    EXPECT_NE(english.find("recv of 72 bytes issued on socket 0x20 with OVERLAPPED (a socket is a stream of bytes: "
                           "it has no offset)\n"),
              std::string::npos)
        << english;
    EXPECT_NE(english.find("send of 17 bytes issued on socket 0x20 with OVERLAPPED\n"), std::string::npos) << english;
    const std::string korean = print_all(recorder, Language::Korean);
    EXPECT_EQ(korean.find("오프셋 0"), std::string::npos) << korean;
    EXPECT_NE(korean.find("(소켓은 바이트 스트림이라 오프셋이 없음)"), std::string::npos) << korean;
}

}  // namespace
}  // namespace trace
}  // namespace ovlab
