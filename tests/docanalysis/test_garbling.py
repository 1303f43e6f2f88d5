"""Garbling detectors: name variants, tortured phrases, truncated sentences."""

from __future__ import annotations

import pytest

from detente.docanalysis.garbling import (
    name_variant_flags,
    tortured_phrase_flags,
    truncated_sentence_flags,
)
from detente.docanalysis.genre import split_paragraphs
from detente.docanalysis.knowledge import default_knowledge

KB = default_knowledge()


@pytest.mark.parametrize(("text", "flagged"), [
    ("The envoy met Medvedchuk. Later, Medvedchuk left, and Medvedchik returned.", {"Medvedchik"}),
    ("The plan came from Lavrenko. The aide to Lavrenko said Lavren would go.", {"Lavren"}),
    ("Talks with Russia went on. The Russian side and Russians agreed.", set()),
    ("Troops from Austria and Australia took part, said Austria.", set()),
    ("The ministers of Poland and Portugal met.", set()),
])
def test_name_variants(text: str, flagged: set[str]) -> None:
    flags = name_variant_flags(text, KB)
    assert {text[f.start:f.end] for f in flags} == flagged
    assert all(f.kind == "name_variant" for f in flags)


def test_tortured_phrase_names_the_original() -> None:
    text = "He said the talks were a smear screen for the offensive."
    [flag] = tortured_phrase_flags(text, KB)
    assert text[flag.start:flag.end] == "smear screen"
    assert flag.note == "for smoke screen"


def test_no_tortured_phrase_in_clean_text() -> None:
    assert tortured_phrase_flags("The talks were a smoke screen.", KB) == []


def test_truncated_sentence_inside_text() -> None:
    text = ("The delegation arrived on Monday and met the\nThe talks ended on Tuesday.\n"
            "Both sides agreed to meet again next month.")
    flags = truncated_sentence_flags(split_paragraphs(text), text)
    assert [f.kind for f in flags] == ["truncated_sentence"]
    assert flags[0].end == text.index("\n")
