#!/usr/bin/env bash
# Real X key events drive the window (xdotool -> the X server -> GLFW -> the app's key callback):
# ten PageDown taps 2 ms apart are ten steps, PageUp goes back, F11 fills the
# screen and gives the window back its size, Ctrl+R resets to step 0. The app's state is read from
# the pictures F12 saves: their names carry the step shown, their size the window's.
# Usage: keys_reach_the_app.sh APP
set -u
source "$(dirname "${BASH_SOURCE[0]}")/own_display.sh"
app=$1
fail() {
    echo "FAIL: $*"
    echo "--- the app's output:"
    cat "$work/out.txt"
    exit 1
}

start_own_display 1920x1080
# A remembered 1600x900 (without one the window would fill the screen), so F11 visibly changes it.
export XDG_CONFIG_HOME="$work/config"
mkdir -p "$XDG_CONFIG_HOME/overlapped-lab"
echo '{"window_width": 1600, "window_height": 900}' >"$XDG_CONFIG_HOME/overlapped-lab/settings.json"

pictures="$work/home"
mkdir -p "$pictures"
HOME="$pictures" XDG_PICTURES_DIR="$pictures" ASAN_OPTIONS=detect_leaks=0 \
    "$app" --lesson event-file-copy >"$work/out.txt" 2>&1 &
app_pid=$!
window=$(timeout 60 xdotool search --sync --onlyvisible --name '^Overlapped Lab$' | head -1)
[ -n "$window" ] || fail "the window never appeared"
xdotool windowfocus --sync "$window"

# Presses F12 and prints the name of the picture the app saved (pictures are removed once read).
picture() {
    xdotool key F12
    for _ in $(seq 150); do
        local saved
        saved=$(ls "$pictures")
        if [ -n "$saved" ]; then
            sleep 0.2  # the PNG is written in one go, but give it time to be closed
            rm -f "$pictures"/*
            echo "$saved"
            return
        fi
        sleep 0.1
    done
    fail "F12 saved no picture"
}
step_of() { sed -n 's/.*-step\([0-9]*\)-.*/\1/p' <<<"$1"; }
# Width x height of the picture F12 saved: the PNG header's IHDR fields.
last_size=
picture_size() {
    xdotool key F12
    for _ in $(seq 150); do
        local saved
        saved=$(ls "$pictures")
        if [ -n "$saved" ]; then
            sleep 0.2
            read -r w1 w2 w3 w4 h1 h2 h3 h4 < <(od -An -tu1 -j16 -N8 "$pictures/$saved")
            rm -f "$pictures"/*
            last_size="$(((w1 << 24) | (w2 << 16) | (w3 << 8) | w4))x$(((h1 << 24) | (h2 << 16) | (h3 << 8) | h4))"
            return
        fi
        sleep 0.1
    done
    fail "F12 saved no picture"
}

first=$(picture)
[ "$(step_of "$first")" = 0 ] || fail "the lesson should open at step 0, the picture says: $first"
sleep 1  # the lesson's main thread reaches its first checkpoint

# 2 ms between keystrokes: each press and its release land within one frame (16 ms), as a quick
# clicker tap does. Not 0: GLFW's X11 backend drops a second press of a key that carries the same
# X server timestamp (milliseconds) as the previous one, its guard against presses XIM duplicates.
xdotool key --delay 2 Next Next Next Next Next Next Next Next Next Next
step=
for _ in $(seq 20); do
    sleep 0.5
    step=$(step_of "$(picture)")
    [ "$step" = 10 ] && break
done
[ "$step" = 10 ] || fail "10 quick PageDown taps should be 10 steps; the app shows step $step"

xdotool key --delay 2 Prior Prior Prior
sleep 0.5
step=$(step_of "$(picture)")
[ "$step" = 7 ] || fail "3 PageUp taps after step 10 should show step 7; the app shows step $step"

picture_size
windowed=$last_size
[ "$windowed" = 1600x900 ] || fail "the window should open at the remembered 1600x900, it is $windowed"
xdotool key F11
sleep 1
picture_size
[ "$last_size" = 1920x1080 ] || fail "F11 should fill the 1920x1080 screen; the window is $last_size"
xdotool key F11
sleep 1
picture_size
[ "$last_size" = "$windowed" ] || fail "F11 again should give back the $windowed window; it is $last_size"

xdotool key ctrl+r
sleep 0.5
step=$(step_of "$(picture)")
[ "$step" = 0 ] || fail "Ctrl+R should reset to step 0; the app shows step $step"
echo "PASS: 10 taps = 10 steps, PageUp back to 7, F11 full screen and back, Ctrl+R to step 0"
