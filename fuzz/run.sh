#!/usr/bin/env bash
# Runs each input property for a fixed time with many generated cases: every reader (plain,
# Markdown, HTML, JSON Lines, raw bytes on standard input), segmentation, claim extraction, the
# rule-pack loader, file-order independence and reading a story twice.
#
# Usage: fuzz/run.sh [SECONDS_PER_TARGET]   (default 120)
#
# The properties run under proptest, which needs only stable Rust and no network. A failure
# prints the smallest input that breaks the property; add it as a regression test to
# tests/hostile.rs or tests/properties.rs before fixing it.
set -u
cd "$(dirname "$0")/.."
seconds="${1:-120}"
targets=(
  readers_segmentation_and_claims_never_panic
  segmentation_never_panics_for_any_body_start
  the_pack_loader_never_panics
  findings_do_not_depend_on_file_order
  a_story_read_twice_does_not_contradict_itself
)
cargo test --test properties --no-run || exit 2
failed=0
for target in "${targets[@]}"; do
  echo "== $target: ${seconds}s"
  PROPTEST_CASES=100000000 timeout --signal=INT "$seconds" \
    cargo test --quiet --test properties -- --exact "$target" --nocapture
  status=$?
  case "$status" in
    0|124|130) echo "   no failure found" ;;
    *) echo "   FAILED (exit $status): see the minimal input above"; failed=1 ;;
  esac
done
exit "$failed"
