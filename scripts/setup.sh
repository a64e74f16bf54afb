#!/usr/bin/env bash
# Installs whatever SoreMap needs that is missing, and nothing else. Safe to run again: when
# everything is there it only checks and returns.
#
#   scripts/setup.sh          what building and running the app needs
#   scripts/setup.sh --test   plus what the test suite needs (Xvfb, WebKitWebDriver, tauri-driver,
#                             poppler-utils for reading back report PDFs)
set -euo pipefail
cd "$(dirname "$0")/.."

with_tests=false
[[ "${1:-}" == "--test" ]] && with_tests=true

say() { printf '\033[1;36m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

export PATH="$HOME/.cargo/bin:$PATH"

# --- System packages (Debian/Ubuntu) ------------------------------------------------------
packages=(build-essential pkg-config libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev
  libayatana-appindicator3-dev libssl-dev file)
if $with_tests; then
  packages+=(webkit2gtk-driver xvfb xauth fonts-dejavu-core git xdotool poppler-utils dbus tzdata)
fi
if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    say "Installing system packages: ${missing[*]}"
    sudo=""
    if [[ $(id -u) -ne 0 ]]; then
      command -v sudo >/dev/null || die "need root or sudo to install: ${missing[*]}"
      sudo="sudo"
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
else
  say "Not a Debian/Ubuntu system: see README.md for the prerequisites of your platform."
fi

# --- Toolchains ---------------------------------------------------------------------------
command -v cargo >/dev/null || die "Rust is missing: install it with rustup (https://rustup.rs), then run this again."
command -v node >/dev/null || die "Node.js 20.19 or newer is missing: install it, then run this again."
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
  || die "Node.js $(node --version) is too old: SoreMap's UI tools need 20.19 or newer."

# --- UI dependencies (includes the Tauri CLI) ---------------------------------------------
if [[ ! -f ui/node_modules/.package-lock.json || ui/package-lock.json -nt ui/node_modules/.package-lock.json ]]; then
  say "Installing UI dependencies (npm ci)"
  npm ci --prefix ui --no-audit --no-fund --loglevel=error
fi

# --- End-to-end test driver ---------------------------------------------------------------
if $with_tests && ! command -v tauri-driver >/dev/null; then
  say "Installing tauri-driver"
  cargo install tauri-driver --locked
fi
