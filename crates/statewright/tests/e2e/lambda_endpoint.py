"""A stand-in for AWS Lambda's Invoke API, for the tests: it runs one Python handler and
answers as Lambda does.

Usage: python3 lambda_endpoint.py --handler FILE:FUNCTION --function NAME
           --access-key-id ID --secret-access-key SECRET --region REGION [--session-token T]

Listens on a free loopback port and prints it as the first line of stdout, then serves
`POST /2015-03-31/functions/NAME/invocations[?Qualifier=Q]` until stdin closes:

- every request must carry a SigV4 `Authorization` header for service `lambda`, the given
  access key and region, whose signature this server checks again with the secret (and the
  session token, if given); otherwise 403 `InvalidSignatureException`;
- the function NAME runs the handler with a Lambda context: qualifier `prod` is an alias
  of version 7, `$LATEST` and no qualifier are `$LATEST`, anything else does not exist;
- `NAME-unknown-error` answers a function error without an errorType;
- any other function, or an unknown qualifier, is 404 `ResourceNotFoundException`.
A handler's exception is a 200 with `X-Amz-Function-Error: Unhandled` and Lambda's error
payload. The module imports once, so its state lives across invocations as in a warm sandbox.
"""

import argparse
import hashlib
import hmac
import importlib.util
import json
import os
import sys
import threading
import time
import traceback
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, quote, unquote, urlsplit

ACCOUNT = "000000000000"
ALIASES = {None: "$LATEST", "$LATEST": "$LATEST", "prod": "7"}


def load_handler(spec):
    path, function = spec.rsplit(":", 1)
    module_spec = importlib.util.spec_from_file_location("endpoint_handler", path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return getattr(module, function)


def sigv4_signature(secret, date, region, amz_date, scope, canonical_request):
    def sign(key, text):
        return hmac.new(key, text.encode(), hashlib.sha256).digest()

    key = ("AWS4" + secret).encode()
    for part in (date, region, "lambda", "aws4_request"):
        key = sign(key, part)
    string_to_sign = "\n".join([
        "AWS4-HMAC-SHA256", amz_date, scope,
        hashlib.sha256(canonical_request.encode()).hexdigest(),
    ])
    return hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()


class Context:
    def __init__(self, name, version, arn, request_id):
        self.function_name = name
        self.function_version = version
        self.invoked_function_arn = arn
        self.memory_limit_in_mb = "128"
        self.aws_request_id = request_id
        self.log_group_name = f"/aws/lambda/{name}"
        self.log_stream_name = "stand-in"
        self._deadline = time.monotonic() + 30

    def get_remaining_time_in_millis(self):
        return int((self._deadline - time.monotonic()) * 1000)


class Lambda(BaseHTTPRequestHandler):
    options = None
    handler = None
    lock = threading.Lock()

    def log_message(self, format, *args):
        sys.stderr.write("lambda_endpoint: " + (format % args) + "\n")

    def answer(self, status, body, headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-amzn-RequestId", self.request_id)
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def error(self, status, code, message):
        self.answer(status, {"Type": "User", "message": message},
                    [("x-amzn-ErrorType", f"{code}:http://internal.amazon.com/coral/")])

    def signature_problem(self, body):
        """Why the request's signature is not the one expected, or None."""
        options = self.options
        authorization = self.headers.get("Authorization", "")
        fields = dict(
            part.strip().split("=", 1)
            for part in authorization.removeprefix("AWS4-HMAC-SHA256 ").split(",")
            if "=" in part
        )
        amz_date = self.headers.get("X-Amz-Date", "")
        scope = f"{amz_date[:8]}/{options.region}/lambda/aws4_request"
        if not authorization.startswith("AWS4-HMAC-SHA256 "):
            return f"no SigV4 Authorization header: {authorization!r}"
        if fields.get("Credential") != f"{options.access_key_id}/{scope}":
            return f"credential {fields.get('Credential')!r}, expected {options.access_key_id}/{scope}"
        if self.headers.get("X-Amz-Security-Token") != options.session_token:
            return f"session token {self.headers.get('X-Amz-Security-Token')!r}"
        signed = fields.get("SignedHeaders", "").split(";")
        for needed in ["host", "x-amz-date"] + (["x-amz-security-token"] if options.session_token else []):
            if needed not in signed:
                return f"{needed} is not signed: {signed}"
        url = urlsplit(self.path)
        query = "&".join(
            f"{quote(name, safe='-_.~')}={quote(value, safe='-_.~')}"
            for name, value in sorted(parse_qsl(url.query, keep_blank_values=True))
        )
        canonical = "\n".join([
            self.command,
            quote(url.path, safe="/-_.~"),
            query,
            "".join(f"{name}:{' '.join(self.headers.get(name, '').split())}\n" for name in signed),
            ";".join(signed),
            hashlib.sha256(body).hexdigest(),
        ])
        expected = sigv4_signature(options.secret_access_key, amz_date[:8], options.region,
                                   amz_date, scope, canonical)
        if fields.get("Signature") != expected:
            return f"signature {fields.get('Signature')} is not {expected}"
        return None

    def do_POST(self):
        self.request_id = str(uuid.uuid4())
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        problem = self.signature_problem(body)
        if problem:
            self.log_message("%s", problem)
            self.error(403, "InvalidSignatureException",
                       "The request signature we calculated does not match the signature you "
                       f"provided: {problem}")
            return
        if self.headers.get("X-Amz-Invocation-Type") != "RequestResponse":
            self.error(400, "InvalidParameterValueException", "unexpected invocation type")
            return
        url = urlsplit(self.path)
        parts = url.path.split("/")
        if len(parts) != 5 or parts[1:3] != ["2015-03-31", "functions"] or parts[4] != "invocations":
            self.error(404, "UnknownOperationException", f"no operation at {url.path}")
            return
        name = unquote(parts[3])
        qualifier = dict(parse_qsl(url.query)).get("Qualifier")
        arn = f"arn:aws:lambda:{self.options.region}:{ACCOUNT}:function:{name}"
        if qualifier:
            arn += f":{qualifier}"
        if name == self.options.function + "-unknown-error":
            self.answer(200, "no error type here", [("X-Amz-Function-Error", "Unhandled")])
            return
        if name != self.options.function or qualifier not in ALIASES:
            self.error(404, "ResourceNotFoundException", f"Function not found: {arn}")
            return
        version = ALIASES[qualifier]
        headers = [("X-Amz-Executed-Version", version)]
        context = Context(name, version, arn, self.request_id)
        try:
            with self.lock:
                result = self.handler(json.loads(body), context)
        except Exception as err:  # noqa: BLE001 - the handler's failure is the answer
            frames = traceback.format_list(traceback.extract_tb(err.__traceback__)[1:])
            payload = {"errorMessage": str(err), "errorType": type(err).__name__,
                       "requestId": self.request_id, "stackTrace": frames}
            self.answer(200, payload, headers + [("X-Amz-Function-Error", "Unhandled")])
            return
        self.answer(200, result, headers)


def main():
    parser = argparse.ArgumentParser()
    for name in ["--handler", "--function", "--access-key-id", "--secret-access-key", "--region"]:
        parser.add_argument(name, required=True)
    parser.add_argument("--session-token")
    options = parser.parse_args()
    Lambda.options = options
    Lambda.handler = staticmethod(load_handler(options.handler))
    server = ThreadingHTTPServer(("127.0.0.1", 0), Lambda)
    print(server.server_address[1], flush=True)
    # The handler's prints must not fill a pipe nobody reads.
    os.dup2(2, 1)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
