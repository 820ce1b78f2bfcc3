#include "ovlab/trace_text.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace ovlab::trace {
namespace {

struct Texts {
    std::string_view en;
    std::string_view ko;

    std::string_view in(Language language) const { return language == Language::Korean ? ko : en; }
};

constexpr Texts kLines[] = {
#define OVLAB_TRACE_LINE_ROW(key, en, ko) {en, ko},
    OVLAB_TRACE_LINES(OVLAB_TRACE_LINE_ROW)
#undef OVLAB_TRACE_LINE_ROW
};

// Indexed by ThreadState.
constexpr std::array<Texts, 8> kThreadStates = {{
    {"running", "실행 중"},
    {"at checkpoint", "체크포인트에서 멈춤"},
    {"waiting", "대기 중"},
    {"alertable wait", "alertable 대기 중"},
    {"sleeping", "Sleep 중"},
    {"finished", "끝남"},
    {"waiting in GQCS", "GQCS에서 대기 중"},
    {"running an APC", "APC 실행 중"},
}};

// Indexed by HandleKind.
constexpr std::array<Texts, 7> kHandleKinds = {{
    {"file", "파일"},
    {"event", "이벤트"},
    {"thread", "스레드"},
    {"completion port", "입출력 완료 포트"},
    {"socket", "소켓"},
    {"pipe", "파이프"},
    {"object", "개체"},
}};

// Where a recorded phrase may stand. Whole and Start/End keep short words ("read", "file ") from
// matching inside identifiers and paths the runtime quotes (`readDone`, "file-a.txt");
// Anywhere is for phrases no identifier or path can contain (they hold spaces or parentheses).
enum class Where { Whole, Start, End, Anywhere };

struct Phrase {
    std::string_view en;
    std::string_view ko;
    Where where;
};

// Every English phrase the runtime (runtime/posix and runtime/win32) writes into an event text or a
// call's arguments, and the state (state.cpp) into a thread's detail; longest first where one
// contains another.
constexpr Phrase kRecordedPhrases[] = {
    // what the folded state says a thread at a checkpoint or a finished thread did (state.cpp)
    {"about to call ", "호출 직전: ", Where::Start},
    {" returned", " 반환됨", Where::End},
    {"returned ", "반환값 ", Where::Start},
    // why a handle was signalled or reset
    {"wait satisfied: auto-reset", "대기 충족: 자동 리셋", Where::Whole},
    {"thread exited", "스레드 끝남", Where::Whole},
    {"pipe instance listening", "파이프 인스턴스가 listen 상태", Where::Whole},
    {"pulse over", "펄스 끝남", Where::Whole},
    {"seen before ", "관찰됨, 호출 전: ", Where::Start},
    {"seen after ", "관찰됨, 호출 후: ", Where::Start},
    {" issued", " 요청", Where::End},
    {" completed", " 완료", Where::End},
    {" recorded", " 기록됨", Where::End},  // WSAEventSelect: "FD_READ | FD_CLOSE recorded"
    {"completed in the call", "호출 안에서 완료", Where::Whole},
    {"completed at issue", "요청할 때 완료", Where::Whole},
    // the name of the lane the runtime finishes requests on: "kernel (io_uring)"
    {"kernel (", "커널 (", Where::Start},
    // a request's operation (IoIssued, the request's label, "read completed")
    {"device control", "장치 제어", Where::Start},
    {"read", "읽기", Where::Start},
    {"write", "쓰기", Where::Start},
    {"recv", "수신", Where::Start},
    {"send", "송신", Where::Start},
    {"accept", "accept", Where::Start},
    // handle descriptions
    {"event auto-reset", "이벤트, 자동 리셋", Where::Start},
    {"event manual-reset", "이벤트, 수동 리셋", Where::Start},
    {"completion port, concurrency ", "입출력 완료 포트, 동시 실행 값 ", Where::Start},
    {"process (this program)", "프로세스(이 프로그램)", Where::Whole},
    {"thread id ", "스레드 id ", Where::Start},
    {"thread ", "스레드 ", Where::Start},
    {"file ", "파일 ", Where::Start},
    {"socket ", "소켓 ", Where::Start},
    {"pipe ", "파이프 ", Where::Start},
    {"server end", "서버 쪽", Where::Anywhere},
    {"client end", "클라이언트 쪽", Where::Anywhere},
    {"(overlapped)", "(중첩 I/O)", Where::Anywhere},
    {", overlapped)", ", 중첩 I/O)", Where::Anywhere},
    {"observer (Windows: fields and states are sampled)", "관찰자(Windows: 필드와 상태를 샘플링함)", Where::Whole},
    // what a thread waits for, what an APC runs
    {" completion routine", " 완료 루틴", Where::Anywhere},
    {"(synchronous handle)", "(동기 핸들)", Where::Anywhere},
    {"(may block)", "(블록될 수 있음)", Where::Anywhere},
    {"(any: ", "(하나라도: ", Where::Anywhere},
    {"(all: ", "(모두: ", Where::Anywhere},
    {") to ", ") → ", Where::Anywhere},
    {"(system port)", "(시스템이 고른 포트)", Where::Anywhere},
    // notes in a call's arguments: "lpBuffers=parts (2 buffers, 72 bytes)"
    {" buffers, ", "개 버퍼, ", Where::Anywhere},
    {" buffer, ", "개 버퍼, ", Where::Anywhere},
    {" bytes)", "바이트)", Where::Anywhere},
    {" byte)", "바이트)", Where::Anywhere},
    {": the socket)", ": 소켓)", Where::Anywhere},
    {") waits for a client", ")에서 클라이언트를 기다림", Where::End},
    {" waits for data", " 데이터를 기다림", Where::End},
    {" waits for room", " 버퍼 공간을 기다림", Where::End},
    {"created suspended: waits for ResumeThread", "일시 중단 상태로 만들어짐: ResumeThread를 기다림", Where::Whole},
};

bool is_identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool matches_at(std::string_view text, size_t at, const Phrase& phrase) {
    if (text.compare(at, phrase.en.size(), phrase.en) != 0) return false;
    const size_t after = at + phrase.en.size();
    // A phrase that begins or ends with a letter must not be part of a longer word ("readDone").
    if (at > 0 && is_identifier_char(phrase.en.front()) && is_identifier_char(text[at - 1])) return false;
    if (after < text.size() && is_identifier_char(phrase.en.back()) && is_identifier_char(text[after])) return false;
    const bool at_start = at == 0;
    const bool at_end = after == text.size();
    switch (phrase.where) {
        case Where::Whole: return at_start && at_end;
        case Where::Start: return at_start;
        case Where::End: return at_end;
        case Where::Anywhere: return true;
    }
    return false;
}

// One pass left to right: a replaced phrase is never looked at again, so a Korean phrase cannot be
// matched by a later row.
std::string localize_in_order(std::string_view text) {
    std::string out;
    size_t at = 0;
    while (at < text.size()) {
        const Phrase* found = nullptr;
        for (const Phrase& phrase : kRecordedPhrases)
            if (matches_at(text, at, phrase)) {
                found = &phrase;
                break;
            }
        if (found) {
            out += found->ko;
            at += found->en.size();
        } else {
            out += text[at++];
        }
    }
    return out;
}

}  // namespace

std::string_view line_format(Line line, Language language) { return kLines[static_cast<size_t>(line)].in(language); }

std::string singular_byte_counts(std::string text) {
    static constexpr std::string_view kPlural = "1 bytes";
    for (size_t at = text.find(kPlural); at != std::string::npos; at = text.find(kPlural, at + 1)) {
        const bool whole_number = at == 0 || !std::isdigit(static_cast<unsigned char>(text[at - 1]));
        const size_t after = at + kPlural.size();
        if (whole_number && (after == text.size() || !is_identifier_char(text[after]))) text.erase(after - 1, 1);
    }
    return text;
}

std::string_view thread_state_name(ThreadState state, Language language) {
    const auto index = static_cast<size_t>(state);
    return index < kThreadStates.size() ? kThreadStates[index].in(language) : std::string_view("?");
}

std::string_view handle_kind_name(HandleKind kind, Language language) {
    const auto index = static_cast<size_t>(kind);
    return index < kHandleKinds.size() ? kHandleKinds[index].in(language) : std::string_view("?");
}

std::string localize_recorded(std::string_view text, Language language) {
    if (language == Language::English) return std::string(text);
    // The phrase that ends the text first: "socket returned" is the API socket and " returned",
    // not the description "socket " and a stray word.
    for (const Phrase& phrase : kRecordedPhrases) {
        const size_t at = text.size() - std::min(text.size(), phrase.en.size());
        if (phrase.where == Where::End && at > 0 && matches_at(text, at, phrase))
            return localize_in_order(text.substr(0, at)) + std::string(phrase.ko);
    }
    return localize_in_order(text);
}

}  // namespace ovlab::trace
