#!/usr/bin/env python3
"""Runs the AWS-recorded conformance corpus against a fresh `statewright serve` and fails on
any failure that is not listed, with its reason, in tests/conformance/known-failures.json.

Usage: python3 .ci/conformance.py [--binary target/release/statewright] [--shared ../shared]
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_ready(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/health", timeout=1) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"the server at {url} did not become ready")


def run_corpus(args, url, profile, history):
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        report_path = fh.name
    cmd = [sys.executable, os.path.join(args.shared, "conformance", "run.py"), "--endpoint", url,
           "--cases", os.path.join(args.shared, "conformance", "cases"), "--profile", profile,
           "--json-report", report_path, "--no-fail", "--quiet"]
    if history:
        cmd.append("--history")
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    with open(report_path, encoding="utf-8") as fh:
        report = json.load(fh)
    os.unlink(report_path)
    return report


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "statewright"))
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--profiles", default="jsonpath,jsonata",
                    help="comma-separated run.py profiles, each run with and without --history")
    ap.add_argument("--known", default=os.path.join(ROOT, "tests", "conformance", "known-failures.json"))
    args = ap.parse_args()
    with open(args.known, encoding="utf-8") as fh:
        known = json.load(fh)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    data_dir = tempfile.mkdtemp(prefix="statewright-conformance-")
    # The corpus runs against the durable SQLite store, as a user's server keeps its data.
    server = subprocess.Popen([args.binary, "serve", "--port", str(port), "--data-dir", data_dir],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    unexpected, fixed, totals = [], [], {}
    try:
        wait_ready(url)
        for profile in args.profiles.split(","):
            for mode, history in (("results", False), ("history", True)):
                report = run_corpus(args, url, profile, history)
                ids = {case["id"] for case in report["cases"]}
                listed = {entry["id"]: entry["reason"] for entry in known.get(mode, [])
                          if entry["id"] in ids}
                failed = {case["id"]: case["problems"] for case in report["cases"]
                          if case["result"] == "fail"}
                passed = report["totals"]["passed"]
                totals[(profile, mode)] = (passed, len(failed), len(listed))
                for case_id, problems in sorted(failed.items()):
                    if case_id not in listed:
                        unexpected.append(f"{profile} {mode}: {case_id}: {'; '.join(problems)}")
                for case_id in sorted(listed):
                    if case_id not in failed:
                        fixed.append(f"{profile} {mode}: {case_id}")
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(data_dir, ignore_errors=True)
    for (profile, mode), (passed, failed, listed) in totals.items():
        total = passed + failed
        print(f"conformance ({profile}, {mode}): {passed} of {total} pass "
              f"({100.0 * passed / max(total, 1):.1f}%), {failed} fail, {listed} listed as known")
    for line in fixed:
        print(f"now passing, remove from the known-failures list: {line}")
    for line in unexpected:
        print(f"UNEXPECTED FAILURE {line}")
    if unexpected:
        print(f"conformance: {len(unexpected)} unexpected failures")
        return 1
    print("conformance: no unexpected failures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
