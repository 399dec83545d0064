#!/usr/bin/env bash
# Compares two builds of crosscheck on the same inputs, run in turn so that both see the same
# moments of a noisy machine: the working tree's release build against the release build of
# REV (a commit, built once into target/compare-REV). For each input prints the fastest wall
# time, the least CPU time and the largest peak memory of each build, and says whether their
# JSON reports are byte-identical.
# Usage: bench/compare.sh REV [RUNS] INPUT...   (RUNS defaults to 5)
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: bench/compare.sh REV [RUNS] INPUT..." >&2; exit 2; }
rev=$(git rev-parse --short "$1")
shift
runs=5
if [[ $1 =~ ^[0-9]+$ ]]; then runs=$1; shift; fi
[ -x /usr/bin/time ] || { echo "installing time"; apt-get install -y time >/dev/null; }

old_dir=target/compare-$rev
if [ ! -x "$old_dir/release/crosscheck" ]; then
    tree=$(mktemp -d)
    git worktree add --quiet --detach "$tree" "$rev"
    (cd "$tree" && CARGO_TARGET_DIR="$OLDPWD/$old_dir" cargo build --release --quiet --bin crosscheck)
    git worktree remove --force "$tree"
fi
cargo build --release --quiet --bin crosscheck
old=$old_dir/release/crosscheck
new=target/release/crosscheck
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# best BIN INPUT: runs BIN once on INPUT, keeps the fastest wall, least CPU, largest peak.
best() {
    local tag=$1 bin=$2 input=$3
    /usr/bin/time -f "%e %U %M" -o "$work/time" \
        "$bin" check --no-config --format json --fail-on never "$input" >"$work/$tag.json" 2>/dev/null || true
    read -r wall cpu rss <"$work/time"
    awk -v w="$wall" -v c="$cpu" -v r="$rss" -v f="$work/$tag.best" 'BEGIN {
        if ((getline line < f) > 0) { split(line, b, " ");
            if (b[1] < w) w = b[1]; if (b[2] < c) c = b[2]; if (b[3] > r) r = b[3] }
        print w, c, r > f }'
}

printf '%-40s %-26s %-26s %s\n' "input" "$rev: wall, CPU, peak" "now: wall, CPU, peak" "report"
for input in "$@"; do
    rm -f "$work"/*.best
    for _ in $(seq "$runs"); do
        best old "$old" "$input"
        best new "$new" "$input"
    done
    same=$(cmp -s "$work/old.json" "$work/new.json" && echo identical || echo DIFFERENT)
    show() { awk '{printf "%.2f s, %.2f s, %d MiB", $1, $2, $3/1024}' "$work/$1.best"; }
    printf '%-40s %-26s %-26s %s\n' "$(basename "$(dirname "$input")")/$(basename "$input")" \
        "$(show old)" "$(show new)" "$same"
done
