#!/usr/bin/env bash
# The student plays the device with real X key events (xdotool -> the X server -> GLFW -> the app):
#  - iocp-file-reads with Hold on: N runs to the next completion, which stays held, so the run goes
#    on until the reads are held; D completes the held read the OVERLAPPED panel shows ahead of the
#    reads issued before it, which ends the run at it; Shift+H releases the rest;
#  - iocp-echo-server serving the Peer client (clients=0): C cancels the pending AcceptEx, and its
#    completion ends with ERROR_OPERATION_ABORTED.
# Each window writes its trace at exit (--trace-out); the transcript of that trace (--open
# --headless) must show the student's actions and what they did.
# Usage: student_plays_the_device.sh APP
set -u
source "$(dirname "${BASH_SOURCE[0]}")/own_display.sh"
app=$1
fail() {
    echo "FAIL: $*"
    for f in "$work"/*.txt; do echo "--- $f:"; cat "$f"; done
    exit 1
}

start_own_display 1600x900
export XDG_CONFIG_HOME="$work/config"
pictures="$work/pictures"
mkdir -p "$pictures"

# Opens the window on a lesson, waits for it, and leaves $app_pid set.
open_window() {
    local name=$1
    shift
    HOME="$pictures" XDG_PICTURES_DIR="$pictures" ASAN_OPTIONS=detect_leaks=0 \
        "$app" --lang en "$@" --trace-out "$work/$name.ovtrace" >"$work/$name-out.txt" 2>&1 &
    app_pid=$!
    window=$(timeout 60 xdotool search --sync --onlyvisible --name '^Overlapped Lab$' | head -1)
    [ -n "$window" ] || fail "the window never appeared ($name)"
    xdotool windowfocus --sync "$window"
    wait_for_window
}

# Waits until the window answers F12 with a picture: a loaded machine may take seconds to draw.
wait_for_window() {
    for _ in $(seq 60); do
        rm -f "$pictures"/*
        xdotool key F12
        sleep 1
        ls "$pictures" | grep -q -- "-step" && return
    done
    fail "the window never saved a picture"
}

# The step the window is on, read from the name of the picture F12 saves ("...-step<N>...png"); a
# loaded machine may take seconds to save it.
current_step() {
    local step=
    rm -f "$pictures"/*
    xdotool key F12
    for _ in $(seq 100); do
        sleep 0.2
        step=$(ls "$pictures" | sed -n 's/.*-step\([0-9][0-9]*\).*/\1/p' | head -1)
        [ -n "$step" ] && break
    done
    echo "$step"
}

# Waits until a run has stopped past step $1: the step stays the same over four pictures in a row.
# A fixed sleep long enough for a loaded machine would cost a minute on every run.
wait_until_stopped_past() {
    local after=$1 step last= same=0
    for _ in $(seq 150); do
        sleep 1
        step=$(current_step)
        if [ -n "$step" ] && [ "$step" -gt "$after" ] && [ "$step" = "$last" ]; then
            same=$((same + 1))
            [ "$same" -ge 3 ] && { stopped_at=$step; return; }
        else
            same=0
        fi
        last=$step
    done
    fail "the run did not stop past step $after (last picture at step ${last:-none})"
}

# Closes the window the normal way (a stop signal), so it writes its trace, and prints the transcript.
close_and_read() {
    local name=$1
    kill -TERM "$app_pid"
    wait "$app_pid"
    app_pid=
    [ -s "$work/$name.ovtrace" ] || fail "the window wrote no trace ($name)"
    "$app" --lang en --open "$work/$name.ovtrace" --headless >"$work/$name-transcript.txt" 2>&1
}

# ---- choose which held completion is delivered next
open_window reads --lesson iocp-file-reads
xdotool key h
# Run to the next completion: with Hold on none is delivered, so the run goes on until the four
# reads are issued and held and every thread waits for them.
xdotool key n
wait_until_stopped_past 0
xdotool key d  # delivers the held read the OVERLAPPED panel shows; the run to it ends there
sleep 2
xdotool key shift+h
sleep 2
close_and_read reads
transcript="$work/reads-transcript.txt"
chosen=$(sed -n 's/.*you let \(.*\) complete ahead of the other held requests.*/\1/p' "$transcript" | head -1)
[ -n "$chosen" ] || fail "D chose no held completion"
# The first completion delivered after the choice is the chosen one, not the first one issued.
first_after=$(sed -n '/you let /,$p' "$transcript" | grep -m1 ' completion  ')
grep -qF "$chosen" <<<"$first_after" || fail "the first completion after choosing $chosen was: $first_after"
first_issued=$(grep -m1 'read of 4096 bytes at offset' "$transcript" | sed -n 's/.* with \(.*\)$/\1/p')
[ "$first_issued" != "$chosen" ] || fail "the shown request was the first one issued ($chosen): no overtaking to see"

# ---- cancel a pending request
open_window accept --lesson iocp-echo-server --param clients=0
# Run to the next completion: none comes, so the run goes on until every thread waits and the
# server's AcceptEx is pending (no client ever connects); C cancels it, and its completion ends the run.
xdotool key n
wait_until_stopped_past 0
xdotool key c
wait_until_stopped_past "$stopped_at"
close_and_read accept
transcript="$work/accept-transcript.txt"
grep -q 'you cancelled .* (CancelIoEx): it was pending' "$transcript" || fail "C cancelled no pending request"
sed -n '/you cancelled /,$p' "$transcript" | grep -q 'STATUS_CANCELLED' ||
    fail "the cancelled request did not complete with STATUS_CANCELLED (ERROR_OPERATION_ABORTED)"
echo "PASS: D completed $chosen ahead of $first_issued; C cancelled the pending AcceptEx with STATUS_CANCELLED"
