#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Keeps COUNT slow clients connected to a server on 127.0.0.1:PORT.

Each sends the start of a request line, then one more byte every INTERVAL
seconds, never finishing it: what issue 17's probe did to searchd. A
connection the server closes (a 408 at its request deadline, a 429 past a
per-address cap) is replaced at once, as an attacker would. The clients
come from loopback addresses 127.0.0.2 upwards, ADDRESSES of them, so that
a per-address cap can be told from the rest (loopback_crowd.py).

Writes "connected N" to STATUS_FILE once all COUNT are connected, and on
SIGTERM prints what the server did to them. Not a test.

Usage: slow_clients.py PORT COUNT [INTERVAL] [ADDRESSES] [STATUS_FILE]
"""
import selectors
import sys
import time

from loopback_crowd import Crowd


def main():
    port = int(sys.argv[1])
    count = int(sys.argv[2])
    interval = float(sys.argv[3]) if len(sys.argv) > 3 else 4.5
    addresses = int(sys.argv[4]) if len(sys.argv) > 4 else 8
    status_file = sys.argv[5] if len(sys.argv) > 5 else None

    crowd = Crowd(port, addresses, status_file)
    selector = selectors.DefaultSelector()
    next_byte = {}  # socket -> when it sends its next byte

    def close(s, outcome):
        selector.unregister(s)
        del next_byte[s]
        crowd.ended(s, outcome)

    while not crowd.stopping:
        while len(next_byte) < count:
            s = crowd.connect(b"GET /api/search?q=")
            if s is None:
                break  # try again next turn
            selector.register(s, selectors.EVENT_READ)
            next_byte[s] = time.monotonic() + interval
        if len(next_byte) == count:
            crowd.report_once("connected %d" % count)
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
    print("   slow clients: %d connections opened; by the server: %s"
          % (crowd.opened, crowd.summary("none closed")))


if __name__ == "__main__":
    main()
