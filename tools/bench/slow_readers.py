#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Keeps COUNT slow readers of a streamed answer on 127.0.0.1:PORT.

Each asks for TARGET (an export: GET /api/export?...) with a 4 KiB receive
buffer and then reads RATE bytes a second of the answer, in steps of a
tenth of a second: a pace above searchd's send floor (16 KiB/s), so that
the floor does not cut it, and far below what the answer needs to be read
in a few seconds. A reader whose answer ends, or whom the server closes, is
replaced at once, as an attacker would. The readers come from loopback
addresses 127.0.0.2 upwards, ADDRESSES of them (loopback_crowd.py).

Writes "reading N" to STATUS_FILE once all COUNT have had their first
bytes, and on SIGTERM prints what became of them. Not a test.

RETRY says when a reader refused with 503 asks again: "at-once" (the
default, as an attacker would) or "as-told" (after the answer's
Retry-After, as a well-behaved client would): the two tell the cost of a
flood of refused requests from the rest.

Usage: slow_readers.py PORT COUNT TARGET [RATE] [ADDRESSES] [STATUS_FILE] [RETRY]
"""
import re
import sys
import time

from loopback_crowd import Crowd

STEP = 0.1  # seconds between a reader's reads


def main():
    port = int(sys.argv[1])
    count = int(sys.argv[2])
    target = sys.argv[3]
    rate = int(sys.argv[4]) if len(sys.argv) > 4 else 20 * 1024
    addresses = int(sys.argv[5]) if len(sys.argv) > 5 else 8
    status_file = sys.argv[6] if len(sys.argv) > 6 and sys.argv[6] else None
    retry = sys.argv[7] if len(sys.argv) > 7 else "at-once"
    if retry not in ("at-once", "as-told"):
        sys.exit("slow_readers.py: RETRY is at-once or as-told, not %r" % retry)
    per_step = max(1, int(rate * STEP))
    request = ("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" % target).encode()

    crowd = Crowd(port, addresses, status_file)
    readers = {}  # socket -> bytes read so far
    told_to_wait = []  # for readers refused with Retry-After: when each asks again

    def close(s, outcome):
        del readers[s]
        crowd.ended(s, outcome)

    next_step = time.monotonic()
    while not crowd.stopping:
        now = time.monotonic()
        told_to_wait = [t for t in told_to_wait if t > now]
        while len(readers) + len(told_to_wait) < count:
            s = crowd.connect(request, receive_buffer=4096)
            if s is None:
                break  # try again next step
            readers[s] = 0
        if len(readers) + len(told_to_wait) == count and all(n > 0 for n in readers.values()):
            crowd.report_once("reading %d, told to wait %d" % (len(readers), len(told_to_wait)))
        for s in list(readers):
            try:
                data = s.recv(per_step)
            except BlockingIOError:
                continue
            except OSError:
                close(s, "reset")
                continue
            if not data:
                # The answer ended (searchd closes after its last chunk only
                # on a reset or deadline; a whole export keeps the
                # connection): either way, a new reader takes its place.
                close(s, "closed by the server")
                continue
            if readers[s] == 0 and not data.startswith(b"HTTP/1.1 200"):
                wait = re.search(rb"\r\nRetry-After: *(\d+)", data, re.IGNORECASE)
                if retry == "as-told" and wait:
                    told_to_wait.append(time.monotonic() + int(wait.group(1)))
                close(s, "answered " + data[9:12].decode(errors="replace"))
                continue
            readers[s] += len(data)
            if data.endswith(b"\r\n0\r\n\r\n"):
                close(s, "read whole")
        next_step += STEP
        time.sleep(max(0.0, next_step - time.monotonic()))
    read = sum(readers.values())
    print("   slow readers: %d connections opened, %d still reading (%.1f MB read by them);"
          " ended: %s" % (crowd.opened, len(readers), read / 1e6, crowd.summary("none ended")))


if __name__ == "__main__":
    main()
