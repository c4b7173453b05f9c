"""What the boto3 flow scripts of this folder share: the mismatch they report, the account and
role of the test server, a Step Functions client for the server, runs of executions to their end
and the loop that runs scenarios.

A script runs as `python3 tests/e2e/SCRIPT.py ENDPOINT ...`, so this folder is on sys.path and
the script imports this module as `flowkit`. A scenario prints `ok NAME` when it passes; the
first mismatch exits non-zero with `FAIL NAME: ...`.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import boto3
from botocore.config import Config

ACCOUNT = "000000000000"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/statewright-test"
N_POLLS = 200
POLL_INTERVAL_S = 0.01


class Mismatch(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Mismatch(message)


def equal(actual, expected, what):
    check(actual == expected, f"{what}: expected {expected!r}, got {actual!r}")


def raises(exception, call, **kwargs):
    """Calls `call(**kwargs)` and returns the modeled `exception` it must raise."""
    try:
        reply = call(**kwargs)
    except exception as err:
        return err
    raise Mismatch(f"{call.__name__}({kwargs!r}) should raise {exception.__name__}, got {reply!r}")


def poll(attempt, what, n_polls=N_POLLS):
    """Calls `attempt()` until it returns something true, and returns that; raises a Mismatch
    saying `what` did not happen after `n_polls` calls."""
    for _ in range(n_polls):
        result = attempt()
        if result:
            return result
        time.sleep(POLL_INTERVAL_S)
    raise Mismatch(f"{what} after {n_polls} polls")


def stepfunctions(endpoint):
    """A Step Functions client for the server at `endpoint` that does not retry."""
    # Without inject_host_prefix=False, StartSyncExecution goes to sync-127.0.0.1.
    return boto3.client(
        "stepfunctions",
        endpoint_url=endpoint,
        region_name="us-east-1",
        config=Config(inject_host_prefix=False, retries={"total_max_attempts": 1}),
    )


def create(sfn, name, definition, **kwargs):
    """Creates a state machine and returns its ARN."""
    return sfn.create_state_machine(
        name=name, definition=json.dumps(definition), roleArn=ROLE, **kwargs
    )["stateMachineArn"]


def wait_for_end(sfn, execution_arn, n_polls=N_POLLS):
    """Polls the execution until it no longer runs and returns its description."""

    def ended():
        described = sfn.describe_execution(executionArn=execution_arn)
        return described if described["status"] != "RUNNING" else None

    return poll(ended, f"{execution_arn} still RUNNING", n_polls)


def history(sfn, execution_arn):
    """Every event of the execution's history, oldest first."""
    events = []
    for page in sfn.get_paginator("get_execution_history").paginate(executionArn=execution_arn):
        events.extend(page["events"])
    return events


def run_to_end(sfn, name, definition, execution_input=None, n_polls=N_POLLS):
    """Creates a state machine, runs one execution of it to its end and returns the execution's
    description and history."""
    machine = create(sfn, name, definition)
    execution = sfn.start_execution(
        stateMachineArn=machine, input=json.dumps(execution_input or {})
    )["executionArn"]
    return wait_for_end(sfn, execution, n_polls), history(sfn, execution)


def run_scenarios(scenarios, subject, names):
    """Runs each of the named `scenarios` on `subject`, printing `ok NAME` after each, and exits
    with `FAIL NAME: ...` on the first mismatch."""
    for name in names:
        if name not in scenarios:
            sys.exit(f"unknown scenario {name!r}; known: {', '.join(scenarios)}")
        try:
            scenarios[name](subject)
        except Mismatch as err:
            sys.exit(f"FAIL {name}: {err}")
        print(f"ok {name}")


def main(scenarios, params=(), setup=None):
    """The command line `SCRIPT ENDPOINT PARAMS... [SCENARIO ...]`: runs the named scenarios
    (every one without names) on `setup(client, *params)`, or on the client itself."""
    n_fixed = 2 + len(params)
    if len(sys.argv) < n_fixed:
        sys.exit(f"usage: {sys.argv[0]} {' '.join(['ENDPOINT', *params])} [{' '.join(scenarios)}]")
    sfn = stepfunctions(sys.argv[1])
    subject = setup(sfn, *sys.argv[2:n_fixed]) if setup else sfn
    run_scenarios(scenarios, subject, sys.argv[n_fixed:] or list(scenarios))


def free_port():
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(binary, args, log_path, timeout_s=30):
    """Starts `BINARY serve --host 127.0.0.1 --port P ARGS...` on a free port, logging to
    `log_path`, and returns (process, port) once `/health` answers; exits the script when the
    server stops or does not become healthy in time."""
    port = free_port()
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [binary, "serve", "--host", "127.0.0.1", "--port", str(port), *args],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log,
            env={**os.environ, "RUST_LOG": "info", "NO_COLOR": "1"})
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1):
                return process, port
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"the server exited with {process.returncode}")
            time.sleep(0.02)
    raise SystemExit("the server did not become healthy")

