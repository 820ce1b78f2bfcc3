// Random sequences of Win32 calls, each step checked against a small model of docs/windows-rules.md:
// closed or invalid handles fail with ERROR_INVALID_HANDLE, events hold the state calls gave them,
// every started request completes exactly once (its event, plus one packet when its file is on a
// port), posted packets come out in order, nothing leaks (RuntimeTest's check). Fixed seeds: a
// failure names its seed and step and replays the same way.
#include <windows.h>

#include <deque>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "runtime_test_support.h"

namespace ovlab::testing {
namespace {

constexpr DWORD kFileSize = 64;  // every file holds pattern_byte(0..63); writes rewrite the same bytes
constexpr int kStepsPerSeed = 300;

char pattern_byte(DWORD offset) { return static_cast<char>('A' + offset % 23); }

enum class Kind { Event, File, Port };

// One kernel object; several handles may name it (DuplicateHandle).
struct Object {
    Kind kind = Kind::Event;
    int handles = 0;
    bool signalled = false, manual = false;  // events
    bool associated = false;                 // files: joined a port (for good, even once it closes)
    bool had_requests = false;               // files: issued a request (see create_or_associate_port)
    int port = -1;                           // files: the object id of their open port, else -1
    ULONG_PTR key = 0;
    std::string path;                        // files
    std::deque<std::pair<DWORD, ULONG_PTR>> posted;  // ports: posted packets not yet dequeued
};

struct Request {
    OVERLAPPED ov = {};
    HANDLE event = nullptr;  // its own: only the request sets it
    HANDLE file = nullptr;
    std::vector<char> buffer;
    bool read = true;
    DWORD offset = 0, length = 0;
    int port = -1;  // the port whose single packet is still owed, -1 once seen or if none
    ULONG_PTR key = 0;
};

class Fuzzer {
public:
    Fuzzer(uint32_t seed, std::string folder) : random_(seed), folder_(std::move(folder)) {}

    void step() {
        switch (pick(13)) {
        case 0: create_event(); break;
        case 1: set_or_reset_event(); break;
        case 2: wait_for_event(); break;
        case 3: create_file(); break;
        case 4: case 5: issue_request(); break;
        case 6: poll_request(); break;
        case 7: cancel(); break;
        case 8: close_handle(); break;
        case 9: create_or_associate_port(); break;
        case 10: post_or_dequeue(); break;
        case 11: duplicate(); break;
        default: use_dead_handle(); break;
        }
        check_manual_events();
    }

    // Waits for every request, takes every packet owed, checks that no port holds one more.
    void drain() {
        for (auto& request : requests_) {
            ASSERT_EQ(WaitForSingleObject(request->event, 5000), WAIT_OBJECT_0) << "a request never completed";
            DWORD bytes = 0xDEAD;
            const BOOL ok = GetOverlappedResult(request->file, &request->ov, &bytes, FALSE);
            check_outcome(*request, ok, ok ? 0 : GetLastError(), bytes);
        }
        for (auto& request : requests_)
            while (request->port >= 0)  // a dequeue may return another request's packet first
                ASSERT_TRUE(dequeue(handle_of(request->port), request->port, 5000)) << "an owed packet never came";
        for (auto& [id, object] : objects_) {
            if (object.kind != Kind::Port) continue;
            while (!object.posted.empty()) ASSERT_TRUE(dequeue(handle_of(id), id, 0));
            EXPECT_FALSE(dequeue(handle_of(id), id, 0)) << "a packet too many";
        }
    }

    // Closes every handle, the requests' events included, whatever state a failure left.
    void close_all() {
        for (auto& request : requests_) EXPECT_TRUE(CloseHandle(request->event));
        requests_.clear();
        for (auto& [h, id] : live_) EXPECT_TRUE(CloseHandle(h));
        live_.clear();
    }

private:
    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random_); }

    // A live handle of the given kind, or nullptr if there is none.
    HANDLE any_live(Kind kind) {
        std::vector<HANDLE> found;
        for (auto& [h, id] : live_)
            if (objects_[id].kind == kind) found.push_back(h);
        return found.empty() ? nullptr : found[pick(static_cast<int>(found.size()))];
    }
    HANDLE handle_of(int id) {
        for (auto& [h, object] : live_)
            if (object == id) return h;
        return nullptr;
    }
    void adopt(HANDLE h, int id) {
        ASSERT_TRUE(h != nullptr && h != INVALID_HANDLE_VALUE);
        ASSERT_EQ(live_.count(h), 0u) << "a handle value given twice";
        live_[h] = id;
        ++objects_[id].handles;
    }
    int new_object(Kind kind) { objects_[next_id_].kind = kind; return next_id_++; }

    void create_event() {
        const bool manual = pick(2), initial = pick(2);
        const int id = new_object(Kind::Event);
        objects_[id].manual = manual;
        objects_[id].signalled = initial;
        adopt(CreateEventA(nullptr, manual, initial, nullptr), id);
    }

    void set_or_reset_event() {
        HANDLE h = any_live(Kind::Event);
        if (!h) return;
        const bool set = pick(2);
        EXPECT_TRUE(set ? SetEvent(h) : ResetEvent(h));
        objects_[live_[h]].signalled = set;
    }

    void wait_for_event() {
        HANDLE h = any_live(Kind::Event);
        if (!h) return;
        Object& event = objects_[live_[h]];
        EXPECT_EQ(WaitForSingleObject(h, 0), event.signalled ? WAIT_OBJECT_0 : static_cast<DWORD>(WAIT_TIMEOUT));
        if (!event.manual) event.signalled = false;  // a satisfied wait consumes an auto-reset event
    }

    void create_file() {
        HANDLE existing = any_live(Kind::File);
        // Sometimes a second CreateFile of an existing file: a file object of its own.
        if (existing && pick(3) == 0) return open_file(objects_[live_[existing]].path);
        const std::string name = folder_ + "/fuzz-" + std::to_string(next_id_);
        std::ofstream out(name, std::ios::binary);
        for (DWORD i = 0; i < kFileSize; ++i) out.put(pattern_byte(i));
        out.close();
        open_file(name);
    }

    void open_file(const std::string& name) {
        const HANDLE h = CreateFileA(name.c_str(), GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE,
                                     nullptr, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, nullptr);
        const int id = new_object(Kind::File);
        objects_[id].path = name;
        adopt(h, id);
    }

    void issue_request() {
        HANDLE file = any_live(Kind::File);
        if (!file) return;
        auto request = std::make_unique<Request>();
        request->file = file;
        request->read = pick(2);
        request->offset = static_cast<DWORD>(pick(request->read ? kFileSize + 16 : kFileSize));
        request->length = static_cast<DWORD>(pick(request->read ? 33 : static_cast<int>(kFileSize - request->offset) + 1));
        request->buffer.assign(request->length + 1, '?');
        if (!request->read)
            for (DWORD i = 0; i < request->length; ++i) request->buffer[i] = pattern_byte(request->offset + i);
        request->event = CreateEventA(nullptr, TRUE, TRUE, nullptr);  // signalled: the issue must reset it
        request->ov.hEvent = request->event;
        request->ov.Offset = request->offset;
        Object& object = objects_[live_[file]];
        object.had_requests = true;
        request->port = object.port;
        request->key = object.key;
        const BOOL ok = request->read ? ReadFile(file, request->buffer.data(), request->length, nullptr, &request->ov)
                                      : WriteFile(file, request->buffer.data(), request->length, nullptr, &request->ov);
        const DWORD error = GetLastError();
        if (!ok && error != ERROR_IO_PENDING) {
            // An immediate failure: only end of file is possible here, and nothing follows it.
            EXPECT_TRUE(request->read && request->offset >= kFileSize && request->length > 0) << error;
            EXPECT_EQ(error, static_cast<DWORD>(ERROR_HANDLE_EOF));
            EXPECT_EQ(WaitForSingleObject(request->event, 0), static_cast<DWORD>(WAIT_TIMEOUT));
            EXPECT_TRUE(CloseHandle(request->event));
            return;
        }
        requests_.push_back(std::move(request));
    }

    // The final result a request must report: success with its bytes, end of file, or (after
    // CancelIoEx, or closing while it ran) cancelled.
    void check_outcome(const Request& request, BOOL ok, DWORD error, DWORD bytes) {
        const DWORD status = static_cast<DWORD>(request.ov.Internal);
        if (!ok && status == kStatusCancelled) {
            EXPECT_EQ(error, static_cast<DWORD>(ERROR_OPERATION_ABORTED));
            return;
        }
        if (request.read && request.offset >= kFileSize && request.length > 0) {
            EXPECT_FALSE(ok);
            EXPECT_EQ(error, static_cast<DWORD>(ERROR_HANDLE_EOF));
            EXPECT_EQ(status, kStatusEndOfFile);
            return;
        }
        ASSERT_TRUE(ok) << "error " << error;
        const DWORD expected = request.read ? std::min(request.length, kFileSize - request.offset) : request.length;
        ASSERT_EQ(bytes, expected);
        for (DWORD i = 0; i < bytes; ++i) ASSERT_EQ(request.buffer[i], pattern_byte(request.offset + i)) << i;
    }

    void poll_request() {
        if (requests_.empty()) return;
        Request& request = *requests_[pick(static_cast<int>(requests_.size()))];
        DWORD bytes = 0xDEAD;
        const BOOL ok = GetOverlappedResult(request.file, &request.ov, &bytes, FALSE);
        const DWORD error = ok ? 0 : GetLastError();
        if (!ok && error == ERROR_IO_INCOMPLETE) return;
        // Internal is final before the event is set (section 4): the event follows at once.
        EXPECT_EQ(WaitForSingleObject(request.event, 5000), WAIT_OBJECT_0) << "finished but its event is not set";
        check_outcome(request, ok, error, bytes);
    }

    void cancel() {
        HANDLE file = any_live(Kind::File);
        if (!file) return;
        OVERLAPPED* target = nullptr;
        if (!requests_.empty() && pick(2)) target = &requests_[pick(static_cast<int>(requests_.size()))]->ov;
        // Found (TRUE) or nothing left to cancel on this handle (1168): both are races we allow.
        const BOOL found = CancelIoEx(file, target);
        EXPECT_TRUE(found || GetLastError() == ERROR_NOT_FOUND) << GetLastError();
    }

    void close_handle() {
        if (live_.empty()) return;
        auto it = std::next(live_.begin(), pick(static_cast<int>(live_.size())));
        const HANDLE h = it->first;
        const int id = it->second;
        EXPECT_TRUE(CloseHandle(h));
        live_.erase(it);
        closed_.push_back(h);
        if (--objects_[id].handles > 0 || objects_[id].kind != Kind::Port) return;
        // The port is gone, and with it the packets owed to it.
        for (auto& request : requests_)
            if (request->port == id) request->port = -1;
        for (auto& [other, object] : objects_)
            if (object.port == id) object.port = -1;
        objects_.erase(id);
    }

    void create_or_associate_port() {
        HANDLE port = any_live(Kind::Port);
        HANDLE file = any_live(Kind::File);
        if (!port || !file || pick(4) == 0) {
            adopt(CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, 1), new_object(Kind::Port));
            return;
        }
        Object& object = objects_[live_[file]];
        // Windows decides at completion whether a request gets a packet; a request running while
        // its file joins a port could go either way, so only files without requests join.
        if (!object.associated && object.had_requests) return;
        const ULONG_PTR key = (static_cast<ULONG_PTR>(1) << 40) | static_cast<ULONG_PTR>(pick(1000));
        const HANDLE result = CreateIoCompletionPort(file, port, key, 0);
        if (object.associated) {  // a file object joins one port only
            EXPECT_EQ(result, nullptr);
            EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
            return;
        }
        EXPECT_EQ(result, port);
        object.associated = true;
        object.port = live_[port];
        object.key = key;
    }

    void post_or_dequeue() {
        HANDLE port = any_live(Kind::Port);
        if (!port) return;
        const int id = live_[port];
        if (pick(2)) {
            dequeue(port, id, 0);
            return;
        }
        const DWORD bytes = static_cast<DWORD>(pick(100000));
        const ULONG_PTR key = static_cast<ULONG_PTR>(pick(100000));
        EXPECT_TRUE(PostQueuedCompletionStatus(port, bytes, key, nullptr));
        objects_[id].posted.emplace_back(bytes, key);
    }

    // One GetQueuedCompletionStatus, matched against what the port owes; false if it timed out.
    bool dequeue(HANDLE port, int id, DWORD timeout) {
        DWORD bytes = 0xDEAD;
        ULONG_PTR key = 0xBEEF;
        OVERLAPPED* ov = nullptr;
        const BOOL ok = GetQueuedCompletionStatus(port, &bytes, &key, &ov, timeout);
        const DWORD error = ok ? 0 : GetLastError();
        auto& posted = objects_[id].posted;
        if (!ov && (!ok || posted.empty())) {
            // Posted packets are queued at once: the port cannot look empty while it holds one.
            EXPECT_TRUE(!ok && posted.empty()) << "a posted packet lost, or one nobody posted";
            EXPECT_EQ(error, ok ? 0 : static_cast<DWORD>(WAIT_TIMEOUT));
            return ok;
        }
        if (!ov) {
            EXPECT_EQ(std::make_pair(bytes, key), posted.front()) << "posted packets come out in order";
            posted.pop_front();
            return true;
        }
        for (auto& request : requests_) {
            if (&request->ov != ov) continue;
            EXPECT_EQ(request->port, id) << "a packet not owed, or a second one for the same request";
            EXPECT_EQ(key, request->key);
            EXPECT_EQ(WaitForSingleObject(request->event, 5000), WAIT_OBJECT_0) << "a packet, but never the event";
            check_outcome(*request, ok, error, bytes);
            request->port = -1;
            return true;
        }
        ADD_FAILURE() << "a packet for an OVERLAPPED the test does not know";
        return true;
    }

    void duplicate() {
        if (live_.empty()) return;
        const auto source = std::next(live_.begin(), pick(static_cast<int>(live_.size())));
        HANDLE copy = nullptr;
        ASSERT_TRUE(DuplicateHandle(GetCurrentProcess(), source->first, GetCurrentProcess(), &copy, 0, FALSE,
                                    DUPLICATE_SAME_ACCESS));
        adopt(copy, source->second);
    }

    // A closed handle (values are never given out again while the model holds them) or one
    // that was never valid: every call refuses it with ERROR_INVALID_HANDLE.
    void use_dead_handle() {
        HANDLE h = reinterpret_cast<HANDLE>(static_cast<uintptr_t>(0x7FFF0000 + 4 * pick(16)));
        if (!closed_.empty() && pick(4)) h = closed_[pick(static_cast<int>(closed_.size()))];
        if (live_.count(h)) return;
        char byte = 0;
        DWORD bytes = 0;
        ULONG_PTR key = 0;
        OVERLAPPED ov = {}, *dequeued = nullptr;
        HANDLE copy = nullptr;
        BOOL ok = TRUE;
        switch (pick(8)) {
        case 0: ok = CloseHandle(h); break;
        case 1: ok = SetEvent(h); break;
        case 2: ok = ResetEvent(h); break;
        case 3: ok = WaitForSingleObject(h, 0) != WAIT_FAILED; break;
        case 4: ok = ReadFile(h, &byte, 1, nullptr, &ov); break;
        case 5: ok = CancelIoEx(h, nullptr); break;
        case 6: ok = GetQueuedCompletionStatus(h, &bytes, &key, &dequeued, 0) || dequeued; break;
        default: ok = DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &copy, 0, FALSE, DUPLICATE_SAME_ACCESS);
        }
        EXPECT_FALSE(ok);
        EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_HANDLE));
    }

    // Manual-reset events keep their state until a call changes it: look at all of them.
    void check_manual_events() {
        for (auto& [h, id] : live_) {
            const Object& object = objects_[id];
            if (object.kind != Kind::Event || !object.manual) continue;
            EXPECT_EQ(WaitForSingleObject(h, 0), object.signalled ? WAIT_OBJECT_0 : static_cast<DWORD>(WAIT_TIMEOUT));
        }
    }

    std::mt19937 random_;
    std::string folder_;
    std::map<int, Object> objects_;
    std::map<HANDLE, int> live_;  // handle -> object id
    std::vector<HANDLE> closed_;
    std::vector<std::unique_ptr<Request>> requests_;
    int next_id_ = 0;
};

class RuntimeFuzz : public RuntimeTest {};

TEST_F(RuntimeFuzz, RandomCallSequencesKeepTheModelsPromises) {
    for (uint32_t seed = 1; seed <= 12; ++seed) {
        Fuzzer fuzzer(seed, path(""));
        for (int step = 0; step < kStepsPerSeed && !HasFailure(); ++step) {
            SCOPED_TRACE(::testing::Message() << "seed " << seed << " step " << step);
            fuzzer.step();
        }
        SCOPED_TRACE(::testing::Message() << "seed " << seed << " at the end");
        if (!HasFailure()) fuzzer.drain();
        fuzzer.close_all();
        if (HasFailure()) return;
    }
}

}  // namespace
}  // namespace ovlab::testing
