#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The first search after a commit against an ordinary search, in wall time,
and how long a commit takes to become visible to searches (issue 19).

Starts searchd on INDEX (answer cache off), searches q=package a few times,
then N times: archivist-index adds one small file holding a word of its own
to the index (from a folder of its own, with CORPUS, the folder INDEX was
built from, so nothing else changes); the moment the commit lands (glass
renames a new version file, "iamglass", into place; watched every 0.2 ms),
q=package at per_page=10 is searched (the first search after the commit:
the indexer is still finishing meanwhile, as it would be on a server);
once the indexer has committed, the file's word is searched until it is found
(the commit's visibility, timed from the commit); then q=package again (an
ordinary search). Times are taken in this one process around each HTTP
request on a kept-alive connection. Not a test. INDEX is written to: give
it a copy.

    tools/bench/first_search_after_commit.py SEARCHD INDEXER INDEX CORPUS [N]

Output: one line per commit ("commit first_ms visible_ms polls ordinary_ms"),
then the median and maximum of each column, and the load average before and
after.
"""
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


class Client:
    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def search(self, query, per_page):
        """The answer's JSON and the milliseconds the request took."""
        target = "/api/search?" + urllib.parse.urlencode({"q": query, "per_page": per_page})
        start = time.monotonic()
        self.connection.request("GET", target)
        response = self.connection.getresponse()
        body = response.read()
        took = (time.monotonic() - start) * 1000
        if response.status != 200:
            raise RuntimeError(f"{target}: {response.status} {body[:200]!r}")
        return json.loads(body), took


def start_searchd(searchd, index, work):
    out = open(os.path.join(work, "searchd.out"), "w+")
    err = open(os.path.join(work, "searchd.err"), "w")
    process = subprocess.Popen(
        [searchd, "--db", index, "--listen", "127.0.0.1:0", "--webui", "", "--cache-answers", "0"],
        stdout=out, stderr=err)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        out.seek(0)
        found = re.search(r"127\.0\.0\.1:(\d+)", out.read())
        if found:
            return process, int(found.group(1))
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    raise RuntimeError("searchd did not start: " + open(err.name).read())


def commit_stamp(index):
    try:
        st = os.stat(os.path.join(index, "iamglass"))
        return (st.st_ino, st.st_mtime_ns)
    except FileNotFoundError:
        return None


def summary(name, values):
    return f"{name}: median {statistics.median(values):.2f} ms, max {max(values):.2f} ms over {len(values)}"


def main():
    if len(sys.argv) not in (5, 6):
        sys.exit(__doc__)
    searchd, indexer, index, corpus = sys.argv[1:5]
    commits = int(sys.argv[5]) if len(sys.argv) == 6 else 20
    print(f"# load before: {load()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="archivist-commit-search-") as work:
        added = os.path.join(work, "added")
        os.mkdir(added)
        process, port = start_searchd(searchd, index, work)
        try:
            client = Client(port)
            for _ in range(3):
                client.search("package", 10)
            firsts, visibles, ordinaries = [], [], []
            for i in range(1, commits + 1):
                word = f"commitprobe{i:03d}x{os.getpid()}"
                with open(os.path.join(added, f"note-{i}.txt"), "w") as note:
                    note.write(f"A note added to measure the first search after a commit: {word}.\n")
                before = commit_stamp(index)
                run = subprocess.Popen([indexer, "--db", index, "--ocr-cache",
                                        os.path.join(work, "ocr"), corpus, added],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                while commit_stamp(index) == before:
                    if run.poll() is not None and commit_stamp(index) == before:
                        raise RuntimeError(f"commit {i}: the indexer ended without committing")
                    time.sleep(0.0002)
                committed = time.monotonic()  # the commit's moment
                _, first = client.search("package", 10)
                if run.wait() != 0:
                    raise RuntimeError(f"commit {i}: the indexer failed")
                polls = 0
                while True:
                    polls += 1
                    answer, _ = client.search(word, 1)
                    if answer["total"] == 1:
                        visible = (time.monotonic() - committed) * 1000
                        break
                    if time.monotonic() - committed > 60:
                        raise RuntimeError(f"commit {i} not visible after 60 s")
                _, ordinary = client.search("package", 10)
                firsts.append(first)
                visibles.append(visible)
                ordinaries.append(ordinary)
                print(f"{i}\t{first:.2f}\t{visible:.2f}\t{polls}\t{ordinary:.2f}", flush=True)
            print(summary("first search after a commit", firsts))
            print(summary("ordinary search", ordinaries))
            print(summary("commit visible to searches after", visibles))
        finally:
            process.terminate()
            process.wait()
    print(f"# load after: {load()}")


if __name__ == "__main__":
    main()
