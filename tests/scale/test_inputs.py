"""Canonical records and the shard/other split (no Ray needed)."""

from datetime import date, datetime

import pytest

from detente.errors import ErrorRecord
from detente.facts import Document
from detente.ingest.document import Draft
from detente.ingest.sources import IngestOptions
from detente.scale.inputs import draft_record, shard_record, split_inputs, to_document


@pytest.mark.parametrize(("published", "expected"), [
    (date(2025, 11, 27), "2025-11-27"),
    (datetime(2025, 11, 27, 9, 30), "2025-11-27T09:30:00+00:00"),
    ("27 November 2025", "2025-11-27T00:00:00+00:00"),
    (None, None),
])
def test_records_keep_what_make_document_gives(published, expected) -> None:
    draft = Draft(text="Talks resumed in Doha.", origin="a.md", published=published)
    doc = to_document(draft_record(draft))
    assert isinstance(doc, Document)
    assert doc.published == expected or (expected and doc.published.startswith(expected[:10]))


def test_reader_errors_travel_as_records() -> None:
    rec = draft_record(ErrorRecord("b.html", "input_empty", "no text"))
    assert to_document(rec) == ErrorRecord("b.html", "input_empty", "no text")


@pytest.mark.parametrize(("row", "title", "error"), [
    ({"body": "Truce holds in Gaza.", "headline": "Truce", "path": "s.jsonl"}, "Truce", None),
    ({"headline": "No body", "path": "s.jsonl"}, None, "input_empty"),
])
def test_shard_rows_use_the_ingest_column_names(row, title, error) -> None:
    rec = shard_record(row, IngestOptions())
    assert rec["title"] == title
    assert (rec["error"] is not None and error in rec["error"]) or (error is None
                                                                    and rec["error"] is None)


def test_split_sends_shards_to_ray_data_and_the_rest_to_detente(tmp_path) -> None:
    for name in ("a.jsonl", "b.parquet", "c.md", "d.txt"):
        (tmp_path / name).write_text("x")
    shards, rest = split_inputs([str(tmp_path), "https://example.org/feed"], IngestOptions())
    assert [p.rsplit("/", 1)[1] for p in shards["json"]] == ["a.jsonl"]
    assert [p.rsplit("/", 1)[1] for p in shards["parquet"]] == ["b.parquet"]
    assert [p.rsplit("/", 1)[-1] for p in rest] == ["c.md", "d.txt", "feed"]
