#!/usr/bin/env bash
# When the display goes away under the window (the X server ends), Xlib ends the app with exit():
# the run's working folder must not be left behind. Usage: display_lost.sh APP
set -u
source "$(dirname "${BASH_SOURCE[0]}")/own_display.sh"
app=$1

start_own_display 1600x900

mkdir -p "$work/tmp"
TMPDIR="$work/tmp" ASAN_OPTIONS=detect_leaks=0 "$app" --lesson event-file-copy >"$work/out.txt" 2>&1 &
app_pid=$!
for _ in $(seq 200); do compgen -G "$work/tmp/overlapped-lab-*" >/dev/null && break; sleep 0.1; done
compgen -G "$work/tmp/overlapped-lab-*" >/dev/null || fail "the app never created its run folder: $(cat "$work/out.txt")"
sleep 1

kill "$xvfb_pid"
wait "$xvfb_pid" 2>/dev/null
xvfb_pid=
for _ in $(seq 200); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$app_pid" 2>/dev/null && fail "the app still runs 20 s after its display went away"
app_pid=
left=$(ls "$work/tmp")
[ -z "$left" ] || fail "left behind in TMPDIR: $left"
echo "the display went away; the app exited and removed its run folder"
