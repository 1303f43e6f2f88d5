"""Garbling detectors: name variants and substitutes, idiom swaps, truncated sentences."""

from __future__ import annotations

import pytest

from conftest import shared_path
from detente.docanalysis.garbling import (
    garbling_flags,
    idiom_substitution_flags,
    known_names,
    look_alike,
    name_variant_flags,
    tortured_phrase_flags,
    truncated_sentence_flags,
)
from detente.docanalysis.genre import split_paragraphs
from detente.docanalysis.knowledge import default_knowledge
from detente.facts import Actor, Span

KB = default_knowledge()


@pytest.mark.parametrize(("text", "flagged"), [
    ("The envoy met Medvedchuk. Later, Medvedchuk left, and Medvedchik returned.", {"Medvedchik"}),
    ("The plan came from Lavrenko. The aide to Lavrenko said Lavren would go.", {"Lavren"}),
    # a respelling that only ever starts a sentence
    ("Minister Olena Hrytsak spoke. Hrytsak said no. Hrytsack added more, and Hrytsak left.",
     {"Hrytsack"}),
    ("Talks with Russia went on. The Russian side and Russians agreed.", set()),
    ("Troops from Austria and Australia took part, said Austria.", set()),
    ("The ministers of Poland and Portugal met.", set()),
    # title-case headings capitalise ordinary words: they are not names
    ("Putin's War-Bashing Motive\nThe talks failed.\nInternational Backing Grows\nAid rose.", set()),
])
def test_name_variants(text: str, flagged: set[str]) -> None:
    flags = name_variant_flags(text, KB)
    assert {text[f.start:f.end] for f in flags} == flagged
    assert all(f.kind == "name_variant" for f in flags)


@pytest.mark.parametrize(("text", "flagged", "note"), [
    # the same given name, no role of its own
    ("The envoy Pavel Orlik arrived. Orlik spoke first. Orlik left. Pavel Tumbler said the "
     "offer stood.", "Tumbler", "same given name as Pavel Orlik"),
    # the same multi-word role
    ("Deputy chief of staff Arkady Semko wrote it. Semko sent it. Semko waited. Then deputy "
     "chief of staff Sandbank said it was lost.", "Sandbank", "same role"),
    # the subject of a paragraph whose heading names the dominant person, who it never names
    ("Envoy Anton Rudko opened the talks. Rudko spoke.\nWho Is Rudko?\nSince 2019, Marble has "
     "led the team, and he wrote the draft.\nRudko left.", "Marble", "under a heading naming"),
])
def test_substitute_names(text: str, flagged: str, note: str) -> None:
    [flag] = name_variant_flags(text, KB)
    assert (flag.text, flag.start) == (flagged, text.index(flagged))
    assert note in (flag.note or "")


@pytest.mark.parametrize("text", [
    # two different Dmitrys: the second has a role of its own
    "Diplomat Dmitry Kalin drafted it. Kalin said so. Kalin left. Kremlin spokesman Dmitry "
    "Sorin denied it.",
    # same role, different countries
    "Russian foreign minister Oleg Lavin met Ukrainian foreign minister Ivan Sybko. Lavin spoke. "
    "Lavin left. Sybko stayed.",
    # the heading's person is named in the paragraph
    "Envoy Anton Rudko opened the talks. Rudko spoke.\nWho Is Rudko?\nSince 2019, Rudko has led "
    "the team, and Marble said he wrote the draft.\nRudko left.",
    # New York and New Delhi share a first word, not a given name
    "Delegates from New York and New Delhi met. New York hosted. New York paid.",
])
def test_no_substitute_in_clean_text(text: str) -> None:
    assert name_variant_flags(text, KB) == []


def test_known_names_are_not_substitutes() -> None:
    text = ("Envoy Anton Rudko opened the talks. Rudko spoke.\nWho Is Rudko?\nSince 2019, Marble "
            "has led the team, and he wrote the draft.\nRudko left.")
    start = text.index("Marble")
    actor = Actor(id="a1", name="Marble", kind="person", kb_id="marble",
                  mentions=(Span(start, start + 6, "Marble"),))
    assert known_names([actor]) == {"Marble"}
    assert name_variant_flags(text, KB, known=known_names([actor])) == []


@pytest.mark.parametrize(("found", "expected", "alike"), [
    ("smoky", "smoke", True), ("brunch", "branch", True), ("lane", "line", True),
    ("screens", "screen", False), ("lines", "line", False), ("settling", "settle", False),
    ("water", "war", False), ("proposal", "process", True), ("table", "cable", False),
])
def test_look_alike(found: str, expected: str, alike: bool) -> None:
    assert look_alike(found, expected) is alike


@pytest.mark.parametrize(("text", "garbled", "means"), [
    ("Critics said the vote was a smoky screen for cuts.", "smoky screen", "smoke screen"),
    ("Kyiv extended an olive brunch on Tuesday.", "olive brunch", "olive branch"),
    ("Nobody named the elephant in the roam.", "elephant in the roam", "elephant in the room"),
    ("Diplomats saw a window of opportunism.", "window of opportunism", "window of opportunity"),
])
def test_idiom_substitution_names_the_idiom(text: str, garbled: str, means: str) -> None:
    [flag] = idiom_substitution_flags(text, KB)
    assert (flag.kind, text[flag.start:flag.end], flag.note) == (
        "tortured_phrase", garbled, f"for {means}")


@pytest.mark.parametrize("text", [
    "The talks were a smoke screen, and both drew red lines.",
    "Prisoners are bargaining chips; he offered olive branches.",
    "The peace process stalled after the peace proposal leaked.",
    "Shelling crossed the Line of Control; the ministry threw cold water on it.",
    "The red. Line was drawn.",  # punctuation splits a phrase
])
def test_no_idiom_substitution_in_clean_text(text: str) -> None:
    assert idiom_substitution_flags(text, KB) == []


def test_listed_tortured_phrase() -> None:
    text = "Both sides drew crimson strings around the port."
    [flag] = tortured_phrase_flags(text, KB)
    assert (text[flag.start:flag.end], flag.note) == ("crimson strings", "for red lines")


@pytest.mark.parametrize(("text", "cut"), [
    ("The delegation arrived on Monday and met the\nThe talks ended on Tuesday.\n"
     "Both sides agreed to meet again next month.", "met the"),
    # short enough to pass for a heading, but a sentence cut after a preposition
    ("The mayor said the water supply could fail within\nRepairs began.\nIt rained.", "within"),
])
def test_truncated_sentence_inside_text(text: str, cut: str) -> None:
    flags = truncated_sentence_flags(split_paragraphs(text), text, KB)
    assert [f.kind for f in flags] == ["truncated_sentence"]
    assert flags[0].end == text.index(cut) + len(cut)


def test_sentence_case_heading_is_not_truncated() -> None:
    text = "Intro line here.\nThe phantom team: why the envoy was sent there\nIt was odd."
    assert truncated_sentence_flags(split_paragraphs(text), text, KB) == []


@pytest.mark.shared
def test_seed_flags() -> None:
    """Seed 000 (machine-rewritten) gets the substitute name and the mangled idiom; the other
    seeds get no idiom, truncation or substitute-name flags."""
    for path in sorted(shared_path("seeds").glob("*.txt")):
        text = path.read_text("utf-8")
        flags = garbling_flags(text, split_paragraphs(text), KB)
        found = {(f.kind, f.text) for f in flags}
        if path.name.startswith("000"):
            assert {("name_variant", "Kristall"), ("name_variant", "Koza"),
                    ("tortured_phrase", "smear screen")} <= found, path.name
            [idiom] = [f for f in flags if f.kind == "tortured_phrase"]
            assert idiom.note == "for smoke screen"
        else:
            assert not [f for f in flags if f.kind != "name_variant"
                        or not (f.note or "").startswith("also spelled")], path.name
