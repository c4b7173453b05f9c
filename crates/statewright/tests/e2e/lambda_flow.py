"""Drives a running statewright server through boto3: Lambda tasks on handler files and on a
Lambda Invoke API endpoint (tests/e2e/lambda_endpoint.py, in the region LAMBDA_REGION).

Usage: python3 lambda_flow.py ENDPOINT SCENARIO

Runs the named scenario against ENDPOINT, e.g. http://127.0.0.1:8083, and exits non-zero with
a message naming the mismatch on the first failure. The caller provides the credentials and
region through the environment, and the server's configuration (see tests/lambda.rs).
"""

import json
import os
import sys

import flowkit
from flowkit import ACCOUNT, check, equal

N_POLLS = 1000


def function_arn(name):
    return f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:{name}"


def remote_arn(name):
    """The ARN the Lambda endpoint gives a function: the region it was signed for."""
    return f"arn:aws:lambda:{os.environ.get('LAMBDA_REGION', 'us-east-1')}:{ACCOUNT}:function:{name}"


def run(sfn, name, definition, execution_input):
    """Creates a state machine, runs one execution to its end, returns the description and
    the history's event types."""
    described, events = flowkit.run_to_end(sfn, name, definition, execution_input, N_POLLS)
    return described, [event["type"] for event in events]


def handler_machine(function, slow):
    """Direct ARN, lambda:invoke with a qualifier, a function error caught by name, and a
    timeout caught by name."""
    return {
        "StartAt": "Direct",
        "States": {
            "Direct": {
                "Type": "Task",
                "Resource": function_arn(function),
                "ResultPath": "$.direct",
                "Next": "Invoke",
            },
            "Invoke": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": f"{function}:$LATEST", "Payload": {"n.$": "$.n"}},
                "ResultSelector": {"payload.$": "$.Payload", "status.$": "$.StatusCode",
                                   "version.$": "$.ExecutedVersion"},
                "ResultPath": "$.invoked",
                "Next": "Refused",
            },
            "Refused": {
                "Type": "Task",
                "Resource": function_arn(function),
                "Parameters": {"refuse": "Bob"},
                "Catch": [{"ErrorEquals": ["Refused"], "ResultPath": "$.refused", "Next": "Slow"}],
                "End": True,
            },
            "Slow": {
                "Type": "Task",
                "Resource": function_arn(slow),
                "Parameters": {"sleep": 5},
                "Catch": [{"ErrorEquals": ["Sandbox.Timedout"], "ResultPath": "$.slow",
                           "Next": "Done"}],
                "End": True,
            },
            "Done": {"Type": "Pass", "End": True},
        },
    }


def check_handler_run(sfn, name, function, slow, trace_field):
    described, types = run(sfn, name, handler_machine(function, slow), {"n": 7})
    equal(described["status"], "SUCCEEDED", "status")
    output = json.loads(described["output"])
    direct = output["direct"]
    equal(direct["function_name"], function, "context function name")
    equal(direct["function_version"], "$LATEST", "context function version")
    equal(direct["invoked_function_arn"], function_arn(function), "context ARN")
    equal(direct["memory_limit_in_mb"], "256", "context memory")
    equal(direct["log_group_name"], f"/aws/lambda/{function}", "context log group")
    check(direct["remaining_ms"] > 0, f"remaining time is positive: {direct['remaining_ms']}")
    check(len(direct["aws_request_id"]) == 36, f"a request id: {direct['aws_request_id']}")
    equal(direct["greeting"], "Hello", "configured environment")
    equal(direct["region"], "us-east-1", "AWS_REGION")
    equal(direct["event"], {"n": 7}, "event")
    invoked = output["invoked"]
    equal((invoked["status"], invoked["version"]), (200, "$LATEST"), "lambda:invoke shape")
    equal(invoked["payload"]["event"], {"n": 7}, "lambda:invoke payload")
    equal(invoked["payload"]["n_calls"], direct["n_calls"] + 1, "the warm worker's counter")
    equal(invoked["payload"]["invoked_function_arn"], function_arn(function) + ":$LATEST",
          "qualified ARN")
    refused = output["refused"]
    equal(refused["Error"], "Refused", "caught function error")
    cause = json.loads(refused["Cause"])
    equal((cause["errorType"], cause["errorMessage"]), ("Refused", "no answer for Bob"), "cause")
    check(cause[trace_field], f"the cause has a stack trace: {cause}")
    equal(output["slow"]["Error"], "Sandbox.Timedout", "timeout")
    equal(json.loads(output["slow"]["Cause"])["errorMessage"],
          "Task timed out after 1.00 seconds", "timeout message")
    equal(types[:6], ["ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled",
                      "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited"],
          "direct Lambda events")
    equal(types[6:11], ["TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
                        "TaskStateExited"], "lambda:invoke events")
    equal(types[11:15], ["TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted",
                         "LambdaFunctionFailed"], "failed direct Lambda events")
    # A second execution reaches the same warm worker.
    described, _ = run(sfn, name + "-again", {
        "StartAt": "Again",
        "States": {"Again": {"Type": "Task", "Resource": function_arn(function), "End": True}},
    }, {})
    equal(json.loads(described["output"])["n_calls"], direct["n_calls"] + 3,
          "the counter across executions")


def python_handler(sfn):
    """A Python handler file, run warm by the shim."""
    check_handler_run(sfn, "python-handler", "meta", "meta-slow", "stackTrace")


def node_handler(sfn):
    """A Node.js handler file, async and callback-style, run warm by the shim."""
    check_handler_run(sfn, "node-handler", "meta-js", "meta-js-slow", "trace")
    described, _ = run(sfn, "node-callback", {
        "StartAt": "Back",
        "States": {"Back": {"Type": "Task", "Resource": function_arn("meta-js-callback"),
                            "Catch": [{"ErrorEquals": ["Refused"], "Next": "Caught"}],
                            "End": True},
                   "Caught": {"Type": "Pass", "End": True}},
    }, {"refuse": "Eve"})
    equal(described["status"], "SUCCEEDED", "callback status")
    output = json.loads(described["output"])
    equal((output["Error"], json.loads(output["Cause"])["errorMessage"]),
          ("Refused", "no answer for Eve"), "callback error")


def lambda_endpoint(sfn):
    """Functions that are not local go to the Lambda Invoke API endpoint."""
    definition = {
        "StartAt": "Direct",
        "States": {
            "Direct": {
                "Type": "Task",
                "Resource": function_arn("remote-meta"),
                "ResultPath": "$.direct",
                "Next": "Qualified",
            },
            "Qualified": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "remote-meta:prod", "Payload": {"n.$": "$.n"}},
                "ResultPath": "$.qualified",
                "Next": "Local",
            },
            "Local": {
                "Type": "Task",
                "Resource": function_arn("meta"),
                "ResultSelector": {"function_name.$": "$.function_name"},
                "ResultPath": "$.local",
                "Next": "Refused",
            },
            "Refused": {
                "Type": "Task",
                "Resource": function_arn("remote-meta"),
                "Parameters": {"refuse": "Bob"},
                "Catch": [{"ErrorEquals": ["Refused"], "ResultPath": "$.refused",
                           "Next": "RefusedInvoke"}],
                "End": True,
            },
            "RefusedInvoke": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": function_arn("remote-meta"),
                               "Payload": {"refuse": "Eve"}},
                "Catch": [{"ErrorEquals": ["Refused"], "ResultPath": "$.refused_invoke",
                           "Next": "Missing"}],
                "End": True,
            },
            "Missing": {
                "Type": "Task",
                "Resource": function_arn("nobody"),
                "Catch": [{"ErrorEquals": ["Lambda.ResourceNotFoundException"],
                           "ResultPath": "$.missing", "Next": "NoErrorType"}],
                "End": True,
            },
            "NoErrorType": {
                "Type": "Task",
                "Resource": function_arn("remote-meta-unknown-error"),
                "Catch": [{"ErrorEquals": ["Lambda.Unknown"], "ResultPath": "$.unknown",
                           "Next": "Done"}],
                "End": True,
            },
            "Done": {"Type": "Pass", "End": True},
        },
    }
    described, types = run(sfn, "remote", definition, {"n": 3})
    equal(described["status"], "SUCCEEDED", "status")
    output = json.loads(described["output"])
    direct = output["direct"]
    equal(direct["event"], {"n": 3}, "direct event")
    equal(direct["function_name"], "remote-meta", "the endpoint ran the function")
    equal(direct["function_version"], "$LATEST", "unqualified version")
    equal(direct["invoked_function_arn"], remote_arn("remote-meta"), "unqualified ARN")
    qualified = output["qualified"]
    equal(qualified["StatusCode"], 200, "StatusCode")
    equal(qualified["ExecutedVersion"], "7", "ExecutedVersion from the response")
    equal(qualified["Payload"]["invoked_function_arn"], remote_arn("remote-meta") + ":prod",
          "the qualifier reached the endpoint")
    equal(qualified["Payload"]["function_version"], "7", "the alias's version")
    equal(qualified["Payload"]["n_calls"], direct["n_calls"] + 1, "the endpoint's warm counter")
    headers = qualified["SdkHttpMetadata"]["HttpHeaders"]
    equal(headers.get("X-Amz-Executed-Version"), "7", "response headers")
    equal(qualified["SdkResponseMetadata"]["RequestId"], headers.get("x-amzn-RequestId"),
          "request id")
    equal(output["local"], {"function_name": "meta"}, "local functions stay local")
    refused = output["refused"]
    equal(refused["Error"], "Refused", "remote function error")
    equal(json.loads(refused["Cause"])["errorMessage"], "no answer for Bob", "remote cause")
    equal(output["refused_invoke"]["Error"], "Refused", "remote function error (lambda:invoke)")
    missing = output["missing"]
    equal(missing["Error"], "Lambda.ResourceNotFoundException", "unknown function")
    check(missing["Cause"].startswith(
        f"Function not found: {remote_arn('nobody')} (Service: AWSLambda; Status Code: 404; "
        "Error Code: ResourceNotFoundException; Request ID: "), f"cause: {missing['Cause']}")
    equal(output["unknown"]["Cause"],
          "The cause could not be determined because Lambda did not return an error type. "
          'Returned payload: "no error type here"', "a function error without a type")
    equal(types[:6], ["ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled",
                      "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited"],
          "direct Lambda events")
    equal(types[6:11], ["TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
                        "TaskStateExited"], "lambda:invoke events")


def no_lambda_endpoint(sfn):
    """Without an endpoint, a function that is not local does not exist."""
    described, _ = run(sfn, "no-endpoint", {
        "StartAt": "Missing",
        "States": {"Missing": {"Type": "Task", "Resource": function_arn("remote-meta"),
                               "End": True}},
    }, {})
    equal((described["status"], described.get("error")),
          ("FAILED", "Lambda.ResourceNotFoundException"), "missing function")


SCENARIOS = {
    scenario.__name__: scenario
    for scenario in [python_handler, node_handler, lambda_endpoint, no_lambda_endpoint]
}


def main():
    if len(sys.argv) != 3 or sys.argv[2] not in SCENARIOS:
        sys.exit(f"usage: {sys.argv[0]} ENDPOINT {{{','.join(SCENARIOS)}}}")
    flowkit.run_scenarios(SCENARIOS, flowkit.stepfunctions(sys.argv[1]), sys.argv[2:])


if __name__ == "__main__":
    main()
