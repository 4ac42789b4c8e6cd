# SPDX-License-Identifier: GPL-2.0-or-later
"""What the slow-client tools share (slow_clients.py, slow_readers.py).

A Crowd opens connections to a server on 127.0.0.1:PORT from loopback
addresses 127.0.0.2 upwards, ADDRESSES of them in turn, so that a cap per
client address can be told from the rest; counts how each connection
ended; writes a status line once, for the shell script that waits for the
crowd to be in place; and stops at SIGTERM or SIGINT, then says what the
server did. A connection that ends is replaced by the caller's loop, as an
attacker would.
"""
import collections
import signal
import socket


class Crowd:
    def __init__(self, port, addresses, status_file=None):
        self.port = port
        self.addresses = addresses
        self.status_file = status_file
        self.outcomes = collections.Counter()  # how connections ended
        self.opened = 0
        self.stopping = False
        self._reported = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)

    def _stop(self, *_):
        self.stopping = True

    def connect(self, first_bytes, receive_buffer=None):
        """A new non-blocking connection that has sent `first_bytes`, from
        the next source address; None (counted as "connect failed") when
        the server cannot be reached. `receive_buffer` sets SO_RCVBUF before
        connecting, so the window the server sees is small from the start."""
        source = "127.0.0.%d" % (2 + self.opened % self.addresses)
        s = socket.socket()
        if receive_buffer is not None:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
        s.bind((source, 0))
        try:
            s.connect(("127.0.0.1", self.port))
            s.sendall(first_bytes)
        except OSError:
            self.outcomes["connect failed"] += 1
            s.close()
            return None
        s.setblocking(False)
        self.opened += 1
        return s

    def ended(self, s, outcome):
        """Closes `s` and counts how it ended."""
        self.outcomes[outcome] += 1
        s.close()

    def report_once(self, line):
        """Writes `line` to the status file, the first time only."""
        if self._reported or not self.status_file:
            return
        with open(self.status_file, "w") as f:
            f.write(line + "\n")
        self._reported = True

    def summary(self, if_none):
        """How the connections ended, e.g. "answered 408 12, reset 3"."""
        return ", ".join("%s %d" % kv for kv in sorted(self.outcomes.items())) or if_none
