#!/bin/bash
# Usage: with_virtual_display.sh [-a] [-s "Xvfb arguments"] COMMAND [ARG...]
# Runs COMMAND under a virtual X server of its own and exits with COMMAND's exit code.
#
# The tests use this instead of xvfb-run, whose options it accepts (-a is implied): xvfb-run picks a
# display number by looking for lock files, which races with other tests starting at the same time,
# and when its clean-up fails it exits with 5 instead of the command's code, so a test expecting a
# particular failure fails for a reason that is not the program's. Here Xvfb chooses a free display
# itself (-displayfd) and the command's exit code is always what this script returns.
set -u

server_args="-screen 0 1600x900x24"
while [ $# -gt 0 ]; do
    case "$1" in
        -a) shift ;;
        -s) server_args="$2"; shift 2 ;;
        --) shift; break ;;
        *) break ;;
    esac
done
if [ $# -eq 0 ]; then
    echo "usage: $0 [-a] [-s \"Xvfb arguments\"] COMMAND [ARG...]" >&2
    exit 2
fi

work=$(mktemp -d -t ovlab-display.XXXXXX) || exit 1
xvfb_pid=""
stop_server() {
    if [ -n "$xvfb_pid" ]; then
        kill "$xvfb_pid" 2>/dev/null
        wait "$xvfb_pid" 2>/dev/null
        xvfb_pid=""
    fi
    rm -rf "$work"
}
trap 'stop_server; exit 143' TERM
trap 'stop_server; exit 130' INT

# shellcheck disable=SC2086 # the server arguments are several words on purpose
Xvfb -displayfd 3 -nolisten tcp $server_args 3>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!

display=""
for _ in $(seq 200); do
    display=$(head -n 1 "$work/display" 2>/dev/null)
    if [ -n "$display" ] && [ "$(wc -l <"$work/display")" -ge 1 ]; then
        break
    fi
    if ! kill -0 "$xvfb_pid" 2>/dev/null; then
        echo "$0: Xvfb did not start:" >&2
        cat "$work/xvfb.log" >&2
        xvfb_pid=""
        stop_server
        exit 1
    fi
    sleep 0.05
done
if [ -z "$display" ]; then
    echo "$0: Xvfb gave no display number within 10 s" >&2
    stop_server
    exit 1
fi

DISPLAY=":$display" "$@"
status=$?
stop_server
exit $status
