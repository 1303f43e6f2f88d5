"""The docanalysis stage inside a pipeline (loads spaCy once per session)."""

from __future__ import annotations

import pytest

from conftest import shared_path
from detente.config import Config
from detente.docanalysis.genre import segment_genre_at
from detente.ingest.document import Draft, make_document
from detente.pipeline import Pipeline

STAGES = ["clean", "language", "nlp", "docanalysis"]


@pytest.fixture(scope="module")
def pipe(config: Config) -> Pipeline:
    return Pipeline(config.with_overrides(**{"pipeline.stages": STAGES}))


def _run(pipe: Pipeline, text: str):
    [result] = pipe.process([make_document(Draft(text=text, origin="t",
                                                 published="2025-11-27"))])
    return result


TEXT = ("Ukraine's foreign minister said on Monday that Kyiv had received the draft and would "
        "reply within days, according to a statement. Kremlin spokesman Dmitry Peskov "
        "said Moscow was ready to talk. The two delegations are expected to meet in Istanbul on "
        "Friday, officials said. The agenda has not been published.\n"
        "Read the original article here\n"
        "Well, isn't that just wonderful? I have heard this for years. It's the same charade "
        "every time, and we keep falling for it. Why do we keep playing along?\n"
        "Let's be honest: nobody in Moscow wants peace. The whole thing is theatre, and frankly "
        "it's insulting. Europe must stop waiting and act now, and the Kremlin smear screen "
        "should fool nobody.\n")


@pytest.mark.slow
def test_stage_fills_genre_segments_and_quality(pipe: Pipeline) -> None:
    result = _run(pipe, TEXT)
    doc = result.document
    assert doc.genre == "mixed"
    assert [s.genre for s in doc.segments] == ["report", "opinion"]
    assert segment_genre_at(doc, TEXT.index("Peskov")) == "report"
    assert segment_genre_at(doc, TEXT.index("theatre")) == "opinion"
    kinds = {f.kind for f in doc.quality.flags}
    assert {"boilerplate", "tortured_phrase"} <= kinds
    assert doc.quality.score < 1.0


SEEDS = {"000": "report", "001": "mixed", "002": "analysis", "003": "mixed", "004": "opinion"}


@pytest.mark.slow
@pytest.mark.shared
def test_seed_genres(pipe: Pipeline) -> None:
    folder = shared_path("seeds")
    for prefix, genre in SEEDS.items():
        [path] = folder.glob(f"{prefix}_*.txt")
        doc = _run(pipe, path.read_text("utf-8")).document
        assert doc.genre == genre, path.name
        if genre == "mixed":
            assert [s.genre for s in doc.segments][:2] == ["report", "opinion"], path.name
        if prefix == "000":
            assert doc.quality.flags, path.name


@pytest.mark.slow
@pytest.mark.shared
def test_seed_000_keeps_substitute_flags_with_actors(config: Config) -> None:
    """With the actors stage, names it resolved to the knowledge base are passed to the
    garbling check; the substitute name and the truncated name of seed 000 stay flagged."""
    with_actors = Pipeline(config.with_overrides(
        **{"pipeline.stages": ["clean", "language", "nlp", "actors", "docanalysis"]}))
    [path] = shared_path("seeds").glob("000_*.txt")
    result = _run(with_actors, path.read_text("utf-8"))
    found = {(f.kind, f.text) for f in result.document.quality.flags}
    assert {("name_variant", "Kristall"), ("name_variant", "Koza")} <= found
