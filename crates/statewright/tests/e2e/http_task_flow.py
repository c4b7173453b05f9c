"""Drives HTTP Tasks (arn:aws:states:::http:invoke) on a running statewright server through
boto3, against the stand-in API of http_echo_server.py.

Usage: python3 http_task_flow.py ENDPOINT ECHO_PORT [SCENARIO ...]

The server's configuration file declares the connections `keyed` (API_KEY, with invocation
parameters), `basic` (BASIC) and `oauth` (OAUTH_CLIENT_CREDENTIALS, whose token endpoint is the
echo server's). Runs every scenario (or the named ones) and exits non-zero with a message
naming the scenario and the mismatch on the first failure.
"""

import base64
import json
import socket
import urllib.request

import flowkit
from flowkit import ACCOUNT, check, equal

HTTP = "arn:aws:states:::http:invoke"
N_POLLS = 500


def connection(name):
    return f"arn:aws:events:us-east-1:{ACCOUNT}:connection/{name}/6f1c3a52-0f4e-4a55-9d1a-2c1b0e7d9a11"


class Flow:
    def __init__(self, sfn, echo_port):
        self.sfn = sfn
        self.echo = f"http://127.0.0.1:{echo_port}"

    def create(self, name, definition):
        return flowkit.create(self.sfn, name, definition)

    def run(self, name, definition, execution_input=None):
        """Runs a new machine to its end and returns (describe_execution, history)."""
        return flowkit.run_to_end(self.sfn, name, definition, execution_input, N_POLLS)

    def wait_for_end(self, execution):
        return flowkit.wait_for_end(self.sfn, execution, N_POLLS)

    def history(self, execution):
        return flowkit.history(self.sfn, execution)

    def token_requests(self):
        with urllib.request.urlopen(f"{self.echo}/oauth/count") as reply:
            return json.load(reply)["token_requests"]


def task(parameters, **fields):
    return {"Type": "Task", "Resource": HTTP, "Parameters": parameters, **fields}


def succeeded_output(described):
    equal(described["status"], "SUCCEEDED",
          f"status (error {described.get('error')!r}, cause {described.get('cause')!r})")
    return json.loads(described["output"])


def types(history):
    return [event["type"] for event in history]


def get_with_query(flow):
    """A GET with QueryParameters through an API_KEY connection: AWS's output shape, the
    headers Step Functions adds, the connection's parameters winning, the task events."""
    parameters = {
        "ApiEndpoint": f"{flow.echo}/items?fixed=1",
        "Method": "GET",
        "Authentication": {"ConnectionArn": connection("keyed")},
        "QueryParameters": {"color": "dark blue", "size": ["s", "m"], "source": "task"},
        "Headers": {"Accept": "application/json", "X-Request-Id": "r-1", "X-Team": "task"},
    }
    described, history = flow.run("http-get", {
        "StartAt": "Get", "States": {"Get": task(parameters, End=True)}})
    output = succeeded_output(described)
    equal(list(output), ["Headers", "ResponseBody", "StatusCode", "StatusText"], "output keys")
    equal((output["StatusCode"], output["StatusText"]), (200, "OK"), "status")
    equal(output["Headers"]["x-echo"], ["one", "two"], "a repeated response header")
    equal(output["Headers"]["content-type"], ["application/json"], "content-type header")
    seen = output["ResponseBody"]
    check(isinstance(seen, dict), f"a JSON response body is parsed: {seen!r}")
    equal((seen["method"], seen["path"]), ("GET", "/items"), "method and path")
    equal(seen["query"], {"fixed": ["1"], "color": ["dark blue"], "size": ["s", "m"],
                          "source": ["connection"]}, "query parameters")
    check("color=dark%20blue" in seen["rawQuery"], f"RFC 3986 encoding: {seen['rawQuery']!r}")
    headers = seen["headers"]
    equal(headers.get("user-agent"), "Amazon|StepFunctions|HttpInvoke|us-east-1", "User-Agent")
    equal(headers.get("range"), "bytes=0-262144", "Range")
    equal(headers.get("x-api-key"), "k-123", "the API key header")
    equal(headers.get("x-team"), "core", "the connection's header wins")
    equal(headers.get("x-request-id"), "r-1", "the task's header")
    equal(headers.get("accept"), "application/json", "Accept")
    # The connection's body parameters make a body, as AWS merges them in every case.
    equal(json.loads(seen["body"]), {"mode": "connection"}, "body from the connection")
    equal(types(history), ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                           "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"], "events")
    scheduled = history[2]["taskScheduledEventDetails"]
    equal((scheduled["resourceType"], scheduled["resource"], scheduled["region"]),
          ("http", "invoke", "us-east-1"), "scheduled resource")
    equal(json.loads(scheduled["parameters"]), parameters, "scheduled parameters")
    started = history[3]["taskStartedEventDetails"]
    equal((started["resourceType"], started["resource"]), ("http", "invoke"), "started resource")
    succeeded = history[4]["taskSucceededEventDetails"]
    equal((succeeded["resourceType"], succeeded["resource"]), ("http", "invoke"),
          "succeeded resource")
    equal(json.loads(succeeded["output"]), output, "succeeded output")

    text, _ = flow.run("http-text", {"StartAt": "Text", "States": {"Text": task({
        "ApiEndpoint": f"{flow.echo}/text", "Method": "GET",
        "InvocationConfig": {"ConnectionArn": connection("basic")}}, End=True)}})
    equal(succeeded_output(text)["ResponseBody"], "plain words", "a text body stays a string")


def post_json(flow):
    """POST and PUT (JSONata Arguments) with JSON bodies through a BASIC connection."""
    described, _ = flow.run("http-post", {
        "StartAt": "Post",
        "States": {
            "Post": task({
                "ApiEndpoint": f"{flow.echo}/orders",
                "Method": "POST",
                "Authentication": {"ConnectionArn": connection("basic")},
                "RequestBody": {"item.$": "$.item", "qty": 2, "tags": ["gift"]},
            }, ResultSelector={"seen.$": "$.ResponseBody"}, ResultPath="$.post", Next="Put"),
            "Put": {
                "Type": "Task", "Resource": HTTP, "QueryLanguage": "JSONata",
                "Arguments": {
                    "ApiEndpoint": f"{flow.echo}/orders/7",
                    "Method": "PUT",
                    "Authentication": {"ConnectionArn": connection("basic")},
                    "Headers": {"Content-Type": "application/merge-patch+json"},
                    "RequestBody": {"item": "{% $states.input.item %}", "qty": 3},
                },
                "Output": {"post": "{% $states.input.post %}",
                           "put": "{% $states.result.ResponseBody %}"},
                "End": True,
            },
        },
    }, {"item": "book"})
    output = succeeded_output(described)
    post, put = output["post"]["seen"], output["put"]
    expected_auth = "Basic " + base64.b64encode(b"ada:lovelace").decode()
    equal((post["method"], put["method"]), ("POST", "PUT"), "methods")
    equal(json.loads(post["body"]), {"item": "book", "qty": 2, "tags": ["gift"]}, "POST body")
    equal(post["headers"].get("content-type"), "application/json; charset=UTF-8",
          "default content type")
    equal(post["headers"].get("authorization"), expected_auth, "Basic credentials")
    equal(json.loads(put["body"]), {"item": "book", "qty": 3}, "PUT body")
    equal(put["headers"].get("content-type"), "application/merge-patch+json",
          "the task's content type")
    equal(put["headers"].get("authorization"), expected_auth, "Basic credentials on PUT")


def url_encoded(flow):
    """URL_ENCODED bodies in the four array formats AWS documents."""
    described, _ = flow.run("http-form", {
        "StartAt": "Each",
        "States": {"Each": {
            "Type": "Map",
            "ItemsPath": "$.formats",
            "ItemProcessor": {"StartAt": "Post", "States": {"Post": task({
                "ApiEndpoint": f"{flow.echo}/form",
                "Method": "POST",
                "Authentication": {"ConnectionArn": connection("basic")},
                "Headers": {"Content-Type": "application/x-www-form-urlencoded"},
                "RequestBody": {"name": "Ada L", "tags": ["x", "y"], "meta": {"k": "v"}},
                "Transform": {"RequestBodyEncoding": "URL_ENCODED",
                              "RequestEncodingOptions": {"ArrayFormat.$": "$"}},
            }, ResultSelector={"body.$": "$.ResponseBody.body",
                               "headers.$": "$.ResponseBody.headers"}, End=True)}},
            "End": True,
        }},
    }, {"formats": ["INDICES", "REPEAT", "COMMAS", "BRACKETS"]})
    output = succeeded_output(described)
    equal([result["body"] for result in output], [
        "name=Ada%20L&tags%5B0%5D=x&tags%5B1%5D=y&meta%5Bk%5D=v",
        "name=Ada%20L&tags=x&tags=y&meta%5Bk%5D=v",
        "name=Ada%20L&tags=x,y&meta%5Bk%5D=v",
        "name=Ada%20L&tags%5B%5D=x&tags%5B%5D=y&meta%5Bk%5D=v",
    ], "encoded bodies")
    equal({result["headers"]["content-type"] for result in output},
          {"application/x-www-form-urlencoded"}, "content type")


def oauth(flow):
    """OAuth client credentials: one token request serves two calls."""
    equal(flow.token_requests(), 0, "token requests before")
    call = {"ApiEndpoint": f"{flow.echo}/secure", "Method": "GET",
            "Authentication": {"ConnectionArn": connection("oauth")}}
    described, _ = flow.run("http-oauth", {
        "StartAt": "First",
        "States": {
            "First": task(call, ResultSelector={"auth.$": "$.ResponseBody.headers.authorization"},
                          ResultPath="$.first", Next="Second"),
            "Second": task(call, ResultSelector={"auth.$": "$.ResponseBody.headers.authorization"},
                           ResultPath="$.second", End=True),
        },
    })
    output = succeeded_output(described)
    equal((output["first"]["auth"], output["second"]["auth"]),
          ("Bearer token-1", "Bearer token-1"), "bearer tokens")
    equal(flow.token_requests(), 1, "token requests after two calls")


def not_found_caught(flow):
    """A 404 fails with States.Http.StatusCode.404, which Catch sees with the response."""
    described, history = flow.run("http-404", {
        "StartAt": "Get",
        "States": {
            "Get": task({"ApiEndpoint": f"{flow.echo}/status/404", "Method": "GET",
                         "Authentication": {"ConnectionArn": connection("basic")}},
                        Catch=[{"ErrorEquals": ["States.Http.StatusCode.404"],
                                "ResultPath": "$.error", "Next": "Missing"}],
                        End=True),
            "Missing": {"Type": "Pass", "End": True},
        },
    })
    output = succeeded_output(described)
    equal(output["error"]["Error"], "States.Http.StatusCode.404", "caught error")
    cause = json.loads(output["error"]["Cause"])
    equal(list(cause), ["Headers", "ResponseBody", "StatusCode", "StatusText"], "cause keys")
    equal((cause["StatusCode"], cause["StatusText"]), (404, "Not Found"), "cause status")
    equal(cause["ResponseBody"]["error"], "as asked", "cause body")
    equal(cause["Headers"]["content-type"], ["application/json"], "cause headers")
    failed = [event for event in history if event["type"] == "TaskFailed"]
    equal(len(failed), 1, "one TaskFailed")
    details = failed[0]["taskFailedEventDetails"]
    equal((details["resourceType"], details["resource"], details["error"]),
          ("http", "invoke", "States.Http.StatusCode.404"), "TaskFailed details")


def retry_then_success(flow):
    """Two 503s retried on States.Http.StatusCode.503, then a 200."""
    described, history = flow.run("http-retry", {
        "StartAt": "Get",
        "States": {"Get": task(
            {"ApiEndpoint": f"{flow.echo}/flaky/r1?failures=2", "Method": "GET",
             "Authentication": {"ConnectionArn": connection("basic")}},
            Retry=[{"ErrorEquals": ["States.Http.StatusCode.503"], "IntervalSeconds": 1,
                    "BackoffRate": 1, "MaxAttempts": 3}],
            End=True)},
    })
    output = succeeded_output(described)
    equal(output["ResponseBody"]["call"], 3, "the third call succeeded")
    equal([event["type"] for event in history if event["type"].startswith("Task")], [
        "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed", "TaskScheduled",
        "TaskStarted", "TaskFailed", "TaskScheduled", "TaskStarted", "TaskSucceeded",
        "TaskStateExited"], "task events")
    errors = [event["taskFailedEventDetails"]["error"] for event in history
              if event["type"] == "TaskFailed"]
    equal(errors, ["States.Http.StatusCode.503"] * 2, "retried errors")


def wait_for_token(flow):
    """http:invoke.waitForTaskToken: the request carries the token, SendTaskSuccess ends it."""
    machine = flow.create("http-callback", {
        "StartAt": "Ask",
        "States": {"Ask": {
            "Type": "Task", "Resource": f"{HTTP}.waitForTaskToken",
            "Parameters": {"ApiEndpoint": f"{flow.echo}/approvals", "Method": "POST",
                           "Authentication": {"ConnectionArn": connection("basic")},
                           "RequestBody": {"token.$": "$$.Task.Token"}},
            "End": True}},
    })
    execution = flow.sfn.start_execution(stateMachineArn=machine)["executionArn"]
    submitted = flowkit.poll(
        lambda: next((event for event in flow.history(execution)
                      if event["type"] == "TaskSubmitted"), None),
        "no TaskSubmitted event once the request was sent", N_POLLS)
    details = submitted["taskSubmittedEventDetails"]
    equal((details["resourceType"], details["resource"]),
          ("http", "invoke.waitForTaskToken"), "submitted resource")
    sent = json.loads(json.loads(details["output"])["ResponseBody"]["body"])
    equal(flow.sfn.describe_execution(executionArn=execution)["status"], "RUNNING",
          "waiting for the token")
    flow.sfn.send_task_success(taskToken=sent["token"], output=json.dumps({"approved": True}))
    described = flow.wait_for_end(execution)
    equal(succeeded_output(described), {"approved": True}, "output from SendTaskSuccess")


def failures(flow):
    """An unknown connection, a refused connection and a forbidden header, as AWS names them."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    described, _ = flow.run("http-failures", {
        "StartAt": "Unknown",
        "States": {
            "Unknown": task({"ApiEndpoint": f"{flow.echo}/x", "Method": "GET",
                             "Authentication": {"ConnectionArn": connection("nobody")}},
                            Catch=[{"ErrorEquals": ["States.ALL"], "ResultPath": "$.unknown",
                                    "Next": "Refused"}], End=True),
            "Refused": task({"ApiEndpoint": f"http://127.0.0.1:{closed_port}/", "Method": "GET",
                             "Authentication": {"ConnectionArn": connection("basic")}},
                            Catch=[{"ErrorEquals": ["States.Http.Socket"],
                                    "ResultPath": "$.refused", "Next": "Done"}], End=True),
            "Done": {"Type": "Pass", "End": True},
        },
    })
    output = succeeded_output(described)
    equal(output["unknown"]["Error"], "Events.ConnectionResource.ResourceNotFound",
          "unknown connection")
    check("[connections.nobody]" in output["unknown"]["Cause"],
          f"the cause says how to declare it: {output['unknown']['Cause']!r}")
    equal(output["refused"]["Error"], "States.Http.Socket", "refused connection")

    described, _ = flow.run("http-forbidden", {
        "StartAt": "Get",
        "States": {"Get": task({"ApiEndpoint": f"{flow.echo}/x", "Method": "GET",
                                "Authentication": {"ConnectionArn": connection("basic")},
                                "Headers": {"Host": "elsewhere.example"}},
                               Catch=[{"ErrorEquals": ["States.ALL"], "Next": "Caught"}],
                               End=True),
                   "Caught": {"Type": "Pass", "End": True}},
    })
    equal((described["status"], described.get("error"), described.get("cause")),
          ("FAILED", "States.Runtime", "The 'Headers' field contains unsupported values: [host]"),
          "a forbidden header fails the execution; States.ALL does not catch States.Runtime")


SCENARIOS = {
    scenario.__name__: scenario
    for scenario in [get_with_query, post_json, url_encoded, oauth, not_found_caught,
                     retry_then_success, wait_for_token, failures]
}


if __name__ == "__main__":
    flowkit.main(SCENARIOS, ["ECHO_PORT"], Flow)
