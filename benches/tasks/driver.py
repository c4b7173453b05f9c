#!/usr/bin/env python3
"""Driver for benches/tasks.sh: a 10-state chain of Lambda tasks against the same chain of Pass
states, through the Step Functions API of one server, and the Markdown report of several runs.

  driver.py run --endpoint URL --shared DIR --label TEXT --json OUT
                [--fn-log URL] [--create-lambda] [--runs 30] [--warmup 3] [--fine-runs 0]
  driver.py disk DIR --json OUT [--when TEXT]
  driver.py report [--disk DISK.json] A.json B.json ...

`run` creates the state machines `tasks-10.asl.json` and `pass-10.asl.json` (STANDARD), runs
--warmup untimed executions of each, then --runs timed executions of each, task and pass
alternating, timed like ../shared/bench/sfn_bench.py (the client's StartExecution request to the
first DescribeExecution that shows a final status, polled with its back-off from 0.5 ms to
25 ms, with its client). With --fine-runs it then runs that many more of each for the overhead
per dispatch, timed more closely: a task chain is not polled until the function server has
answered its 10th call (`GET /wait`: polls during the chain compete with the function and the
engine for this 2-core machine's CPUs), then every 0.1 ms, like the pass chain from its start.
Every execution's input is {"n": k} and its output must be {"n": k + 10}.

With --fn-log (the function server's `GET /log`, see fnserver.py) it reads, after each task
execution, the function server's record of the 10 calls: when each request arrived in the
kernel and when its answer was ready. From them, per task execution:

  differential  (wall(task chain) - p50 wall(pass chain) - sum of the 10 calls' own time) / 10
  gap           answer of call i ready -> request of call i + 1 in the kernel (9 per execution)

Without --fn-log (a server whose functions run inside it, like ministack) the differential is
(wall(task chain) - p50 wall(pass chain)) / 10.

With --create-lambda the function `inc` (--handler, default handler.py) is created first with
boto3's lambda.create_function, which needs boto3 in this Python.

`disk` times single-row SQLite commits in WAL mode with synchronous=FULL (what statewright's
durable store does per commit) in DIR, for the context of the durable numbers.
"""
from __future__ import annotations

import argparse
import datetime as dt
import http.client
import io
import json
import os
import platform
import sys
import time
import urllib.parse
import uuid
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
FUNCTION_ARN = "arn:aws:lambda:us-east-1:000000000000:function:inc"
ROLE_ARN = "arn:aws:iam::000000000000:role/tasks-bench"
FINE_POLL_S = 0.0001
CHAINS = ("tasks-10", "pass-10")


def pct(xs, q):
    if not xs:
        return None
    xs = sorted(xs)
    k = (len(xs) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


class FnLog:
    """The function server's per-request record, over one keep-alive connection."""

    def __init__(self, url):
        u = urllib.parse.urlsplit(url)
        self.host, self.port, self.path = u.hostname, u.port, u.path or "/log"
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)

    def _get(self, path):
        self.conn.request("GET", path)
        resp = self.conn.getresponse()
        data = resp.read()
        if resp.status != 200:
            raise RuntimeError(f"function server {path}: HTTP {resp.status}")
        return json.loads(data)

    def fetch(self):
        return self._get(self.path)

    def wait(self, calls):
        """Blocks until the function has answered `calls` calls since the last fetch."""
        return self._get(f"/wait?calls={calls}")


def wait_fine(cli, arn, timeout):
    """DescribeExecution every FINE_POLL_S until the status is final."""
    deadline = time.perf_counter() + timeout
    polls = 0
    while True:
        d = cli.call("DescribeExecution", {"executionArn": arn})
        polls += 1
        if d.get("status") != "RUNNING" and not (d.get("status") == "SUCCEEDED" and d.get("output") is None):
            return d, time.perf_counter(), polls
        if time.perf_counter() > deadline:
            raise TimeoutError(f"execution still RUNNING after {timeout}s: {arn}")
        time.sleep(FINE_POLL_S)


def create_lambda(endpoint, handler):
    import boto3  # only for --create-lambda

    lam = boto3.client("lambda", endpoint_url=endpoint, region_name="us-east-1",
                       aws_access_key_id="test", aws_secret_access_key="test")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.write(os.path.join(HERE, handler), "handler.py")
    arn = lam.create_function(FunctionName="inc", Runtime="python3.12", Role=ROLE_ARN,
                              Handler="handler.handler", Code={"ZipFile": buf.getvalue()},
                              Timeout=30)["FunctionArn"]
    if arn != FUNCTION_ARN:
        raise RuntimeError(f"the function's ARN is {arn}, the definition names {FUNCTION_ARN}")
    deadline = time.time() + 60
    while lam.get_function(FunctionName="inc")["Configuration"].get("State", "Active") != "Active":
        if time.time() > deadline:
            raise RuntimeError("the function did not become Active")
        time.sleep(0.2)
    answer = json.loads(lam.invoke(FunctionName="inc", Payload=b'{"n": 1}')["Payload"].read())
    if answer != {"n": 2}:
        raise RuntimeError(f"invoking inc directly answered {answer}")


def run_one(h, cli, sm_arn, k, poll, fnlog, timeout, calls=0):
    if fnlog is not None:
        fnlog.fetch()  # forget what came before
    t0_ns = time.time_ns()
    t0 = time.perf_counter()
    arn = cli.call("StartExecution", {"stateMachineArn": sm_arn, "name": uuid.uuid4().hex,
                                      "input": json.dumps({"n": k})})["executionArn"]
    t_started_ns = time.time_ns()
    if poll == "harness":
        d, t1, polls = h.wait_done(cli, arn, timeout)
    else:
        if fnlog is not None and calls:
            fnlog.wait(calls)  # no polls while the tasks run: they would compete for the CPU
        d, t1, polls = wait_fine(cli, arn, timeout)
    out = {"wall_ms": (t1 - t0) * 1000, "polls": polls, "status": d.get("status")}
    start, stop = h.ts(d.get("startDate")), h.ts(d.get("stopDate"))
    out["server_ms"] = (stop - start) * 1000 if start is not None and stop is not None else None
    try:
        out["correct"] = d.get("status") == "SUCCEEDED" and json.loads(d.get("output") or "null") == {"n": k + 10}
    except ValueError:
        out["correct"] = False
    if not out["correct"]:
        out["error"] = f"status={d.get('status')} output={d.get('output')} error={d.get('error')} cause={d.get('cause')}"
    if fnlog is not None:
        calls = sorted(fnlog.fetch())
        out["calls"] = len(calls)
        if calls:
            # [kin, uin, out] in ns and the connection: own time, caller's time between calls, start -> first call
            out["own_us"] = [(c[2] - c[0]) / 1000 for c in calls]
            out["gaps_us"] = [(calls[i + 1][0] - calls[i][2]) / 1000 for i in range(len(calls) - 1)]
            out["gaps_user_us"] = [(calls[i + 1][1] - calls[i][2]) / 1000 for i in range(len(calls) - 1)]
            out["head_us"] = (calls[0][0] - t0_ns) / 1000
            out["start_answer_us"] = (t_started_ns - t0_ns) / 1000
            out["connections"] = len({c[3] for c in calls})
    return out


def summarize_round(runs, has_log):
    res = {}
    for chain in CHAINS:
        rs = runs[chain]
        walls = [r["wall_ms"] for r in rs if r["correct"]]
        res[chain] = {
            "n": len(rs),
            "correct": sum(1 for r in rs if r["correct"]),
            "ms_p50": pct(walls, 0.5),
            "ms_p90": pct(walls, 0.9),
            "server_ms_p50": pct([r["server_ms"] for r in rs if r["server_ms"] is not None], 0.5),
            "polls_p50": pct([r["polls"] for r in rs], 0.5),
            "errors": sorted({r["error"] for r in rs if "error" in r})[:3],
        }
    pass_p50 = res["pass-10"]["ms_p50"]
    tasks = [r for r in runs["tasks-10"] if r["correct"]]
    ov = {}
    if pass_p50 is not None and tasks:
        if has_log:
            good = [r for r in tasks if r.get("calls") == 10]
            diff = [((r["wall_ms"] - pass_p50) * 1000 - sum(r["own_us"])) / 10 for r in good]
            gaps = [g for r in good for g in r["gaps_us"]]
            gaps_user = [g for r in good for g in r["gaps_user_us"]]
            own = [o for r in good for o in r["own_us"]]
            ov = {
                "executions_with_10_calls": len(good),
                "diff_us_p50": pct(diff, 0.5), "diff_us_p90": pct(diff, 0.9),
                "gap_us_p50": pct(gaps, 0.5), "gap_us_p90": pct(gaps, 0.9),
                "gap_user_us_p50": pct(gaps_user, 0.5),
                "own_us_p50": pct(own, 0.5), "own_us_p90": pct(own, 0.9),
                "own_sum_us_p50": pct([sum(r["own_us"]) for r in good], 0.5),
                "head_us_p50": pct([r["head_us"] for r in good], 0.5),
                "start_answer_us_p50": pct([r["start_answer_us"] for r in good], 0.5),
                "connections_per_execution_p50": pct([r["connections"] for r in good], 0.5),
            }
        else:
            diff = [(r["wall_ms"] - pass_p50) * 1000 / 10 for r in tasks]
            ov = {"diff_us_p50": pct(diff, 0.5), "diff_us_p90": pct(diff, 0.9)}
    res["overhead"] = ov
    return res


def cmd_run(a):
    sys.path.insert(0, os.path.join(a.shared, "bench"))
    import sfn_bench as h  # the shared harness: its client and its polling

    if a.create_lambda:
        create_lambda(a.endpoint, a.handler)
    cli = h.SfnClient(a.endpoint)
    fnlog = FnLog(a.fn_log) if a.fn_log else None
    sms = {}
    for chain in CHAINS:
        with open(os.path.join(HERE, f"{chain}.asl.json")) as f:
            definition = f.read()
        sms[chain] = cli.call("CreateStateMachine", {
            "name": f"{chain}-{uuid.uuid4().hex[:8]}", "definition": definition,
            "roleArn": ROLE_ARN, "type": "STANDARD"})["stateMachineArn"]
    load_before = os.getloadavg()[0]
    k = 0
    for _ in range(a.warmup):
        for chain in CHAINS:
            k += 1
            run_one(h, cli, sms[chain], k * 1000, "harness", fnlog, a.timeout)
    rounds = {}
    for name, count, poll in (("harness", a.runs, "harness"), ("fine", a.fine_runs, "fine")):
        if count <= 0:
            continue
        runs = {c: [] for c in CHAINS}
        for _ in range(count):
            for chain in CHAINS:
                k += 1
                runs[chain].append(run_one(h, cli, sms[chain], k * 1000, poll, fnlog, a.timeout,
                                           calls=10 if chain == "tasks-10" else 0))
        rounds[name] = summarize_round(runs, fnlog is not None)
        rounds[name]["runs"] = runs
        print(f"{a.label} [{'closely timed' if name == 'fine' else 'harness polling'}]: " + ", ".join(
            f"{c} p50 {rounds[name][c]['ms_p50'] or 0:.2f} ms ({rounds[name][c]['correct']}/{count} correct)"
            for c in CHAINS) + f"; overhead per dispatch p50 {rounds[name]['overhead'].get('diff_us_p50') or 0:.0f} µs",
            file=sys.stderr)
    result = {
        "label": a.label, "endpoint": a.endpoint, "has_fn_log": fnlog is not None,
        "handler": a.handler if a.create_lambda else None,
        "runs": a.runs, "warmup": a.warmup, "fine_runs": a.fine_runs, "fine_poll_ms": FINE_POLL_S * 1000,
        "date_utc": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M"),
        "loadavg_1m": [load_before, os.getloadavg()[0]], "python": platform.python_version(),
        "rounds": rounds,
    }
    with open(a.json, "w") as f:
        json.dump(result, f, indent=1)


def cmd_disk(a):
    import sqlite3

    os.makedirs(a.dir, exist_ok=True)
    db = sqlite3.connect(os.path.join(a.dir, "probe.sqlite3"), isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v BLOB)")
    row = os.urandom(1024)
    times = []
    for _ in range(a.commits):
        t0 = time.perf_counter()
        db.execute("BEGIN")
        db.execute("INSERT INTO t (v) VALUES (?)", (row,))
        db.execute("COMMIT")
        times.append((time.perf_counter() - t0) * 1e6)
    db.close()
    res = {"when": a.when, "commits": a.commits, "commit_us_p50": pct(times, 0.5),
           "commit_us_p90": pct(times, 0.9), "sqlite": sqlite3.sqlite_version}
    print(f"SQLite commit (WAL, synchronous=FULL, 1 KiB row) {a.when}: p50 {res['commit_us_p50']:.0f} µs, "
          f"p90 {res['commit_us_p90']:.0f} µs", file=sys.stderr)
    probes = []
    if os.path.exists(a.json):
        with open(a.json) as f:
            probes = json.load(f)
    with open(a.json, "w") as f:
        json.dump(probes + [res], f, indent=1)


def fmt(x, digits=2):
    if x is None:
        return "–"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    return f"{x:.{digits}f}"


def cmd_report(a):
    results = []
    for p in a.files:
        with open(p) as f:
            results.append(json.load(f))
    refs = [r for r in results if not r["has_fn_log"]]  # the peers (ministack)
    print(f"Client-observed start → final DescribeExecution, {results[0]['runs']} executions of each chain "
          f"after {results[0]['warmup']} untimed ones, polled like sfn_bench.py (0.5 ms back-off to 25 ms).")
    print()
    print("| server | chain | ms/exec p50 | ms/exec p90 | executions correct | "
          + "".join(f"{r['label']} / this (tasks-10 p50) | " for r in refs) + "overhead per dispatch p50 (µs) |")
    print("|---|---|---:|---:|---|" + "---:|" * len(refs) + "---:|")
    for r in results:
        hr = r["rounds"]["harness"]
        for chain in CHAINS:
            c = hr[chain]
            ratios = []
            for ref in refs:
                ref_ms = ref["rounds"]["harness"]["tasks-10"]["ms_p50"]
                if chain != "tasks-10" or not ref_ms or not c["ms_p50"]:
                    ratios.append("–")
                elif ref_ms / c["ms_p50"] < 10:
                    ratios.append(f"{ref_ms / c['ms_p50']:.2f}×")
                else:
                    ratios.append(f"{ref_ms / c['ms_p50']:,.0f}×")
            ov = "–"
            if chain == "tasks-10":
                src = r["rounds"].get("fine", hr)["overhead"]
                ov = fmt(src.get("diff_us_p50"), 0)
            print(f"| {r['label']} | {chain} | {fmt(c['ms_p50'])} | {fmt(c['ms_p90'])} | {c['correct']}/{c['n']} | "
                  + "".join(f"{x} | " for x in ratios) + f"{ov} |")
    print()
    print("Overhead per dispatch: (wall(tasks-10) − p50 wall(pass-10) − the 10 calls' own time) / 10 per task "
          "execution, p50 (p90); for statewright from the closely timed round (no polls until the 10th call "
          "has been answered, then every 0.1 ms), for ministack (the function runs inside it, its own time is "
          "not separable) from the table's round. Gap: function's answer ready → next request in the function "
          "server's kernel (9 per execution, all pooled).")
    print()
    print("| server | round | tasks-10 / pass-10 ms p50 | differential p50 (p90) µs | gap p50 (p90) µs "
          "| function's own time per call p50 µs | StartExecution sent → answered / → first call p50 µs "
          "| TCP connections per execution |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        for name in ("fine", "harness"):
            rd = r["rounds"].get(name)
            if not rd or (name == "harness" and "fine" in r["rounds"]):
                continue
            ov = rd["overhead"]
            poll = "closely timed" if name == "fine" else "harness polling"
            n = rd["tasks-10"]["n"]
            gap = f"{fmt(ov.get('gap_us_p50'), 0)} ({fmt(ov.get('gap_us_p90'), 0)})" if "gap_us_p50" in ov else "–"
            print(f"| {r['label']} | {poll}, {n} + {n} | {fmt(rd['tasks-10']['ms_p50'])} / {fmt(rd['pass-10']['ms_p50'])} "
                  f"| {fmt(ov.get('diff_us_p50'), 0)} ({fmt(ov.get('diff_us_p90'), 0)}) | {gap} "
                  f"| {fmt(ov.get('own_us_p50'), 0)} | "
                  + (f"{fmt(ov.get('start_answer_us_p50'), 0)} / {fmt(ov.get('head_us_p50'), 0)} | "
                     f"{fmt(ov.get('connections_per_execution_p50'), 0)} |" if "head_us_p50" in ov else "– | – |"))
    if a.disk:
        with open(a.disk) as f:
            probes = json.load(f)
        print()
        print(f"This disk during the run: a single-row SQLite commit (WAL, synchronous=FULL, 1 KiB, "
              f"SQLite {probes[0]['sqlite']}, {probes[0]['commits']} commits) took "
              + "; ".join(f"{fmt(d['commit_us_p50'], 0)} µs p50, {fmt(d['commit_us_p90'], 0)} µs p90 {d['when']}"
                          for d in probes)
              + ". statewright's durable store syncs 1 commit per quick task (TaskStarted with the "
              "result, and the next task's scheduling).")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--endpoint", required=True)
    r.add_argument("--shared", required=True, help="the shared folder holding bench/sfn_bench.py")
    r.add_argument("--label", required=True)
    r.add_argument("--json", required=True)
    r.add_argument("--fn-log", help="the function server's /log URL")
    r.add_argument("--create-lambda", action="store_true")
    r.add_argument("--handler", default="handler.py", help="the Lambda handler's file in this folder")
    r.add_argument("--runs", type=int, default=30)
    r.add_argument("--warmup", type=int, default=3)
    r.add_argument("--fine-runs", type=int, default=0)
    r.add_argument("--timeout", type=float, default=120)
    dk = sub.add_parser("disk")
    dk.add_argument("dir")
    dk.add_argument("--json", required=True)
    dk.add_argument("--commits", type=int, default=300)
    dk.add_argument("--when", default="", help="a note for the report, e.g. 'before the durable run'")
    rep = sub.add_parser("report")
    rep.add_argument("--disk")
    rep.add_argument("files", nargs="+")
    a = p.parse_args(argv)
    {"run": cmd_run, "disk": cmd_disk, "report": cmd_report}[a.cmd](a)


if __name__ == "__main__":
    main()
