"""The local engine and the global stages: Parquet output, store loading, dedup in order."""

import pytest

from detente.config import Config
from detente.scale.local_engine import run_local
from detente.scale.output import is_store_target, read_output
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
