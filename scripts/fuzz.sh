#!/usr/bin/env bash
# Fuzzing with cargo-fuzz (libFuzzer, nightly): `extract`, each renderer,
# and the JSON-LD reader.
#
#   scripts/fuzz.sh --replay           CI: every target runs each of its seeds and saved
#                                      findings once (-runs=0), and nothing else: the
#                                      same commit always does the same thing; exits 1
#                                      on any crash, timeout or OOM
#   scripts/fuzz.sh --smoke [--seed N] a short exploration, every target for
#                                      SMOKE_SECONDS (15) with a fixed -seed (1)
#   scripts/fuzz.sh [--minutes N] [TARGET...]
#                                      the long campaign: each target N minutes (8), one
#                                      after the other, carrying on past findings
#   scripts/fuzz.sh --seeds            only (re)build the seed folders
#
# Targets (fuzz/fuzz_targets/): extract, render_text, render_markdown,
# render_html, json (differential, against serde_json). Seeds come from the shared corpus (../shared, or
# $DECLUTTER_SHARED): Mozilla's test pages and a slice of WCXB for
# `extract` (scripts and styles stripped, so the 32 KB cut keeps body
# markup), Readability's expected article HTML for the renderers, plus a
# few hand-written hostile snippets, the pages' JSON-LD blocks for `json`,
# plus every saved finding in
# fuzz/regressions/<target>/. Seeds go to fuzz/seeds/ and the growing
# corpus to fuzz/corpus/ (neither is committed); findings to
# fuzz/artifacts/<target>/, logs and the summary to fuzz/logs/.
#
# Every finding becomes a test: minimise it (cargo +nightly fuzz tmin TARGET
# ARTIFACT) and save it in fuzz/regressions/<target>/, which
# tests/fuzz_regressions.rs replays. (`cargo fuzz run` rebuilds a target
# from the working tree as it starts, and bash reads this file as it runs:
# leave both alone during a campaign.)
set -euo pipefail
cd "$(dirname "$0")/.."

SHARED=${DECLUTTER_SHARED:-../shared}
TARGETS_ALL=(extract render_text render_markdown render_html json)
MODE=campaign
MINUTES=8
SMOKE_SECONDS=${SMOKE_SECONDS:-15}
SEED=1
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --replay) MODE=replay ;;
    --smoke) MODE=smoke ;;
    --seed) SEED=$2; shift ;;
    --seeds) MODE=seeds ;;
    --minutes) MINUTES=$2; shift ;;
    -h|--help) sed -n '2,31p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1") ;;
  esac
  shift
done
[ ${#targets[@]} -eq 0 ] && targets=("${TARGETS_ALL[@]}")

log() { printf '\n== fuzz: %s\n' "$*"; }

# Inputs up to 32 KB: big enough for a page's body, small enough for
# many runs a second. Size itself is the hostile-input tests' and
# benches' job (tests/robustness.rs, benches/hostile.rs).
MAX_LEN=32768

# Strip script and style bodies and comments, so a page's first 32 KB is
# mostly markup and text rather than a head full of JavaScript.
strip_page() {
  perl -0777 -ne 's/<script\b.*?<\/script\s*>/<script><\/script>/gis;
    s/<style\b.*?<\/style\s*>/<style><\/style>/gis; s/<!--.*?-->//gs; print substr($_, 0, 32768)'
}

build_seeds() {
  local seeds=fuzz/seeds
  rm -rf "$seeds"
  mkdir -p "$seeds/extract" "$seeds/render"
  # Hand-written snippets: every target gets them.
  local i=0
  while IFS= read -r line; do
    [ -z "$line" ] && continue
    i=$((i + 1))
    printf '%s' "$line" > "$seeds/render/snippet-$i.html"
    printf '%s' "$line" > "$seeds/extract/snippet-$i.html"
  done <<'SNIPPETS'
<article><h1>T</h1><p>One *two* _three_ `four` [five](six) <b>bold</b> # not a heading</p><p>1. not a list</p></article>
<ul><li>a<ul><li>b<ol start=7><li>c</li></ol></li></ul></li></ul><ol reversed start=999999999999><li>x</li></ol>
<table><caption>c</caption><tr><th colspan=3>h|h</th></tr><tr><td rowspan=99999>a</td><td>b</td></tr></table>
<pre><code class="language-rust">fn main() { println!("```"); }</code></pre><p>`x` ``y``</p>
<blockquote><blockquote><p>q</p><ul><li>> x</li></ul></blockquote></blockquote><hr><br>
<p dir=rtl lang=he>שלום <bdi>עולם</bdi> ‮evil‬</p><p>ǅ ﷽ 𝕏 🏳️‍🌈 e&#x301;</p>
<a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)><svg><script>alert(1)</script></svg>
<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript><template><p>t</p></template>
<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>
<form action=/x><input type=email><button>Subscribe</button></form><select><option>o</select>
<frameset cols=50%,50%><frame src=a><noframes><p>no frames</p></noframes></frameset>
<custom-card><x-foo data-x=1><p>custom <my-el>element</my-el></p></x-foo></custom-card>
<details open><summary>s</summary><p>d</p></details><dl><dt>t</dt><dd>d</dd></dl><figure><img src=a.jpg alt="a]b"><figcaption>c</figcaption></figure>
<h1># h</h1><h2>## h</h2><h6>x</h6><p>&lt;b&gt;not bold&lt;/b&gt; &amp;amp; &#0; &#xD800; &#x110000;</p>
<div hidden><p>hidden</p></div><div style="display:none"><p>none</p></div><p aria-hidden=true>aria</p>
SNIPPETS
  if [ -d "$SHARED/corpus/readability" ]; then
    for dir in "$SHARED"/corpus/readability/*/; do
      name=$(basename "$dir")
      [ -f "$dir/source.html" ] && strip_page < "$dir/source.html" > "$seeds/extract/rd-$name.html"
      [ -f "$dir/expected.html" ] && head -c 32768 "$dir/expected.html" > "$seeds/render/rd-$name.html"
    done
  else
    echo "fuzz.sh: no corpus at $SHARED/corpus/readability; hand-written seeds only" >&2
  fi
  if [ -d "$SHARED/corpus/wcxb-dev/html" ]; then
    # Every 50th page: 30 pages from 30 sites.
    local n=0
    for f in "$SHARED"/corpus/wcxb-dev/html/*.html.gz; do
      n=$((n + 1))
      [ $((n % 50)) -eq 0 ] || continue
      gzip -dc "$f" | strip_page > "$seeds/extract/wcxb-$(basename "$f" .html.gz).html"
    done
  fi
  # The JSON-LD reader: the ld+json blocks of the Readability pages (taken
  # from the pages as they are: strip_page empties scripts), and a few
  # hand-written edge cases.
  mkdir -p "$seeds/json"
  printf '%s' '{"@type":["NewsArticle"],"headline":"Caf\u00e9 \"x\"\n\ud83d\ude00","n":-1.5e+3,"a":[true,false,null,{}],"headline":"last"}' > "$seeds/json/edge-1.json"
  printf '%s' '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["\ud800\udc00\ud800"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]' > "$seeds/json/edge-2.json"
  for f in "$SHARED"/corpus/readability/*/source.html; do
    [ -f "$f" ] || continue
    name=$(basename "$(dirname "$f")")
    perl -0777 -ne 'while (/<script[^>]*ld\+json[^>]*>(.*?)<\/script/gis) { print "$1\0" }' "$f" |
      { i=0; while IFS= read -r -d '' block; do
        i=$((i + 1))
        printf '%s' "$block" | head -c "$MAX_LEN" > "$seeds/json/ld-$name-$i.json"
      done; }
  done
  for t in "${TARGETS_ALL[@]}"; do
    if [ "$t" != extract ] && [ "$t" != json ]; then
      mkdir -p "$seeds/$t"
      cp "$seeds"/render/* "$seeds/$t/"
    fi
    # Saved findings first in line: every run, the smoke included, replays them.
    for f in fuzz/regressions/"$t"/*; do
      [ -f "$f" ] && cp "$f" "$seeds/$t/regression-$(basename "$f")"
    done
  done
  rm -rf "$seeds/render"
  log "seeds: $(ls "$seeds/extract" | wc -l) for extract, $(ls "$seeds/render_text" | wc -l) for each renderer, $(ls "$seeds/json" | wc -l) for json"
}

# Executions, coverage and findings of one target's run, from its log.
summarise() {
  local target=$1 logfile=$2 seconds=$3
  # Fork mode prints `#EXECS: cov: … exec/s: … oom/timeout/crash: a/b/c time: …`;
  # a plain run ends with `Done N runs`.
  local last execs cov findings
  last=$(grep -E '^#[0-9]+: cov:' "$logfile" | tail -n 1 || true)
  if [ -n "$last" ]; then
    execs=$(sed -E 's/^#([0-9]+):.*/\1/' <<<"$last")
    cov=$(sed -E 's/.* cov: ([0-9]+).*/\1/' <<<"$last")
    findings=$(sed -E 's/.*oom\/timeout\/crash: ([0-9]+\/[0-9]+\/[0-9]+).*/\1/' <<<"$last")
  else
    execs=$(grep -oE 'number_of_executed_units: *[0-9]+' "$logfile" | tail -n 1 | grep -oE '[0-9]+$' || true)
    [ -z "$execs" ] && execs=$(grep -oE '^#[0-9]+' "$logfile" | tail -n 1 | tr -d '#' || true)
    cov=$(grep -oE 'cov: [0-9]+' "$logfile" | tail -n 1 | grep -oE '[0-9]+' || true)
    findings=$(grep -oE 'ERROR: libFuzzer: [a-z][a-z -]*[a-z]' "$logfile" | head -n 1 | sed 's/ERROR: libFuzzer: //' || true)
    findings=${findings:-none}
  fi
  local artifacts
  artifacts=$(find "fuzz/artifacts/$target" -type f 2>/dev/null | wc -l)
  printf '| %s | %s | %s | %s | %s | %s |\n' "$target" "$seconds" "${execs:-?}" "${cov:-?}" \
    "${findings:-?}" "$artifacts" >> fuzz/logs/summary.md
}

need_cargo_fuzz() {
  if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: cargo-fuzz and a nightly toolchain are needed (scripts/setup.sh installs them)" >&2
    exit 2
  fi
}

build_seeds
[ "$MODE" = seeds ] && exit 0
need_cargo_fuzz

log "build the targets (fuzz/target, nightly, AddressSanitizer, debug assertions)"
cargo +nightly fuzz build

mkdir -p fuzz/logs
{
  echo "# Fuzz run $(date -u '+%Y-%m-%d %H:%M UTC'), $MODE"
  echo
  echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo none)$(git diff --quiet 2>/dev/null || echo ' (dirty tree)')"
  echo "- $(cargo +nightly fuzz --version), $(rustc +nightly --version)"
  echo "- $(nproc) cores, load average at start $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
  echo
  echo "| target | seconds | executions | coverage (edges) | oom/timeout/crash | artifacts |"
  echo "|---|---:|---:|---:|---|---:|"
} > fuzz/logs/summary.md

failed=()
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  common=(-dict=fuzz/html.dict -max_len=$MAX_LEN -rss_limit_mb=4096 -timeout=10
    -print_final_stats=1)
  logfile="fuzz/logs/$t.log"
  if [ "$MODE" = replay ]; then
    seconds=0
    log "$t: replay $(ls "fuzz/seeds/$t" | wc -l) seeds and saved findings"
    # Only the seed folder (never the growing fuzz/corpus/), each input once.
    if ! cargo +nightly fuzz run "$t" "fuzz/seeds/$t" -- \
      "${common[@]}" -runs=0 > "$logfile" 2>&1; then
      failed+=("$t")
      tail -n 60 "$logfile" >&2
    fi
  elif [ "$MODE" = smoke ]; then
    seconds=$SMOKE_SECONDS
    log "$t: smoke, $seconds s, -seed=$SEED"
    # Plain mode: the first crash stops the run with a non-zero status.
    if ! cargo +nightly fuzz run "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
      "${common[@]}" -seed="$SEED" -max_total_time="$seconds" > "$logfile" 2>&1; then
      failed+=("$t")
      tail -n 60 "$logfile" >&2
    fi
  else
    seconds=$((MINUTES * 60))
    log "$t: $MINUTES minutes, one worker (fork mode: carries on past findings)"
    cargo +nightly fuzz run "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
      "${common[@]}" -max_total_time="$seconds" -fork=1 \
      -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 > "$logfile" 2>&1 || failed+=("$t")
    [ -n "$(find "fuzz/artifacts/$t" -type f 2>/dev/null)" ] && failed+=("$t")
  fi
  summarise "$t" "$logfile" "$seconds"
done

echo >&2
cat fuzz/logs/summary.md >&2
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: findings in: ${failed[*]} (inputs in fuzz/artifacts/, logs in fuzz/logs/)" >&2
  exit 1
fi
