#!/usr/bin/env bash
# End-to-end speed through the Step Functions API: runs ../shared/bench/sfn_bench.py against a
# fresh `statewright serve` per workload and, with --with-moto, against moto_server in the same
# run (installed by ../shared/bench/peers.sh), then prints one table for both.
#
#   bash benches/http.sh [--with-moto] [--runs N]
#
# Environment: SHARED (default ../shared), RESULTS (default a fresh temporary folder),
# WORKLOADS (default the seven workloads; moto runs only the JSONPath ones correctly), PORT (default 18383).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${SHARED:-../shared}"
RESULTS="${RESULTS:-$(mktemp -d)}"
WORKLOADS="${WORKLOADS:-pass-chain-100 jsonata-chain-100 choice-loop-1000 map-inline-1000 parallel-10x10 payload-heavy many-small}"
PORT="${PORT:-18383}"
# The durable SQLite store by default; STORE_FLAGS=--in-memory measures the in-memory one.
STORE_FLAGS="${STORE_FLAGS:-}"
RUNS=5
WITH_MOTO=0
while [ $# -gt 0 ]; do
  case "$1" in
    --with-moto) WITH_MOTO=1 ;;
    --runs) RUNS="$2"; shift ;;
    *) echo "usage: $0 [--with-moto] [--runs N]" >&2; exit 2 ;;
  esac
  shift
done

cargo build --release --quiet --bin statewright
mkdir -p "$RESULTS/statewright"
SERVER_PID=""
stop_server() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  SERVER_PID=""
}
trap stop_server EXIT
for w in $WORKLOADS; do
  modes="-"
  [ "$w" != many-small ] || modes="open closed"
  for m in $modes; do
    out="$RESULTS/statewright/$w.json"; extra=()
    if [ "$m" != - ]; then out="$RESULTS/statewright/$w-$m.json"; extra=(--many-mode "$m"); fi
    rm -rf "$RESULTS/data"
    store_args=(--data-dir "$RESULTS/data")
    [ -z "$STORE_FLAGS" ] || read -r -a store_args <<< "$STORE_FLAGS"
    target/release/statewright serve --port "$PORT" "${store_args[@]}" 2>/dev/null &
    SERVER_PID=$!
    for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/health" 2>/dev/null && break; sleep 0.05; done
    python3 "$SHARED/bench/sfn_bench.py" --endpoint "http://127.0.0.1:$PORT" --workload "$w" --runs "$RUNS" \
      --server-pid "$SERVER_PID" --label statewright --json "$out" "${extra[@]}"
    stop_server
  done
done
if [ "$WITH_MOTO" = 1 ]; then
  # Only moto is needed here; peers.sh install would also fetch LocalStack and the npm peers.
  PEERS_DIR="${PEERS_DIR:-$HOME/.cache/sfn-bench-peers}"
  [ -x "$PEERS_DIR/moto/bin/moto_server" ] || {
    python3 -m venv "$PEERS_DIR/moto"
    "$PEERS_DIR/moto/bin/pip" install -q "moto[server]==5.2.5"
  }
  export PEERS_DIR
  RESULTS="$RESULTS" RUNS="$RUNS" WORKLOADS="$WORKLOADS" bash "$SHARED/bench/peers.sh" moto >/dev/null
fi
python3 "$SHARED/bench/summarize.py" "$RESULTS"/*/*.json
echo "results: $RESULTS"
