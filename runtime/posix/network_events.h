// WSAEventSelect's network events (docs/windows-rules.md §20): asynchronous *notification*. The
// event object says "you can call recv (accept, send) now without waiting"; the program then does
// the transfer itself, unlike an overlapped request whose data is already in the buffer.
//
// Each selected socket has a record of the events that occurred (FD_READ, FD_WRITE, FD_ACCEPT,
// FD_CLOSE) with their error codes. An event is recorded once, sets the associated event object,
// and is not recorded again until the program calls its re-enabling function (recv re-enables
// FD_READ, accept FD_ACCEPT, a send that failed with WSAEWOULDBLOCK FD_WRITE). Conditions still
// true then are recorded again at once (level-triggered). One thread polls every selected socket.
//
// Inside a lesson, recording an event waits for the stepper like a completion: it happens when no
// lesson thread is ready, so transcripts are the same on every run.
//
// This header names no Winsock or Linux type (see linux_net.h).
#pragma once

#include <cstdint>
#include <memory>

namespace ovlab::posix {

class EventObject;
class SocketObject;

// The FD_ bits and their indexes in WSANETWORKEVENTS.iErrorCode, as Winsock numbers them.
enum NetworkEventBit : long {
    kFdRead = 1 << 0,
    kFdWrite = 1 << 1,
    kFdOob = 1 << 2,
    kFdAccept = 1 << 3,
    kFdConnect = 1 << 4,
    kFdClose = 1 << 5,
};
constexpr int kNetworkEventCount = 10;  // FD_MAX_EVENTS
// The bits the lab records; WSAEventSelect refuses the others.
constexpr long kSupportedNetworkEvents = kFdRead | kFdWrite | kFdAccept | kFdClose;

struct NetworkEventRecord {
    long events = 0;
    int errors[kNetworkEventCount] = {};
};

// Associates `event` with `mask` on `socket` (mask 0: no association). Replaces any earlier
// selection and clears the record; events whose condition holds now are recorded at once.
// The caller has made the socket non-blocking. Called by a lesson thread.
void select_network_events(const std::shared_ptr<SocketObject>& socket, std::shared_ptr<EventObject> event,
                           long mask);
// accept: the new socket gets the listening socket's selection (same event, same events), as on
// Windows; returns false when the listening socket has none.
bool inherit_network_events(const SocketObject& listener, const std::shared_ptr<SocketObject>& accepted);
// True while `socket` has a selection with a non-zero mask (FIONBIO may not clear non-blocking).
bool network_events_selected(const SocketObject& socket);
// Returns the record and clears it (WSAEnumNetworkEvents); an empty record when not selected.
// Kernel mutex held by the caller, so that resetting the caller's event is part of the same step.
NetworkEventRecord take_network_events(const SocketObject& socket);
// The program called `bit`'s re-enabling function (even one that failed).
void reenable_network_event(const SocketObject& socket, long bit);
// closesocket: the selection ends with the socket.
void end_network_events(const SocketObject& socket);
// A lesson reset: every selection ends.
void end_all_network_events();

}  // namespace ovlab::posix
