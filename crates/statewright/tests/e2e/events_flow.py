"""Drives the EventBridge API of a running statewright server through boto3 (and the `aws`
CLI), the way an application that raises events would: rules, targets, PutEvents,
TestEventPattern, the HTTP event endpoint, dead-letter queues and a watched directory that
plays an S3 bucket.

Usage: python3 events_flow.py ENDPOINT DIR [SCENARIO ...]

DIR is the folder of the server's configuration file `statewright.toml` (when it was given
one): the scenarios read from it the API key of `[events]`, the dead-letter directory and the
folders of `[buckets.NAME]`, and write the CLI's input files there. Runs every scenario (or
the named ones) and exits non-zero with a message naming the scenario and the mismatch on the
first failure. The caller provides the credentials and region through the environment.
"""

import datetime
import hashlib
import json
import os
import re
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request

import boto3
import botocore.exceptions
from botocore.config import Config

import flowkit
from flowkit import ACCOUNT, Mismatch, check, equal, raises

REGION = "us-east-1"
RULE_PREFIX = f"arn:aws:events:{REGION}:{ACCOUNT}:rule/"
MACHINE_PREFIX = f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:"
DEAD_LETTER_QUEUE = f"arn:aws:sqs:{REGION}:{ACCOUNT}:failed-orders"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
# How long to wait for executions that events start (they start within milliseconds).
DELIVERY_TIMEOUT_S = 5
# How long nothing more may happen for a count of executions to be final.
QUIET_S = 0.5
POLL_INTERVAL_S = 0.02

PASS = {"StartAt": "Take", "States": {"Take": {"Type": "Pass", "End": True}}}


def events_client(endpoint):
    """An EventBridge client for the server at `endpoint` that does not retry."""
    return boto3.client(
        "events",
        endpoint_url=endpoint,
        region_name=REGION,
        config=Config(retries={"total_max_attempts": 1}),
    )


def client_error(code, call, **kwargs):
    """Calls `call(**kwargs)`, which must fail with the error `code` (one botocore does not
    model as an exception, such as ValidationException), and returns the error's message."""
    try:
        reply = call(**kwargs)
    except botocore.exceptions.ClientError as err:
        equal(err.response["Error"]["Code"], code, f"{call.__name__}({kwargs!r}) error code")
        return err.response["Error"]["Message"]
    raise Mismatch(f"{call.__name__}({kwargs!r}) should fail with {code}, got {reply!r}")


def wait_until(attempt, what, timeout=DELIVERY_TIMEOUT_S):
    """Calls `attempt()` until it returns something true, and returns that."""
    deadline = time.monotonic() + timeout
    while True:
        result = attempt()
        if result:
            return result
        if time.monotonic() > deadline:
            raise Mismatch(f"{what} after {timeout} s")
        time.sleep(POLL_INTERVAL_S)


class Flow:
    def __init__(self, sfn, folder):
        self.sfn = sfn
        self.endpoint = sfn.meta.endpoint_url
        self.events = events_client(self.endpoint)
        self.dir = folder
        path = os.path.join(folder, "statewright.toml")
        self.config = {}
        if os.path.exists(path):
            with open(path, "rb") as file:
                self.config = tomllib.load(file)

    def machine(self, name, definition=PASS):
        return flowkit.create(self.sfn, name, definition)

    def rule(self, name, pattern, *targets, **fields):
        """Puts a rule with an event pattern and its targets, and returns the rule's ARN."""
        arn = self.events.put_rule(Name=name, EventPattern=json.dumps(pattern), **fields)["RuleArn"]
        equal(arn, RULE_PREFIX + name, "RuleArn")
        if targets:
            reply = self.events.put_targets(Rule=name, Targets=list(targets))
            equal(reply["FailedEntryCount"], 0, f"failed targets of {name}")
        return arn

    def executions(self, machine):
        """Every execution of a machine: (name, input as JSON), oldest first."""
        found = []
        for page in self.sfn.get_paginator("list_executions").paginate(stateMachineArn=machine):
            found.extend(page["executions"])
        found.sort(key=lambda execution: execution["startDate"])
        return [(execution["name"],
                 json.loads(self.sfn.describe_execution(
                     executionArn=execution["executionArn"])["input"]))
                for execution in found]

    def count(self, machine):
        return sum(len(page["executions"]) for page in
                   self.sfn.get_paginator("list_executions").paginate(stateMachineArn=machine))

    def settle(self, expected, timeout=DELIVERY_TIMEOUT_S):
        """Waits until each machine has the expected number of executions, then checks that no
        more start, and returns each machine's executions."""
        def reached():
            return all(self.count(machine) >= n for machine, n in expected.items())
        wait_until(reached, f"fewer executions than {expected}", timeout)
        time.sleep(QUIET_S)
        got = {machine: self.executions(machine) for machine in expected}
        equal({machine: len(runs) for machine, runs in got.items()}, expected,
              "executions per machine")
        for runs in got.values():
            for name, _ in runs:
                check(UUID.match(name), f"an execution started by an event has a UUID name: {name!r}")
        return got

    def post(self, body, query="", headers=None):
        """POSTs JSON to /events and returns (status, parsed answer)."""
        request = urllib.request.Request(
            f"{self.endpoint}/events{query}", data=json.dumps(body).encode(), method="POST",
            headers={"Content-Type": "application/json", **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=10) as reply:
                return reply.status, json.load(reply)
        except urllib.error.HTTPError as err:
            text = err.read().decode()
            try:
                return err.code, json.loads(text)
            except ValueError:
                return err.code, text


def envelope(event_id, source, detail_type, detail, resources=()):
    """The event EventBridge makes of a PutEvents entry, less its time."""
    return {"version": "0", "id": event_id, "detail-type": detail_type, "source": source,
            "account": ACCOUNT, "region": REGION, "resources": list(resources),
            "detail": detail}


def without_time(event):
    check(TIME.match(event.get("time", "")), f"an event's time is RFC 3339 UTC: {event!r}")
    return {name: value for name, value in event.items() if name != "time"}


def rules(flow):
    """The lifecycle of rules and targets, paging, and the modeled errors."""
    events = flow.events
    orders = flow.machine("orders")
    audit = flow.machine("audit")
    for idx in range(7):
        flow.rule(f"app-{idx}", {"source": [f"app.{idx}"]})
    flow.rule("other", {"source": ["other"]}, Description="not an app rule")

    names, token, n_pages = [], None, 0
    while True:
        page = events.list_rules(NamePrefix="app-", Limit=3, **({"NextToken": token} if token else {}))
        n_pages += 1
        check(len(page["Rules"]) <= 3, f"a page of Limit 3 has {len(page['Rules'])} rules")
        names.extend(rule["Name"] for rule in page["Rules"])
        token = page.get("NextToken")
        if not token:
            break
    equal(names, [f"app-{idx}" for idx in range(7)], "rules listed page by page")
    equal(n_pages, 3, "pages of 3 for 7 rules")
    everything = events.list_rules()["Rules"]
    equal([rule["Name"] for rule in everything], [*names, "other"], "every rule, by name")
    equal(everything[-1], {"Name": "other", "Arn": RULE_PREFIX + "other",
                           "EventPattern": json.dumps({"source": ["other"]}), "State": "ENABLED",
                           "Description": "not an app rule", "EventBusName": "default"},
          "a listed rule")

    described = events.describe_rule(Name="app-3")
    equal({name: described[name] for name in
           ["Name", "Arn", "EventPattern", "State", "EventBusName", "CreatedBy"]},
          {"Name": "app-3", "Arn": RULE_PREFIX + "app-3",
           "EventPattern": json.dumps({"source": ["app.3"]}), "State": "ENABLED",
           "EventBusName": "default", "CreatedBy": ACCOUNT},
          "DescribeRule")
    err = raises(events.exceptions.ResourceNotFoundException, events.describe_rule, Name="nope")
    equal(err.response["Error"]["Message"], "Rule nope does not exist on EventBus default.",
          "unknown rule message")
    err = raises(events.exceptions.ResourceNotFoundException, events.list_rules,
                 EventBusName="orders")
    equal(err.response["Error"]["Message"], "Event bus orders does not exist.",
          "unknown bus message")
    raises(events.exceptions.ResourceNotFoundException, events.put_rule, Name="x",
           EventBusName="orders", EventPattern=json.dumps({"source": ["x"]}))
    equal(client_error("ValidationException", events.put_rule, Name="neither"),
          "Parameter(s) ScheduleExpression or EventPattern must be specified.",
          "a rule needs a pattern or a schedule")
    for pattern in ['{"source": "app"}', "{not json", '{"detail": {"n": [{"numeric": [">"]}]}}']:
        raises(events.exceptions.InvalidEventPatternException, events.put_rule,
               Name="bad-pattern", EventPattern=pattern)
    check("bad-pattern" not in [rule["Name"] for rule in events.list_rules()["Rules"]],
          "a refused rule is not created")

    for name, expression in [("every-5", "rate(5 minutes)"), ("noon", "cron(0 12 * * ? *)"),
                             ("weekdays", "cron(15 10 ? * MON-FRI *)"), ("hourly", "rate(1 hour)")]:
        events.put_rule(Name=name, ScheduleExpression=expression, State="DISABLED")
        described = events.describe_rule(Name=name)
        equal((described["ScheduleExpression"], described["State"], "EventPattern" in described),
              (expression, "DISABLED", False), f"the schedule rule {name}")
    for expression in ["rate(0 minutes)", "rate(5 minute)", "rate(1 hours)", "rate(five minutes)",
                       "cron(0 12 * * * *)", "cron(0 12 * *)", "every day",
                       "at(2030-01-01T00:00:00)"]:
        client_error("ValidationException", events.put_rule, Name="bad-schedule",
                     ScheduleExpression=expression)

    # Targets: two, a replacement by id, a refused sixth, and the fields kept as they were put.
    first = {"Id": "to-orders", "Arn": orders, "Input": json.dumps({"fixed": True}),
             "RetryPolicy": {"MaximumRetryAttempts": 3, "MaximumEventAgeInSeconds": 600},
             "DeadLetterConfig": {"Arn": DEAD_LETTER_QUEUE}}
    second = {"Id": "to-audit", "Arn": audit, "InputPath": "$.detail"}
    reply = events.put_targets(Rule="app-1", Targets=[first, second])
    equal((reply["FailedEntryCount"], reply["FailedEntries"]), (0, []), "PutTargets answer")
    equal(events.list_targets_by_rule(Rule="app-1")["Targets"], [first, second], "targets")
    transformer = {"Id": "to-audit", "Arn": audit, "InputTransformer": {
        "InputPathsMap": {"src": "$.source"}, "InputTemplate": '{"from": <src>}'}}
    events.put_targets(Rule="app-1", Targets=[transformer])
    equal(events.list_targets_by_rule(Rule="app-1")["Targets"], [first, transformer],
          "targets after one was put again with its id")
    page = events.list_targets_by_rule(Rule="app-1", Limit=1)
    equal(page["Targets"], [first], "the first page of one target")
    page = events.list_targets_by_rule(Rule="app-1", Limit=1, NextToken=page["NextToken"])
    equal((page["Targets"], "NextToken" in page), ([transformer], False), "the last page")
    more = [{"Id": f"extra-{idx}", "Arn": orders} for idx in range(4)]
    err = raises(events.exceptions.LimitExceededException, events.put_targets, Rule="app-1",
                 Targets=more)
    equal(err.response["Error"]["Message"],
          "The requested resource exceeds the maximum number allowed.", "limit message")
    equal(len(events.list_targets_by_rule(Rule="app-1")["Targets"]), 2,
          "targets after a refused PutTargets")
    events.put_targets(Rule="app-1", Targets=more[:3])
    equal(len(events.list_targets_by_rule(Rule="app-1")["Targets"]), 5, "five targets are fine")
    events.remove_targets(Rule="app-1", Ids=[target["Id"] for target in more[:3]])
    raises(events.exceptions.ResourceNotFoundException, events.put_targets, Rule="nope",
           Targets=[second])
    raises(events.exceptions.ResourceNotFoundException, events.list_targets_by_rule, Rule="nope")
    client_error("ValidationException", events.put_targets, Rule="app-2", Targets=[
        {"Id": "lambda", "Arn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:f"}])
    client_error("ValidationException", events.put_targets, Rule="app-2", Targets=[
        {"Id": "both", "Arn": orders, "Input": "{}", "InputPath": "$.detail"}])
    client_error("ValidationException", events.put_targets, Rule="app-2", Targets=[
        {"Id": "not-json", "Arn": orders, "Input": "{oops"}])
    equal(events.list_targets_by_rule(Rule="app-2")["Targets"], [], "refused targets")

    events.put_targets(Rule="app-4", Targets=[{"Id": "t", "Arn": audit}])
    equal(events.list_rule_names_by_target(TargetArn=audit)["RuleNames"], ["app-1", "app-4"],
          "ListRuleNamesByTarget")
    equal(events.list_rule_names_by_target(TargetArn=orders)["RuleNames"], ["app-1"],
          "ListRuleNamesByTarget for the other machine")

    # PutRule on an existing rule replaces it and keeps its targets.
    events.put_rule(Name="app-1", EventPattern=json.dumps({"source": [{"prefix": "app."}]}),
                    Description="replaced", State="DISABLED")
    described = events.describe_rule(Name="app-1")
    equal((described["EventPattern"], described["Description"], described["State"]),
          (json.dumps({"source": [{"prefix": "app."}]}), "replaced", "DISABLED"),
          "a replaced rule")
    equal(events.list_targets_by_rule(Rule="app-1")["Targets"], [first, transformer],
          "targets kept by PutRule")

    events.enable_rule(Name="app-1")
    equal(events.describe_rule(Name="app-1")["State"], "ENABLED", "after EnableRule")
    events.enable_rule(Name="app-1")
    equal(events.describe_rule(Name="app-1")["State"], "ENABLED", "after a second EnableRule")
    events.disable_rule(Name="app-1")
    equal(events.describe_rule(Name="app-1")["State"], "DISABLED", "after DisableRule")
    states = {rule["Name"]: rule["State"] for rule in events.list_rules(NamePrefix="app-")["Rules"]}
    equal((states["app-1"], states["app-2"]), ("DISABLED", "ENABLED"), "states in ListRules")
    raises(events.exceptions.ResourceNotFoundException, events.enable_rule, Name="nope")
    raises(events.exceptions.ResourceNotFoundException, events.disable_rule, Name="nope")

    equal(client_error("ValidationException", events.delete_rule, Name="app-1"),
          "Rule can't be deleted since it has targets.", "deleting a rule with targets")
    events.remove_targets(Rule="app-1", Ids=["to-orders", "to-audit"])
    equal(events.list_targets_by_rule(Rule="app-1")["Targets"], [], "targets after removal")
    events.delete_rule(Name="app-1")
    raises(events.exceptions.ResourceNotFoundException, events.describe_rule, Name="app-1")
    events.delete_rule(Name="app-1")
    events.delete_rule(Name="never-existed")
    equal(events.list_rule_names_by_target(TargetArn=orders)["RuleNames"], [],
          "ListRuleNamesByTarget after the delete")
    equal([rule["Name"] for rule in events.list_rules(NamePrefix="app-")["Rules"]],
          [f"app-{idx}" for idx in [0, 2, 3, 4, 5, 6]], "rules after the delete")


def put_events(flow):
    """Three rules on two machines; ten entries, one refused; exactly the matching targets start,
    each with the input its target makes of the event."""
    events = flow.events
    orders = flow.machine("orders")
    audit = flow.machine("audit")
    # The event itself goes to `orders`.
    flow.rule("big", {"source": [{"prefix": "shop."}], "detail": {"amount": [{"numeric": [">", 100]}]}},
              {"Id": "orders", "Arn": orders})
    # Its detail goes to `audit`.
    flow.rule("customers", {"source": ["shop.orders"],
                            "detail": {"env": [{"anything-but": ["test"]}],
                                       "customer": [{"exists": True}]}},
              {"Id": "audit", "Arn": audit, "InputPath": "$.detail"})
    # A template to `orders`, a constant to `audit`.
    urgent_arn = flow.rule(
        "urgent", {"$or": [{"detail-type": ["Refund"]},
                           {"detail": {"priority": [{"numeric": [">=", 5]}]}}]},
        {"Id": "summary", "Arn": orders, "InputTransformer": {
            "InputPathsMap": {"id": "$.id", "type": "$.detail-type", "amount": "$.detail.amount"},
            "InputTemplate": '{"summary": "<type> of <amount>", "amount": <amount>, "event": "<id>", '
                             '"rule": "<aws.events.rule-name>", "arn": "<aws.events.rule-arn>"}'}},
        {"Id": "page", "Arn": audit, "Input": json.dumps({"page": "on-call"})})
    # Would match nearly everything, but is disabled.
    flow.rule("everything", {"source": [{"prefix": "shop"}]},
              {"Id": "orders", "Arn": orders, "Input": json.dumps({"rule": "everything"})},
              {"Id": "audit", "Arn": audit, "Input": json.dumps({"rule": "everything"})},
              State="DISABLED")

    # (source, detail type, detail, the rules it matches)
    cases = [
        ("shop.orders", "Order Placed", {"amount": 150, "env": "prod", "customer": "ann"},
         {"big", "customers"}),
        ("shop.orders", "Order Placed", {"amount": 50, "env": "test", "customer": "bob"}, set()),
        ("shop.returns", "Refund", {"amount": 20}, {"urgent"}),
        ("shop.orders", "Order Placed", {"amount": 100, "env": "prod"}, set()),
        ("shop.orders", "Order Placed",
         {"amount": 101.5, "priority": 7, "customer": "cy", "env": "staging"},
         {"big", "customers", "urgent"}),
        ("other.app", "Order Placed", {"amount": 500, "priority": 1}, set()),
        ("shop.orders", "Order Placed", {"amount": "200", "env": "prod", "customer": "dee"},
         {"customers"}),
        None,
        ("shop.orders-eu", "Order Placed", {"amount": 1000, "customer": "eve"}, {"big"}),
        ("shop.orders", "Refund", {"amount": 5, "priority": 4, "env": "test", "customer": "fay"},
         {"urgent"}),
    ]
    at = datetime.datetime(2024, 5, 1, 12, 30, 0, tzinfo=datetime.timezone.utc)
    entries = []
    for idx, case in enumerate(cases):
        if case is None:
            entries.append({"Source": "shop.orders", "DetailType": "Order Placed"})
            continue
        source, detail_type, detail, _ = case
        entry = {"Source": source, "DetailType": detail_type, "Detail": json.dumps(detail),
                 "Resources": [f"arn:aws:shop:::order/{idx}"]}
        if idx == 0:
            entry["Time"] = at
        entries.append(entry)
    reply = events.put_events(Entries=entries)
    equal(reply["FailedEntryCount"], 1, "FailedEntryCount")
    equal(reply["Entries"][7], {
        "ErrorCode": "InvalidArgument",
        "ErrorMessage": "Parameter Detail is not valid. Reason: Detail is a required argument."},
        "the entry without a detail")
    ids = [entry.get("EventId") for entry in reply["Entries"]]
    check(all(UUID.match(ids[idx]) for idx in range(10) if idx != 7), f"event ids: {ids}")
    equal(len(set(ids)), 10, "distinct event ids")

    expected = {orders: [], audit: []}
    for idx, case in enumerate(cases):
        if case is None:
            continue
        source, detail_type, detail, matched = case
        event = envelope(ids[idx], source, detail_type, detail, [f"arn:aws:shop:::order/{idx}"])
        if "big" in matched:
            expected[orders].append(event)
        if "customers" in matched:
            expected[audit].append(detail)
        if "urgent" in matched:
            expected[orders].append({
                "summary": f"{detail_type} of {detail['amount']}", "amount": detail["amount"],
                "event": ids[idx], "rule": "urgent", "arn": urgent_arn})
            expected[audit].append({"page": "on-call"})
    got = flow.settle({orders: 6, audit: 6})

    def canonical(value):
        if "time" in value:
            value = without_time(value)
        return json.dumps(value, sort_keys=True)

    for machine, runs in got.items():
        equal(sorted(canonical(data) for _, data in runs),
              sorted(canonical(data) for data in expected[machine]),
              f"inputs of {machine.split(':')[-1]}")
    first = [data for _, data in got[orders] if data.get("id") == ids[0]]
    equal(len(first), 1, "executions of the first event on orders")
    equal(first[0]["time"], "2024-05-01T12:30:00Z", "the entry's Time in the event")

    # A disabled rule starts nothing; enabled again, it does.
    def order(amount):
        return [{"Source": "shop.orders", "DetailType": "Order Placed",
                 "Detail": json.dumps({"amount": amount, "env": "test"})}]
    events.disable_rule(Name="big")
    events.put_events(Entries=order(300))
    flow.settle({orders: 6, audit: 6})
    events.enable_rule(Name="big")
    event_id = events.put_events(Entries=order(400))["Entries"][0]["EventId"]
    runs = flow.settle({orders: 7, audit: 6})[orders]
    check(any(data.get("id") == event_id for _, data in runs),
          "the event put after EnableRule starts an execution")

    # PutRule replaces the pattern at once and keeps the target.
    events.put_rule(Name="big", EventPattern=json.dumps(
        {"source": ["shop.orders"], "detail": {"amount": [{"numeric": [">=", 1000]}]}}))
    events.put_events(Entries=order(999))
    flow.settle({orders: 7, audit: 6})
    event_id = events.put_events(Entries=order(1000))["Entries"][0]["EventId"]
    runs = flow.settle({orders: 8, audit: 6})[orders]
    check(any(data.get("id") == event_id for _, data in runs),
          "the replaced rule's new pattern starts an execution")

    client_error("ValidationException", events.put_events, Entries=order(1) * 11)
    reply = events.put_events(Entries=[
        {"Source": "shop.orders", "DetailType": "Order Placed", "Detail": "[1, 2]"},
        {"Source": "shop.orders", "DetailType": "", "Detail": "{}"},
        {"Source": "shop.orders", "DetailType": "Order Placed", "Detail": "{}",
         "EventBusName": "elsewhere"}])
    equal(reply["FailedEntryCount"], 3, "FailedEntryCount of three bad entries")
    equal([(entry.get("ErrorCode"), entry.get("ErrorMessage")) for entry in reply["Entries"][:2]],
          [("MalformedDetail", "Detail is malformed."),
           ("InvalidArgument",
            "Parameter DetailType is not valid. Reason: DetailType is a required argument.")],
          "refused entries")


def test_event_pattern(flow):
    """TestEventPattern matches as rules do, and refuses bad patterns and incomplete events."""
    events = flow.events
    event = {"id": "e-1", "account": ACCOUNT, "source": "shop.orders", "time": "2024-05-01T12:00:00Z",
             "region": REGION, "detail-type": "Order Placed", "resources": [],
             "detail": {"amount": 120, "key": "photos/cat.PNG", "tags": ["new", "gift"]}}
    cases = [
        ({"source": ["shop.orders"], "detail": {"amount": [{"numeric": [">", 100, "<=", 120]}]}}, True),
        ({"source": ["shop.orders"], "detail": {"amount": [{"numeric": [">", 120]}]}}, False),
        ({"source": [{"prefix": "shop."}], "detail": {"tags": ["gift"]}}, True),
        ({"detail": {"key": [{"suffix": {"equals-ignore-case": ".png"}}]}}, True),
        ({"detail": {"key": [{"wildcard": "photos/*.PNG"}]}}, True),
        ({"source": [{"anything-but": {"prefix": "shop"}}]}, False),
        ({"detail": {"coupon": [{"exists": False}], "amount": [{"exists": True}]}}, True),
        ({"detail": {"coupon": [{"anything-but": "SAVE10"}]}}, False),
        ({"detail": {"amount": ["120"]}}, False),
        ({"$or": [{"detail-type": ["Refund"]}, {"detail": {"amount": [120]}}]}, True),
        ({"$or": [{"detail-type": ["Refund"]}, {"detail": {"amount": [121]}}]}, False),
        ({"account": [ACCOUNT], "region": ["eu-west-1"]}, False),
    ]
    for pattern, expected in cases:
        result = events.test_event_pattern(EventPattern=json.dumps(pattern), Event=json.dumps(event))
        equal(result["Result"], expected, f"TestEventPattern {pattern}")
    for pattern in ['{"source": "shop.orders"}', "[1]", "{",
                    '{"detail": {"amount": [{"numeric": ["~", 1]}]}}']:
        raises(events.exceptions.InvalidEventPatternException, events.test_event_pattern,
               EventPattern=pattern, Event=json.dumps(event))
    for missing in ["id", "source", "detail-type", "time", "account", "region"]:
        partial = {name: value for name, value in event.items() if name != missing}
        message = client_error("ValidationException", events.test_event_pattern,
                               EventPattern='{"source": ["shop.orders"]}', Event=json.dumps(partial))
        check(missing in message, f"the message names the missing {missing!r}: {message!r}")
    client_error("ValidationException", events.test_event_pattern,
                 EventPattern='{"source": ["shop.orders"]}', Event="not json")


def http_endpoint(flow):
    """POST /events takes whole events (keeping their id) and bare details, with the API key of
    the server's [events] table."""
    key_name = flow.config["events"]["api_key_name"]
    key = {key_name: flow.config["events"]["api_key_value"]}
    sink = flow.machine("sink")
    flow.rule("partner", {"source": ["partner.shop", "partner.crm", "statewright.http"]},
              {"Id": "sink", "Arn": sink})

    shipped = {"id": "partner-0001", "source": "partner.shop", "detail-type": "Order Shipped",
               "time": "2024-05-01T08:00:00Z", "detail": {"order": 17, "carrier": "owl"}}
    status, answer = flow.post(shipped)
    equal((status, answer.get("__type")), (401, "UnauthorizedException"), "no key")
    status, _ = flow.post(shipped, headers={key_name: "wrong"})
    equal(status, 401, "a wrong key")
    equal(flow.count(sink), 0, "executions after refused requests")

    for _ in range(2):
        equal(flow.post(shipped, headers=key), (200, {"EventId": "partner-0001"}),
              "a whole event keeps its id")
    status, answer = flow.post({"name": "Ada", "plan": "pro"},
                               "?source=partner.crm&detail-type=Contact%20Added", key)
    equal(status, 200, "a bare detail")
    contact_id = answer["EventId"]
    check(UUID.match(contact_id), f"a new event's id is a UUID: {contact_id!r}")
    status, answer = flow.post({"ping": 1}, headers=key)
    equal(status, 200, "a bare detail without a query")
    ping_id = answer["EventId"]
    status, _ = flow.post(["not", "an", "object"], headers=key)
    equal(status, 400, "a body that is not an object")

    runs = {data["id"]: data for _, data in flow.settle({sink: 3})[sink]}
    equal(set(runs), {"partner-0001", contact_id, ping_id}, "one execution per event id")
    equal(runs["partner-0001"], {**shipped, "version": "0", "account": ACCOUNT, "region": REGION,
                                 "resources": []},
          "a whole event, completed")
    equal(without_time(runs[contact_id]),
          envelope(contact_id, "partner.crm", "Contact Added", {"name": "Ada", "plan": "pro"}),
          "the event made of a bare detail")
    equal(without_time(runs[ping_id]),
          envelope(ping_id, "statewright.http", "HTTP Event", {"ping": 1}),
          "the default source and detail type")


def dead_letter(flow):
    """An event for a machine that was deleted goes to the target's dead-letter queue, once;
    the rule's other target still gets its execution."""
    folder = flow.config["events"]["dead_letter_dir"]
    queue_file = os.path.join(flow.dir, folder, "failed-orders.jsonl")
    live = flow.machine("live")
    gone = flow.machine("gone")
    rule_arn = flow.rule(
        "orders", {"source": ["shop.orders"]},
        {"Id": "gone", "Arn": gone, "DeadLetterConfig": {"Arn": DEAD_LETTER_QUEUE},
         "RetryPolicy": {"MaximumRetryAttempts": 2, "MaximumEventAgeInSeconds": 60}},
        {"Id": "live", "Arn": live})
    flow.sfn.delete_state_machine(stateMachineArn=gone)
    check(not os.path.exists(queue_file), "no dead letter before the event")

    reply = flow.events.put_events(Entries=[{"Source": "shop.orders", "DetailType": "Order Placed",
                                             "Detail": json.dumps({"order": 9})}])
    event_id = reply["Entries"][0]["EventId"]

    def lines():
        if not os.path.exists(queue_file):
            return None
        with open(queue_file) as file:
            return [json.loads(line) for line in file.read().splitlines()]
    letters = wait_until(lines, f"no dead letter in {queue_file}")
    runs = flow.settle({live: 1})[live]
    equal(runs[0][1]["id"], event_id, "the live target's execution")
    equal(lines(), letters, "dead letters after a pause")
    equal(len(letters), 1, "dead letters")
    letter = letters[0]
    equal(without_time(letter["body"]),
          envelope(event_id, "shop.orders", "Order Placed", {"order": 9}), "the letter's body")
    attributes = letter["attributes"]
    equal({name: attributes.get(name) for name in
           ["RULE_ARN", "TARGET_ARN", "ERROR_CODE", "RETRY_ATTEMPTS"]},
          {"RULE_ARN": rule_arn, "TARGET_ARN": gone, "ERROR_CODE": "StateMachineDoesNotExist",
           "RETRY_ATTEMPTS": 0},
          "the letter's attributes (a missing machine is not retried)")
    check(gone in attributes.get("ERROR_MESSAGE", ""),
          f"the error message names the machine: {attributes!r}")
    equal(sorted(os.listdir(os.path.join(flow.dir, folder))), ["failed-orders.jsonl"],
          "dead-letter queues")


def bucket(flow):
    """A watched directory plays the bucket `photos`: created, replaced, renamed and deleted
    files raise S3's events (and CloudTrail's) once each."""
    (name, table), = flow.config["buckets"].items()
    folder = os.path.join(flow.dir, table["path"])
    interval_s = table.get("scan_interval_ms", 250) / 1000
    created = flow.machine("on-created")
    deleted = flow.machine("on-deleted")
    trail = flow.machine("on-trail")
    flow.rule("created", {"source": ["aws.s3"], "detail-type": ["Object Created"],
                          "detail": {"bucket": {"name": [name]}}},
              {"Id": "created", "Arn": created})
    flow.rule("deleted", {"source": ["aws.s3"], "detail-type": ["Object Deleted"],
                          "resources": [f"arn:aws:s3:::{name}"]},
              {"Id": "deleted", "Arn": deleted})
    flow.rule("trail", {"source": ["aws.s3"], "detail-type": ["AWS API Call via CloudTrail"],
                        "detail": {"eventSource": ["s3.amazonaws.com"], "eventName": ["PutObject"],
                                   "requestParameters": {"bucketName": [name]}}},
              {"Id": "trail", "Arn": trail, "InputPath": "$.detail.requestParameters"})
    counts = {created: 0, deleted: 0, trail: 0}
    latencies = []

    def write(key, content, via=None):
        path = os.path.join(folder, key)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        target = os.path.join(os.path.dirname(path), via) if via else path
        with open(target, "wb") as file:
            file.write(content)
        if via:
            os.replace(target, path)

    def expect(change, changes):
        """Makes a change to the folder (`change()`), waits for the executions it starts
        (`changes`: machine -> how many) and returns the inputs of the new ones."""
        before = {machine: flow.executions(machine) for machine in counts}
        started = time.monotonic()
        change()
        for machine, n in changes.items():
            counts[machine] += n

        def arrived():
            return all(flow.count(machine) >= n for machine, n in counts.items())
        wait_until(arrived, f"fewer executions than {counts}", timeout=2)
        latencies.append(time.monotonic() - started)
        now = flow.settle(counts)
        return {machine: [data for run, data in now[machine] if run not in dict(before[machine])]
                for machine in counts}

    def s3_event(data, detail_type):
        equal({field: data[field] for field in ["source", "detail-type", "account", "region",
                                                 "resources", "version"]},
              {"source": "aws.s3", "detail-type": detail_type, "account": ACCOUNT,
               "region": REGION, "resources": [f"arn:aws:s3:::{name}"], "version": "0"},
              f"the envelope of {detail_type}")
        detail = data["detail"]
        equal({field: detail[field] for field in ["version", "bucket", "requester",
                                                   "source-ip-address"]},
              {"version": "0", "bucket": {"name": name}, "requester": ACCOUNT,
               "source-ip-address": "127.0.0.1"}, "the detail's constant fields")
        check(detail["request-id"] and detail["object"]["sequencer"],
              f"a request id and a sequencer: {detail}")
        return detail

    def check_created(data, key, content):
        detail = s3_event(data, "Object Created")
        equal(({field: detail["object"][field] for field in ["key", "size", "etag"]},
               detail["reason"]),
              ({"key": key, "size": len(content), "etag": hashlib.md5(content).hexdigest()},
               "PutObject"),
              f"the object of {key}")

    cat = b"a cat, in bytes"
    new = expect(lambda: write("cat.jpg", cat), {created: 1, trail: 1})
    check_created(new[created][0], "cat.jpg", cat)
    equal(new[trail], [{"bucketName": name, "key": "cat.jpg", "Host": f"{name}.s3.amazonaws.com"}],
          "the CloudTrail event's request parameters")

    dog = b"a dog, written under a hidden name first" * 50
    new = expect(lambda: write("dog.jpg", dog, via=".dog.jpg.part"), {created: 1, trail: 1})
    check_created(new[created][0], "dog.jpg", dog)

    sea = b"the sea"
    new = expect(lambda: write("2024/trip/sea.jpg", sea), {created: 1, trail: 1})
    check_created(new[created][0], "2024/trip/sea.jpg", sea)
    equal(new[trail][0]["key"], "2024/trip/sea.jpg", "a nested key in the CloudTrail event")

    bigger_cat = b"a bigger cat, replaced in place"
    new = expect(lambda: write("cat.jpg", bigger_cat), {created: 1, trail: 1})
    check_created(new[created][0], "cat.jpg", bigger_cat)

    new = expect(lambda: os.remove(os.path.join(folder, "dog.jpg")), {deleted: 1})
    detail = s3_event(new[deleted][0], "Object Deleted")
    equal((detail["object"]["key"], detail["reason"], detail["deletion-type"]),
          ("dog.jpg", "DeleteObject", "Permanently Deleted"), "the deleted object")

    # Hidden files and folders never count, and nothing is announced twice.
    write(".DS_Store", b"hidden")
    write(".cache/thumb.jpg", b"hidden too")
    time.sleep(3 * interval_s)
    flow.settle(counts)
    keys = [data["detail"]["object"]["key"] for _, data in flow.executions(created)]
    equal(sorted(keys), ["2024/trip/sea.jpg", "cat.jpg", "cat.jpg", "dog.jpg"],
          "the keys of Object Created executions")
    check(max(latencies) < 2, f"a change started its executions within 2 s: {latencies}")
    print(f"bucket: changes started their executions after "
          f"{', '.join(f'{latency:.2f}' for latency in latencies)} s", file=sys.stderr)


def aws_cli(flow):
    """The basics through the `aws events` CLI, whose output is parsed as it prints it."""
    def aws(*args):
        done = subprocess.run(
            ["aws", "events", *args, "--endpoint-url", flow.endpoint, "--region", REGION,
             "--output", "json"],
            capture_output=True, text=True, timeout=60, check=False)
        if done.returncode != 0:
            return done.returncode, done.stderr
        return 0, json.loads(done.stdout) if done.stdout.strip() else None

    def ok(*args):
        code, reply = aws(*args)
        equal(code, 0, f"aws events {' '.join(args)} exit code ({reply})")
        return reply

    def file_arg(name, value):
        path = os.path.join(flow.dir, name)
        with open(path, "w") as file:
            json.dump(value, file)
        return f"file://{path}"

    machine = flow.machine("cli-orders")
    pattern = {"source": ["cli.shop"], "detail": {"amount": [{"numeric": [">=", 10]}]}}
    reply = ok("put-rule", "--name", "cli-rule", "--event-pattern", file_arg("pattern.json", pattern),
               "--description", "from the CLI")
    equal(reply, {"RuleArn": RULE_PREFIX + "cli-rule"}, "put-rule")
    described = ok("describe-rule", "--name", "cli-rule")
    equal((json.loads(described["EventPattern"]), described["Description"], described["State"]),
          (pattern, "from the CLI", "ENABLED"), "describe-rule")
    targets = [{"Id": "orders", "Arn": machine, "InputPath": "$.detail"}]
    reply = ok("put-targets", "--rule", "cli-rule", "--targets", file_arg("targets.json", targets))
    equal(reply, {"FailedEntryCount": 0, "FailedEntries": []}, "put-targets")
    ok("put-targets", "--rule", "cli-rule", "--targets", f"Id=whole,Arn={machine}")
    equal(ok("list-targets-by-rule", "--rule", "cli-rule"),
          {"Targets": [*targets, {"Id": "whole", "Arn": machine}]}, "list-targets-by-rule")
    equal(ok("list-rules", "--name-prefix", "cli-")["Rules"][0]["Name"], "cli-rule", "list-rules")

    entries = [{"Source": "cli.shop", "DetailType": "Order Placed", "Detail": json.dumps({"amount": 12})},
               {"Source": "cli.shop", "DetailType": "Order Placed", "Detail": json.dumps({"amount": 3})}]
    reply = ok("put-events", "--entries", file_arg("entries.json", entries))
    equal(reply["FailedEntryCount"], 0, "put-events FailedEntryCount")
    event_id = reply["Entries"][0]["EventId"]
    check(UUID.match(event_id) and UUID.match(reply["Entries"][1]["EventId"]),
          f"put-events event ids: {reply}")
    runs = flow.settle({machine: 2})[machine]
    inputs = sorted((data for _, data in runs), key=lambda data: "detail" in data)
    equal(inputs[0], {"amount": 12}, "the InputPath target's input")
    equal(inputs[1]["id"], event_id, "the whole-event target's input")

    event = {"id": "1", "account": ACCOUNT, "source": "cli.shop", "time": "2024-01-01T00:00:00Z",
             "region": REGION, "detail-type": "Order Placed", "resources": [], "detail": {"amount": 10}}
    reply = ok("test-event-pattern", "--event-pattern", json.dumps(pattern),
               "--event", file_arg("event.json", event))
    equal(reply, {"Result": True}, "test-event-pattern")
    event["detail"]["amount"] = 9
    reply = ok("test-event-pattern", "--event-pattern", file_arg("pattern.json", pattern),
               "--event", json.dumps(event))
    equal(reply, {"Result": False}, "test-event-pattern of a smaller amount")

    code, stderr = aws("describe-rule", "--name", "missing")
    check(code != 0 and "ResourceNotFoundException" in stderr
          and "Rule missing does not exist on EventBus default." in stderr,
          f"describe-rule of a missing rule: exit {code}, {stderr!r}")
    code, stderr = aws("delete-rule", "--name", "cli-rule")
    check(code != 0 and "ValidationException" in stderr,
          f"delete-rule of a rule with targets: exit {code}, {stderr!r}")
    ok("remove-targets", "--rule", "cli-rule", "--ids", "orders", "whole")
    ok("delete-rule", "--name", "cli-rule")
    equal(ok("list-rules")["Rules"], [], "list-rules after delete-rule")


SCENARIOS = {
    scenario.__name__: scenario
    for scenario in [rules, put_events, test_event_pattern, http_endpoint, dead_letter, bucket,
                     aws_cli]
}


if __name__ == "__main__":
    flowkit.main(SCENARIOS, ["DIR"], Flow)
