#!/usr/bin/env bash
# W5 many-small beyond the Python harness's ceiling: our own load generator
# (crates/statewright/benches/load.rs, keep-alive connections, every output checked) against
# moto_server 5.2.5 and against a durable `statewright serve`, one after the other in one run.
#
#   bash benches/many-small.sh [N_STATEWRIGHT] [N_MOTO]
#
# Environment: PEERS_DIR (default ~/.cache/sfn-bench-peers), where peers.sh keeps moto.
set -euo pipefail
cd "$(dirname "$0")/.."
N_SW="${1:-20000}"
N_MOTO="${2:-1000}"
PEERS_DIR="${PEERS_DIR:-$HOME/.cache/sfn-bench-peers}"
DATA="$(mktemp -d)"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$DATA"; }
trap cleanup EXIT
wait_http() { for _ in $(seq 200); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done; return 1; }

cargo build --release --quiet --bin statewright
cargo bench -p statewright --bench load --no-run --quiet 2>/dev/null
LOAD="$(ls -t target/release/deps/load-* | grep -v '\.d$' | head -1)"

[ -x "$PEERS_DIR/moto/bin/moto_server" ] || {
  python3 -m venv "$PEERS_DIR/moto"
  "$PEERS_DIR/moto/bin/pip" install -q "moto[server]==5.2.5"
}
"$PEERS_DIR/moto/bin/moto_server" -H 127.0.0.1 -p 18601 >/dev/null 2>&1 &
PIDS+=($!)
wait_http http://127.0.0.1:18601/moto-api/
curl -fsS -X POST http://127.0.0.1:18601/moto-api/config \
  -d '{"stepfunctions": {"execute_state_machine": true}}' >/dev/null
echo "moto_server 5.2.5:"
"$LOAD" http http://127.0.0.1:18601 many-small "$N_MOTO" 8

target/release/statewright serve --port 18602 --data-dir "$DATA" 2>/dev/null &
PIDS+=($!)
wait_http http://127.0.0.1:18602/health
echo "statewright (SQLite, durable):"
"$LOAD" http http://127.0.0.1:18602 many-small "$N_SW" 64
