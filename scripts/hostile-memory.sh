#!/usr/bin/env bash
# Peak memory of every hostile input (tests/hostile_cases/mod.rs), each in a
# fresh process (examples/hostile_memory.rs), as a Markdown table for
# docs/BENCH.md and SECURITY.md. Goal: peak under 10x the input size.
#
#   scripts/hostile-memory.sh            every case at its full size
#   scripts/hostile-memory.sh CASE...    only those cases
#
# The table goes to standard output and target/hostile-memory.md. Exits 1
# if any case's peak reaches 10x its input.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --example hostile_memory >&2
bin="${CARGO_TARGET_DIR:-target}/release/examples/hostile_memory"
if [ $# -eq 0 ]; then
  mapfile -t cases < <("$bin" --list | cut -f1)
else
  cases=("$@")
fi

out=target/hostile-memory.md
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
{
  echo "Peak memory per hostile input ($(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo none)$(git diff --quiet 2>/dev/null || echo ', dirty tree'); \`scripts/hostile-memory.sh\`)."
  echo "Each case in a fresh process: read the bytes, \`decode_html\`, \`extract\`. Peak is \`ru_maxrss\`;"
  echo "\"extract's own\" is the peak minus the resident set just before \`extract\` (program + decoded page)."
  echo
  echo "| case | input | peak RSS | peak / input | extract's own | own / input | article words |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
} > "$out"
over=()
for c in "${cases[@]}"; do
  line=$("$bin" "$c")
  IFS=$'\t' read -r name input before peak delta words <<<"$line"
  r=$(ratio "$peak" "$input")
  if awk -v r="$r" 'BEGIN { exit !(r >= 10) }'; then over+=("$name"); fi
  printf '| %s | %s MiB | %s MiB | %sx | %s MiB | %sx | %s |\n' "$name" "$(mib "$input")" \
    "$(mib "$peak")" "$r" "$(mib "$delta")" "$(ratio "$delta" "$input")" "$words" >> "$out"
done
cat "$out"
if [ ${#over[@]} -gt 0 ]; then
  echo "hostile-memory.sh: peak at or above 10x the input: ${over[*]}" >&2
  exit 1
fi
