#!/usr/bin/env bash
# Dump the CLI's outputs for every corpus page (the Mozilla pages and the
# WCXB dev pages) in every format, to check a change that must not change
# any output:
#
#   scripts/compare-outputs.sh DIR [BASELINE]
#
# writes DIR/<page>.{text,markdown,html,json,clutter} plus DIR/<page>.status
# (each run's exit status and stderr); with BASELINE, then runs
# `diff -rq BASELINE DIR` and fails on any difference.
# The binary is $DECLUTTER, else target/release/declutter (cargo build --release).
# CORPUS defaults to /work/shared/corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:?usage: scripts/compare-outputs.sh DIR [BASELINE]}
BASE=${2:-}
CORPUS=${CORPUS:-/work/shared/corpus}
if [ -z "${DECLUTTER:-}" ]; then
  TARGET_DIR=$(cargo metadata --format-version 1 --no-deps 2>/dev/null \
    | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
  DECLUTTER="$TARGET_DIR/release/declutter"
fi
[ -x "$DECLUTTER" ] || { echo "compare: no binary at $DECLUTTER (cargo build --release)" >&2; exit 1; }
export DECLUTTER OUT
rm -rf "$OUT" && mkdir -p "$OUT"

# One page: NAME URL FILE (gzip when it ends in .gz), every format.
one() {
  local name=$1 url=$2 file=$3 cat=cat st=$OUT/$1.status
  [[ $file == *.gz ]] && cat="gzip -dc"
  : > "$st"
  for fmt in text markdown html json; do
    $cat "$file" | "$DECLUTTER" extract --url "$url" --format "$fmt" - \
      > "$OUT/$name.$fmt" 2>> "$st" && rc=0 || rc=$?
    echo "$fmt $rc" >> "$st"
  done
  $cat "$file" | "$DECLUTTER" clutter --url "$url" - > "$OUT/$name.clutter" 2>> "$st" && rc=0 || rc=$?
  echo "clutter $rc" >> "$st"
}
export -f one

{
  for d in "$CORPUS"/readability/*/; do
    n=$(basename "$d")
    printf 'moz-%s\thttp://fakehost/test/page.html\t%s\n' "$n" "$d/source.html"
  done
  node -e '
    const m = require(process.argv[1]);
    for (const [id, f] of Object.entries(m.files))
      console.log(`wcxb-${id}\t${f.url}\t${process.argv[2]}/${id}.html.gz`);
  ' "$CORPUS/wcxb-dev/metadata.json" "$CORPUS/wcxb-dev/html"
} | tr '\t' '\037' | xargs -d '\n' -P 2 -I{} bash -c 'IFS=$'"'"'\037'"'"' read -r n u f <<< "$1"; one "$n" "$u" "$f"' _ {}

echo "pages: $(ls "$OUT"/*.status | wc -l), files: $(ls "$OUT" | wc -l)"
if [ -n "$BASE" ]; then
  if diff -rq "$BASE" "$OUT"; then
    echo "compare: 0 differences in $(ls "$OUT" | wc -l) files"
  else
    echo "compare: DIFFERENCES" >&2; exit 1
  fi
fi
