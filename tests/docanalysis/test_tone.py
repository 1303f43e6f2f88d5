"""Target-dependent tone."""

from __future__ import annotations

import pytest

from detente.docanalysis.tone import analyzer, clause_around, compound, tone_toward


def _one(text: str, target: str, **kw) -> dict:
    s = text.index(target)
    return tone_toward([(0, len(text), text)], [(s, s + len(target))], **kw)


@pytest.mark.parametrize(("text", "target", "label"), [
    ("Tusk's calm and courageous response deserves praise.", "Tusk", "positive"),
    ("The regime's cynical lies are a disgrace.", "regime", "negative"),
    ("Lavrov met the envoy in Moscow on Monday.", "Lavrov", "neutral"),
    ("The army said fighting killed four soldiers near the town.", "army", "neutral"),
])
def test_tone_labels(text: str, target: str, label: str) -> None:
    out = _one(text, target)
    assert out["label"] == label
    assert out["status"] == "experimental"


def test_own_quote_is_masked() -> None:
    text = 'Peskov said the plan was "a disgraceful, shameful provocation."'
    s = text.index("“") if "“" in text else text.index('"')
    out = _one(text, "Peskov", own_quotes=[(s, len(text))])
    assert out["label"] == "neutral"


def test_clause_of_the_target_only() -> None:
    text = "Zelensky was brave, but Putin was cruel and brutal."
    z, p = text.index("Zelensky"), text.index("Putin")
    zel = tone_toward([(0, len(text), text)], [(z, z + 8)], other_mentions=[(p, p + 5)])
    put = tone_toward([(0, len(text), text)], [(p, p + 5)], other_mentions=[(z, z + 8)])
    assert (zel["label"], put["label"]) == ("positive", "negative")


def test_no_mention_no_label() -> None:
    assert tone_toward([(0, 5, "Hello")], [(10, 12)])["label"] is None


def test_clause_around() -> None:
    text = "A is good; B is bad"
    assert text[slice(*clause_around(text, 11, 12))].strip() == "B is bad"


@pytest.mark.parametrize("text", [
    "The talks resumed on Monday in Istanbul.", "A good deal, not a bad one!", "No.",
    "He was NOT happy :)", "kind of", "the war goes on 😀", "", "well... ok?", "(great)",
])
def test_compound_matches_vader(text: str) -> None:
    """The lexicon pre-check only skips texts VADER scores 0.0 anyway."""
    assert compound(text) == analyzer().polarity_scores(text)["compound"]
