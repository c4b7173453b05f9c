"""Drives a running statewright server through boto3, the way an application would.

Usage: python3 boto3_flow.py ENDPOINT [SCENARIO ...]

Runs every scenario (or the named ones) against ENDPOINT, e.g. http://127.0.0.1:8083, and
exits non-zero with a message naming the scenario and the mismatch on the first failure.
The caller provides the credentials and region through the environment.
"""

import json
import time

import flowkit
from flowkit import ACCOUNT, ROLE, check, equal, history, poll, raises, wait_for_end

ARN_PREFIX = f"arn:aws:states:us-east-1:{ACCOUNT}"

# Pass, Choice, then a Parallel whose first branch is a Map: every kind of state a server
# without task workers can run.
FAN_OUT = {
    "StartAt": "Prepare",
    "States": {
        "Prepare": {"Type": "Pass", "Parameters": {"items.$": "$.items"}, "Next": "Route"},
        "Route": {
            "Type": "Choice",
            "Choices": [{"Variable": "$.items[0]", "IsPresent": True, "Next": "Fan"}],
            "Default": "Empty",
        },
        "Empty": {"Type": "Fail", "Error": "Order.Empty", "Cause": "no items"},
        "Fan": {
            "Type": "Parallel",
            "Branches": [
                {
                    "StartAt": "Each",
                    "States": {
                        "Each": {
                            "Type": "Map",
                            "ItemsPath": "$.items",
                            "ItemProcessor": {
                                "StartAt": "Wrap",
                                "States": {
                                    "Wrap": {
                                        "Type": "Pass",
                                        "Parameters": {"item.$": "$"},
                                        "End": True,
                                    }
                                },
                            },
                            "End": True,
                        }
                    },
                },
                {
                    "StartAt": "Label",
                    "States": {"Label": {"Type": "Pass", "Result": "done", "End": True}},
                },
            ],
            "Next": "Done",
        },
        "Done": {"Type": "Succeed"},
    },
}

FAN_OUT_EVENTS = [
    "ExecutionStarted",
    "PassStateEntered",
    "PassStateExited",
    "ChoiceStateEntered",
    "ChoiceStateExited",
    "ParallelStateEntered",
    "ParallelStateStarted",
    "MapStateEntered",
    "MapStateStarted",
    "MapIterationStarted",
    "PassStateEntered",
    "PassStateExited",
    "MapIterationSucceeded",
    "MapIterationStarted",
    "PassStateEntered",
    "PassStateExited",
    "MapIterationSucceeded",
    "MapStateSucceeded",
    "MapStateExited",
    "PassStateEntered",
    "PassStateExited",
    "ParallelStateSucceeded",
    "ParallelStateExited",
    "SucceedStateEntered",
    "SucceedStateExited",
    "ExecutionSucceeded",
]

WAIT = {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 100, "End": True}}}

PASS = {"StartAt": "Quick", "States": {"Quick": {"Type": "Pass", "End": True}}}


def create(sfn, name, definition, **kwargs):
    machine = flowkit.create(sfn, name, definition, **kwargs)
    equal(machine, f"{ARN_PREFIX}:stateMachine:{name}", "stateMachineArn")
    return machine


def lifecycle(sfn):
    """Create, start, describe, history, list, stop, update, tags and delete."""
    machine = create(sfn, "fan-out", FAN_OUT, tags=[{"key": "team", "value": "core"}])
    execution = sfn.start_execution(
        stateMachineArn=machine, name="first", input=json.dumps({"items": [1, 2]})
    )["executionArn"]
    equal(execution, f"{ARN_PREFIX}:execution:fan-out:first", "executionArn")
    described = wait_for_end(sfn, execution)
    equal(described["status"], "SUCCEEDED", "status")
    equal(
        json.loads(described["output"]),
        [[{"item": 1}, {"item": 2}], "done"],
        "output",
    )
    check(described["stopDate"] >= described["startDate"], "stopDate before startDate")

    events = sfn.get_execution_history(executionArn=execution)["events"]
    equal([event["type"] for event in events], FAN_OUT_EVENTS, "history event types")
    equal([event["id"] for event in events], list(range(1, len(events) + 1)), "event ids")

    failed = sfn.start_execution(stateMachineArn=machine, input=json.dumps({"items": []}))
    described = wait_for_end(sfn, failed["executionArn"])
    equal(
        (described["status"], described["error"], described["cause"]),
        ("FAILED", "Order.Empty", "no items"),
        "failed execution",
    )

    def names(status):
        executions = sfn.list_executions(stateMachineArn=machine, statusFilter=status)
        return [execution["name"] for execution in executions["executions"]]

    equal(names("SUCCEEDED"), ["first"], "SUCCEEDED executions")
    equal(len(names("FAILED")), 1, "number of FAILED executions")
    equal(names("RUNNING"), [], "RUNNING executions")
    listed = sfn.list_state_machines()["stateMachines"]
    equal([m["name"] for m in listed], ["fan-out"], "state machine names")

    napper = create(sfn, "napper", WAIT)
    nap = sfn.start_execution(stateMachineArn=napper, name="nap")["executionArn"]
    equal(sfn.describe_execution(executionArn=nap)["status"], "RUNNING", "status before stop")
    equal(names("RUNNING"), [], "RUNNING executions of fan-out while napper runs")
    sfn.update_state_machine(stateMachineArn=napper, definition=json.dumps(PASS))
    equal(
        json.loads(sfn.describe_state_machine(stateMachineArn=napper)["definition"]),
        PASS,
        "definition after update",
    )
    equal(
        json.loads(sfn.describe_state_machine_for_execution(executionArn=nap)["definition"]),
        WAIT,
        "definition of the execution started before the update",
    )
    stopped = sfn.stop_execution(executionArn=nap, error="Ops.Cancelled", cause="by the test")
    described = wait_for_end(sfn, nap)
    equal(
        (described["status"], described["error"], described["cause"]),
        ("ABORTED", "Ops.Cancelled", "by the test"),
        "stopped execution",
    )
    equal(described["stopDate"], stopped["stopDate"], "stopDate")

    equal(
        sfn.list_tags_for_resource(resourceArn=machine)["tags"],
        [{"key": "team", "value": "core"}],
        "tags given at creation",
    )
    sfn.tag_resource(resourceArn=machine, tags=[{"key": "env", "value": "test"}])
    sfn.untag_resource(resourceArn=machine, tagKeys=["team"])
    equal(
        sfn.list_tags_for_resource(resourceArn=machine)["tags"],
        [{"key": "env", "value": "test"}],
        "tags after tag and untag",
    )

    sfn.delete_state_machine(stateMachineArn=machine)
    listed = sfn.list_state_machines()["stateMachines"]
    equal([m["name"] for m in listed], ["napper"], "state machines after delete")


def sync_express(sfn):
    """StartSyncExecution runs an EXPRESS machine and answers with its result."""
    machine = create(sfn, "express", FAN_OUT, type="EXPRESS")
    reply = sfn.start_sync_execution(
        stateMachineArn=machine, name="sync", input=json.dumps({"items": [7]})
    )
    equal(reply["status"], "SUCCEEDED", "status")
    equal(reply["name"], "sync", "name")
    equal(reply["stateMachineArn"], machine, "stateMachineArn")
    check(
        reply["executionArn"].startswith(f"{ARN_PREFIX}:express:express:sync:"),
        f"an express execution ARN, got {reply['executionArn']!r}",
    )
    equal(json.loads(reply["output"]), [[{"item": 7}], "done"], "output")
    equal(json.loads(reply["input"]), {"items": [7]}, "input")

    failed = sfn.start_sync_execution(stateMachineArn=machine, input=json.dumps({"items": []}))
    equal(
        (failed["status"], failed["error"], failed["cause"]),
        ("FAILED", "Order.Empty", "no items"),
        "failed sync execution",
    )
    check("output" not in failed, f"a failed execution has no output: {failed!r}")

    metadata = sfn.start_sync_execution(
        stateMachineArn=machine, input=json.dumps({"items": [7]}), includedData="METADATA_ONLY"
    )
    equal(metadata["status"], "SUCCEEDED", "status with METADATA_ONLY")
    check(
        "input" not in metadata and "output" not in metadata,
        f"METADATA_ONLY leaves out input and output: {metadata!r}",
    )

    standard = create(sfn, "standard", PASS)
    raises(
        sfn.exceptions.StateMachineTypeNotSupported,
        sfn.start_sync_execution,
        stateMachineArn=standard,
    )


def history_paging(sfn):
    """GetExecutionHistory pages newest first with maxResults, without execution data."""
    machine = create(sfn, "paged", FAN_OUT)
    execution = sfn.start_execution(
        stateMachineArn=machine, input=json.dumps({"items": [1, 2]})
    )["executionArn"]
    equal(wait_for_end(sfn, execution)["status"], "SUCCEEDED", "status")

    pages = []
    kwargs = {}
    while True:
        page = sfn.get_execution_history(
            executionArn=execution,
            maxResults=2,
            reverseOrder=True,
            includeExecutionData=False,
            **kwargs,
        )
        pages.append(page["events"])
        check(len(page["events"]) <= 2, f"a page holds at most 2 events: {page['events']!r}")
        if "nextToken" not in page:
            break
        check(len(pages) <= len(FAN_OUT_EVENTS), "paging does not end")
        kwargs = {"nextToken": page["nextToken"]}
    events = [event for page in pages for event in page]
    equal(len(pages), (len(FAN_OUT_EVENTS) + 1) // 2, "number of pages")
    equal([event["type"] for event in events], FAN_OUT_EVENTS[::-1], "event types, newest first")
    equal(
        [event["id"] for event in events],
        list(range(len(FAN_OUT_EVENTS), 0, -1)),
        "event ids, newest first",
    )
    for event in events:
        for key, details in event.items():
            if key.endswith("EventDetails"):
                check(
                    "input" not in details and "output" not in details,
                    f"includeExecutionData=False leaves out data: {event!r}",
                )

    paginated = sfn.get_paginator("get_execution_history").paginate(
        executionArn=execution, reverseOrder=True, PaginationConfig={"PageSize": 2}
    )
    equal(
        [event["id"] for page in paginated for event in page["events"]],
        list(range(len(FAN_OUT_EVENTS), 0, -1)),
        "event ids through the boto3 paginator",
    )
    full = sfn.get_execution_history(executionArn=execution, reverseOrder=True, maxResults=1)
    newest = full["events"][0]
    equal(newest["type"], "ExecutionSucceeded", "newest event")
    equal(
        json.loads(newest["executionSucceededEventDetails"]["output"]),
        [[{"item": 1}, {"item": 2}], "done"],
        "output with execution data",
    )


def exceptions(sfn):
    """Errors arrive as boto3's modeled exceptions."""
    machine = create(sfn, "errors", WAIT)
    missing_execution = f"{ARN_PREFIX}:execution:errors:missing"
    err = raises(
        sfn.exceptions.ExecutionDoesNotExist,
        sfn.describe_execution,
        executionArn=missing_execution,
    )
    check(missing_execution in str(err), f"the message names the ARN: {err}")
    raises(
        sfn.exceptions.ExecutionDoesNotExist,
        sfn.get_execution_history,
        executionArn=missing_execution,
    )
    raises(
        sfn.exceptions.StateMachineDoesNotExist,
        sfn.describe_state_machine,
        stateMachineArn=f"{machine}-gone",
    )
    raises(
        sfn.exceptions.StateMachineDoesNotExist,
        sfn.start_execution,
        stateMachineArn=f"{machine}-gone",
    )

    first = sfn.start_execution(stateMachineArn=machine, name="once", input='{"a": 1}')
    # The same name and input while the execution runs is idempotent, as on AWS.
    again = sfn.start_execution(stateMachineArn=machine, name="once", input='{"a": 1}')
    equal(again["executionArn"], first["executionArn"], "executionArn of the repeated start")
    equal(again["startDate"], first["startDate"], "startDate of the repeated start")
    raises(
        sfn.exceptions.ExecutionAlreadyExists,
        sfn.start_execution,
        stateMachineArn=machine,
        name="once",
        input='{"a": 2}',
    )

    raises(
        sfn.exceptions.StateMachineAlreadyExists,
        sfn.create_state_machine,
        name="errors",
        definition=json.dumps(PASS),
        roleArn=ROLE,
    )
    raises(
        sfn.exceptions.InvalidName,
        sfn.create_state_machine,
        name="bad name!",
        definition=json.dumps(PASS),
        roleArn=ROLE,
    )
    err = raises(
        sfn.exceptions.InvalidDefinition,
        sfn.create_state_machine,
        name="broken",
        definition=json.dumps({"StartAt": "Missing", "States": {}}),
        roleArn=ROLE,
    )
    check("MISSING_TRANSITION_TARGET" in str(err), f"the message names the problem: {err}")
    raises(sfn.exceptions.InvalidArn, sfn.describe_execution, executionArn="not-an-arn")


def activity_machine(activity_arn, heartbeat):
    return {
        "StartAt": "Work",
        "States": {
            "Work": {
                "Type": "Task",
                "Resource": activity_arn,
                "TimeoutSeconds": 30,
                "HeartbeatSeconds": heartbeat,
                "Next": "Done",
            },
            "Done": {"Type": "Pass", "End": True},
        },
    }


def activity_worker(sfn):
    """An activity worker written as for AWS: poll, heartbeat, report success."""
    activity = sfn.create_activity(name="doubler")["activityArn"]
    equal(activity, f"{ARN_PREFIX}:activity:doubler", "activityArn")
    machine = create(sfn, "uses-activity", activity_machine(activity, 5))
    execution = sfn.start_execution(stateMachineArn=machine, input=json.dumps({"n": 21}))
    # The worker loop from AWS's documentation, one turn of it.
    task = sfn.get_activity_task(activityArn=activity, workerName="worker-1")
    check("taskToken" in task, f"a task is waiting: {task}")
    work = json.loads(task["input"])
    sfn.send_task_heartbeat(taskToken=task["taskToken"])
    sfn.send_task_success(taskToken=task["taskToken"], output=json.dumps({"doubled": work["n"] * 2}))
    described = wait_for_end(sfn, execution["executionArn"])
    equal(described["status"], "SUCCEEDED", "status")
    equal(json.loads(described["output"]), {"doubled": 42}, "output")
    events = history(sfn, execution["executionArn"])
    equal([event["type"] for event in events], [
        "ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted",
        "ActivitySucceeded", "TaskStateExited", "PassStateEntered", "PassStateExited",
        "ExecutionSucceeded"], "history")
    scheduled = events[2]["activityScheduledEventDetails"]
    equal(scheduled["resource"], activity, "scheduled resource")
    equal(json.loads(scheduled["input"]), {"n": 21}, "scheduled input")
    equal((scheduled["timeoutInSeconds"], scheduled["heartbeatInSeconds"]), (30, 5), "timeouts")
    equal(events[3]["activityStartedEventDetails"], {"workerName": "worker-1"}, "started")
    equal(events[4]["previousEventId"], 4, "succeeded follows started")
    # The task is over: its token no longer answers.
    raises(sfn.exceptions.TaskTimedOut, sfn.send_task_success, taskToken=task["taskToken"],
           output="{}")
    raises(sfn.exceptions.InvalidToken, sfn.send_task_heartbeat, taskToken="not-a-token")
    raises(sfn.exceptions.InvalidOutput, sfn.send_task_success, taskToken=task["taskToken"],
           output="{not json")


def activity_heartbeat_timeout(sfn):
    """A worker that stops sending heartbeats: States.HeartbeatTimeout, as in AWS."""
    activity = sfn.create_activity(name="sleepy")["activityArn"]
    machine = create(sfn, "sleepy-activity", activity_machine(activity, 1))
    execution = sfn.start_execution(stateMachineArn=machine)
    task = sfn.get_activity_task(activityArn=activity, workerName="worker-2")
    check("taskToken" in task, f"a task is waiting: {task}")
    time.sleep(1.5)
    described = wait_for_end(sfn, execution["executionArn"])
    equal((described["status"], described.get("error")), ("FAILED", "States.HeartbeatTimeout"),
          "status")
    types = [event["type"] for event in history(sfn, execution["executionArn"])]
    equal(types[-3:], ["ActivityStarted", "ActivityTimedOut", "ExecutionFailed"], "history end")
    raises(sfn.exceptions.TaskTimedOut, sfn.send_task_failure, taskToken=task["taskToken"],
           error="Late")


def local_functions(sfn):
    """Lambda tasks on a local command function, in both resource forms, with AWS's events."""
    greet = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:greet"
    machine = create(sfn, "greeter", {
        "StartAt": "Direct",
        "States": {
            "Direct": {"Type": "Task", "Resource": greet, "ResultPath": "$.direct", "Next": "Invoke"},
            "Invoke": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "greet:$LATEST", "Payload": {"name.$": "$.name"}},
                "ResultSelector": {"payload.$": "$.Payload", "status.$": "$.StatusCode"},
                "ResultPath": "$.invoked",
                "Next": "Refused",
            },
            "Refused": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": greet, "Payload": {"name": "Bob", "fail": True}},
                "Catch": [{"ErrorEquals": ["Greeting.Refused"], "ResultPath": "$.refused",
                           "Next": "Missing"}],
                "End": True,
            },
            "Missing": {
                "Type": "Task",
                "Resource": f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:nobody",
                "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.missing", "Next": "Done"}],
                "End": True,
            },
            "Done": {"Type": "Pass", "End": True},
        },
    })
    execution = sfn.start_execution(stateMachineArn=machine, input=json.dumps({"name": "Ada"}))
    described = wait_for_end(sfn, execution["executionArn"])
    equal(described["status"], "SUCCEEDED", "status")
    output = json.loads(described["output"])
    equal(output["direct"], {"greeting": "Hello, Ada!"}, "direct result")
    equal(output["invoked"], {"payload": {"greeting": "Hello, Ada!"}, "status": 200}, "invoke result")
    equal(output["refused"]["Error"], "Greeting.Refused", "function error")
    equal(json.loads(output["refused"]["Cause"])["errorMessage"], "no greeting for Bob", "cause")
    equal(output["missing"]["Error"], "Lambda.ResourceNotFoundException", "missing function")
    types = [event["type"] for event in history(sfn, execution["executionArn"])]
    equal(types[:6], ["ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled",
                      "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited"],
          "direct Lambda events")
    equal(types[6:11], ["TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
                        "TaskStateExited"], "lambda:invoke events")
    check("LambdaFunctionFailed" in types, f"the missing function failed: {types}")


def http_functions(sfn):
    """A Lambda task on a local HTTP function."""
    machine = create(sfn, "pricer", {
        "StartAt": "Price",
        "States": {"Price": {"Type": "Task",
                             "Resource": f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:price",
                             "End": True}},
    })
    execution = sfn.start_execution(stateMachineArn=machine, input=json.dumps({"n": 21}))
    described = wait_for_end(sfn, execution["executionArn"])
    equal((described["status"], json.loads(described.get("output", "null"))),
          ("SUCCEEDED", {"price": 42}), "result")


def nested_executions(sfn):
    """states:startExecution in all four patterns, with AWS's task events and errors."""
    child = create(sfn, "child", {
        "StartAt": "Echo",
        "States": {"Echo": {"Type": "Pass", "Parameters": {"got.$": "$"}, "End": True}},
    })
    failing = create(sfn, "failing-child", {
        "StartAt": "Boom",
        "States": {"Boom": {"Type": "Fail", "Error": "Child.Broke", "Cause": "on purpose"}},
    })
    token_child = create(sfn, "token-child", {
        "StartAt": "Hold", "States": {"Hold": {"Type": "Wait", "Seconds": 60, "End": True}},
    })
    started_by = {"v.$": "$.v", "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id"}
    parent = create(sfn, "parent", {
        "StartAt": "Sync2",
        "States": {
            "Sync2": {
                "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
                "Parameters": {"StateMachineArn": child, "Input": started_by},
                "ResultSelector": {"out.$": "$.Output", "status.$": "$.Status",
                                   "name.$": "$.Name"},
                "ResultPath": "$.sync2", "Next": "Sync",
            },
            "Sync": {
                "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync",
                "Parameters": {"StateMachineArn": child, "Input": {"v": 2}, "Name": "named-child"},
                "ResultSelector": {"out.$": "$.Output", "arn.$": "$.ExecutionArn"},
                "ResultPath": "$.sync", "Next": "FireAndForget",
            },
            "FireAndForget": {
                "Type": "Task", "Resource": "arn:aws:states:::states:startExecution",
                "Parameters": {"StateMachineArn": child, "Input": "{\"v\": 3}"},
                "ResultSelector": {"arn.$": "$.ExecutionArn", "start.$": "$.StartDate"},
                "ResultPath": "$.started", "Next": "Failing",
            },
            "Failing": {
                "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync",
                "Parameters": {"StateMachineArn": failing},
                "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.failed",
                           "Next": "Missing"}],
                "End": True,
            },
            "Missing": {
                "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
                "Parameters": {"StateMachineArn": f"{ARN_PREFIX}:stateMachine:nowhere"},
                "Catch": [{"ErrorEquals": ["StepFunctions.StateMachineDoesNotExist"],
                           "ResultPath": "$.missing", "Next": "Callback"}],
                "End": True,
            },
            "Callback": {
                "Type": "Task",
                "Resource": "arn:aws:states:::states:startExecution.waitForTaskToken",
                "Parameters": {"StateMachineArn": token_child,
                               "Input": {"token.$": "$$.Task.Token"}},
                "ResultPath": "$.callback", "End": True,
            },
        },
    })
    execution = sfn.start_execution(stateMachineArn=parent, input=json.dumps({"v": 1}))
    parent_arn = execution["executionArn"]
    # The callback child holds the token; answer for it as its worker would.
    running = poll(lambda: sfn.list_executions(stateMachineArn=token_child)["executions"],
                   "the callback child has not started")
    check(len(running) == 1, f"the callback child started: {running}")
    token = json.loads(sfn.describe_execution(
        executionArn=running[0]["executionArn"])["input"])["token"]
    sfn.send_task_success(taskToken=token, output=json.dumps({"answer": 42}))
    described = wait_for_end(sfn, parent_arn)
    equal(described["status"], "SUCCEEDED", f"status ({described.get('cause')})")
    output = json.loads(described["output"])
    equal(output["sync2"]["out"], {"got": {
        "v": 1, "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID": parent_arn}}, ".sync:2 output")
    equal(output["sync2"]["status"], "SUCCEEDED", ".sync:2 status")
    equal(output["sync"]["out"], json.dumps({"got": {"v": 2}}, separators=(",", ":")),
          ".sync output is text")
    equal(output["sync"]["arn"], f"{ARN_PREFIX}:execution:child:named-child", "named child")
    check(isinstance(output["started"]["start"], int), f"StartDate in ms: {output['started']}")
    fired = wait_for_end(sfn, output["started"]["arn"])
    equal(json.loads(fired["output"]), {"got": {"v": 3}}, "the fire-and-forget child ran")
    equal(output["failed"]["Error"], "States.TaskFailed", "a failed child fails the task")
    cause = json.loads(output["failed"]["Cause"])
    equal((cause["Status"], cause["Error"], cause["Cause"]), ("FAILED", "Child.Broke", "on purpose"),
          "the cause describes the child")
    equal(output["missing"]["Error"], "StepFunctions.StateMachineDoesNotExist", "unknown machine")
    equal(output["callback"], {"answer": 42}, "callback result")
    events = history(sfn, parent_arn)
    equal([e["type"] for e in events[:6]], [
        "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
        "TaskStateExited"], "a .sync task's events")
    scheduled = events[2]["taskScheduledEventDetails"]
    equal((scheduled["resourceType"], scheduled["resource"]), ("states", "startExecution.sync:2"),
          "resource type and name")
    # Every child of the parent was started once: two of `child`, one of each other.
    children = sfn.list_executions(stateMachineArn=child)["executions"]
    equal(len(children), 3, "children of `child`")
    equal(len(sfn.list_executions(stateMachineArn=failing)["executions"]), 1, "failing children")
    # A .sync task that times out stops its child, as AWS does.
    impatient = create(sfn, "impatient", {
        "StartAt": "Call", "States": {"Call": {
            "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync",
            "Parameters": {"StateMachineArn": token_child, "Name": "slow"},
            "TimeoutSeconds": 1, "End": True}},
    })
    described = wait_for_end(sfn, sfn.start_execution(stateMachineArn=impatient)["executionArn"])
    equal((described["status"], described.get("error")), ("FAILED", "States.Timeout"),
          "the parent's task timed out")
    slow = wait_for_end(sfn, f"{ARN_PREFIX}:execution:token-child:slow")
    equal(slow["status"], "ABORTED", "the child was stopped")


SCENARIOS = {
    scenario.__name__: scenario
    for scenario in [lifecycle, sync_express, history_paging, exceptions, activity_worker,
                     activity_heartbeat_timeout, local_functions, http_functions,
                     nested_executions]
}


if __name__ == "__main__":
    flowkit.main(SCENARIOS)
