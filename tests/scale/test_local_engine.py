"""The local engine and the global stages: Parquet output, store loading, dedup in order."""

import pytest

from detente.config import Config
from detente.scale.local_engine import run_local
from detente.scale.output import MERGED_FILE, is_store_target, read_merged, read_output
from detente.store import open_store

LIGHT = Config().with_overrides(**{"pipeline.stages": ["clean", "language"]})
STORY = ("Negotiators from both sides met in Istanbul on Tuesday and agreed to exchange "
         "prisoners, a spokesman said, adding that a further round of talks would follow "
         "next month if the ceasefire along the front line continued to hold.")


def corpus(folder):
    folder.mkdir()
    (folder / "1.txt").write_text(STORY)
    (folder / "2.txt").write_text(STORY.replace("Tuesday", "Wednesday"))  # an edited copy
    (folder / "3.txt").write_text("Sudan's army and the RSF traded blame after the truce in "
                                  "El Fasher collapsed within hours of being announced.")
    (folder / "4.txt").write_text("   ")  # fails to read: reported, not stored
    return str(folder)


@pytest.mark.parametrize(("output", "expected"), [
    ("out", False), ("x.db", True), ("postgresql://h/db", True)])
def test_output_kind(output, expected) -> None:
    assert is_store_target(output) is expected


def test_parquet_output_marks_the_later_copy(tmp_path) -> None:
    report = run_local([corpus(tmp_path / "in")], str(tmp_path / "out"), LIGHT, n_process=1)
    assert (report.documents, report.duplicates, len(report.errors)) == (3, 1, 1)
    analyses = read_output(tmp_path / "out")
    first, copy, other = (a.document for a in analyses)
    assert copy.duplicate_of == first.id and first.duplicate_of is None
    assert other.duplicate_of is None
    assert (tmp_path / "out" / "errors.jsonl").read_text().count("\n") == 1


def test_store_output_and_rerun(tmp_path, target) -> None:
    inputs = [corpus(tmp_path / "in")]
    assert run_local(inputs, target, LIGHT, n_process=1).stored == 3
    assert run_local(inputs, target, LIGHT, n_process=1).stored == 0  # rerun: nothing new
    with open_store(target) as store:
        assert store.count("documents") == 3 and store.stats()["duplicates"] == 1


def report_of(folder, name: str, outlet: str, published: str, body: str) -> None:
    (folder / name).write_text(f'---\ntitle: "{name}"\noutlet: "{outlet}"\n'
                               f'published: "{published}"\n---\n\n{body}\n')


def event_corpus(folder):
    """Two outlets report one meeting; a third article reports something else."""
    folder.mkdir()
    report_of(folder, "a.md", "Wire", "2025-12-02",
              "MOSCOW — Russian President Vladimir Putin met U.S. envoy Steve Witkoff in the "
              "Kremlin on Tuesday to discuss a peace plan for Ukraine, officials said.")
    report_of(folder, "b.md", "Ledger", "2025-12-03",
              "Vladimir Putin met Steve Witkoff in Moscow on Tuesday for five hours of talks "
              "on the American peace plan, the Kremlin said.")
    report_of(folder, "c.md", "Post", "2025-12-03",
              "Ukrainian drones struck an oil refinery in the Saratov region overnight, the "
              "governor said.")
    return str(folder)


EVENTS = Config().with_overrides(
    **{"pipeline.stages": ["clean", "language", "nlp", "actors", "events"]})


def test_parquet_output_merges_events_across_articles(tmp_path) -> None:
    out = tmp_path / "out"
    report = run_local([event_corpus(tmp_path / "in")], str(out), EVENTS, n_process=1)
    merged = read_merged(out)
    assert report.merged_events == len(merged) and str(out / MERGED_FILE) in report.files
    # Every current (not historical) event mention is a source of exactly one merged event.
    assert sum(m["sources"] for m in merged) == sum(
        not e.historical for a in read_output(out) for e in a.events)
    shared = [m for m in merged if m["sources"] > 1]
    assert len(shared) == 1
    meeting = shared[0]
    assert (meeting["type"], meeting["sources"], meeting["outlets"]) == (
        "CONSULT", 2, ["Ledger", "Wire"])
    assert "Vladimir Putin" in meeting["actor"]
    assert {s["outlet"] for s in meeting["data"]["sources"]} == {"Ledger", "Wire"}


def test_parquet_output_without_events_writes_an_empty_merge(tmp_path) -> None:
    report = run_local([corpus(tmp_path / "in")], str(tmp_path / "out"), LIGHT, n_process=1)
    assert report.merged_events == 0 and read_merged(tmp_path / "out") == []
