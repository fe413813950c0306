#!/usr/bin/env bash
# Installs every tool the build and the tests need, skipping what is already
# present at the right version. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=$(grep -E '^wasm-bindgen *=' Cargo.toml | sed -E 's/.*"=?([0-9.]+)".*/\1/')
GECKODRIVER_VERSION=0.37.1
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo

log() { printf '\n== setup: %s\n' "$*"; }

log "rust targets and components"
rustup target add wasm32-unknown-unknown >/dev/null
rustup component add clippy rustfmt >/dev/null 2>&1 || true

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
command -v firefox-esr >/dev/null || need_apt+=(firefox-esr)
command -v wasm-opt >/dev/null || need_apt+=(binaryen)
command -v zip >/dev/null || need_apt+=(zip)
# A real speech engine for the read-aloud test (tests/e2e/listen.test.mjs):
# both browsers speak through speech-dispatcher, espeak-ng is the voice.
command -v speech-dispatcher >/dev/null || need_apt+=(speech-dispatcher)
[ -x /usr/lib/speech-dispatcher-modules/sd_espeak-ng ] || need_apt+=(speech-dispatcher-espeak-ng)
command -v espeak-ng >/dev/null || need_apt+=(espeak-ng)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt: ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  log "wasm-bindgen-cli $WASM_BINDGEN_VERSION (takes ~10 minutes on 2 cores)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if ! geckodriver --version 2>/dev/null | grep -q "geckodriver $GECKODRIVER_VERSION"; then
  log "geckodriver $GECKODRIVER_VERSION"
  cargo install geckodriver --version "$GECKODRIVER_VERSION"
fi

# Fuzzing (scripts/fuzz.sh): a nightly toolchain and cargo-fuzz.
if ! cargo +nightly --version >/dev/null 2>&1; then
  log "rust nightly (for cargo-fuzz)"
  rustup toolchain install nightly --profile minimal
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  log "cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

if [ -f package-lock.json ]; then
  log "npm dev packages (from the lockfile)"
  npm ci --no-audit --no-fund --loglevel=error
fi
log "done"
