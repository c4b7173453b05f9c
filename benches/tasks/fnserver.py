#!/usr/bin/env python3
"""The local function for benches/tasks.sh: `inc`, which answers {"n": n + 1}.

A single-threaded HTTP/1.1 server on a selectors loop (standard library only). It accepts a new
connection per request (what statewright's HTTP functions do) as well as keep-alive connections.

For every request it records three wall-clock times (nanoseconds, `time.time_ns()`'s clock):
  kin  when the request's first bytes arrived in the kernel (SO_TIMESTAMPNS on the socket; the
       same as `uin` where the kernel gives no timestamp),
  uin  when this process read them,
  out  when the answer was ready, just before it was handed to the kernel,
and the number of the connection it came on (1, 2, ... in accept order).
`out - kin` is the function's own work (its wake-up, accept, HTTP parsing, JSON, the handler):
everything outside it is the caller's. `GET /log` returns the records since the last
`GET /log` and forgets them; `GET /wait?calls=N` answers once N calls have been recorded since
then (so a client can wait without polling anything); `GET /health` answers 200.

  python3 fnserver.py --port 9000 [--host 127.0.0.1]
"""
from __future__ import annotations

import argparse
import json
import selectors
import socket
import struct
import time

SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)  # Linux (asm-generic): 35
CMSG_SPACE = socket.CMSG_SPACE(16)

LOG: list[list[int]] = []
WAITING: list[tuple[int, socket.socket]] = []  # (calls, connection) of parked GET /wait


def respond(sock, status: int, answer: bytes) -> None:
    reason = b"OK" if status == 200 else b"Not Found"
    sock.sendall(b"HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
                 % (status, reason, len(answer), answer))


def wake_waiters() -> None:
    for item in [w for w in WAITING if len(LOG) >= w[0]]:
        WAITING.remove(item)
        respond(item[1], 200, b'{"calls":%d}' % len(LOG))


def handle(method: str, path: str, body: bytes) -> tuple[int, bytes]:
    if method == "POST":
        event = json.loads(body)
        return 200, json.dumps({"n": event["n"] + 1}, separators=(",", ":")).encode()
    if path == "/log":
        out = json.dumps(LOG, separators=(",", ":")).encode()
        LOG.clear()
        return 200, out
    if path == "/health":
        return 200, b"{}"
    return 404, b'{"message":"not found"}'


class Conn:
    __slots__ = ("sock", "buf", "kin", "uin", "number")
    accepted = 0

    def __init__(self, sock):
        Conn.accepted += 1
        self.number = Conn.accepted
        self.sock = sock
        self.buf = b""
        self.kin = self.uin = 0


def serve(host: str, port: int) -> None:
    sel = selectors.DefaultSelector()
    lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        lsock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
        kernel_stamps = True
    except OSError:
        kernel_stamps = False
    lsock.bind((host, port))
    lsock.listen(1024)
    lsock.setblocking(False)
    sel.register(lsock, selectors.EVENT_READ, None)
    print(f"fnserver listening on {host}:{port} (kernel receive timestamps: {kernel_stamps})", flush=True)

    def close(conn):
        WAITING[:] = [w for w in WAITING if w[1] is not conn.sock]
        sel.unregister(conn.sock)
        conn.sock.close()

    def on_readable(conn):
        try:
            data, anc, _flags, _addr = conn.sock.recvmsg(65536, CMSG_SPACE)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            close(conn)
            return
        uin = time.time_ns()
        if not data:
            close(conn)
            return
        if not conn.buf:
            kin = uin
            for level, kind, payload in anc:
                if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS and len(payload) >= 16:
                    sec, nsec = struct.unpack("qq", payload[:16])
                    kin = sec * 1_000_000_000 + nsec
            conn.kin, conn.uin = kin, uin
        conn.buf += data
        while True:
            head_end = conn.buf.find(b"\r\n\r\n")
            if head_end < 0:
                return
            head = conn.buf[:head_end].decode("latin-1").split("\r\n")
            method, path, _version = head[0].split(" ", 2)
            length = 0
            for line in head[1:]:
                name, _, value = line.partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if len(conn.buf) < head_end + 4 + length:
                return
            body = conn.buf[head_end + 4:head_end + 4 + length]
            conn.buf = conn.buf[head_end + 4 + length:]
            if method == "GET" and path.startswith("/wait?calls="):
                calls = int(path.partition("=")[2])
                if len(LOG) >= calls:
                    respond(conn.sock, 200, b'{"calls":%d}' % len(LOG))
                else:
                    WAITING.append((calls, conn.sock))
            else:
                status, answer = handle(method, path, body)
                if method == "POST":
                    # Stamped before the send: on loopback the send call delivers the answer and
                    # wakes the caller, which may act before the call returns here.
                    LOG.append([conn.kin, conn.uin, time.time_ns(), conn.number])
                    respond(conn.sock, status, answer)
                    if WAITING:
                        wake_waiters()
                else:
                    respond(conn.sock, status, answer)
            if conn.buf:
                conn.kin = conn.uin = time.time_ns()

    while True:
        for key, _ in sel.select():
            if key.data is None:
                while True:
                    try:
                        sock, _ = lsock.accept()
                    except (BlockingIOError, InterruptedError):
                        break
                    sock.setblocking(False)
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    sel.register(sock, selectors.EVENT_READ, Conn(sock))
            else:
                on_readable(key.data)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    a = p.parse_args()
    try:
        serve(a.host, a.port)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
