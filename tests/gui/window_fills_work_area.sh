#!/usr/bin/env bash
# Without a remembered size the window fills the screen's work area (Xvfb has no panels, so the
# whole screen): small on a 1280x720 projector, large on a 2560x1440 monitor. A size the settings
# file remembers wins, and --window-size wins over both (within the work area).
# Usage: window_fills_work_area.sh APP
set -u
source "$(dirname "${BASH_SOURCE[0]}")/own_display.sh"
app=$1
export XDG_CONFIG_HOME="$work/config" ASAN_OPTIONS=detect_leaks=0
settings="$XDG_CONFIG_HOME/overlapped-lab/settings.json"

# Opens the window on a SIZE screen (with the app options after EXPECTED) and fails unless its
# size is EXPECTED (WxH).
expect_window() {
    local size=$1 expected=$2 window geometry
    shift 2
    start_own_display "$size"
    "$app" --lesson event-file-copy "$@" >"$work/out.txt" 2>"$work/err.txt" &
    app_pid=$!
    window=$(timeout 30 xdotool search --sync --onlyvisible --name "Overlapped Lab" | head -1)
    [ -n "$window" ] || fail "no window on a $size screen: $(cat "$work/err.txt")"
    sleep 1
    geometry=$(xdotool getwindowgeometry "$window" | sed -n 's/.*Geometry: //p')
    kill -9 "$app_pid"; wait "$app_pid" 2>/dev/null; app_pid=
    stop_own_display
    [ "$geometry" = "$expected" ] || fail "on a $size screen the window is $geometry, expected $expected"
}

expect_window 1280x720 1280x720
expect_window 2560x1440 2560x1440
mkdir -p "$(dirname "$settings")"
echo '{"window_width": 1366, "window_height": 768}' >"$settings"
expect_window 2560x1440 1366x768
expect_window 2560x1440 1920x1080 --window-size 1920x1080
expect_window 1280x720 1280x720 --window-size 2560x1440
echo "PASS"
