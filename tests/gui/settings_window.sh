#!/usr/bin/env bash
# The window reads its settings file, follows it, and writes it back at exit; a corrupt file is
# ignored with one warning. The window runs on its own X server with XDG_CONFIG_HOME in a temporary
# folder, Ctrl+plus is pressed with xdotool, and SIGTERM closes the window the normal way.
# Usage: settings_window.sh APP CMAKE
set -u
source "$(dirname "${BASH_SOURCE[0]}")/own_display.sh"
app=$1
cmake=$2

start_own_display 1600x900
export XDG_CONFIG_HOME="$work/config" XDG_PICTURES_DIR="$work/pictures" ASAN_OPTIONS=detect_leaks=0
settings="$XDG_CONFIG_HOME/overlapped-lab/settings.json"
mkdir -p "$(dirname "$settings")" "$XDG_PICTURES_DIR"

# Presses F12 and waits for the picture it saves: the window has then drawn its frames and handled
# every key pressed before (keys are handled in order). A loaded machine may take seconds.
wait_until_drawn() {
    rm -f "$XDG_PICTURES_DIR"/*
    xdotool key F12
    for _ in $(seq 300); do
        ls "$XDG_PICTURES_DIR" | grep -q '\.png$' && return
        sleep 0.2
    done
    fail "the window saved no picture within a minute"
}

# Starts the window (no --lesson: the file names the lesson), waits until it shows, runs "$@"
# against it, then stops it with SIGTERM.
run_window() {
    "$app" >"$work/out.txt" 2>"$work/err.txt" &
    app_pid=$!
    xdotool search --sync --onlyvisible --name "Overlapped Lab" >/dev/null 2>&1 &
    local search=$!
    for _ in $(seq 300); do kill -0 "$search" 2>/dev/null || break; sleep 0.1; done
    kill "$search" 2>/dev/null
    kill -0 "$app_pid" 2>/dev/null || fail "the window closed by itself: $(cat "$work/err.txt")"
    xdotool windowfocus --sync "$(xdotool search --onlyvisible --name "Overlapped Lab" | head -1)"
    wait_until_drawn
    "$@"
    kill -TERM "$app_pid"
    for _ in $(seq 300); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$app_pid" 2>/dev/null && fail "the window did not close on SIGTERM"
    app_pid=
}

# The value of KEY in the settings file, read by CMake's JSON parser (fails on a broken file).
cat >"$work/value.cmake" <<'CMAKE'
file(READ "${FILE}" text)
string(JSON value ERROR_VARIABLE error GET "${text}" "${KEY}")
if(error)
    message(FATAL_ERROR "${FILE}: ${error}")
endif()
message("${value}")
CMAKE
value() { "$cmake" -DFILE="$settings" -DKEY="$1" -P "$work/value.cmake"; }
expect() {
    local got
    got=$(value "$1" 2>&1) || fail "settings file does not parse: $got"
    [ "$got" = "$2" ] || fail "\"$1\" is '$got', expected '$2'; file: $(cat "$settings")"
}

press_ctrl_plus() {
    # A quick tap: the window queues key presses, so one within a frame still counts once.
    xdotool key ctrl+equal
    wait_until_drawn
}

# Korean at 150 % on the APC lesson, with a key this version does not know.
printf '{"zoom":1.5,"language":"ko","lesson":"completion-routine","timeline_shown":true,"later":1}' >"$settings"
run_window press_ctrl_plus
[ -s "$work/err.txt" ] && fail "warnings for a good file: $(cat "$work/err.txt")"
expect zoom 1.75             # read 1.5, then Ctrl+plus went one step up
expect language ko
expect lesson completion-routine
expect timeline_shown ON
grep -q '"later"' "$settings" && fail "the file was not rewritten: $(cat "$settings")"

# A corrupt file: one warning, the defaults, and a good file written back.
printf '{"zoom": 1.5,' >"$settings"
run_window true
grep -q "warning: settings file $settings ignored: not valid JSON" "$work/err.txt" ||
    fail "no warning for a corrupt file: $(cat "$work/err.txt")"
expect zoom 1.0
expect language en
echo "settings read, followed and written back; a corrupt file ignored with a warning"
