"""The ingest job: batches, dedup, errors, and surviving an interruption."""

from pathlib import Path

import pytest

from detente.config import Config
from detente.jobs import ingest
from detente.nlp.embeddings import MODEL_NAME
from detente.store import open_store
from store import helpers

# Fixtures running a test on SQLite and (with $DETENTE_TEST_PG_URL) PostgreSQL.
backend, target = helpers.backend, helpers.target

LIGHT = Config().with_overrides(**{"pipeline.stages": ["clean", "language"],
                                   "pipeline.batch_size": 2})


def corpus(tmp_path: Path, n: int = 6) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:02d}.txt").write_text(
            f"Report {i}. Negotiators from {i} delegations met in Geneva on day {i} and agreed "
            f"to continue work on item {i * 7} of the draft before the next round.")
    return folder


def test_ingest_stores_skips_and_records_errors(tmp_path, db_path) -> None:
    folder = corpus(tmp_path)
    (folder / "empty.txt").write_text("")
    store = open_store(db_path)
    report = ingest([str(folder), str(tmp_path / "missing.txt")], store, LIGHT)
    assert (report.read, report.stored, report.failed) == (6, 6, 2)
    assert {e["code"] for e in store.errors()} == {"input_empty", "input_missing"}
    again = ingest([str(folder)], store, LIGHT)
    assert (again.stored, again.unchanged) == (0, 6)


def test_near_duplicate_is_linked(tmp_path, db_path) -> None:
    text = ("Russian and Ukrainian delegations met in Istanbul on Friday for their first direct "
            "talks in three years and agreed to exchange a thousand prisoners each, officials said.")
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "b.txt").write_text(text.replace("on Friday", "Friday") + " Talks may resume.")
    store = open_store(db_path)
    report = ingest([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], store, LIGHT)
    assert report.duplicates == 1
    dup = [r for r in store.list_documents() if r["duplicate_of"]]
    assert len(dup) == 1


def test_interrupted_run_keeps_committed_batches_and_resumes(tmp_path, db_path) -> None:
    folder = corpus(tmp_path, 6)
    store = open_store(db_path)
    calls = {"n": 0}

    def interrupt_after_first_batch(report) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest([str(folder)], store, LIGHT, progress=interrupt_after_first_batch)
    assert store.count("documents") == 2  # the first batch of two was committed
    runs = store.conn.execute("SELECT status FROM runs").fetchall()
    assert [r[0] for r in runs] == ["interrupted"]
    resumed = ingest([str(folder)], store, LIGHT)
    assert (resumed.stored, resumed.unchanged) == (4, 2)
    assert store.count("documents") == 6


@pytest.mark.parametrize("semantic", [True, False])
def test_ingest_builds_the_semantic_index(tmp_path, target, semantic) -> None:
    folder = corpus(tmp_path, 3)
    with open_store(target) as store:
        config = LIGHT.with_overrides(**{"store.semantic_index": semantic})
        assert ingest([str(folder)], store, config).stored == 3
        rows = list(store.iter_passages(MODEL_NAME))
        assert len(rows) == (3 if semantic else 0)
        assert store.documents_without_passages(MODEL_NAME) == ([] if semantic else sorted(
            r["id"] for r in store.list_documents()))
        assert all(v.shape == (384,) for *_, v in rows)
