// The trace: everything the runtime does, as one append-only log of fixed-size events.
//
// The schema is declared once, in OVLAB_TRACE_EVENTS below. Each row names an event kind, whether
// it is a stepping checkpoint, and what its generic fields mean for that kind. The enum, the kind
// names, the text printer and the Chrome JSON exporter are all derived from this table.
//
// Recording is lock-free and callable from any thread (lesson threads, the io_uring reaper, pool
// threads). Readers (GUI, headless printer, exporters) see a growing prefix of published events.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string_view>

namespace ovlab::trace {

// X(Kind, checkpoint, object, a, b, c, name, text)
// "-" marks a field the kind does not use.
#define OVLAB_TRACE_EVENTS(X)                                                                            \
    X(ThreadStarted, false, "-", "1 for a runtime thread (kernel side)", "-", "-", "-", "thread name")                                        \
    X(ThreadState, false, "-", "ThreadState", "-", "-", "-", "what it waits for")                          \
    X(ThreadExited, false, "-", "exit code", "-", "-", "-", "-")                                           \
    X(ApiEnter, true, "-", "-", "-", "-", "API name", "arguments, formatted")                              \
    X(ApiLeave, true, "-", "return value", "GetLastError", "1 if the call failed", "API name",              \
      "return value, formatted")                                                                           \
    X(HandleCreated, false, "handle", "HandleKind", "signalled", "-", "-", "description")                   \
    X(HandleClosed, false, "handle", "-", "-", "-", "-", "-")                                               \
    X(ObjectNamed, false, "handle or OVERLAPPED address", "1 if OVERLAPPED", "-", "-", "-",                 \
      "name in the lesson source")                                                                         \
    X(Signal, false, "handle", "1 signalled, 0 reset", "-", "-", "-", "reason")                             \
    X(FieldChange, false, "OVERLAPPED address", "OverlappedField", "old value", "new value",                \
      "\"program\" when the lesson stored it (seen at its next call), empty when the runtime wrote it", "-")   \
    X(IoIssued, false, "OVERLAPPED address", "handle", "file offset", "byte count", "read or write",        \
      "backend")                                                                                           \
    X(IoFinished, false, "OVERLAPPED address", "NTSTATUS", "bytes", "-", "-", "-")                          \
    X(IoCompleting, true, "OVERLAPPED address", "NTSTATUS", "bytes", "1 if held", "-", "-")                 \
    X(IoCompleted, false, "OVERLAPPED address", "NTSTATUS", "bytes", "-", "-", "-")                         \
    X(ApcQueued, false, "thread number it is queued to", "APC id", "-", "-", "-", "what it will run")         \
    X(ApcDelivering, true, "thread number running it", "APC id", "-", "-", "-", "what it runs")              \
    X(ApcDone, false, "thread number", "APC id", "-", "-", "-", "-")                                         \
    X(PortPacketQueued, false, "port handle", "bytes", "completion key", "OVERLAPPED address", "-",          \
      "where it came from: I/O or PostQueuedCompletionStatus")                                             \
    X(PortPacketDequeued, false, "port handle", "bytes", "completion key", "OVERLAPPED address", "-",        \
      "-")                                                                                                 \
    X(PortWaiter, false, "port handle", "1 starts waiting, 0 released or left", "-", "-", "-", "-")         \
    X(PortCounts, false, "port handle", "running threads", "concurrency value", "-", "-", "-")              \
    X(Console, false, "-", "-", "-", "-", "-", "text the lesson printed")                                   \
    X(LessonStarted, false, "-", "1 for a program of one's own", "-", "-", "lesson id", "working folder")                              \
    X(LessonFinished, false, "-", "exit code", "1 if the check passed", "1 for a program of one's own (no check)", "-", "check message")         \
    X(PortDepthObserved, false, "port handle", "packets queued", "-", "-", "-",                             \
      "- (Windows only: the sampler reads the depth; the packets themselves stay hidden until dequeued)") \
    X(HistoryFull, false, "-", "events the run may keep", "-", "-", "-", "-")                               \
    X(IoBackend, false, "-", "1 if the lab observes OVERLAPPED fields (Windows), 0 if it records each change", \
      "-", "-", "I/O backend: io_uring, threads or Windows", "-")                                       \
    X(LineReached, true, "-", "-", "-", "-", "-", "-")                                                       \
    X(SourceFile, false, "file number (Event::file)", "-", "-", "-", "file name", "path as compiled")        \
    X(StudentAction, false, "OVERLAPPED address", "StudentAction", "handle", "1 if it found the request", "-", "-")

enum class EventKind : uint8_t {
#define OVLAB_TRACE_ENUM(kind, ...) kind,
    OVLAB_TRACE_EVENTS(OVLAB_TRACE_ENUM)
#undef OVLAB_TRACE_ENUM
        Count
};

std::string_view kind_name(EventKind kind);
bool is_checkpoint(EventKind kind);

enum class ThreadState : uint8_t {
    Running,        // executing lesson code
    AtCheckpoint,   // parked by the stepper before or after a call
    Waiting,        // blocked in a non-alertable wait
    AlertableWait,  // blocked in an alertable wait: queued APCs may run
    Sleeping,       // Sleep / SleepEx
    Finished,
    PortWait,       // blocked in GetQueuedCompletionStatus(Ex)
    RunningApc,     // inside an APC / completion routine
};

// What the student did to a request from the window's controls (Session::deliver_held_first and
// Session::cancel_request), playing the device.
enum class StudentAction : uint8_t {
    DeliveredFirst = 1,  // let this held completion through ahead of the others
    Cancelled = 2,       // CancelIoEx on the request's handle and OVERLAPPED
};

enum class HandleKind : uint8_t { File, Event, Thread, CompletionPort, Socket, Pipe, Other };
// Their names, in English and Korean: thread_state_name and handle_kind_name in ovlab/trace_text.h.

enum class OverlappedField : uint8_t { Internal, InternalHigh, Offset, OffsetHigh, hEvent };
std::string_view field_name(OverlappedField field);

struct Event {
    uint64_t seq = 0;      // position in the log
    uint64_t time_ns = 0;  // since the recorder was created (steady clock)
    EventKind kind = EventKind::Console;
    uint32_t thread = 0;   // trace thread number: 1 = lesson main, runtime threads named by ThreadStarted
    uint32_t line = 0;     // lesson source line of the call being made, 0 when not in lesson code
    uint32_t file = 0;     // source file of `line`, named by a SourceFile event; 0 in a lesson (one file)
    uint64_t object = 0;
    uint64_t a = 0, b = 0, c = 0;
    char name[32] = {};
    char text[240] = {};

    std::string_view name_view() const { return name; }
    std::string_view text_view() const { return text; }
};

// Fields an event is built from; strings are truncated to fit the fixed slots.
struct EventData {
    EventKind kind;
    uint64_t object = 0;
    uint64_t a = 0, b = 0, c = 0;
    std::string_view name = {};
    std::string_view text = {};
};

// A recorder keeps at most `capacity` events. Events recorded past it are counted and dropped;
// Session stops a run before that happens (see Recorder::near_limit), so a run's history is
// bounded and never silently loses a step.
class EventMemory;

class Recorder {
public:
    // 524,288 events of 336 bytes: at most 168 MiB, about 100,000 steps of a lesson.
    static constexpr uint64_t kDefaultCapacity = uint64_t{1} << 19;
    // Room kept after near_limit() for the events a stopping run still records (completions the
    // kernel finishes, the threads' last states).
    static constexpr uint64_t kReserve = 4096;

    explicit Recorder(uint64_t capacity = kDefaultCapacity);
    ~Recorder();
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;

    // Appends an event stamped with the calling thread's trace number and lesson line and returns
    // its index; kDropped when the recorder is full.
    uint64_t record(const EventData& data);
    static constexpr uint64_t kDropped = UINT64_MAX;
    // Appends an event recorded elsewhere (read back from a trace file, or sent by a program in its
    // own process) as it is: its time, thread, line and file are kept, its seq becomes its index
    // here. kDropped when the recorder is full.
    uint64_t append_recorded(const Event& event);

    uint64_t capacity() const { return capacity_; }
    // True once all but kReserve slots are taken.
    bool near_limit() const;
    uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }

    // Number of events that are fully written and may be read.
    uint64_t published() const;
    // Valid for index < published(); the reference stays valid for the recorder's lifetime.
    const Event& at(uint64_t index) const;

    uint64_t start_ns() const { return start_ns_; }

private:
    static constexpr uint64_t kMaxCapacity = uint64_t{1} << 26;  // 67 M events

    // Claims the next slot, counting a drop when the recorder is full.
    uint64_t claim_slot();
    // The slot's memory, ready to be written (see EventMemory).
    Event& slot(uint64_t index);
    void publish(uint64_t index);

    uint64_t capacity_;
    std::unique_ptr<EventMemory> memory_;
    Event* events_;
    std::unique_ptr<std::atomic<bool>[]> ready_;  // a slot's writer has finished
    std::atomic<uint64_t> next_{0};
    std::atomic<uint64_t> published_{0};
    std::atomic<uint64_t> dropped_{0};
    uint64_t start_ns_;
};

// Per-thread identity used to stamp events. Lesson threads and runtime threads set these once.
void set_current_thread(uint32_t trace_thread);
uint32_t current_thread();
void set_current_line(uint32_t line);
uint32_t current_line();
// The source file number stamped on the thread's events (see EventKind::SourceFile).
void set_current_file(uint32_t file);

}  // namespace ovlab::trace
