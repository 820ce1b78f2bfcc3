#!/usr/bin/env bash
# The student plays the peer of event-sockets and completion-routine (peer=1): the window's
# screenshot run does the Peer client panel's actions (--peer-actions: the panel's buttons, on the
# panel's own sockets), and the transcript of the run's trace (--trace-out, then --open --headless)
# must show what the lesson's program received through the runtime: the text, split over the two
# buffers or handed to the completion routine, a text sent in pieces in one receive per piece, then the
# close (0 bytes) or the reset (error 10054).
# Usage: student_is_the_peer.sh XVFB_RUN APP OUTPUT_FOLDER
set -u
xvfb_run=$1
app=$2
out=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
fail() {
    echo "FAIL: $*"
    for f in "$work"/*.txt; do echo "--- $f:"; cat "$f"; done
    exit 1
}

# play NAME LESSON ACTIONS: a screenshot run of LESSON with peer=1 that does ACTIONS; leaves the
# transcript in $work/NAME-transcript.txt and the picture in $out/NAME.png.
play() {
    local name=$1 lesson=$2 actions=$3
    ASAN_OPTIONS=detect_leaks=0 "$xvfb_run" -a -s "-screen 0 1600x900x24" \
        "$app" --lang en --lesson "$lesson" --param peer=1 --peer-actions "$actions" \
        --screenshot "$out/$name.png" --steps 400 --trace-out "$work/$name.ovtrace" >"$work/$name-out.txt" 2>&1
    [ -s "$work/$name.ovtrace" ] || fail "the window wrote no trace ($name)"
    [ -s "$out/$name.png" ] || fail "the window saved no picture ($name)"
    "$app" --lang en --open "$work/$name.ovtrace" --headless >"$work/$name-transcript.txt" 2>&1
}

play routine-close completion-routine "connect,send:hello from the peer,close"
t="$work/routine-close-transcript.txt"
grep -q 'OnSocketRecv: error 0, 19 bytes, flags 0: "hello from the peer"' "$t" ||
    fail "completion-routine: no routine got the peer's text"
grep -q 'the peer closed the connection: the routine got 0 bytes' "$t" ||
    fail "completion-routine: the peer's close did not reach the routine as 0 bytes"
play routine-reset completion-routine "connect,reset"
grep -q "the peer's connection failed: the routine got error 10054" "$work/routine-reset-transcript.txt" ||
    fail "completion-routine: the peer's reset did not reach the routine as WSAECONNRESET"

play events-reset event-sockets "connect,send:hello student,reset"
t="$work/events-reset-transcript.txt"
grep -q 'from the peer: 13 bytes: first buffer "hello st", second buffer "udent"' "$t" ||
    fail "event-sockets: the peer's text was not scattered over the two buffers"
grep -q "the peer's connection failed: the receive got error 10054" "$t" ||
    fail "event-sockets: the peer's reset did not fail the receive with WSAECONNRESET"
# Send in pieces: the receive waiting when the first piece arrives completes with it alone, and
# the second piece comes in a receive of its own.
play events-pieces event-sockets "connect,pieces:hello student,close"
t="$work/events-pieces-transcript.txt"
grep -q 'from the peer: 6 bytes: first buffer "hello ", second buffer ""' "$t" ||
    fail "event-sockets: the first piece did not arrive in a receive of its own"
grep -q 'from the peer: 7 bytes: first buffer "student", second buffer ""' "$t" ||
    fail "event-sockets: the second piece did not arrive in a receive of its own"
play events-close event-sockets "connect,close"
grep -q 'the peer closed the connection: the receive got 0 bytes' "$work/events-close-transcript.txt" ||
    fail "event-sockets: the peer's close did not complete the receive with 0 bytes"
echo "PASS: both lessons got the peer's text (in pieces too), its close as 0 bytes and its reset as error 10054"
