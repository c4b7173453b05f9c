#!/usr/bin/env bash
# The console's render times in Chromium (benches/console/render.mjs) against a release
# `statewright serve --in-memory`: a 100-state definition and a Map of 1,000 iterations.
#
#   bash benches/console.sh            # RUNS=10 by default
#
# Needs Debian's chromium and `npm ci` in console-tests/ (for playwright-core).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${STATEWRIGHT_BIN:-target/release/statewright}"
RUNS="${RUNS:-10}"
[ -x "$BIN" ] || { echo "no binary at $BIN: cargo build --release --bin statewright" >&2; exit 2; }
[ -d console-tests/node_modules/playwright-core ] || (cd console-tests && npm ci --no-audit --no-fund --loglevel=error)
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$BIN" serve --in-memory --host 127.0.0.1 --port "$PORT" >/dev/null 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/health" 2>/dev/null && break; sleep 0.1; done
PLAYWRIGHT="$PWD/console-tests/node_modules/playwright-core/index.mjs" node benches/console/render.mjs "http://127.0.0.1:$PORT" "$RUNS"
