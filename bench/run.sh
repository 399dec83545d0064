#!/usr/bin/env bash
# Measures crosscheck end to end: builds release, generates 1k, 10k and 100k invented stories,
# checks each and the real corpora under ../shared/corpora (where present), and compares with
# ripgrep (every pack name, one pass) and proselint on the same stories. Prints one table.
# Usage: bench/run.sh [SIZES...]   (default: 1000 10000 100000). Work files go to $BENCH_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000 100000}")
read -r -a sizes <<<"${sizes[*]}"
work=${BENCH_DIR:-target/bench-run}
mkdir -p "$work"

[ -x /usr/bin/time ] || { echo "installing time"; apt-get install -y time >/dev/null; }
command -v rg >/dev/null || { echo "installing ripgrep"; apt-get install -y ripgrep >/dev/null; }

cargo build --release --bins --quiet
bin=target/release/crosscheck
gen=target/release/gen-corpus
"$bin" rules names >"$work/names.txt"

rows=()
# measure LABEL FILE_MB COUNT CMD...: runs CMD under /usr/bin/time -v, appends a table row.
measure() {
    local label=$1 mb=$2 count=$3
    shift 3
    /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/out.txt" 2>"$work/err.txt" || true
    local secs rss
    secs=$(awk -F': ' '/Elapsed/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$work/time.txt")
    rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$work/time.txt")
    rows+=("$(awk -v l="$label" -v n="$count" -v mb="$mb" -v s="$secs" -v r="$rss" \
        'BEGIN {if (s<=0) s=0.001; printf "%-34s %8d %8.1f %8.2f %10.0f %8.2f %9s", l, n, mb, s, n/s, mb/s, r}')")
}
megabytes() { awk -v b="$(stat -c %s "$1")" 'BEGIN {printf "%.2f", b/1e6}'; }

for n in "${sizes[@]}"; do
    file="$work/generated-$n.jsonl"
    [ -f "$file" ] || "$gen" --stories "$n" --seed 1 >"$file" 2>/dev/null
    measure "crosscheck generated" "$(megabytes "$file")" "$n" \
        "$bin" check --no-config --format json --fail-on never "$file"
done

found=0
for file in ../shared/corpora/*/articles.jsonl; do
    [ -f "$file" ] || continue
    found=1
    name=$(basename "$(dirname "$file")")
    n=$(wc -l <"$file")
    mb=$(megabytes "$file")
    measure "crosscheck $name" "$mb" "$n" \
        "$bin" check --no-config --format json --fail-on never "$file"
    measure "rg -c -F -f names.txt $name" "$mb" "$n" rg -c -F -f "$work/names.txt" "$file"
done
[ "$found" = 1 ] || echo "note: no ../shared/corpora/*/articles.jsonl here; real corpora skipped"

# proselint reads files: the same 2,000 generated stories as .txt files for both tools.
sample="$work/sample-txt"
if [ ! -d "$sample" ]; then
    "$gen" --stories 2000 --seed 1 --txt-dir "$sample" 2>/dev/null
fi
sample_mb=$(du -sb "$sample" | awk '{printf "%.2f", $1/1e6}')
measure "crosscheck 2000 .txt" "$sample_mb" 2000 \
    "$bin" check --no-config --format json --fail-on never "$sample"
proselint=${PROSELINT:-/tmp/v/bin/proselint}
if [ ! -x "$proselint" ]; then
    echo "installing proselint into /tmp/v"
    python3 -m venv /tmp/v && /tmp/v/bin/pip install -q proselint
fi
if [ -x "$proselint" ]; then
    measure "proselint 2000 .txt" "$sample_mb" 2000 "$proselint" check "$sample"
fi

printf '%-34s %8s %8s %8s %10s %8s %9s\n' "run" "stories" "MB" "seconds" "stories/s" "MB/s" "peak MiB"
printf '%s\n' "${rows[@]}"
