#!/usr/bin/env bash
# Runs the image pipeline locally: moto's server plays DynamoDB, and `statewright serve`
# plays Step Functions, EventBridge and, with the folder ./bucket, the S3 bucket "images".
# When both answer, setup.sh creates the table, the state machine and the rule. Ctrl-C stops
# both servers.
#
# Arguments are passed on to `statewright serve`, e.g. `--wait-time-scale 0.1`.
# Environment: STATEWRIGHT (a statewright binary; default: built with `cargo build --release`
# in this repository), STATEWRIGHT_PORT (default 8083), DYNAMODB_PORT (default 5000) and
# STATEWRIGHT_DATA_DIR (default ./data, next to this script).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "${here}/../.." && pwd)"
statewright_port="${STATEWRIGHT_PORT:-8083}"
dynamodb_port="${DYNAMODB_PORT:-5000}"
data_dir="${STATEWRIGHT_DATA_DIR:-${here}/data}"

export STATEWRIGHT_ENDPOINT="http://127.0.0.1:${statewright_port}"
export DYNAMODB_ENDPOINT="http://127.0.0.1:${dynamodb_port}"
# The handlers inherit the server's environment: store.py's boto3 finds moto through this, and
# signs with these credentials, which moto accepts whatever they are.
export AWS_ENDPOINT_URL_DYNAMODB="$DYNAMODB_ENDPOINT"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"

missing() {
    echo "$1 is missing; install it with: $2" >&2
    exit 1
}
python3 -c 'import moto.server' 2>/dev/null || missing "moto's server" "python3 -m pip install 'moto[server]'"
python3 -c 'import PIL, boto3' 2>/dev/null || missing "Pillow or boto3" "python3 -m pip install pillow boto3"
command -v aws >/dev/null || missing "The aws CLI" "python3 -m pip install awscli"
command -v curl >/dev/null || missing "curl" "your system's package manager"

pids=()
stop() {
    trap - EXIT INT TERM
    # Background processes of a script ignore Ctrl-C, so they are stopped here.
    for pid in ${pids[@]+"${pids[@]}"}; do
        kill "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT TERM

# Waits until `curl ARGS...` succeeds while the process PID runs; fails after 60 seconds.
wait_for() {
    local what="$1" pid="$2"
    shift 2
    for _ in $(seq 1 120); do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "$what exited before it answered" >&2
            return 1
        fi
        if curl "$@" >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.5
    done
    echo "$what did not answer within 60 seconds" >&2
    return 1
}

if [[ -z "${STATEWRIGHT:-}" ]]; then
    # Built first, in the foreground, so that a long first build is not mistaken for a server
    # that never answers. The binary then runs without cargo in between, so that stopping its
    # process id stops the server itself.
    cargo build --release --bin statewright --manifest-path "${root}/Cargo.toml"
    target_dir="$(cargo metadata --format-version 1 --no-deps --manifest-path "${root}/Cargo.toml" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
    serve=("${target_dir}/release/statewright")
else
    serve=("$STATEWRIGHT")
fi

echo "Starting moto's server (DynamoDB) on ${DYNAMODB_ENDPOINT}; its log is ${here}/moto.log"
python3 -m moto.server -H 127.0.0.1 -p "$dynamodb_port" >"${here}/moto.log" 2>&1 &
pids+=("$!")
# moto answers any GET; its dashboard is a cheap one.
wait_for "moto's server" "$!" -s "${DYNAMODB_ENDPOINT}/moto-api/" || {
    tail -n 20 "${here}/moto.log" >&2
    exit 1
}

echo "Starting statewright serve on ${STATEWRIGHT_ENDPOINT}, data in ${data_dir}"
"${serve[@]}" serve --host 127.0.0.1 --port "$statewright_port" --data-dir "$data_dir" \
    --config "${here}/statewright.toml" "$@" &
statewright_pid="$!"
pids+=("$statewright_pid")
wait_for "statewright serve" "$statewright_pid" -fs "${STATEWRIGHT_ENDPOINT}/health"

bash "${here}/setup.sh"

cat <<EOF

The image pipeline is ready.
  Upload an image:       cp ${here}/sample.png ${here}/bucket/
  Watch it run:          ${STATEWRIGHT_ENDPOINT}/
  Read what it found:    aws dynamodb scan --table-name ImageMetadata --endpoint-url ${DYNAMODB_ENDPOINT} --region us-east-1
Ctrl-C stops both servers.

EOF
wait "$statewright_pid"
