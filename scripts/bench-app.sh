#!/usr/bin/env bash
# Speed a person feels, in the real window of a release build: a click on the map until the
# region's panel is painted, Today, Trends (overview painted, then a region-side switched) and
# a search on a ten-year synthetic log — each against the floor, a trivial DOM change painted
# in the same window and the same run. Prints medians and ratios.
#
#     scripts/bench-app.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
rounds="${1:-15}"

scripts/setup.sh --test >/dev/null
npm --prefix ui run build --silent
cargo build --release --features custom-protocol --quiet
# One build of both examples, so their shared dependencies are built once.
cargo build --release -p soremap-core -p soremap-e2e --example fill --example bench_ui --quiet

data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
target/release/examples/fill "$data" 3652 12

SOREMAP_APP="$PWD/target/release/soremap" \
  scripts/with-webdriver.sh 4444 target/tauri-driver-bench.log target/release/examples/bench_ui "$data" "$rounds"
