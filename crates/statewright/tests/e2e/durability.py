"""Durability scenarios against the real `statewright serve` binary, with boto3.

    python3 durability.py BINARY WORKDIR crash     # 500 executions, the server killed -9 again and again
    python3 durability.py BINARY WORKDIR restart   # a 10 s Wait survives a restart

`crash` starts 500 executions of machines that mix Wait, Task (the built-in handler fails every
task, so Retry and Catch run), Parallel and Map, kills the server with SIGKILL at random points
(while executions are being started too), restarts it on the same data directory each time, and
waits for every execution to end. It then runs the same executions on a fresh in-memory server
that is never killed and checks that every execution ended the same way, with the same output
and the same history event for event (timestamps aside): ids consecutive from 1, nothing
missing, nothing twice (a task result applied twice would show as a second TaskFailed).

Prints `ok SCENARIO` and exits 0 when every check holds.
"""

import json
import os
import random
import signal
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import boto3
import botocore.config
import botocore.exceptions

import flowkit

ACCOUNT = "000000000000"
REGION = "us-east-1"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/statewright"
N_EXECUTIONS = 500
N_KILLS = 5

MACHINES = {
    "wait-retry": {
        "StartAt": "Pause",
        "States": {
            "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Call"},
            "Call": {
                "Type": "Task",
                "Resource": "arn:aws:states:::sns:publish",
                "Parameters": {"n.$": "$.n"},
                "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 2,
                           "BackoffRate": 1}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Done"}],
                "End": True,
            },
            "Done": {"Type": "Pass", "Parameters": {"n.$": "$.n", "caught.$": "$.error.Error"},
                     "End": True},
        },
    },
    "map": {
        "StartAt": "Each",
        "States": {
            "Each": {
                "Type": "Map",
                "ItemsPath": "$.items",
                "MaxConcurrency": 1,
                "ItemProcessor": {
                    "StartAt": "Nap",
                    "States": {
                        "Nap": {"Type": "Wait", "Seconds": 1, "Next": "Double"},
                        "Double": {"Type": "Pass", "Parameters": {"twice.$": "States.MathAdd($, $)"},
                                   "End": True},
                    },
                },
                "End": True,
            }
        },
    },
    "parallel": {
        "QueryLanguage": "JSONata",
        "StartAt": "Both",
        "States": {
            "Both": {
                "Type": "Parallel",
                "Branches": [
                    {"StartAt": "Short", "States": {
                        "Short": {"Type": "Wait", "Seconds": 1, "Next": "A"},
                        "A": {"Type": "Pass", "Output": "{% $states.input.n + 1 %}", "End": True}}},
                    {"StartAt": "Long", "States": {
                        "Long": {"Type": "Wait", "Seconds": 2, "Next": "B"},
                        "B": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                              "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Output": "caught",
                                         "Next": "C"}],
                              "End": True},
                        "C": {"Type": "Pass", "End": True}}},
                ],
                "Assign": {"sum": "{% $states.result[0] %}"},
                "Next": "Report",
            },
            "Report": {"Type": "Pass", "Output": {"sum": "{% $sum %}", "all": "{% $states.input %}"},
                       "End": True},
        },
    },
}


class Server:
    """One `statewright serve` process on a data directory (or in memory)."""

    def __init__(self, binary, workdir, data_dir=None):
        self.binary, self.workdir, self.data_dir = binary, workdir, data_dir
        self.process = None
        self.port = None
        self.n_starts = 0

    def start(self):
        self.n_starts += 1
        store = ["--data-dir", self.data_dir] if self.data_dir else ["--in-memory"]
        log_path = os.path.join(self.workdir, f"server-{self.n_starts}.log")
        self.process, self.port = flowkit.start_server(self.binary, store, log_path)

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)

    def client(self):
        return boto3.client(
            "stepfunctions", endpoint_url=f"http://127.0.0.1:{self.port}", region_name=REGION,
            aws_access_key_id="test", aws_secret_access_key="test",
            config=botocore.config.Config(retries={"max_attempts": 1}, connect_timeout=2,
                                          read_timeout=10))


def machine_arn(name):
    return f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:{name}"


def execution_arn(machine, name):
    return f"arn:aws:states:{REGION}:{ACCOUNT}:execution:{machine}:{name}"


def plan():
    """The executions: (machine, name, input), the same in both runs."""
    rng = random.Random(42)
    runs = []
    for idx in range(N_EXECUTIONS):
        machine = list(MACHINES)[idx % len(MACHINES)]
        if machine == "map":
            data = {"items": [rng.randint(0, 99) for _ in range(rng.randint(0, 3))]}
        else:
            data = {"n": rng.randint(0, 999)}
        runs.append((machine, f"e{idx}", json.dumps(data)))
    return runs


def retrying(server, call, attempts=200):
    """Calls `call(client)`, waiting out a server that is down or restarting."""
    for _ in range(attempts):
        try:
            return call(server.client())
        except (botocore.exceptions.EndpointConnectionError,
                botocore.exceptions.ConnectionClosedError,
                botocore.exceptions.ReadTimeoutError,
                urllib.error.URLError, ConnectionError):
            time.sleep(0.05)
    raise SystemExit("the server stayed unreachable")


def create_machines(server):
    for name, definition in MACHINES.items():
        def create(client, name=name, definition=definition):
            try:
                client.create_state_machine(name=name, definition=json.dumps(definition),
                                            roleArn=ROLE)
            except client.exceptions.StateMachineAlreadyExists:
                pass
        retrying(server, create)


def start_all(server, runs):
    for machine, name, data in runs:
        def start(client, machine=machine, name=name, data=data):
            try:
                client.start_execution(stateMachineArn=machine_arn(machine), name=name, input=data)
            except client.exceptions.ExecutionAlreadyExists:
                # A start whose answer a kill cut off took effect: the record says so.
                record = client.describe_execution(executionArn=execution_arn(machine, name))
                assert record["input"] == data, record
        retrying(server, start)


def wait_all(server, runs, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        def running(client):
            pages = client.get_paginator("list_executions")
            return sum(len(page["executions"]) for machine in MACHINES
                       for page in pages.paginate(stateMachineArn=machine_arn(machine),
                                                  statusFilter="RUNNING"))
        if retrying(server, running) == 0:
            return
        time.sleep(0.2)
    raise SystemExit("executions were still running after the timeout")


def normalized_history(client, arn):
    events = []
    for page in client.get_paginator("get_execution_history").paginate(executionArn=arn):
        for event in page["events"]:
            event = dict(event)
            event.pop("timestamp", None)
            events.append(event)
    return events


def outcome(server, runs):
    client = server.client()

    def one(run):
        machine, name, _ = run
        arn = execution_arn(machine, name)
        record = client.describe_execution(executionArn=arn)
        return name, {"status": record["status"], "output": record.get("output"),
                      "error": record.get("error"), "history": normalized_history(client, arn)}

    with ThreadPoolExecutor(8) as pool:
        return dict(pool.map(one, runs))


def check_history(name, history):
    ids = [event["id"] for event in history]
    assert ids == list(range(1, len(ids) + 1)), f"{name}: event ids {ids}"
    assert history[0]["type"] == "ExecutionStarted", f"{name}: {history[0]}"
    assert history[-1]["type"].startswith("Execution"), f"{name}: ends with {history[-1]}"


def crash(binary, workdir):
    runs = plan()
    rng = random.Random(7)
    durable = Server(binary, workdir, os.path.join(workdir, "data"))
    durable.start()
    create_machines(durable)
    # Kills land while executions are being started, and while they run.
    kill_at = sorted(rng.uniform(0.05, 4.0) for _ in range(N_KILLS))
    started = time.monotonic()
    with ThreadPoolExecutor(1) as starter:
        starting = starter.submit(start_all, durable, runs)
        for at in kill_at:
            time.sleep(max(0.0, at - (time.monotonic() - started)))
            durable.kill()
            time.sleep(rng.uniform(0.0, 0.5))
            durable.start()
        starting.result()
    wait_all(durable, runs)
    crashed = outcome(durable, runs)
    durable.stop()

    reference = Server(binary, workdir)
    reference.start()
    create_machines(reference)
    start_all(reference, runs)
    wait_all(reference, runs)
    expected = outcome(reference, runs)
    reference.stop()

    for machine, name, _ in runs:
        got, want = crashed[name], expected[name]
        check_history(name, got["history"])
        assert got["status"] == want["status"] == "SUCCEEDED", (name, got["status"], want["status"])
        assert got["output"] == want["output"], (name, got["output"], want["output"])
        if got["history"] != want["history"]:
            for idx, (a, b) in enumerate(zip(got["history"], want["history"])):
                if a != b:
                    raise AssertionError(f"{name}: history differs at event {idx + 1}: {a} != {b}")
            raise AssertionError(f"{name}: {len(got['history'])} events, expected {len(want['history'])}")
    print(f"crash: {len(runs)} executions survived {N_KILLS} kills; "
          f"{sum(len(o['history']) for o in crashed.values())} history events match a crash-free run",
          file=sys.stderr)


def restart(binary, workdir):
    server = Server(binary, workdir, os.path.join(workdir, "data"))
    server.start()
    definition = {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 10, "End": True}}}
    client = server.client()
    client.create_state_machine(name="nap", definition=json.dumps(definition), roleArn=ROLE)
    arn = client.start_execution(stateMachineArn=machine_arn("nap"), name="nap",
                                 input="{}")["executionArn"]
    time.sleep(4)
    server.kill()
    time.sleep(1)
    server.start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        record = server.client().describe_execution(executionArn=arn)
        if record["status"] != "RUNNING":
            break
        time.sleep(0.1)
    server.stop()
    assert record["status"] == "SUCCEEDED", record
    took = (record["stopDate"] - record["startDate"]).total_seconds()
    assert 9.0 <= took <= 11.0, f"the 10 s wait took {took:.2f} s"
    print(f"restart: the 10 s wait ended after {took:.2f} s across a restart", file=sys.stderr)


def assert_succeeds(client, arn, output, timeout):
    """Waits for an execution to end and checks that it succeeded with `output`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        record = client.describe_execution(executionArn=arn)
        if record["status"] != "RUNNING":
            break
        time.sleep(0.05)
    assert record["status"] == "SUCCEEDED", record
    assert json.loads(record["output"]) == output, record


def token(binary, workdir):
    """An activity task handed to a worker before a crash is completed after it."""
    server = Server(binary, workdir, os.path.join(workdir, "data"))
    server.start()
    client = server.client()
    activity = client.create_activity(name="work")["activityArn"]
    definition = {"StartAt": "Work", "States": {
        "Work": {"Type": "Task", "Resource": activity, "HeartbeatSeconds": 60, "End": True}}}
    client.create_state_machine(name="worker", definition=json.dumps(definition), roleArn=ROLE)
    arn = client.start_execution(stateMachineArn=machine_arn("worker"), name="w",
                                 input='{"n": 1}')["executionArn"]
    # A second execution whose task nobody has picked up yet when the server dies.
    queued = client.start_execution(stateMachineArn=machine_arn("worker"), name="q",
                                    input='{"n": 2}')["executionArn"]
    task = client.get_activity_task(activityArn=activity, workerName="before")
    assert json.loads(task["input"]) == {"n": 1}, task
    server.kill()
    server.start()
    client = server.client()
    client.send_task_heartbeat(taskToken=task["taskToken"])
    client.send_task_success(taskToken=task["taskToken"], output='{"done": 1}')
    # The task that waited in the queue is handed out again after the restart.
    again = client.get_activity_task(activityArn=activity, workerName="after")
    assert json.loads(again["input"]) == {"n": 2}, again
    client.send_task_success(taskToken=again["taskToken"], output='{"done": 2}')
    for execution, output in ((arn, {"done": 1}), (queued, {"done": 2})):
        assert_succeeds(client, execution, output, timeout=10)
    server.stop()
    print("token: activity tokens work across a restart", file=sys.stderr)


def nested(binary, workdir):
    """A parent waiting (.sync) on a child across a crash: the child is not started twice."""
    server = Server(binary, workdir, os.path.join(workdir, "data"))
    server.start()
    client = server.client()
    child = {"StartAt": "Nap", "States": {
        "Nap": {"Type": "Wait", "Seconds": 2, "Next": "Done"},
        "Done": {"Type": "Pass", "Parameters": {"n.$": "$.n"}, "End": True}}}
    client.create_state_machine(name="child", definition=json.dumps(child), roleArn=ROLE)
    parent = {"StartAt": "Call", "States": {"Call": {
        "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
        "Parameters": {"StateMachineArn": machine_arn("child"), "Input": {"n.$": "$.n"}},
        "OutputPath": "$.Output", "End": True}}}
    client.create_state_machine(name="parent", definition=json.dumps(parent), roleArn=ROLE)
    arns = [client.start_execution(stateMachineArn=machine_arn("parent"), name=f"p{n}",
                                   input=json.dumps({"n": n}))["executionArn"] for n in range(5)]
    time.sleep(0.5)
    server.kill()
    server.start()
    client = server.client()
    for n, arn in enumerate(arns):
        assert_succeeds(client, arn, {"n": n}, timeout=20)
    children = client.list_executions(stateMachineArn=machine_arn("child"))["executions"]
    assert len(children) == 5, f"{len(children)} children for 5 parents: {children}"
    server.stop()
    print("nested: 5 parents waited on their children across a kill; 5 children ran",
          file=sys.stderr)


def main():
    binary, workdir, scenario = sys.argv[1:4]
    {"crash": crash, "restart": restart, "token": token, "nested": nested}[scenario](
        binary, workdir)
    print(f"ok {scenario}")


if __name__ == "__main__":
    main()
