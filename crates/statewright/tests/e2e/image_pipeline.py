"""The shipped example `examples/image-pipeline` end to end, against the real binary.

    python3 image_pipeline.py BINARY WORKDIR

Copies the example into WORKDIR (without what an earlier run left in its bucket folder), starts
moto's server (DynamoDB) and `BINARY serve` with the example's configuration on free loopback
ports, and runs the example's `setup.sh` with the `aws` CLI, so that what the example's README
tells a reader to run is what is tested. It then copies `sample.png` into the bucket folder and
checks with boto3 that:

- exactly one execution of `image-pipeline` starts, since the rule matches the CloudTrail
  PutObject event and not the "Object Created" event raised next to it, and that it succeeds;
- its input is the CloudTrail event for the key `sample.png`;
- the DynamoDB item for `sample.png` holds the file's size, content type and dimensions, and
  the labels of the sample's colours and shape, and is what the execution reports it stored;
- no second execution appears after a further pause.

Prints `ok image-pipeline` and exits 0 when every check holds; otherwise prints
`FAIL image-pipeline: ...` and the servers' logs (also in WORKDIR/*.log), and exits 1. Both
servers are stopped either way.
"""

import decimal
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import traceback
import urllib.error
import urllib.request

import boto3
import botocore.config

from flowkit import ACCOUNT, Mismatch, check, equal

SCENARIO = "image-pipeline"
EXAMPLE = os.path.normpath(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), *[".."] * 4, "examples", SCENARIO)
)
REGION = "us-east-1"
MACHINE = "image-pipeline"
TABLE = "ImageMetadata"
BUCKET = "images"
KEY = "sample.png"
# What the sample is: 120 by 80 pixels, about 71% red, with a white disc and a blue band.
SAMPLE_WIDTH, SAMPLE_HEIGHT = 120, 80
SAMPLE_COLOUR = "Red"

START_TIMEOUT_S = 30
SETUP_TIMEOUT_S = 120
# With --wait-time-scale 0.1 the pipeline's 10 s Wait takes 1 s; the rest is the bucket
# noticing the file and the handlers starting.
EXECUTION_TIMEOUT_S = 30
# How long after the first execution ended a second one still counts as a duplicate.
QUIET_S = 3
POLL_INTERVAL_S = 0.1


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(url):
    """Whether `url` answers 200."""
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


def answers(url):
    """Whether anything answers HTTP at `url`, whatever the status."""
    try:
        with urllib.request.urlopen(url, timeout=1):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


class Servers:
    """The processes this test starts, each logging to WORKDIR/NAME.log; `stop` ends them all."""

    def __init__(self, workdir):
        self.workdir = workdir
        self.processes = []

    def start(self, name, command, env, url, ready):
        """Starts `command` and waits until `ready(url)`; raises a Mismatch if it exits first
        or takes longer than START_TIMEOUT_S."""
        log = open(os.path.join(self.workdir, f"{name}.log"), "w")
        process = subprocess.Popen(
            command, cwd=self.workdir, env=env, stdin=subprocess.DEVNULL, stdout=log,
            stderr=subprocess.STDOUT)
        log.close()
        self.processes.append(process)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise Mismatch(f"{name} exited with {process.returncode} before it answered")
            if ready(url):
                return
            time.sleep(0.05)
        raise Mismatch(f"{name} did not answer {url} within {START_TIMEOUT_S} s")

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def clean_environment(workdir):
    """The caller's environment without its AWS and Statewright settings, with test
    credentials, the test region and empty AWS config files instead, so that neither a profile
    nor a default endpoint of the caller changes what the SDKs do, and without a proxy for
    loopback."""
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("AWS_", "STATEWRIGHT_"))}
    for name in ("config", "credentials"):
        open(os.path.join(workdir, name), "w").close()
    env.update(
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",
        AWS_DEFAULT_REGION=REGION,
        AWS_CONFIG_FILE=os.path.join(workdir, "config"),
        AWS_SHARED_CREDENTIALS_FILE=os.path.join(workdir, "credentials"),
        AWS_EC2_METADATA_DISABLED="true",
        AWS_PAGER="",
        # A proxy of the caller's would otherwise carry the loopback requests away.
        NO_PROXY="127.0.0.1,localhost",
        no_proxy="127.0.0.1,localhost",
    )
    return env


def copy_example(workdir):
    """The example copied into WORKDIR, without what running it leaves behind."""
    target = os.path.join(workdir, SCENARIO)
    shutil.rmtree(target, ignore_errors=True)

    def left_behind(directory, names):
        at_top = os.path.samefile(directory, EXAMPLE)
        return {name for name in names
                if name == "__pycache__" or (at_top and name in ("bucket", "data", "moto.log"))}

    shutil.copytree(EXAMPLE, target, ignore=left_behind)
    return target


def plain(value):
    """A DynamoDB item as boto3 returns it, with its Decimals as JSON numbers."""
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {name: plain(item) for name, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def executions(sfn, machine):
    runs = []
    for page in sfn.get_paginator("list_executions").paginate(stateMachineArn=machine):
        runs.extend(page["executions"])
    return runs


def summary(runs):
    """The executions' names and statuses, for a failure message."""
    return ", ".join(f"{listed['name']} {listed['status']}" for listed in runs) or "none"


def why_it_failed(sfn, execution):
    """The failure events of the execution's history, to say why it did not succeed."""
    failures = []
    for page in sfn.get_paginator("get_execution_history").paginate(executionArn=execution):
        for event in page["events"]:
            if "Failed" in event["type"] or "TimedOut" in event["type"]:
                details = {name: value for name, value in event.items()
                           if name.endswith("EventDetails")}
                failures.append(f"{event['type']} {json.dumps(details, default=str)}")
    return "\n  ".join(failures) or "no failure event in its history"


def check_input(event):
    """The execution's input is the CloudTrail PutObject event for the sample."""
    equal(event.get("version"), "0", "the input's version")
    equal(event.get("source"), "aws.s3", "the input's source")
    equal(event.get("detail-type"), "AWS API Call via CloudTrail", "the input's detail-type")
    equal(event.get("account"), ACCOUNT, "the input's account")
    equal(event.get("region"), REGION, "the input's region")
    check(event.get("id") and event.get("time"), f"the input has no id or time: {event}")
    detail = event.get("detail") or {}
    equal(detail.get("eventSource"), "s3.amazonaws.com", "the input's detail.eventSource")
    equal(detail.get("eventName"), "PutObject", "the input's detail.eventName")
    request = detail.get("requestParameters") or {}
    equal(request.get("bucketName"), BUCKET, "the input's detail.requestParameters.bucketName")
    equal(request.get("key"), KEY, "the input's detail.requestParameters.key")


def check_item(item, size, execution):
    """The DynamoDB item holds the sample's metadata and labels."""
    check(item is not None, f"{TABLE} has no item for {KEY!r}")
    equal(item.get("ObjectKey"), KEY, "the item's ObjectKey")
    equal(item.get("Bucket"), BUCKET, "the item's Bucket")
    equal(item.get("Size"), size, "the item's Size (the file's size in bytes)")
    equal(item.get("ContentType"), "image/png", "the item's ContentType")
    equal(item.get("Format"), "PNG", "the item's Format")
    equal((item.get("Width"), item.get("Height")), (SAMPLE_WIDTH, SAMPLE_HEIGHT),
          "the item's Width and Height")
    equal(item.get("ExecutionArn"), execution, "the item's ExecutionArn")
    labels = {label["Name"]: label["Confidence"] for label in item.get("Labels", [])}
    check(labels.get(SAMPLE_COLOUR, 0) > 50,
          f"the item's Labels should name {SAMPLE_COLOUR} with a confidence above 50: {labels}")
    check("Landscape" in labels, f"the item's Labels should name Landscape: {labels}")
    colours = [colour["Color"] for colour in item.get("DominantColors", [])]
    equal(colours[:1], [SAMPLE_COLOUR.lower()], "the item's first DominantColors entry")


def run(binary, workdir, servers):
    example = copy_example(workdir)
    env = clean_environment(workdir)
    # The driver's own boto3 clients see the same clean environment as everything it starts.
    for name in [name for name in os.environ if name.startswith(("AWS_", "STATEWRIGHT_"))]:
        del os.environ[name]
    os.environ.update(env)

    dynamodb_endpoint = f"http://127.0.0.1:{free_port()}"
    servers.start(
        "moto", [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p",
                 dynamodb_endpoint.rsplit(":", 1)[1]],
        env, f"{dynamodb_endpoint}/moto-api/", answers)

    statewright_port = free_port()
    statewright_endpoint = f"http://127.0.0.1:{statewright_port}"
    # The handlers inherit the server's environment, so store.py's boto3 finds moto this way.
    server_env = dict(env, AWS_ENDPOINT_URL_DYNAMODB=dynamodb_endpoint, RUST_LOG="info",
                      NO_COLOR="1")
    servers.start(
        "statewright",
        [binary, "serve", "--host", "127.0.0.1", "--port", str(statewright_port),
         "--data-dir", os.path.join(workdir, "data"),
         "--config", os.path.join(example, "statewright.toml"), "--wait-time-scale", "0.1"],
        server_env, f"{statewright_endpoint}/health", healthy)

    with open(os.path.join(workdir, "setup.log"), "w") as log:
        setup = subprocess.run(
            ["bash", os.path.join(example, "setup.sh")], cwd=workdir, stdin=subprocess.DEVNULL,
            stdout=log, stderr=subprocess.STDOUT, timeout=SETUP_TIMEOUT_S,
            env=dict(env, STATEWRIGHT_ENDPOINT=statewright_endpoint,
                     DYNAMODB_ENDPOINT=dynamodb_endpoint))
    check(setup.returncode == 0, f"setup.sh exited with {setup.returncode} (see setup.log)")

    config = botocore.config.Config(inject_host_prefix=False, retries={"total_max_attempts": 1})
    sfn = boto3.client("stepfunctions", endpoint_url=statewright_endpoint, region_name=REGION,
                       config=config)
    table = boto3.resource("dynamodb", endpoint_url=dynamodb_endpoint, region_name=REGION,
                           config=config).Table(TABLE)
    machines = [machine["stateMachineArn"] for machine in sfn.list_state_machines()["stateMachines"]
                if machine["name"] == MACHINE]
    equal(len(machines), 1, f"state machines named {MACHINE} after setup.sh")
    machine = machines[0]
    runs = executions(sfn, machine)
    check(not runs, f"executions started before anything was uploaded: {summary(runs)}")

    bucket = os.path.join(example, "bucket")
    check(os.path.isdir(bucket), f"the server did not create the bucket folder {bucket}")
    sample = os.path.join(example, KEY)
    shutil.copyfile(sample, os.path.join(bucket, KEY))
    dropped = time.monotonic()

    deadline = dropped + EXECUTION_TIMEOUT_S
    while True:
        runs = executions(sfn, machine)
        if runs and all(listed["status"] != "RUNNING" for listed in runs):
            break
        check(time.monotonic() < deadline,
              f"{EXECUTION_TIMEOUT_S} s after the upload, the executions of {MACHINE} are: "
              f"{summary(runs)}")
        time.sleep(POLL_INTERVAL_S)
    took = time.monotonic() - dropped
    equal(len(runs), 1, f"executions of {MACHINE} for one upload ({summary(runs)})")
    execution = runs[0]["executionArn"]
    described = sfn.describe_execution(executionArn=execution)
    check(described["status"] == "SUCCEEDED",
          f"{execution} ended {described['status']} ({described.get('error')}: "
          f"{described.get('cause')}):\n  {why_it_failed(sfn, execution)}")
    check_input(json.loads(described["input"]))

    item = table.get_item(Key={"ObjectKey": KEY}, ConsistentRead=True).get("Item")
    check_item(item, os.path.getsize(sample), execution)
    output = json.loads(described["output"])
    equal(output, {"table": TABLE, "item": plain(item)}, "the execution's output")

    time.sleep(QUIET_S)
    runs = executions(sfn, machine)
    equal(len(runs), 1,
          f"executions of {MACHINE} {QUIET_S} s after the first ended ({summary(runs)})")
    equal(table.scan(ConsistentRead=True)["Count"], 1, f"items in {TABLE}")
    print(f"{SCENARIO}: {KEY} was processed {took:.1f} s after it was dropped in the bucket",
          file=sys.stderr)


def logs(workdir):
    """Every log of WORKDIR, each under its name."""
    texts = []
    for name in sorted(os.listdir(workdir)):
        if name.endswith(".log"):
            with open(os.path.join(workdir, name), errors="replace") as log:
                texts.append(f"--- {name}\n{log.read()}")
    return "\n".join(texts)


def main():
    if len(sys.argv) != 3:
        sys.exit(f"usage: {sys.argv[0]} BINARY WORKDIR")
    binary, workdir = sys.argv[1], os.path.abspath(sys.argv[2])
    # A path relative to the current folder must survive the servers' working folder; a bare
    # name is looked up on PATH.
    if os.sep in binary:
        binary = os.path.abspath(binary)
    os.makedirs(workdir, exist_ok=True)
    servers = Servers(workdir)
    try:
        run(binary, workdir, servers)
    except Mismatch as err:
        failure = str(err)
    except Exception:  # noqa: BLE001 - any error fails the test, with its traceback
        failure = traceback.format_exc()
    else:
        failure = None
    finally:
        servers.stop()
    if failure is not None:
        print(f"FAIL {SCENARIO}: {failure}")
        print(logs(workdir), file=sys.stderr)
        sys.exit(1)
    print(f"ok {SCENARIO}")


if __name__ == "__main__":
    main()
