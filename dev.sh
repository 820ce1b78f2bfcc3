#!/usr/bin/env bash
# Overlapped Lab developer entry point.
#   ./dev.sh run [app options]  install what is missing, build, open the app on the first lesson
#   ./dev.sh test               install what is missing, build with sanitizers, run every test
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

DEBIAN_PACKAGES=(
    cmake ninja-build g++ pkg-config git
    libfmt-dev libglfw3-dev libimgui-dev libstb-dev libmd4c-dev liburing-dev
    libgtest-dev libgmock-dev libbenchmark-dev
    xvfb xauth fonts-nanum fonts-dejavu-core
)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else die "need root to install packages ($*); install them by hand or get sudo"
    fi
}

install_packages() {
    command -v dpkg-query >/dev/null || { say "not a Debian system: install the equivalents of: ${DEBIAN_PACKAGES[*]}"; return; }
    local missing=()
    for package in "${DEBIAN_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return
    say "installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
}

build() {
    local preset=$1
    say "configuring and building preset '$preset'"
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset"
}

cmd_run() {
    install_packages
    build dev
    local app=build/dev/app/overlapped-lab
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
        die "no display to open a window on. On a desktop, run this from a graphical session; over ssh use 'ssh -X';
       without any display: xvfb-run -s '-screen 0 1600x900x24' $app --lesson event-file-copy --screenshot shot.png --steps 12
       or run a lesson as text: $app --lesson event-file-copy --headless"
    fi
    say "opening Overlapped Lab"
    exec "$app" "$@"
}

cmd_test() {
    install_packages
    build test
    say "running the tests (AddressSanitizer + UndefinedBehaviorSanitizer build)"
    ctest --preset test -j2
    build tsan
    say "running the runtime and lesson tests again under ThreadSanitizer"
    ctest --preset tsan -j2
}

case "${1:-}" in
    run) shift; cmd_run "$@" ;;
    test) shift; cmd_test "$@" ;;
    *) sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
