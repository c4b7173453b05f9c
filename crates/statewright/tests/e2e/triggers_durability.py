"""Durability of triggers against the real `statewright serve` binary, with boto3.

    python3 triggers_durability.py BINARY WORKDIR restart

`restart` runs a server on a data directory in WORKDIR, with a configuration file that makes
WORKDIR/drops a watched directory (the bucket `drops`). A rule sends every `load.test` event to
a state machine that waits two seconds, and another sends the bucket's events to a second
machine. Several threads then send 270 events, mostly through PutEvents in batches of one to
four and some as whole events with ids of their own through POST /events, retrying a request
until it is answered, while the server is killed with SIGKILL three times at random moments and
restarted on the same data directory; right before each kill, one PutEvents of ten more events
is answered, so that the kill finds deliveries that are stored but not yet started. Files are
created, replaced and deleted in the watched directory while the server is down and while it
runs.

Once every execution has ended, it checks that:

- every acknowledged event id has exactly one execution, whose input is that event;
- no event id has two executions (a delivery tried again after a kill finds the execution its
  first try started);
- every execution belongs to an event that was sent, and an event sent with its own id (so a
  retried request is the same event) has exactly one;
- every file change, including those made while the server was down, has exactly one
  execution, and the file that was there before the server first started has none.

Prints `ok restart` and exits 0 when every check holds; the servers' logs are WORKDIR/*.log.
The server is stopped either way.
"""

import collections
import hashlib
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import boto3
import botocore.config
import botocore.exceptions

import flowkit

ACCOUNT = "000000000000"
REGION = "us-east-1"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/statewright"
N_EVENTS = 300
N_THREADS = 4
N_KILLS = 3
# Right before each kill, one PutEvents of this many events, so that the kill finds deliveries
# that are stored but not yet started.
N_BURST = 10
WAIT_SECONDS = 2
BUCKET = "drops"
SCAN_INTERVAL_MS = 100
START_TIMEOUT_S = 30
SETTLE_TIMEOUT_S = 30
# How long the counts of executions must stay put, with nothing running, to be final.
QUIET_S = 0.5

CONFIG = f"""
[buckets.{BUCKET}]
path = "{BUCKET}"
scan_interval_ms = {SCAN_INTERVAL_MS}
"""

NAPPER = {
    "StartAt": "Nap",
    "States": {
        "Nap": {"Type": "Wait", "Seconds": WAIT_SECONDS, "Next": "Done"},
        "Done": {"Type": "Pass", "End": True},
    },
}
FILER = {"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": True}}}

# What a request that a kill cut off raises.
CUT_OFF = (botocore.exceptions.ConnectionError, botocore.exceptions.HTTPClientError,
           urllib.error.URLError, http.client.HTTPException, ConnectionError, socket.timeout)


def machine_arn(name):
    return f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:{name}"


class Server:
    """One `statewright serve` process on the data directory of WORKDIR."""

    def __init__(self, binary, workdir):
        self.binary, self.workdir = binary, workdir
        self.process = None
        self.port = None
        self.n_starts = 0
        self.local = threading.local()

    def start(self):
        self.n_starts += 1
        args = ["--data-dir", os.path.join(self.workdir, "data"),
                "--config", os.path.join(self.workdir, "statewright.toml")]
        log_path = os.path.join(self.workdir, f"server-{self.n_starts}.log")
        self.process, self.port = flowkit.start_server(
            self.binary, args, log_path, timeout_s=START_TIMEOUT_S)

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.kill()

    def client(self, service):
        """A client of the server as it runs now. Each thread makes its own, since boto3's
        default session is not safe to share between threads."""
        if not hasattr(self.local, "session"):
            self.local.session = boto3.session.Session(
                aws_access_key_id="test", aws_secret_access_key="test", region_name=REGION)
            self.local.clients = {}
        key = (service, self.port)
        if key not in self.local.clients:
            self.local.clients[key] = self.local.session.client(
                service, endpoint_url=f"http://127.0.0.1:{self.port}",
                config=botocore.config.Config(retries={"total_max_attempts": 1},
                                              connect_timeout=2, read_timeout=10))
        return self.local.clients[key]


def retrying(server, call, attempts=400):
    """Calls `call()` until the server answers, waiting out kills and restarts."""
    for _ in range(attempts):
        try:
            return call()
        except CUT_OFF:
            time.sleep(0.05)
    raise SystemExit("the server stayed unreachable")


class Sender:
    """Sends events and remembers which were acknowledged."""

    def __init__(self, server):
        self.server = server
        self.lock = threading.Lock()
        self.acked = {}  # event id -> seq
        self.attempts = collections.Counter()  # seq -> requests that carried it
        self.own_ids = {}  # seq -> the id it was sent with

    def put_events(self, seqs):
        def call():
            with self.lock:
                self.attempts.update(seqs)
            entries = [{"Source": "load.test", "DetailType": "Load",
                        "Detail": json.dumps({"seq": seq})} for seq in seqs]
            return self.server.client("events").put_events(Entries=entries)
        reply = retrying(self.server, call)
        assert reply["FailedEntryCount"] == 0, reply
        with self.lock:
            for seq, entry in zip(seqs, reply["Entries"]):
                self.acked[entry["EventId"]] = seq

    def post_whole(self, seq):
        event_id = f"own-{seq:04d}"
        body = json.dumps({"id": event_id, "source": "load.test", "detail-type": "Load",
                           "detail": {"seq": seq}}).encode()

        def call():
            with self.lock:
                self.attempts[seq] += 1
            request = urllib.request.Request(
                f"http://127.0.0.1:{self.server.port}/events", data=body, method="POST",
                headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=10) as reply:
                return json.load(reply)
        reply = retrying(self.server, call)
        assert reply == {"EventId": event_id}, reply
        with self.lock:
            self.acked[event_id] = seq
            self.own_ids[seq] = event_id

    def run(self, thread_idx):
        rng = random.Random(1000 + thread_idx)
        seqs = list(range(thread_idx, N_EVENTS - N_KILLS * N_BURST, N_THREADS))
        while seqs:
            size = rng.randint(1, 4)
            batch, seqs = seqs[:size], seqs[size:]
            if len(batch) == 1 and rng.random() < 0.5:
                self.post_whole(batch[0])
            else:
                self.put_events(batch)
            time.sleep(rng.uniform(0.03, 0.15))


class Drops:
    """The watched directory, and every change made to it that must start one execution."""

    def __init__(self, workdir):
        self.dir = os.path.join(workdir, BUCKET)
        os.makedirs(self.dir, exist_ok=True)
        self.changes = collections.Counter()
        self.n_writes = 0

    def write(self, key, announced=True):
        self.n_writes += 1
        content = f"{key} version {self.n_writes}\n".encode() * self.n_writes
        with open(os.path.join(self.dir, key), "wb") as file:
            file.write(content)
        if announced:
            self.changes[("Object Created", key, hashlib.md5(content).hexdigest())] += 1

    def delete(self, key):
        os.remove(os.path.join(self.dir, key))
        self.changes[("Object Deleted", key, None)] += 1


def change_of(data):
    """What a filer execution's input (an S3 event) says changed."""
    obj = data["detail"]["object"]
    return (data["detail-type"], obj["key"], obj.get("etag"))


def all_executions(server, machine):
    """Every execution of a machine, as (status, input)."""
    sfn = server.client("stepfunctions")
    listed = [execution for page in sfn.get_paginator("list_executions").paginate(
        stateMachineArn=machine_arn(machine)) for execution in page["executions"]]

    def describe(execution):
        record = server.client("stepfunctions").describe_execution(
            executionArn=execution["executionArn"])
        return record["status"], json.loads(record["input"])
    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(describe, listed))


def settle(server, minimum):
    """Waits until each machine has at least `minimum[machine]` executions, none running, and
    the counts stay put for QUIET_S."""
    deadline = time.monotonic() + SETTLE_TIMEOUT_S
    sfn = server.client("stepfunctions")

    def counts():
        total, running = {}, 0
        for machine in minimum:
            for page in sfn.get_paginator("list_executions").paginate(
                    stateMachineArn=machine_arn(machine)):
                total[machine] = total.get(machine, 0) + len(page["executions"])
                running += sum(execution["status"] == "RUNNING" for execution in page["executions"])
        return total, running

    while time.monotonic() < deadline:
        total, running = counts()
        if running == 0 and all(total.get(machine, 0) >= n for machine, n in minimum.items()):
            time.sleep(QUIET_S)
            if counts() == (total, 0):
                return total
        time.sleep(0.1)
    raise SystemExit(f"executions did not settle: {counts()}, expected at least {minimum}")


def restart(binary, workdir):
    with open(os.path.join(workdir, "statewright.toml"), "w") as file:
        file.write(CONFIG)
    drops = Drops(workdir)
    # There before the server first started: taken as it is, without an event.
    drops.write("before.txt", announced=False)
    rng = random.Random(7)
    server = Server(binary, workdir)
    try:
        server.start()
        sfn, events = server.client("stepfunctions"), server.client("events")
        for name, definition in [("napper", NAPPER), ("filer", FILER)]:
            sfn.create_state_machine(name=name, definition=json.dumps(definition), roleArn=ROLE)
        events.put_rule(Name="load", EventPattern=json.dumps({"source": ["load.test"]}))
        events.put_targets(Rule="load", Targets=[{"Id": "napper", "Arn": machine_arn("napper")}])
        events.put_rule(Name="drops", EventPattern=json.dumps(
            {"source": ["aws.s3"], "resources": [f"arn:aws:s3:::{BUCKET}"]}))
        events.put_targets(Rule="drops", Targets=[{"Id": "filer", "Arn": machine_arn("filer")}])
        # Let the first scan take the folder as it is before it changes.
        time.sleep(5 * SCAN_INTERVAL_MS / 1000)
        for idx in range(3):
            drops.write(f"early-{idx}.txt")
        # These are replaced and deleted later, so their first versions must be announced.
        settle(server, {"filer": 3})

        sender = Sender(server)
        with ThreadPoolExecutor(N_THREADS) as pool:
            sending = [pool.submit(sender.run, idx) for idx in range(N_THREADS)]
            for kill in range(N_KILLS):
                time.sleep(rng.uniform(0.2, 0.7))
                first = N_EVENTS - (N_KILLS - kill) * N_BURST
                sender.put_events(list(range(first, first + N_BURST)))
                server.kill()
                drops.write(f"down-{kill}.txt")
                if kill < 2:
                    drops.write(f"early-{kill}.txt")
                else:
                    drops.delete("early-2.txt")
                time.sleep(rng.uniform(0.05, 0.4))
                server.start()
                drops.write(f"up-{kill}.txt")
            n_unsent = sum(not future.done() for future in sending)
            for future in sending:
                future.result(timeout=120)
        drops.write("last.txt")

        n_files = sum(drops.changes.values())
        settle(server, {"napper": len(sender.acked), "filer": n_files})
        napped = all_executions(server, "napper")
        filed = all_executions(server, "filer")
    finally:
        server.stop()

    statuses = collections.Counter(status for status, _ in napped + filed)
    assert statuses == {"SUCCEEDED": len(napped) + len(filed)}, statuses

    by_id = collections.defaultdict(list)
    for _, data in napped:
        by_id[data["id"]].append(data)
    twice = {event_id: runs for event_id, runs in by_id.items() if len(runs) > 1}
    assert not twice, f"event ids with more than one execution: {twice}"
    for event_id, seq in sender.acked.items():
        assert event_id in by_id, f"the acknowledged event {event_id} (seq {seq}) has no execution"
        data = by_id[event_id][0]
        assert (data["source"], data["detail-type"], data["detail"]) == (
            "load.test", "Load", {"seq": seq}), (event_id, seq, data)
    per_seq = collections.Counter()
    for _, data in napped:
        seq = data["detail"].get("seq")
        assert data["source"] == "load.test" and seq in sender.attempts, \
            f"an execution for an event that was not sent: {data}"
        per_seq[seq] += 1
    assert set(per_seq) == set(range(N_EVENTS)), \
        f"sequence numbers without an execution: {sorted(set(range(N_EVENTS)) - set(per_seq))}"
    for seq, n in per_seq.items():
        assert n <= sender.attempts[seq], f"seq {seq}: {n} executions for {sender.attempts[seq]} requests"
        if seq in sender.own_ids:
            assert n == 1, f"the event {sender.own_ids[seq]} has {n} executions"

    got = collections.Counter(change_of(data) for _, data in filed)
    assert got == drops.changes, (
        f"file changes and their executions differ: missing {drops.changes - got}, "
        f"extra {got - drops.changes}")

    retried = sum(attempts - 1 for attempts in sender.attempts.values())
    n_again = 0
    for idx in range(2, server.n_starts + 1):
        with open(os.path.join(workdir, f"server-{idx}.log")) as log:
            for line in log:
                if "events again" in line:
                    n_again += int(line.split("delivering ")[1].split()[0])
    print(f"restart: {len(sender.acked)} acknowledged events ({len(sender.own_ids)} with their "
          f"own ids; {retried} sends repeated after a refused or cut-off request; {n_unsent} senders "
          f"still sending at the last restart), {len(napped)} executions; {n_again} deliveries "
          f"tried again after kills; {n_files} file changes, one execution each",
          file=sys.stderr)


def main():
    if len(sys.argv) != 4:
        sys.exit(f"usage: {sys.argv[0]} BINARY WORKDIR restart")
    binary, workdir, scenario = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    {"restart": restart}[scenario](binary, workdir)
    print(f"ok {scenario}")


if __name__ == "__main__":
    main()
