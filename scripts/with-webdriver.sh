#!/usr/bin/env bash
# Runs a command beside a WebDriver server for the real app: a virtual X display (Xvfb,
# 1440×1000) and tauri-driver on PORT, with WebKitWebDriver on PORT+1; both stop when the
# command ends. The command finds the server in SOREMAP_WEBDRIVER.
#
#     scripts/with-webdriver.sh PORT LOG command [args…]
#
# With APP_HOME set, the app (started by tauri-driver) gets that HOME and no XDG_DATA_HOME,
# while the command keeps its own.
set -euo pipefail
port=$1
log=$2
shift 2
# A server left running from another run would answer instead, or keep ours from starting.
for p in "$port" "$((port + 1))"; do
  if (exec 3<>/dev/tcp/127.0.0.1/"$p") 2>/dev/null; then
    echo "with-webdriver: port $p is already in use (a tauri-driver or WebKitWebDriver left running?)" >&2
    exit 1
  fi
done
exec xvfb-run --auto-servernum --server-args="-screen 0 1440x1000x24" bash -c '
  port=$1
  log=$2
  shift 2
  if [[ -n "${APP_HOME:-}" ]]; then
    env -u XDG_DATA_HOME HOME="$APP_HOME" tauri-driver --port "$port" --native-port "$((port + 1))" > "$log" 2>&1 &
  else
    tauri-driver --port "$port" --native-port "$((port + 1))" > "$log" 2>&1 &
  fi
  driver=$!
  trap "kill $driver 2>/dev/null || true" EXIT
  # tauri-driver answers before the WebKitWebDriver it starts does, and a session asked for
  # in between fails to connect: wait for both.
  for p in "$port" "$((port + 1))"; do
    for _ in $(seq 100); do
      (exec 3<>/dev/tcp/127.0.0.1/"$p") 2>/dev/null && break
      sleep 0.1
    done
  done
  SOREMAP_WEBDRIVER="http://127.0.0.1:$port" "$@"
' bash "$port" "$log" "$@"
