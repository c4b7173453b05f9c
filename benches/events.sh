#!/usr/bin/env bash
# EventBridge throughput: 10,000 events sent with PutEvents (10 entries a request, 4 client
# processes) to a server with 100 rules of mixed operators, on `statewright serve` (durable
# SQLite: every request's deliveries are synced before it is answered; once without targets,
# once with a state machine target per rule, so about 1,000 executions start) and, in the same
# run, on moto's server. Prints a Markdown table on stdout (progress on stderr);
# benches/results/events.md explains it.
#
#   bash benches/events.sh
#
# Environment:
#   STATEWRIGHT_BIN  the binary to measure (default target/release/statewright; build it first
#                    with `cargo build --release --bin statewright`)
#   PEERS_DIR        where moto's venv is installed (default ~/.cache/sfn-bench-peers)
#   RUNS             runs per server (default 5), each on a fresh server
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${STATEWRIGHT_BIN:-target/release/statewright}"
PEERS_DIR="${PEERS_DIR:-$HOME/.cache/sfn-bench-peers}"
RUNS="${RUNS:-5}"
MOTO_VERSION=5.2.5
[ -x "$BIN" ] || { echo "no statewright binary at $BIN: build it (cargo build --release --bin statewright) or set STATEWRIGHT_BIN" >&2; exit 2; }
WORK="$(mktemp -d)"
PID=""
stop() {
  [ -n "$PID" ] || return 0
  kill "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  PID=""
}
trap 'stop; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM
wait_http() { # url seconds
  local i
  for ((i = 0; i < $2 * 10; i++)); do curl -s -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "nothing answered at $1" >&2
  return 1
}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
[ -x "$PEERS_DIR/moto/bin/moto_server" ] || {
  python3 -m venv "$PEERS_DIR/moto"
  "$PEERS_DIR/moto/bin/pip" install -q "moto[server]==$MOTO_VERSION"
}

for ((run = 1; run <= RUNS; run++)); do
  for kind in statewright statewright-targets moto; do
    port="$(free_port)"
    case "$kind" in
      statewright*)
        rm -rf "$WORK/data"
        "$BIN" serve --port "$port" --data-dir "$WORK/data" >"$WORK/$kind.log" 2>&1 &
        PID=$!
        wait_http "http://127.0.0.1:$port/health" 30 ;;
      moto)
        "$PEERS_DIR/moto/bin/moto_server" -H 127.0.0.1 -p "$port" >"$WORK/moto.log" 2>&1 &
        PID=$!
        wait_http "http://127.0.0.1:$port/" 30 ;;
    esac
    flags=()
    label="$kind $MOTO_VERSION"
    case "$kind" in
      statewright) label="statewright, durable, rules without targets" ;;
      statewright-targets) label="statewright, durable, a state machine target per rule"; flags=(--targets) ;;
      moto) label="moto $MOTO_VERSION, rules without targets" ;;
    esac
    python3 benches/events/driver.py run --endpoint "http://127.0.0.1:$port" --label "$label" \
      --json "$WORK/$kind-$run.json" "${flags[@]}"
    stop
  done
done
python3 benches/events/driver.py report "$WORK"/*.json
