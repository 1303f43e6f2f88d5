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


@pytest.fixture(scope="module")
def stances(run):
    """``stances(text)`` -> the (side, value) pairs of the positions detente finds in ``text``."""
    from detente.negotiation.proposals import side_of

    def find(text: str) -> set[tuple[str, str]]:
        analysis = run(text)
        return {(side_of(analysis.actor(p.party)), p.value) for p in analysis.positions}

    return find
