"""Real ingest processes on one database: SIGKILL mid-run then rerun, and two at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from detente.store import open_store

WORKER = Path(__file__).with_name("ingest_worker.py")
TOPICS = ["ceasefire", "prisoner exchange", "grain corridor", "humanitarian pause", "border talks"]


def write_corpus(folder: Path, numbers: range) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in numbers:
        topic = TOPICS[i % len(TOPICS)]
        (folder / f"{i:03d}.txt").write_text(
            f"Negotiators met again on Tuesday to discuss the {topic}, report number {i}. "
            f"Officials said the talks on the {topic} were constructive and would resume next "
            f"week in the capital, according to a statement released after meeting {i}.\n")


def spawn(target: str, folder: Path, pause: float) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(WORKER), target, str(folder), str(pause)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen) -> str:
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err[-2000:]
    return out


def assert_exactly_once(target: str, expected: int) -> None:
    with open_store(target) as store:
        row = store.fetchall("SELECT count(*) AS n, count(DISTINCT text) AS texts FROM documents")[0]
        assert (row["n"], row["texts"]) == (expected, expected)
        assert store.count("analyses") == expected


def test_sigkill_mid_batch_then_rerun_stores_each_document_once(target, tmp_path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, range(20))
    proc = spawn(target, corpus, pause=0.4)
    deadline = time.monotonic() + 60
    committed = 0
    try:
        while committed < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
            try:
                with open_store(target) as store:
                    committed = store.count("analyses")
            except Exception:  # the worker may still be creating the schema
                committed = 0
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the worker finished before it could be killed"
    with open_store(target) as store:
        partial = store.count("analyses")
    assert 2 <= partial < 20
    status, stored, unchanged, _failed = finish(spawn(target, corpus, pause=0)).split()
    assert (status, int(stored), int(unchanged)) == ("done", 20 - partial, partial)
    assert_exactly_once(target, 20)


@pytest.mark.parametrize("runs", [2])
def test_concurrent_ingests_on_overlapping_inputs(target, tmp_path, runs) -> None:
    # Workers i read documents [6i, 6i + 12): neighbours share six.
    folders = []
    for i in range(runs):
        folders.append(tmp_path / f"part{i}")
        write_corpus(folders[-1], range(6 * i, 6 * i + 12))
    open_store(target).close()  # schema first, so both workers start writing at once
    procs = [spawn(target, folder, pause=0.05) for folder in folders]
    stored = sum(int(finish(p).split()[1]) for p in procs)
    total = 6 * runs + 6
    assert stored == total  # each document counted as new by exactly one worker
    assert_exactly_once(target, total)
