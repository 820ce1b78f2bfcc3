#!/bin/sh
# Two copies of the lab run each lesson at the same moment and share one TMPDIR: their run folders,
# sample files and listening ports must never collide, so both pass and print the same transcript
# (a transcript has no times, ports or addresses). Nothing may be left in TMPDIR afterwards, and
# nothing written into the folder they were started from: every lesson writes only into its run folder.
# Usage: two_instances.sh <overlapped-lab>
set -u
app=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TMPDIR="$work/tmp"
mkdir "$TMPDIR" "$work/cwd"
cd "$work/cwd" || exit 1
failed=0
for lesson in $("$app" --list-lessons | cut -f1); do
    "$app" --lesson "$lesson" --headless > "$work/first.txt" 2>&1 &
    first_pid=$!
    "$app" --lesson "$lesson" --headless > "$work/second.txt" 2>&1
    second=$?
    wait "$first_pid"
    first=$?
    if [ "$first" -ne 0 ] || [ "$second" -ne 0 ]; then
        echo "FAIL: $lesson: exit $first and $second"
        tail -5 "$work/first.txt" "$work/second.txt"
        failed=1
    elif ! cmp -s "$work/first.txt" "$work/second.txt"; then
        echo "FAIL: $lesson: the two transcripts differ"
        diff "$work/first.txt" "$work/second.txt" | head -20
        failed=1
    else
        echo "ok: $lesson ($(wc -l < "$work/first.txt") lines, twice at once)"
    fi
done
left=$(ls -A "$TMPDIR")
if [ -n "$left" ]; then
    echo "FAIL: left behind in TMPDIR: $left"
    failed=1
fi
written=$(ls -A "$work/cwd")
if [ -n "$written" ]; then
    echo "FAIL: written into the current folder: $written"
    failed=1
fi
exit $failed
