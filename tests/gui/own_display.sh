# Sourced by the window tests that need an X server of their own (to kill it, or to send it key
# events): start_own_display WxH starts Xvfb on a free display number and exports DISPLAY; the
# caller's cleanup stops it with stop_own_display. Needs bash and `fail` defined by the caller.
xvfb_pid=

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
