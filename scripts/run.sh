#!/usr/bin/env bash
# Installs what is missing, builds SoreMap and opens it. Arguments go to the app
# (e.g. `scripts/run.sh --data-dir ~/soremap-portable`).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
npm --prefix ui run build --silent
cargo build --features custom-protocol
exec target/debug/soremap "$@"
