#!/usr/bin/env bash
# `npm run tauri dev` from the repository root, as the README says: the Vite dev server starts,
# the app opens its window on it, and a change to a UI file is pushed to the open window as a
# hot update. Run under Xvfb by scripts/test.sh; exits non-zero with the log if any step fails.
set -euo pipefail
cd "$(dirname "$0")/.."
log=target/tauri-dev.log
data="$(mktemp -d)"
probe=ui/src/dev-probe.css
cp ui/src/main.ts "$data.main.ts"
cleanup() {
  rm -f "$probe"
  cp "$data.main.ts" ui/src/main.ts && rm -f "$data.main.ts"
  [[ -n "${dev:-}" ]] && kill -- -"$dev" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
fail() {
  echo "tauri dev: $*" >&2
  tail -40 "$log" >&2 || true
  # What the app and everything under it is doing, and the windows there are.
  echo "processes:" >&2
  ps -eo pid,ppid,stat,wchan:24,etime,args --forest | grep -v ' ps -eo' | tail -40 >&2 || true
  echo "windows:" >&2
  for w in $(xdotool search --name '.' 2>/dev/null | head -20); do
    echo "  $w $(xdotool getwindowname "$w" 2>/dev/null)" >&2
  done
  exit 1
}

# Its own process group, so everything it starts (Vite, cargo, the app) stops with it.
setsid npm run tauri -- dev -- -- --data-dir "$data" > "$log" 2>&1 &
dev=$!

# The window appears once the debug build is done (a few minutes on a cold cache).
for _ in $(seq 600); do
  xdotool search --name '^SoreMap$' >/dev/null 2>&1 && break
  kill -0 "$dev" 2>/dev/null || fail "exited before its window appeared"
  sleep 1
done
xdotool search --name '^SoreMap$' >/dev/null 2>&1 || fail "no SoreMap window after 10 minutes"
echo "window open"

# A change to a UI file reaches the open window: Vite logs an update only for modules the
# window has loaded. The page may still be loading when the window appears, so the probe is
# changed every two seconds until an update for it (or for main.ts, which imports it) is sent.
printf '/* hot update probe */\n' > "$probe"
printf '\nimport "./dev-probe.css";\n' >> ui/src/main.ts
for i in $(seq 60); do
  printf '/* hot update probe %s */\n' "$i" > "$probe"
  grep -Eq 'hmr update|page reload' "$log" && break
  sleep 2
done
grep -Eq 'hmr update|page reload' "$log" || fail "no hot update was sent to the window"
grep -E 'hmr update|page reload' "$log" | head -3
echo "hot update sent to the open window"
