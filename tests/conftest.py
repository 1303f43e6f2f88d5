"""Shared fixtures. Model-heavy fixtures are session-scoped so the spaCy model loads once."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.config import Config
from detente.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when it is absent (as on a user's machine)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared not available ({path})")
    return path


def analyse_seeds(config: Config, stages: list[str]) -> dict:
    """The real seed articles of ../shared/seeds (skipping the test without them) analysed by
    ``stages``, keyed by their number ("000")."""
    from detente.ingest import iter_drafts, make_document

    pipe = Pipeline(config.with_overrides(**{"pipeline.stages": stages}))
    out = {}
    for result in iter_drafts([str(shared_path("seeds"))]):
        doc = make_document(getattr(result, "draft", result))
        [analysis] = pipe.process([doc])
        out[doc.origin.rsplit("/", 1)[-1][:3]] = analysis
    return out


@pytest.fixture(scope="session")
def config() -> Config:
    return Config()


@pytest.fixture(scope="session")
def pipeline(config: Config) -> Pipeline:
    """The full configured pipeline (loads spaCy once per test session)."""
    return Pipeline(config)


@pytest.fixture(scope="session")
def nlp(pipeline: Pipeline):
    return pipeline.context.get("nlp")


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"
