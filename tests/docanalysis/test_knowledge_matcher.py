"""The fast cue matcher finds exactly what the case-insensitive regex finds."""

from __future__ import annotations

import re

import pytest

from detente.docanalysis.knowledge import cue_matcher, default_knowledge, fold, word_regex

TEXTS = [
    "It's TIME we stopped. Analysts SAY the Plan isn't working, “it’s absurd”, she said.",
    "On MONDAY at 9 a.m. the envoy met officials familiar with the talks; I'm sure.",
    "The ſtrange case: a dotless ı and İstanbul keep the exact path.",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("name", sorted(default_knowledge().cues))
def test_bundled_cues_match_like_the_regex(name: str, text: str) -> None:
    cue = default_knowledge().cues[name]
    assert [m.span() for m in cue.regex.finditer(text)] == cue.spans(text)
    assert cue.count(text, fold(text)) == len(cue.regex.findall(text))
    assert cue.search(text) == (cue.regex.search(text) is not None)


@pytest.mark.parametrize(("entries", "fast"), [
    (["said", "told reporters", "needs? to", "['’]s"], True),
    (["\\W+x"], False),            # \W lowercased would mean \w
    (["[A-z]ed"], False),          # a range changes under lowercasing
    (["(?i:said)"], False),        # inline flags
    (["Zürich"], False),           # non-ASCII letters
])
def test_fast_copy_only_when_lowering_is_safe(entries: list[str], fast: bool) -> None:
    cue = cue_matcher(entries, "test")
    assert (cue.fast is not None) == fast
    assert cue.pattern == word_regex(entries, "test").pattern


@pytest.mark.parametrize(("text", "folded"), [
    ("Said", "said"),
    ("İstanbul", None),   # lowercasing adds a character: offsets would move
    ("ſaid", None),       # re.IGNORECASE equates ſ with s, str.lower() does not
])
def test_fold(text: str, folded: str | None) -> None:
    assert fold(text) == folded


def test_case_sensitive_lists_keep_the_exact_regex() -> None:
    cue = cue_matcher(["[Ww]e", "us"], "test", case_sensitive=True)
    assert cue.fast is None
    assert cue.count("US officials and us") == 1
    assert re.compile(cue.pattern).pattern == cue.pattern
