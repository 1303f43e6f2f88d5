"""The real seed articles in ../shared/seeds (skipped when ../shared is absent)."""

import pytest

from conftest import shared_path
from detente.config import Config
from detente.jobs import ingest
from detente.store import open_store

LIGHT = Config().with_overrides(**{"pipeline.stages": ["clean", "language"]})


def test_seeds_ingest_with_boilerplate_and_debris_flagged(db_path) -> None:
    seeds = shared_path("seeds")
    store = open_store(db_path)
    report = ingest([str(seeds)], store, LIGHT)
    assert (report.stored, report.failed) == (5, 0)
    flags = {}
    for analysis in store.iter_analyses():
        origin = analysis.document.origin.rsplit("/", 1)[-1]
        flags[origin] = [(f.kind, f.text) for f in analysis.document.quality.flags]
    assert ("foreign_script", "前 宣布") in flags["000_a7288fce7a1ab3ef.txt"]
    boilerplate = [t for fl in flags.values() for k, t in fl if k == "boilerplate"]
    assert "Read the original article here" in boilerplate
    assert all(k != "foreign_script" for name, fl in flags.items() if not name.startswith("000")
               for k, _ in fl)


@pytest.mark.slow
def test_seed_text_round_trips_offsets(pipeline) -> None:
    from detente.ingest import iter_drafts, make_document

    for draft in iter_drafts([str(shared_path("seeds"))]):
        doc = make_document(draft)
        [analysis] = pipeline.process([doc])
        for f in analysis.document.quality.flags:
            assert doc.text[f.start:f.end] == f.text
