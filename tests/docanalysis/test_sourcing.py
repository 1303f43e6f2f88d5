"""Sourcing profile from cue patterns and from quotes."""

from __future__ import annotations

import pytest

from detente.docanalysis.sourcing import sentence_spans, sourcing_profile
from detente.facts import Quote, Speaker

TEXT = ("According to three people familiar with the talks, the envoy offered a new draft. "
        "The draft, seen by this newspaper, has 20 points. "
        "Kremlin spokesman Dmitry Peskov dismissed the report as untrue. "
        "The proposal, if any, remains unverifiable. "
        "Fighting continued in the east.")


@pytest.fixture(scope="module")
def profile() -> dict:
    return sourcing_profile(TEXT, sentence_spans(TEXT))


def test_anonymous_source_is_described(profile: dict) -> None:
    assert profile["counts"]["anonymous"] == 1
    assert "three people familiar with the talks" in profile["anonymous"][0]["text"]


def test_document_source_and_named_fallback(profile: dict) -> None:
    assert profile["counts"]["documents"] >= 1
    assert profile["named"] == [{"name": "Dmitry Peskov", "count": 1}]


def test_hedges(profile: dict) -> None:
    assert {h["text"].lower() for h in profile["hedges"]} >= {"if any", "remains unverifiable"}


def test_denial_linked_to_claim(profile: dict) -> None:
    [denial] = profile["denials"]
    assert denial["text"].startswith("Kremlin spokesman")
    # The denied claim rests on the anonymous or document source before it.
    assert denial["denies"]["start"] < denial["start"]
    claim = next(c for c in profile["claims"] if c["start"] == denial["denies"]["start"])
    assert claim["source_type"] in ("anonymous", "document")
    assert claim["denied_by"] == {"start": denial["start"], "end": denial["end"]}


def test_unattributed_claim(profile: dict) -> None:
    last = profile["claims"][-1]
    assert last["source_type"] == "unattributed"


def test_quotes_are_used_when_present() -> None:
    text = "\"We will not sign,\" an official said. Officials close to the talks agreed."
    quote = Quote(id="q1", kind="direct", content="We will not sign", start=0, end=18,
                  speaker=Speaker(actor=None, name=None, text="an official",
                                  source_type="anonymous"), stance="denies")
    prof = sourcing_profile(text, sentence_spans(text), quotes=[quote])
    assert "an official" in [a["text"] for a in prof["anonymous"]]
    assert prof["counts"]["denials"] == 1


def test_opinion_sentences_are_not_claims() -> None:
    text = "The minister said talks would resume. I think this is a farce."
    prof = sourcing_profile(text, sentence_spans(text),
                            genre_at=lambda off: "opinion" if off > 30 else "report")
    assert prof["counts"]["claims"] == 1
