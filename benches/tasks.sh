#!/usr/bin/env bash
# Lambda tasks: a 10-state chain of Lambda tasks on a local HTTP function in `statewright serve`
# (in memory, then the durable SQLite store), against the same chain of Lambda tasks on
# ministack (its Python handler in its warm worker process, no Docker; once with a silent
# handler, once with one that prints a line), measured in one run. Each server also runs the
# chain as 10 Pass states, for the overhead per task dispatch. Prints Markdown tables on stdout
# (progress on stderr); benches/results/tasks.md explains them.
#
#   bash benches/tasks.sh
#
# Environment:
#   STATEWRIGHT_BIN  the binary to measure, relative to the repository or absolute (default
#                    target/release/statewright; build it first with
#                    `cargo build --release --bin statewright`)
#   SHARED           the shared folder with bench/sfn_bench.py (default ../shared)
#   PEERS_DIR        where ministack's venv is installed (default ~/.cache/sfn-bench-peers)
#   RUNS             timed executions of each chain per server (default 30)
#   WARMUP           untimed executions of each chain first (default 3)
#   FINE_RUNS        executions of each chain for the overhead, statewright only (default 300)
#   RESULTS          where the JSON results go (default a fresh temporary folder)
#
# The function server is benches/tasks/fnserver.py, the state machines and the Lambda handler
# are in benches/tasks/, the measuring and the table are benches/tasks/driver.py. Every server
# listens on a free port of 127.0.0.1 and is stopped by its PID on exit, also on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${STATEWRIGHT_BIN:-target/release/statewright}"
SHARED="${SHARED:-../shared}"
PEERS_DIR="${PEERS_DIR:-$HOME/.cache/sfn-bench-peers}"
RUNS="${RUNS:-30}"
WARMUP="${WARMUP:-3}"
FINE_RUNS="${FINE_RUNS:-300}"
RESULTS="${RESULTS:-$(mktemp -d)}"
MINISTACK_VERSION=1.5.33
HERE=benches/tasks

[ -x "$BIN" ] || { echo "no statewright binary at $BIN: build it (cargo build --release --bin statewright) or set STATEWRIGHT_BIN" >&2; exit 2; }
[ -f "$SHARED/bench/sfn_bench.py" ] || { echo "no $SHARED/bench/sfn_bench.py: set SHARED" >&2; exit 2; }
mkdir -p "$RESULTS"
WORK="$(mktemp -d)"

PIDS=()
stop() { # pid: SIGTERM, then SIGKILL to its process group after 20 s
  local pid="$1" i
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 200; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then kill -9 -- "-$pid" 2>/dev/null || kill -9 "$pid" 2>/dev/null || true; fi
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do stop "$pid"; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
wait_http() { # url seconds
  local i
  for ((i = 0; i < $2 * 10; i++)); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "nothing answered at $1" >&2
  return 1
}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# ministack and boto3 (for lambda.create_function) in their own venv, once.
[ -x "$PEERS_DIR/ministack/bin/ministack" ] || {
  python3 -m venv "$PEERS_DIR/ministack"
  "$PEERS_DIR/ministack/bin/pip" install -q "ministack==$MINISTACK_VERSION" boto3
}
PY="$PEERS_DIR/ministack/bin/python"

# The local function `inc`, for statewright.
FN_PORT="$(free_port)"
python3 "$HERE/fnserver.py" --port "$FN_PORT" >"$WORK/fnserver.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$FN_PORT/health" 20
printf '[functions.inc]\nurl = "http://127.0.0.1:%s/inc"\n' "$FN_PORT" >"$WORK/statewright.toml"

rm -f "$RESULTS/disk.json"
VERSION="$("$BIN" --version)" || { echo "$BIN --version failed" >&2; exit 2; }
VERSION="${VERSION#statewright }"
for mode in in-memory durable; do
  port="$(free_port)"
  store=(--in-memory)
  label="statewright $VERSION, in memory"
  if [ "$mode" = durable ]; then
    store=(--data-dir "$WORK/data")
    label="statewright $VERSION, SQLite (durable)"
  fi
  "$BIN" serve --port "$port" "${store[@]}" --config "$WORK/statewright.toml" >"$WORK/statewright-$mode.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  wait_http "http://127.0.0.1:$port/health" 20
  # How long a synced SQLite commit takes on this disk around the durable run: it depends on it.
  [ "$mode" != durable ] || "$PY" "$HERE/driver.py" disk "$WORK/disk-before" --json "$RESULTS/disk.json" --when "before the durable run"
  "$PY" "$HERE/driver.py" run --endpoint "http://127.0.0.1:$port" --shared "$SHARED" --label "$label" \
    --fn-log "http://127.0.0.1:$FN_PORT/log" --runs "$RUNS" --warmup "$WARMUP" --fine-runs "$FINE_RUNS" \
    --json "$RESULTS/statewright-$mode.json"
  [ "$mode" != durable ] || "$PY" "$HERE/driver.py" disk "$WORK/disk-after" --json "$RESULTS/disk.json" --when "after it"
  stop "$pid"
done

# ministack: the function is created through its Lambda API and runs in ministack's warm worker
# process. ministack waits up to 50 ms after each invocation for the handler's log lines and
# stops waiting 5 ms after the last one, so a handler that prints is faster there: both are run,
# each on a fresh ministack.
for handler in handler.py handler_prints.py; do
  port="$(free_port)"
  # Its workers' files go to TMPDIR and stay after it stops: keep them in $WORK.
  mkdir -p "$WORK/ministack-tmp"
  TMPDIR="$WORK/ministack-tmp" BIND_HOST=127.0.0.1 GATEWAY_PORT="$port" \
    setsid "$PEERS_DIR/ministack/bin/ministack" >"$WORK/ministack.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  wait_http "http://127.0.0.1:$port/_ministack/health" 60
  label="ministack $MINISTACK_VERSION"
  [ "$handler" = handler.py ] || label="ministack $MINISTACK_VERSION, handler prints a line"
  "$PY" "$HERE/driver.py" run --endpoint "http://127.0.0.1:$port" --shared "$SHARED" --label "$label" \
    --create-lambda --handler "$handler" --runs "$RUNS" --warmup "$WARMUP" \
    --json "$RESULTS/ministack-${handler%.py}.json"
  stop "$pid"
done

"$PY" "$HERE/driver.py" report --disk "$RESULTS/disk.json" "$RESULTS/statewright-in-memory.json" \
  "$RESULTS/statewright-durable.json" "$RESULTS/ministack-handler.json" "$RESULTS/ministack-handler_prints.json"
echo "results: $RESULTS" >&2
