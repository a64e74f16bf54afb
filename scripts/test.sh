#!/usr/bin/env bash
# The whole test suite: formatting, lints, Rust and UI tests, and end-to-end tests of the real
# app under Xvfb with tauri-driver and WebKitWebDriver. Fails on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

# Each stage prints how long the one before it took, and the run ends with a summary.
stage_name=""
stage_start=$SECONDS
durations=()
finish_stage() {
  if [[ -n "$stage_name" ]]; then
    local took=$((SECONDS - stage_start))
    durations+=("$(printf '%5ds  %s' "$took" "$stage_name")")
    printf '\033[2m    (%s: %ds)\033[0m\n' "$stage_name" "$took"
  fi
}
step() {
  finish_stage
  stage_name="$*"
  stage_start=$SECONDS
  printf '\n\033[1;36m==> %s\033[0m\n' "$*"
}
summary() {
  finish_stage
  stage_name=""
  printf '\nStage durations:\n'
  printf '%s\n' "${durations[@]}"
  printf '%5ds  in all\n' "$SECONDS"
}

step "Setup (system packages, npm ci, tauri-driver)"
scripts/setup.sh --test

step "cargo fmt --check"
cargo fmt --all --check

step "UI: tsc --noEmit"
npm --prefix ui run typecheck --silent

step "UI: unit tests"
npm --prefix ui test --silent

step "UI: build (embedded in the app)"
npm --prefix ui run build --silent

step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --features custom-protocol -- -D warnings

step "Rust unit and integration tests"
cargo test --features custom-protocol

step "TypeScript bindings and command permissions match the Rust code"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  drift=$(git status --porcelain -- ui/src/bindings permissions)
  if [[ -n "$drift" ]]; then
    echo "ui/src/bindings or permissions differs from what the Rust code generates; commit the regenerated files:" >&2
    echo "$drift" >&2
    git --no-pager diff -- ui/src/bindings permissions >&2 || true
    exit 1
  fi
else
  echo "not a git checkout: skipped"
fi

step "Build the app"
cargo build --features custom-protocol

step "End-to-end tests (real app, Xvfb, tauri-driver, WebKitWebDriver)"
rm -rf target/e2e-screenshots
cargo build -p soremap-e2e --tests --quiet
scripts/with-webdriver.sh 4444 target/tauri-driver.log cargo test -p soremap-e2e -- --test-threads=1

step "Reminders end to end (own session bus, a notification server that records, app at local midday)"
# The app runs in a time zone where it is about midday now, so the rule that moves night-time
# check-ins to the morning does not depend on when the suite runs (Etc/GMT-N is UTC+N, read the
# same way by the core and by the webview). Its HOME is a fresh folder: the test turns the
# login item on and off.
hour=$((10#$(date -u +%H)))
ahead=$(((12 - hour + 24) % 24))
if ((ahead > 12)); then ahead=$((ahead - 24)); fi
reminder_home="$(mktemp -d)"
zone="Etc/GMT$(printf '%+d' $((-ahead)))"
TZ="$zone" APP_HOME="$reminder_home" dbus-run-session -- \
  scripts/with-webdriver.sh 4448 target/tauri-driver-reminders.log \
  cargo test -p soremap-e2e --test reminders -- --ignored --test-threads=1
rm -rf "$reminder_home"

step "tauri dev from the repository root (window opens, hot update reaches it)"
# In a session bus of its own, as on a desktop: without one, GTK starts the bus itself
# (dbus-launch --autolaunch) while the window is being made.
dbus-run-session -- \
  xvfb-run --auto-servernum --server-args="-screen 0 1440x1000x24" scripts/check-dev.sh

step "Package: npm run tauri build from the repository root (.deb, .rpm)"
npm run tauri build
deb=$(ls target/release/bundle/deb/*.deb)
rpm=$(ls target/release/bundle/rpm/*.rpm)
ls -l "$deb" "$rpm"

step "Install the .deb with apt-get, open the installed app, remove it"
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "./$deb"
package_home="$(mktemp -d)"
APP_HOME="$package_home" SOREMAP_PACKAGE_HOME="$package_home" SOREMAP_APP=/usr/bin/soremap \
  scripts/with-webdriver.sh 4446 target/tauri-driver-package.log \
  cargo test -p soremap-e2e --test package -- --ignored
DEBIAN_FRONTEND=noninteractive $sudo apt-get remove -y -qq sore-map
rm -rf "$package_home"
echo "Screenshots: target/e2e-screenshots/"
summary
