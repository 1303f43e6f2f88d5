"""Literal prefilters of cue and issue patterns: never hide a match the pattern finds."""

import pytest

from detente.negotiation.knowledge import any_trigger, literal_triggers, load_kb


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\b(will|would) not (sign|accept)\b", {" not "}),
    (r"\bonly (if|once)\b", {"only "}),
    (r"\b(a|the) (\w+ )?(basis|foundation)\b", {"basis", "foundation"}),
    (r"\w+", None),
])
def test_literal_triggers(pattern: str, expected: set[str] | None) -> None:
    assert literal_triggers(pattern) == (frozenset(expected) if expected else None)


@pytest.mark.parametrize("text", [
    "Moscow will not accept any peace deal that allows European troops in Ukraine.",
    "Peskov dismissed as absurd a newspaper report that Russia had agreed to a truce.",
    "Hamas said it was open to discussing the U.S. plan, but demanded a full withdrawal.",
    "Sanctions would stay in place until Moscow agreed to a ceasefire.",
    "Kyiv has no objection to a prisoner exchange; Europe wants the plan amended.",
])
def test_triggers_sound_on_bundled_patterns(text: str) -> None:
    kb = load_kb()
    pairs = [(p, t) for c in kb.cues for p, t in zip(c.patterns, c.triggers, strict=True)]
    pairs += [(i.pattern, i.triggers) for i in kb.issues if i.pattern is not None]
    matched = [p.pattern for p, t in pairs if p.search(text)]
    assert matched  # each text exercises at least one pattern
    assert all(any_trigger(t, text.lower()) for p, t in pairs if p.search(text))
