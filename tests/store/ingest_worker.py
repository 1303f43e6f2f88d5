"""A real ingest process for the durability tests: ``python ingest_worker.py DB DIR PAUSE``.

It ingests DIR into DB two documents per batch with light stages, pausing PAUSE seconds per
batch so a test can kill it mid-run.
"""

import os
import sys
import time

from detente.config import Config
from detente.jobs import ingest
from detente.pipeline.registry import stage
from detente.store import open_store


@stage("test_pause", requires=("document.text",))
def pause(items, ctx) -> None:
    """Stand-in for slow analysis."""
    time.sleep(float(os.environ["DETENTE_TEST_PAUSE"]))


def main(db: str, folder: str, pause_s: str) -> None:
    config = Config().with_overrides(**{
        "pipeline.stages": ["clean", "language", "test_pause"], "pipeline.batch_size": 2,
        "pipeline.n_process": 1})
    os.environ["DETENTE_TEST_PAUSE"] = pause_s
    with open_store(db) as store:
        report = ingest([folder], store, config)
    print(report.status, report.stored, report.unchanged, report.failed)


if __name__ == "__main__":
    main(*sys.argv[1:4])
