#!/usr/bin/env python3
"""Driver for benches/events.sh: 10,000 events sent with PutEvents (10 entries a request) to a
server that has 100 rules, and the Markdown report of several runs.

  driver.py run --endpoint URL --label TEXT --json OUT [--targets] [--clients 4] [--events 10000]
  driver.py report A.json B.json ...

`run` creates 100 rules on the default bus, each with an event pattern of one of five shapes
(exact values with anything-but, numeric with suffix, prefix, $or, cidr with exists); with
--targets each rule also gets a target, the state machine `bench-pass` (a Pass state), created
first. It then sends the events from --clients processes at once, each over its own
kept-alive HTTP connection with bodies written beforehand, so that the client costs little:
event k has `detail.k` drawn from 0..999 (seeded), and the rule with number k < 100 matches it,
so about one event in ten matches exactly one rule. The time is from the first request to the
last answer; every answer must report 10 event ids and no failed entry. With --targets it then
waits until every matching event's execution has started (ListExecutions of `bench-pass`) and
reports that time too.
"""
from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import random
import statistics
import sys
import time
import urllib.parse

ACCOUNT = "000000000000"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/bench"
N_RULES = 100


def pattern(index: int) -> dict:
    shape = index % 5
    if shape == 0:
        return {"source": ["bench.orders"], "detail": {"k": [index], "state": [{"anything-but": ["cancelled"]}]}}
    if shape == 1:
        return {"detail": {"k": [{"numeric": ["=", index]}], "email": [{"suffix": "@example.com"}]}}
    if shape == 2:
        return {"source": [{"prefix": "bench."}], "detail": {"k": [index]}}
    if shape == 3:
        return {"$or": [{"detail": {"k": [index]}}, {"detail": {"never": ["x"]}}]}
    return {"detail": {"k": [index], "ip": [{"cidr": "10.0.0.0/8"}], "coupon": [{"exists": False}]}}


def detail(k: int) -> dict:
    return {"k": k, "state": "placed", "email": f"c{k}@example.com", "ip": f"10.1.{k % 250}.7", "amount": k * 3}


class Client:
    def __init__(self, endpoint: str):
        url = urllib.parse.urlparse(endpoint)
        self.conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)

    def call(self, service: str, operation: str, body) -> dict:
        target, content_type = {
            "events": (f"AWSEvents.{operation}", "application/x-amz-json-1.1"),
            "states": (f"AWSStepFunctions.{operation}", "application/x-amz-json-1.0"),
        }[service]
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers = {
            "Content-Type": content_type,
            "X-Amz-Target": target,
            "Authorization": f"AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=0",
        }
        self.conn.request("POST", "/", data, headers)
        response = self.conn.getresponse()
        text = response.read()
        if response.status != 200:
            raise RuntimeError(f"{operation} answered {response.status}: {text[:300]!r}")
        return json.loads(text or b"{}")


def bodies(n_events: int, seed: int) -> tuple[list[bytes], int]:
    rng = random.Random(seed)
    ks = [rng.randrange(1000) for _ in range(n_events)]
    out = []
    for start in range(0, n_events, 10):
        entries = [
            {"Source": "bench.orders", "DetailType": "Order Placed", "Detail": json.dumps(detail(k))}
            for k in ks[start:start + 10]
        ]
        out.append(json.dumps({"Entries": entries}).encode())
    return out, sum(1 for k in ks if k < N_RULES)


def send(args) -> tuple[int, int]:
    endpoint, chunk = args
    client = Client(endpoint)
    n_ids = n_failed = 0
    for body in chunk:
        reply = client.call("events", "PutEvents", body)
        n_failed += reply.get("FailedEntryCount", 0)
        n_ids += sum(1 for entry in reply.get("Entries", []) if "EventId" in entry)
    return n_ids, n_failed


def run(args) -> None:
    client = Client(args.endpoint)
    machine_arn = f"arn:aws:states:us-east-1:{ACCOUNT}:stateMachine:bench-pass"
    if args.targets:
        definition = {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}}
        client.call("states", "CreateStateMachine", {"name": "bench-pass", "definition": json.dumps(definition), "roleArn": ROLE})
    for index in range(N_RULES):
        name = f"bench-{index:03}"
        client.call("events", "PutRule", {"Name": name, "EventPattern": json.dumps(pattern(index))})
        if args.targets:
            client.call("events", "PutTargets", {"Rule": name, "Targets": [{"Id": "pass", "Arn": machine_arn, "RoleArn": ROLE}]})
    all_bodies, n_matching = bodies(args.events, args.seed)
    chunks = [all_bodies[i::args.clients] for i in range(args.clients)]
    with multiprocessing.Pool(args.clients) as pool:
        # Warm the pool's processes up before the clock starts.
        pool.map(time.sleep, [0.01] * args.clients)
        start = time.perf_counter()
        results = pool.map(send, [(args.endpoint, chunk) for chunk in chunks])
        elapsed = time.perf_counter() - start
    n_ids = sum(ids for ids, _ in results)
    n_failed = sum(failed for _, failed in results)
    if n_ids != args.events or n_failed:
        sys.exit(f"{args.label}: {n_ids} event ids and {n_failed} failed entries for {args.events} events")
    record = {"label": args.label, "events": args.events, "rules": N_RULES, "clients": args.clients,
              "seconds": elapsed, "matching": n_matching}
    if args.targets:
        deadline = time.time() + 120
        while True:
            n_started, token = 0, None
            while True:
                body = {"stateMachineArn": machine_arn, "maxResults": 1000}
                if token:
                    body["nextToken"] = token
                reply = client.call("states", "ListExecutions", body)
                n_started += len(reply["executions"])
                token = reply.get("nextToken")
                if not token:
                    break
            if n_started >= n_matching or time.time() > deadline:
                break
            time.sleep(0.01)
        record["started_seconds"] = time.perf_counter() - start
        record["started"] = n_started
        if n_started != n_matching:
            sys.exit(f"{args.label}: {n_started} executions for {n_matching} matching events")
    with open(args.json, "w") as out:
        json.dump(record, out)
    print(f"{args.label}: {args.events} events in {elapsed * 1000:.0f} ms", file=sys.stderr)


def report(paths: list[str]) -> None:
    records: dict[str, list[dict]] = {}
    for path in paths:
        with open(path) as handle:
            record = json.load(handle)
        records.setdefault(record["label"], []).append(record)
    print("| server | 10,000 events, ms (median) | events/s | all matching executions started, ms | runs |")
    print("|---|---:|---:|---:|---:|")
    medians = {}
    for label, runs in records.items():
        ms = statistics.median(run["seconds"] for run in runs) * 1000
        medians[label] = ms
        started = [run["started_seconds"] * 1000 for run in runs if "started_seconds" in run]
        started_text = f"{statistics.median(started):.0f}" if started else "n/a"
        print(f"| {label} | {ms:.0f} | {runs[0]['events'] / ms * 1000:,.0f} | {started_text} | {len(runs)} |")
    moto = [ms for label, ms in medians.items() if label.startswith("moto")]
    if moto:
        print()
        for label, ms in medians.items():
            if not label.startswith("moto"):
                print(f"- {label}: {moto[0] / ms:.1f}x moto's throughput")


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    run_parser = sub.add_parser("run")
    run_parser.add_argument("--endpoint", required=True)
    run_parser.add_argument("--label", required=True)
    run_parser.add_argument("--json", required=True)
    run_parser.add_argument("--targets", action="store_true")
    run_parser.add_argument("--clients", type=int, default=4)
    run_parser.add_argument("--events", type=int, default=10_000)
    run_parser.add_argument("--seed", type=int, default=7)
    report_parser = sub.add_parser("report")
    report_parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    if args.command == "run":
        run(args)
    else:
        report(args.paths)


if __name__ == "__main__":
    main()
