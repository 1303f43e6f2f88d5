"""Literal prefilters of cue and issue patterns: never hide a match the pattern finds."""

import random

import pytest

from detente.negotiation.knowledge import (
    LiteralScanner,
    any_trigger,
    literal_triggers,
    load_kb,
    may_match,
)


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
    # The one-pass scanner the stage uses agrees with testing each literal.
    lowered = text.lower()
    cue_triggers = [t for c in kb.cues for t in c.triggers]
    issue_triggers = [i.triggers for i in kb.issues]
    for scanner, triggers in ((kb.cue_literals, cue_triggers),
                              (kb.issue_literals, issue_triggers)):
        present = scanner.present(lowered)
        assert all(may_match(t, present) == any_trigger(t, lowered) for t in triggers)


@pytest.mark.parametrize(("literals", "text", "expected"), [
    (["reject", "rejected", "ejec"], "they rejected it", {"reject", "rejected", "ejec"}),
    ([" not ", "not", "no "], "will not sign", {" not ", "not"}),
    (["aa", "aaa"], "aaaa", {"aa", "aaa"}),  # overlapping occurrences
    (["a.b", "a+b"], "a+b", {"a+b"}),  # literals are not patterns
    (["basis"], "", set()),
    ([], "anything", set()),
])
def test_literal_scanner(literals: list[str], text: str, expected: set[str]) -> None:
    assert LiteralScanner(literals).present(text) == expected


@pytest.mark.parametrize("seed", range(5))
def test_literal_scanner_equals_substring_tests(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(300):
        literals = ["".join(rng.choice("ab .") for _ in range(rng.randint(1, 4)))
                    for _ in range(rng.randint(1, 8))]
        text = "".join(rng.choice("ab .") for _ in range(rng.randint(0, 24)))
        assert LiteralScanner(literals).present(text) == {w for w in literals if w in text}
