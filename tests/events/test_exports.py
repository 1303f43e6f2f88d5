"""PLOVER/GDELT-style exports and the event detail view (hand-built analyses)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from detente.errors import DetenteError, NotFoundError
from detente.events.detail import event_detail
from detente.events.exports import event_rows, gdelt_rows, plover_records, write_event_rows
from detente.events.merge import lexical_embed, merge_events
from events.helpers import MET, MET2, corpus, vectors


def test_plover_records_per_mention() -> None:
    rows = plover_records(corpus()[:1])
    assert len(rows) == 1
    r = rows[0]
    assert (r["event"], r["date"], r["cameo"], r["quad_class"]) == ("CONSULT", "2025-12-02",
                                                                       "040", 1)
    assert r["actor"][0]["code"] == "RUSGOV" and r["recipient"][0]["country"] == "USA"
    assert r["sources"][0]["text"] == MET


@pytest.mark.parametrize("cameo,root,quad,gold", [("040", "04", 1, 1.0), ("190", "19", 4, -10.0),
                                                  ("1041", "10", 3, -5.0)])
def test_gdelt_codes_from_cameo(cameo, root, quad, gold) -> None:
    a = corpus()[0]
    a = a.replace(events=(a.events[0].replace(cameo=cameo),))
    row = gdelt_rows([a])[0]
    assert (row["EventRootCode"], row["QuadClass"], row["GoldsteinScale"]) == (root, quad, gold)
    assert row["SQLDATE"] == "20251202" and row["Actor1Code"] == "RUSGOV"
    assert row["Actor2CountryCode"] == "USA"


def test_gdelt_rows_from_merged_events_list_all_sources() -> None:
    merged = merge_events(corpus()[:2], embed=lambda texts: lexical_embed([MET] * len(texts)))
    rows = gdelt_rows(merged)
    assert len(rows) == 1
    row = rows[0]
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == (2, 2, 2)
    assert len(row["SOURCEURLS"].split()) == 2


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_write_text_formats(fmt) -> None:
    rows = event_rows(corpus(), "plover")
    text = write_event_rows(rows, fmt)
    assert text is not None
    if fmt == "jsonl":
        assert [json.loads(line)["id"] for line in text.splitlines()] == [r["id"] for r in rows]
    else:
        parsed = list(csv.DictReader(io.StringIO(text)))
        assert len(parsed) == len(rows) and json.loads(parsed[0]["actor"])[0]["text"]


def test_write_parquet(tmp_path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "events.parquet"
    write_event_rows(event_rows(corpus(), "gdelt"), "parquet", out)
    assert pq.read_table(out).num_rows == len(corpus())


@pytest.mark.parametrize("style,fmt", [("acled", "jsonl"), ("plover", "xlsx")])
def test_unknown_style_or_format(style, fmt) -> None:
    with pytest.raises(DetenteError):
        write_event_rows(event_rows(corpus(), style), fmt)


def test_event_detail_lists_other_reports() -> None:
    same = {frozenset((MET, MET2)): 0.9}

    d = event_detail(corpus(), "d2", "e1", embed=vectors(same))
    assert d["document"]["id"] == "d2" and d["evidence"] == MET2
    assert d["actor"][0]["name"] == "Russia (GOV)"
    assert [r["document_id"] for r in d["other_reports"]] == ["d1"]
    assert d["merged"]["date"]["value"] == "2025-12-02"


@pytest.mark.parametrize("doc,event", [("nope", "e1"), ("d1", "e9")])
def test_event_detail_not_found(doc, event) -> None:
    with pytest.raises(NotFoundError):
        event_detail(corpus(), doc, event, embed=lexical_embed)
