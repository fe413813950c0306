#!/usr/bin/env bash
# The main job on a fresh machine: install what is missing, build the core
# and its CLI, build the extension for Chrome and Firefox (dist/), and
# extract the bundled sample page to clean text (dist/sample.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
echo "== build: cargo build --release"
cargo build --release
bash scripts/build-extension.sh
node scripts/build-www.mjs   # the playground: dist/www (serve: node scripts/serve-www.mjs)
mkdir -p dist
SAMPLE_URL="https://www.newsmax.com/globaltalk/vladimir-putin-kazakhstan-russia/2024/11/27/id/1189560/"
./target/release/declutter extract --url "$SAMPLE_URL" samples/newsmax-kazakhstan.html > dist/sample.txt
./target/release/declutter clutter --url "$SAMPLE_URL" samples/newsmax-kazakhstan.html > dist/sample-clutter.tsv
echo "== build: sample article (dist/sample.txt):"
head -n 5 dist/sample.txt
echo "…"
echo "== build: clutter plan of the sample (dist/sample-clutter.tsv):"
cut -f1,2 dist/sample-clutter.tsv
echo "== build: done — load dist/chrome or dist/firefox as an unpacked extension"
