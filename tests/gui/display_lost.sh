#!/usr/bin/env bash
# When the display goes away under the window (the X server ends), Xlib ends the app with exit():
# the run's working folder must not be left behind. Usage: display_lost.sh APP
set -u
app=$1
work=$(mktemp -d)
xvfb_pid=
app_pid=
cleanup() {
    [ -n "$app_pid" ] && kill -9 "$app_pid" 2>/dev/null
    [ -n "$xvfb_pid" ] && kill -9 "$xvfb_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

display=
for n in $(seq 150 199); do
    if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then display=$n; break; fi
done
[ -n "$display" ] || fail "no free X display number"
Xvfb ":$display" -screen 0 1600x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do [ -e "/tmp/.X11-unix/X$display" ] && break; sleep 0.1; done

mkdir -p "$work/tmp"
TMPDIR="$work/tmp" DISPLAY=":$display" ASAN_OPTIONS=detect_leaks=0 "$app" --lesson event-file-copy >"$work/out.txt" 2>&1 &
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
