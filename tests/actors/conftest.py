"""Fixtures shared by the actor tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from detente.config import Config
from detente.facts import Actor
from detente.ingest.document import Draft, make_document
from detente.pipeline import Pipeline


@pytest.fixture(scope="session")
def analyze_actors(config: Config) -> Callable[..., list[Actor]]:
    """Run clean, language, nlp and actors on one text: ``analyze_actors(text, published)``."""
    pipe = Pipeline(config.with_overrides(
        **{"pipeline.stages": ["clean", "language", "nlp", "actors"]}))

    def analyze(text: str, published: str = "2025-11-27") -> list[Actor]:
        [result] = pipe.process([make_document(Draft(text=text, origin="t",
                                                     published=published))])
        return list(result.actors)

    return analyze
