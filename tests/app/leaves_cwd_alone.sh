#!/bin/sh
# Runs COMMAND from a new empty folder and fails if it exits non-zero or leaves anything there: the
# lab writes a lesson's files, copies and traces into its run folder, and elsewhere only where the
# user named a path.
# Usage: leaves_cwd_alone.sh COMMAND [ARG...]
set -u
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
"$@"
status=$?
if [ "$status" -ne 0 ]; then
    echo "FAIL: exit $status: $*"
    exit 1
fi
written=$(ls -A "$work")
if [ -n "$written" ]; then
    echo "FAIL: written into the current folder: $written"
    exit 1
fi
echo "ok: the current folder stays empty"
