# Sourced by the window tests that need an X server of their own (to kill it, or to send it key
# events). Gives them a scratch folder $work, an $app_pid to set when the app starts, `fail MESSAGE`
# (a test may redefine it to print more), and start_own_display WxH, which starts Xvfb on a free
# display number and exports DISPLAY. At exit the app and the X server are killed and $work removed.
xvfb_pid=
app_pid=
work=$(mktemp -d)

fail() { echo "FAIL: $*"; exit 1; }

start_own_display() {
    local size=$1 display= n
    for n in $(seq 150 249); do
        if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then display=$n; break; fi
    done
    [ -n "$display" ] || fail "no free X display number"
    Xvfb ":$display" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
    xvfb_pid=$!
    for _ in $(seq 100); do [ -e "/tmp/.X11-unix/X$display" ] && break; sleep 0.1; done
    [ -e "/tmp/.X11-unix/X$display" ] || fail "Xvfb did not start on :$display"
    export DISPLAY=":$display"
}

stop_own_display() {
    [ -n "$xvfb_pid" ] && kill -9 "$xvfb_pid" 2>/dev/null
    xvfb_pid=
}

cleanup_window_test() {
    [ -n "$app_pid" ] && kill -9 "$app_pid" 2>/dev/null
    stop_own_display
    rm -rf "$work"
}
trap cleanup_window_test EXIT
