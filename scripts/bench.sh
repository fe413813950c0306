#!/usr/bin/env bash
# Runs the benchmarks and keeps their summaries as Markdown.
#
#   scripts/bench.sh            both benches (corpus needs dom_smoothie)
#   scripts/bench.sh scaling    only the scaling bench
#   scripts/bench.sh corpus     only the corpus bench
#
# Full logs go to target/bench/<name>.log; the summary tables (already
# Markdown) go to target/bench/BENCH.latest.md, ready to paste into
# docs/BENCH.md. Knobs: DECLUTTER_SHARED, DECLUTTER_BENCH_REPS,
# DECLUTTER_BENCH_PASSES, DECLUTTER_SCALING_MAX_S (see benches/*.rs).
set -euo pipefail
cd "$(dirname "$0")/.."

out=target/bench
mkdir -p "$out"
latest="$out/BENCH.latest.md"
[ $# -eq 0 ] && set -- corpus scaling

{
  echo "# Benchmark run $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo none)$(git diff --quiet 2>/dev/null || echo ' (dirty tree)')"
  echo "- rustc: $(rustc --version)"
  echo "- cpu: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //') x $(nproc)"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
} > "$latest"

for bench in "$@"; do
  case "$bench" in
    corpus) args=(--features bench-peers --bench corpus) ;;
    scaling) args=(--bench scaling) ;;
    *) echo "unknown bench: $bench (corpus|scaling)" >&2; exit 2 ;;
  esac
  echo "== cargo bench ${args[*]}" >&2
  start=$(date +%s)
  cargo bench "${args[@]}" 2>&1 | tee "$out/$bench.log"
  took=$(( $(date +%s) - start ))
  {
    echo
    sed -n '/^## .*summary/,$p' "$out/$bench.log" | sed '/^ *Running \|^ *Finished /d'
    echo
    echo "(\`cargo bench ${args[*]}\`: ${took} s wall, build included)"
  } >> "$latest"
done

echo >&2
echo "== summaries written to $latest" >&2
cat "$latest"
