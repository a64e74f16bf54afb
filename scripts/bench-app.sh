#!/usr/bin/env bash
# Speed a person feels, in the real window of a release build: a click on the map until the
# region's panel is painted, Today, Trends (overview painted, then a region-side switched) and
# a search on a ten-year synthetic log — each against the floor, a trivial DOM change painted
# in the same window and the same run. Prints medians and ratios.
#
# Then SoreMap against a minimal Tauri app (bench/baseline: the same Tauri, window size and
# CSP, one element, no plugins), launched alternately in the same run: start until the window
# is interactive, memory of the whole process tree once loaded, release binary size — ratios
# and their targets (start ≤ 1.15×, memory ≤ 1.2×, binary ≤ 2.5×).
#
#     scripts/bench-app.sh [rounds]
#
# SOREMAP_BENCH_PORT sets tauri-driver's port (4444); SOREMAP_BENCH_NO_BUILD=1 measures the
# release binaries and examples already in target/release without building. The data folder
# is made under TMPDIR.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
rounds="${1:-15}"
port="${SOREMAP_BENCH_PORT:-4444}"

if [[ -z "${SOREMAP_BENCH_NO_BUILD:-}" ]]; then
  scripts/setup.sh --test >/dev/null
  npm --prefix ui run build --silent
  # The baseline in the same build as SoreMap: its features are resolved together with
  # SoreMap's, so it links the same compiled Tauri instead of building its own.
  cargo build --release --features custom-protocol -p soremap -p soremap-core -p soremap-baseline --quiet
  # One build of the examples, so their shared dependencies are built once.
  cargo build --release -p soremap-core -p soremap-e2e \
    --example fill --example bench_ui --example bench_start --quiet
fi

data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
target/release/examples/fill "$data" 3652 12

SOREMAP_APP="$PWD/target/release/soremap" SOREMAP_BASELINE_APP="$PWD/target/release/soremap-baseline" \
  scripts/with-webdriver.sh "$port" target/tauri-driver-bench.log bash -c '
    set -e
    target/release/examples/bench_ui "$1" "$2"
    target/release/examples/bench_start "$1" "$2"
  ' bash "$data" "$rounds"
