"""Shared fixture: the pipeline through the positions stage on a hand-written text."""

import pytest

from detente.ingest.document import Draft, make_document
from detente.pipeline import Pipeline

STAGES = ["clean", "language", "nlp", "actors", "quotes", "events", "docanalysis", "positions"]


@pytest.fixture(scope="module")
def run(config):
    """``run(text)`` -> the Analysis of ``text`` published 2025-11-27."""
    pipe = Pipeline(config.with_overrides(**{"pipeline.stages": STAGES}))

    def analyse(text: str):
        [analysis] = pipe.process([make_document(Draft(text=text, origin="t",
                                                       published="2025-11-27"))])
        return analysis

    return analyse
