#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Keeps COUNT slow clients connected to a server on 127.0.0.1:PORT.

Each sends the start of a request line, then one more byte every INTERVAL
seconds, never finishing it: what issue 17's probe did to searchd. A
connection the server closes (a 408 at its request deadline, a 429 past a
per-address cap) is replaced at once, as an attacker would. The clients
come from loopback addresses 127.0.0.2 upwards, ADDRESSES of them, so that
a per-address cap can be told from the rest.

Writes "connected N" to STATUS_FILE once all COUNT are connected, and on
SIGTERM prints what the server did to them. Not a test.

Usage: slow_clients.py PORT COUNT [INTERVAL] [ADDRESSES] [STATUS_FILE]
"""
import collections
import selectors
import signal
import socket
import sys
import time


def main():
    port = int(sys.argv[1])
    count = int(sys.argv[2])
    interval = float(sys.argv[3]) if len(sys.argv) > 3 else 4.5
    addresses = int(sys.argv[4]) if len(sys.argv) > 4 else 8
    status_file = sys.argv[5] if len(sys.argv) > 5 else None

    selector = selectors.DefaultSelector()
    next_byte = {}  # socket -> when it sends its next byte
    outcomes = collections.Counter()
    opened = 0
    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    def open_one():
        nonlocal opened
        source = "127.0.0.%d" % (2 + opened % addresses)
        s = socket.socket()
        s.bind((source, 0))
        try:
            s.connect(("127.0.0.1", port))
            s.sendall(b"GET /api/search?q=")
        except OSError:
            outcomes["connect failed"] += 1
            s.close()
            return
        s.setblocking(False)
        opened += 1
        selector.register(s, selectors.EVENT_READ)
        next_byte[s] = time.monotonic() + interval

    def close(s, outcome):
        outcomes[outcome] += 1
        selector.unregister(s)
        del next_byte[s]
        s.close()

    reported = False
    while not stopping:
        while len(next_byte) < count:
            before = len(next_byte)
            open_one()
            if len(next_byte) == before:
                break  # connect failed: try again next turn
        if not reported and len(next_byte) == count and status_file:
            with open(status_file, "w") as f:
                f.write("connected %d\n" % count)
            reported = True
        now = time.monotonic()
        wait = max(0.0, min(next_byte.values(), default=now + 1) - now)
        for key, _ in selector.select(timeout=min(wait, 1.0)):
            s = key.fileobj
            try:
                answer = s.recv(4096)
            except OSError:
                answer = b""
            if answer.startswith(b"HTTP/1.1 "):
                close(s, "answered " + answer[9:12].decode())
            else:
                close(s, "closed")
        now = time.monotonic()
        for s, when in list(next_byte.items()):
            if when <= now:
                try:
                    s.send(b"a")
                    next_byte[s] = now + interval
                except OSError:
                    close(s, "reset")
    summary = ", ".join("%s %d" % kv for kv in sorted(outcomes.items())) or "none closed"
    print("   slow clients: %d connections opened; by the server: %s" % (opened, summary))


if __name__ == "__main__":
    main()
