#!/usr/bin/env bash
# Start a local Prefect server on 127.0.0.1 (schedules need a real server, not the ephemeral one),
# wait until its API answers, print the UI URL and the PREFECT_API_URL to export, then keep serving
# in the foreground until Ctrl-C (which stops the server).
# Usage: scripts/prefect-server.sh [PORT]   default port 4200; PREFECT_HOME defaults to .prefect/ here.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${1:-${FAZHI_PREFECT_PORT:-4200}}"
PYTHON=".venv/bin/python"
[ -x "$PYTHON" ] || { echo "prefect-server: .venv/ not found; run 'make setup' first" >&2; exit 1; }
export PREFECT_HOME="${PREFECT_HOME:-$PWD/.prefect}"
export PREFECT_SERVER_ANALYTICS_ENABLED=false DO_NOT_TRACK=1
URL="http://127.0.0.1:${PORT}"

.venv/bin/prefect server start --host 127.0.0.1 --port "$PORT" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null' EXIT INT TERM

# Ready when /api/health answers (about 5-6 s on 2 cores; allow 90 s on a busy machine).
if ! "$PYTHON" - "$URL/api/health" "$SERVER" <<'PY'
import os, sys, time, urllib.request
url, pid = sys.argv[1], int(sys.argv[2])
deadline = time.monotonic() + 90
while time.monotonic() < deadline:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit("prefect-server: the server exited during start-up (port in use? see its output above)")
    try:
        with urllib.request.urlopen(url, timeout=2):
            sys.exit(0)
    except OSError:
        time.sleep(0.5)
sys.exit("prefect-server: no answer from " + url + " after 90 s")
PY
then
  exit 1
fi

cat <<MSG

Prefect server ready.
  UI:              ${URL}
  in other shells: export PREFECT_API_URL=${URL}/api
  then:            .venv/bin/fazhi serve     (daily 06:00 Asia/Shanghai)
Ctrl-C stops the server.
MSG
wait "$SERVER"
