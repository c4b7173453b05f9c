"""A stand-in for the APIs an HTTP Task calls (the outside world), on a free loopback port.

Usage: python3 http_echo_server.py

Prints `PORT <n>` on its first line once it listens, then serves until it is killed:

- `POST /oauth/token`: an OAuth token endpoint for the client `sw-client` / `sw-secret`
  (HTTP Basic) and `grant_type=client_credentials`; each token is `token-<n>`, valid an hour.
- `GET /oauth/count`: `{"token_requests": n}`, how many tokens were issued.
- `/status/<code>`: answers `<code>` with a JSON body describing the request.
- `/flaky/<name>?failures=<n>`: answers 503 the first n times for that name, then 200.
- `/text`: a plain-text answer.
- anything else: 200 with a JSON body describing the request: method, path, query (each key
  with its list of values), raw query, headers (lowercase names) and body.
"""

import base64
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

CLIENT_ID = "sw-client"
CLIENT_SECRET = "sw-secret"

lock = threading.Lock()
tokens_issued = 0
flaky_calls = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def described(self, body):
        url = urlsplit(self.path)
        return {
            "method": self.command,
            "path": url.path,
            "query": parse_qs(url.query, keep_blank_values=True),
            "rawQuery": url.query,
            "headers": {name.lower(): value for name, value in self.headers.items()},
            "body": body,
        }

    def answer(self, status, payload, content_type="application/json"):
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Echo", "one")
        self.send_header("X-Echo", "two")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int(self.rfile.readline().strip(), 16)
                if size == 0:
                    self.rfile.readline()
                    return data.decode()
                data += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length).decode() if length else ""

    def token(self, body):
        global tokens_issued
        expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        form = parse_qs(body)
        if self.headers.get("Authorization") != f"Basic {expected}":
            return self.answer(401, {"error": "invalid_client"})
        if form.get("grant_type") != ["client_credentials"]:
            return self.answer(400, {"error": "unsupported_grant_type", "form": form})
        with lock:
            tokens_issued += 1
            token = f"token-{tokens_issued}"
        self.answer(200, {"access_token": token, "token_type": "Bearer", "expires_in": 3600,
                          "audience": form.get("audience", [""])[0]})

    def handle_any(self):
        body = self.read_body()
        url = urlsplit(self.path)
        parts = url.path.strip("/").split("/")
        if url.path == "/oauth/token" and self.command == "POST":
            return self.token(body)
        if url.path == "/oauth/count":
            with lock:
                return self.answer(200, {"token_requests": tokens_issued})
        if url.path == "/text":
            return self.answer(200, b"plain words", "text/plain; charset=utf-8")
        if len(parts) == 2 and parts[0] == "status" and parts[1].isdigit():
            return self.answer(int(parts[1]), {"error": "as asked", "request": self.described(body)})
        if len(parts) == 2 and parts[0] == "flaky":
            failures = int(parse_qs(url.query).get("failures", ["1"])[0])
            with lock:
                calls = flaky_calls.get(parts[1], 0) + 1
                flaky_calls[parts[1]] = calls
            if calls <= failures:
                return self.answer(503, {"error": "busy", "call": calls})
            return self.answer(200, {"call": calls, "request": self.described(body)})
        self.answer(200, self.described(body))

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_HEAD = handle_any


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
