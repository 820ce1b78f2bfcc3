# Sourced by the window tests that need an X server of their own (to kill it, or to send it key
# events). Gives them a scratch folder $work, an $app_pid to set when the app starts, `fail MESSAGE`
# (a test may redefine it to print more), and start_own_display WxH, which starts Xvfb on a free
# display number and exports DISPLAY. At exit the app and the X server are killed and $work removed.
xvfb_pid=
app_pid=
work=$(mktemp -d)

fail() { echo "FAIL: $*"; exit 1; }

start_own_display() {
    local size=$1 display=
    # Xvfb picks a free display itself (a stale lock of a dead server does not count) and writes its
    # number to fd 3, so two tests starting together never race for one.
    Xvfb -displayfd 3 -screen 0 "${size}x24" -nolisten tcp 3>"$work/display" >/dev/null 2>&1 &
    xvfb_pid=$!
    for _ in $(seq 200); do
        display=$(head -n 1 "$work/display" 2>/dev/null)
        [ -n "$display" ] && break
        kill -0 "$xvfb_pid" 2>/dev/null || fail "Xvfb did not start"
        sleep 0.05
    done
    [ -n "$display" ] || fail "Xvfb gave no display number within 10 s"
    export DISPLAY=":$display"
}

# TERM, not KILL: Xvfb then removes its lock file and socket, which would otherwise pile up in /tmp.
stop_own_display() {
    if [ -n "$xvfb_pid" ]; then
        kill "$xvfb_pid" 2>/dev/null
        wait "$xvfb_pid" 2>/dev/null
    fi
    xvfb_pid=
}

cleanup_window_test() {
    [ -n "$app_pid" ] && kill -9 "$app_pid" 2>/dev/null
    stop_own_display
    rm -rf "$work"
}
trap cleanup_window_test EXIT
