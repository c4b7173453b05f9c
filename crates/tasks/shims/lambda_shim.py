"""Statewright's Python shim: one warm process running one Lambda handler.

The server runs it as `python3 -c <this file>` in the function's working directory, then
writes to its stdin one line describing the handler (JSON: token, file, function,
function_name, memory_size, log_group_name) and one line per invocation (JSON: request_id,
event, invoked_function_arn, timeout_ms), waiting for each answer before the next.
The handler module is imported once, so module-level state lives across invocations, as in a
warm Lambda sandbox.

Each answer is one line on the original stdout, starting with the token:
{"result": ...} or {"error": {"errorMessage", "errorType", "requestId", "stackTrace"},
"fatal": bool}, where a fatal error (the module could not be imported) means the process ends.
Everything else the handler writes to file descriptor 1 (print, logging, child processes) is
sent to stderr, which the server logs, so it cannot be taken for an answer; the handler's
stdin reads from /dev/null, so it cannot swallow a request.
"""

import decimal
import importlib.util
import json
import os
import signal
import sys
import time
import traceback
import uuid


class LambdaContext:
    """The context object a Lambda handler receives."""

    def __init__(self, hello, request, deadline):
        self.function_name = hello["function_name"]
        self.function_version = "$LATEST"
        self.invoked_function_arn = request["invoked_function_arn"]
        self.memory_limit_in_mb = hello["memory_size"]
        self.aws_request_id = request["request_id"]
        self.log_group_name = hello["log_group_name"]
        self.log_stream_name = os.environ["AWS_LAMBDA_LOG_STREAM_NAME"]
        self.identity = None
        self.client_context = None
        self._deadline = deadline

    def get_remaining_time_in_millis(self):
        """Milliseconds until the invocation times out."""
        return max(0, int((self._deadline - time.monotonic()) * 1000))

    def __repr__(self):
        return (
            f"LambdaContext([aws_request_id={self.aws_request_id},"
            f"log_group_name={self.log_group_name},log_stream_name={self.log_stream_name},"
            f"function_name={self.function_name},memory_limit_in_mb={self.memory_limit_in_mb},"
            f"function_version={self.function_version},"
            f"invoked_function_arn={self.invoked_function_arn}])"
        )


def lambda_error(error_type, message, request_id=None, stack_trace=()):
    """An error in the shape Lambda's Python runtime reports."""
    return {
        "errorMessage": message,
        "errorType": error_type,
        "requestId": request_id or "",
        "stackTrace": list(stack_trace),
    }


def raised(err, request_id=None):
    """An exception as Lambda reports it, without the shim's own frame."""
    frames = traceback.extract_tb(err.__traceback__)[1:]
    return lambda_error(type(err).__name__, str(err), request_id, traceback.format_list(frames))


def number(value):
    """Decimals (as boto3's DynamoDB types return them) become JSON numbers."""
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def load(hello):
    """The handler function, or the error that stops the module from loading."""
    path = hello["file"]
    module_name = os.path.splitext(os.path.basename(path))[0]
    sys.path.insert(0, os.path.dirname(path))
    if not os.path.isfile(path):
        return None, lambda_error(
            "Runtime.ImportModuleError",
            f"Unable to import module '{module_name}': No module named '{module_name}'",
        )
    try:
        spec = importlib.util.spec_from_file_location(module_name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
    except SyntaxError as err:
        return None, lambda_error(
            "Runtime.UserCodeSyntaxError", f"Syntax error in module '{module_name}': {err}"
        )
    except ImportError as err:
        return None, lambda_error(
            "Runtime.ImportModuleError", f"Unable to import module '{module_name}': {err}"
        )
    except Exception as err:  # noqa: BLE001 - any failure at import is the function's
        return None, raised(err)
    handler = getattr(module, hello["function"], None)
    if not callable(handler):
        return None, lambda_error(
            "Runtime.HandlerNotFound",
            f"Handler '{hello['function']}' missing on module '{module_name}'",
        )
    return handler, None


def main():
    # Ctrl-C in a terminal reaches the whole process group; the server decides when its
    # workers stop (by closing their stdin), so the worker does not die with a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    requests = os.fdopen(os.dup(0), "r", encoding="utf-8")
    os.dup2(2, 1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    sys.stdout = open(1, "w", encoding="utf-8", errors="replace", buffering=1, closefd=False)
    sys.stdin = open(0, "r", encoding="utf-8", closefd=False)

    hello = json.loads(requests.readline())
    token = hello["token"]
    os.environ["AWS_LAMBDA_LOG_STREAM_NAME"] = (
        time.strftime("%Y/%m/%d", time.gmtime()) + "/[$LATEST]" + uuid.uuid4().hex
    )

    def answer(text):
        answers.write(token + text + "\n")
        answers.flush()

    handler, init_error = load(hello)
    for line in requests:
        request = json.loads(line)
        deadline = time.monotonic() + request["timeout_ms"] / 1000
        request_id = request["request_id"]
        if init_error is not None:
            init_error["requestId"] = request_id
            answer(json.dumps({"error": init_error, "fatal": True}))
            return
        try:
            result = handler(request["event"], LambdaContext(hello, request, deadline))
        except Exception as err:  # noqa: BLE001 - the handler's failure is the invocation's
            text = json.dumps({"error": raised(err, request_id)}, default=str)
        else:
            try:
                text = '{"result":' + json.dumps(result, default=number, allow_nan=False) + "}"
            except (TypeError, ValueError, OverflowError) as err:
                error = lambda_error(
                    "Runtime.MarshalError", f"Unable to marshal response: {err}", request_id
                )
                text = json.dumps({"error": error})
        sys.stdout.flush()
        sys.stderr.flush()
        answer(text)


main()
