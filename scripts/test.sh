#!/usr/bin/env bash
# Every test: formatting, lints, the Rust suite (unit, integration, CLI,
# fixtures, robustness, the eval tool's own tests), the wasm build, and the
# extension end to end in headless Chromium and Firefox ESR.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
step() { printf '\n== test: %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --check
step "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings
step "cargo test (release: the hostile-input cases are large)"
cargo test --release --all-targets
step "fuzz smoke: every cargo-fuzz target for 15 s (a crash, timeout or OOM fails the run)"
bash scripts/fuzz.sh --smoke
step "the core builds for wasm32"
cargo build --lib --target wasm32-unknown-unknown --profile release-wasm
step "extension build (dist/chrome, dist/firefox)"
SKIP_WASM= STRICT_BUDGET=1 bash scripts/build-extension.sh   # fails over the 350 KB gzipped wasm budget
step "web-ext lint (Firefox package)"
npx --no-install web-ext lint --source-dir dist/firefox --self-hosted 2>&1 | tail -n 15
step "test build with an injected core panic (dist-fault, for tests/e2e/hardening.test.mjs)"
FAULT_INJECTION=1 bash scripts/build-extension.sh
step "playground build (dist/www)"
node scripts/build-www.mjs
step "end-to-end: headless Chromium and Firefox ESR"
node --test --test-concurrency=1 tests/e2e/
