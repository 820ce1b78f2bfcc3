#!/usr/bin/env bash
# Overlapped Lab developer entry point.
#   ./dev.sh run [app options]  install what is missing, build, open the app on the first lesson
#   ./dev.sh test               install what is missing, build with sanitizers, run every test
#   ./dev.sh windows            cross-build overlapped-lab.exe with mingw-w64 and check it under Wine
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

DEBIAN_PACKAGES=(
    cmake ninja-build g++ pkg-config git
    libfmt-dev nlohmann-json3-dev libglfw3-dev libimgui-dev libstb-dev libmd4c-dev liburing-dev
    libgtest-dev libgmock-dev libbenchmark-dev
    xvfb xauth xdotool fonts-nanum fonts-dejavu-core
    clang libclang-rt-14-dev
)

# The Windows build (./dev.sh windows, and ./dev.sh test before its tests): a mingw-w64 cross
# compiler, Wine to run the result, and dpkg-dev for `apt-get source`.
WINDOWS_PACKAGES=(g++-mingw-w64-x86-64-posix wine64 wine xvfb xauth dpkg-dev)
# Sources the exe is built from, as Debian source packages: <package> <upstream version> <folder>.
# Downloaded at build time into build/windows-deps (never into the repository) and kept there.
WINDOWS_SOURCES=("imgui 1.86 imgui" "glfw3 3.3.8 glfw" "md4c 0.4.8 md4c" "fmtlib 9.1.0 fmt"
    "nlohmann-json3 3.11.2 nlohmann")
WINDOWS_DEPS=build/windows-deps

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else die "need root to install packages ($*); install them by hand or get sudo"
    fi
}

# install_packages [package...]: the given packages (default: DEBIAN_PACKAGES) that are missing.
install_packages() {
    local wanted=("$@")
    [ ${#wanted[@]} -eq 0 ] && wanted=("${DEBIAN_PACKAGES[@]}")
    command -v dpkg-query >/dev/null || { say "not a Debian system: install the equivalents of: ${wanted[*]}"; return; }
    local missing=()
    for package in "${wanted[@]}"; do
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

# `apt-get source` needs deb-src entries; Debian 12 images ship only `Types: deb`.
enable_source_packages() {
    if grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then return; fi
    [ -f /etc/apt/sources.list.d/debian.sources ] || die "no deb-src entry and no /etc/apt/sources.list.d/debian.sources to copy: add a deb-src line for Debian 12 by hand"
    say "adding deb-src entries (a copy of debian.sources with Types: deb-src)"
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources | as_root tee /etc/apt/sources.list.d/debian-src.sources >/dev/null
    as_root apt-get update -qq
}

# ImGui, GLFW, md4c, fmt and nlohmann/json sources for the cross build, unpacked into build/windows-deps/src.
fetch_windows_sources() {
    mkdir -p "$WINDOWS_DEPS/src"
    local entry package version folder tarball
    for entry in "${WINDOWS_SOURCES[@]}"; do
        read -r package version folder <<<"$entry"
        [ "$(cat "$WINDOWS_DEPS/src/$folder/.ovlab-version" 2>/dev/null)" = "$version" ] && continue
        tarball=$(ls "$WINDOWS_DEPS/${package}_${version}"*.orig.tar.* 2>/dev/null | head -n1 || true)
        if [ -z "$tarball" ]; then
            enable_source_packages
            say "downloading the $package $version sources (apt-get source)"
            (cd "$WINDOWS_DEPS" && apt-get source --download-only --tar-only "$package" >/dev/null 2>&1) ||
                die "apt-get source $package failed (is there a deb-src entry? try: apt-get source --tar-only $package)"
            tarball=$(ls "$WINDOWS_DEPS/${package}_${version}"*.orig.tar.* 2>/dev/null | head -n1 || true)
            [ -n "$tarball" ] || die "Debian's $package source is not version $version: $(ls "$WINDOWS_DEPS"/"${package}"_* 2>/dev/null)"
        fi
        rm -rf "${WINDOWS_DEPS:?}/src/$folder" && mkdir -p "$WINDOWS_DEPS/src/$folder"
        tar -xf "$tarball" -C "$WINDOWS_DEPS/src/$folder" --strip-components=1
        echo "$version" >"$WINDOWS_DEPS/src/$folder/.ovlab-version"
    done
}

# True when Wine and the cross compiler are (or could be made) available.
windows_tools_ready() {
    ( install_packages "${WINDOWS_PACKAGES[@]}" ) || return 1  # a subshell: a refused install must not end the script
    command -v wine >/dev/null && command -v x86_64-w64-mingw32-g++-posix >/dev/null
}

# overlapped-lab.exe and the conformance programs, installed into build/windows-mingw/dist the way a
# Windows user unpacks it: bin/overlapped-lab.exe next to share/overlapped-lab/lessons.
build_windows() {
    local start=$SECONDS
    fetch_windows_sources
    say "cross-building overlapped-lab.exe (mingw-w64, static)"
    cmake --preset windows-mingw >/dev/null
    cmake --build --preset windows-mingw -j2 --target overlapped-lab conformance_programs reset_every_lesson iocp_workers
    rm -rf build/windows-mingw/dist
    cmake --install build/windows-mingw --prefix build/windows-mingw/dist >/dev/null
    say "Windows build took $((SECONDS - start)) s"
}


cmd_windows() {
    install_packages
    windows_tools_ready || die "cannot install the Windows build tools (${WINDOWS_PACKAGES[*]})"
    build_windows
    local start=$SECONDS
    say "building what the Windows checks compare with (native, preset 'test')"
    cmake --preset test -DOVLAB_WINE_CHECKS=ON >/dev/null
    cmake --build --preset test -j2 --target overlapped-lab normalise_transcript conformance_compare gui_png_check \
        conformance_programs
    say "running the Windows checks under Wine"
    ctest --preset test -L windows -j2
    say "Windows checks took $((SECONDS - start)) s"
}

cmd_test() {
    install_packages
    local wine_checks=ON
    if windows_tools_ready; then
        build_windows
    else
        wine_checks=OFF
        printf '\n\033[1;31m!!! WINE CHECKS SKIPPED: Wine or mingw-w64 cannot be installed here (%s).\n!!! The Windows build and the conformance comparison with Wine did NOT run.\033[0m\n\n' \
            "${WINDOWS_PACKAGES[*]}" >&2
    fi
    say "configuring and building preset 'test'"
    cmake --preset test -DOVLAB_WINE_CHECKS=$wine_checks >/dev/null
    cmake --build --preset test
    say "running the tests (AddressSanitizer + UndefinedBehaviorSanitizer build)"
    ctest --preset test -j2
    build tsan
    say "running the runtime and lesson tests again under ThreadSanitizer"
    ctest --preset tsan -j2
    build fuzz
    say "fuzzing the files users edit (libFuzzer, a bounded time per target)"
    ctest --preset fuzz -j2
}

case "${1:-}" in
    run) shift; cmd_run "$@" ;;
    test) shift; cmd_test "$@" ;;
    windows) shift; cmd_windows "$@" ;;
    *) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
