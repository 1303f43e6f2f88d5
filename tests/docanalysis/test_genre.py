"""Paragraph genre, segments and document genre (text only, no model)."""

from __future__ import annotations

import pytest

from detente.docanalysis.genre import GenreModel, segment_genre_at, split_paragraphs
from detente.docanalysis.knowledge import default_knowledge
from detente.facts import Document, Segment


@pytest.fixture(scope="module")
def model() -> GenreModel:
    return GenreModel(default_knowledge())


@pytest.mark.parametrize(("text", "genre"), [
    ("The foreign ministers met in Vienna on Tuesday and agreed to resume talks next month, "
     "a spokesman for the host government said.", "report"),
    # A report quoting an opinionated speaker is still a report.
    ("\"This is a disgraceful betrayal and I will never accept it,\" the opposition leader told "
     "reporters in the capital on Friday. The ministry did not respond to a request for comment.",
     "report"),
    ("The truce is likely to hold only as long as both sides see a benefit. Analysts say the "
     "underlying dispute remains unresolved, which suggests new clashes could follow.",
     "analysis"),
    ("I am tired of hearing that this deal is a triumph. It isn't. Why do we keep pretending "
     "that empty promises will stop the shelling?", "opinion"),
    ("Stop rewarding aggression. Europe must spend the money, train the troops and act now.",
     "opinion"),
])
def test_classify_paragraph(model: GenreModel, text: str, genre: str) -> None:
    assert model.classify(text) == genre


@pytest.mark.parametrize(("line", "kind"), [
    ("What Happens After The Deal?", "heading"),
    ("Conclusion", "heading"),
    ("Are these people even serious about peace? I doubt it very much.", "body"),
    ("- The envoy left Moscow on Wednesday.", "body"),
])
def test_split_paragraphs_kinds(line: str, kind: str) -> None:
    text = f"First paragraph of text ends here.\n{line}\n"
    paragraphs = split_paragraphs(text)
    assert paragraphs[1].kind == kind
    assert text[paragraphs[1].start:paragraphs[1].end] == line


def test_boilerplate_lines_are_not_labelled(model: GenreModel) -> None:
    text = "The minister said the talks would resume on Monday.\nRead the original article here\n"
    start = text.index("Read")
    paragraphs = model.label(split_paragraphs(text, [(start, start + 29)]))
    assert [p.kind for p in paragraphs] == ["body", "boilerplate"]
    assert paragraphs[1].genre is None


SUMMARY = ("Russia's foreign minister said on Tuesday that Moscow had received the proposal and "
           "would respond within a week, according to a statement. Ukrainian officials said "
           "they had not been consulted, and talks are expected to resume in Geneva on Friday. The "
           "ministry added that the delegation would be led by a deputy minister.")
COMMENT = [
    "Well, isn't that just wonderful? I have read these statements for years and I am tired of "
    "them. It's the same charade every time, and we keep falling for it.",
    "Let's be honest: nobody in Moscow wants peace. The whole thing is theatre, and frankly it "
    "is insulting to pretend otherwise. Why do we keep playing along?",
    "We should stop waiting for invitations. Europe must act, and it must act now, before the "
    "next absurd plan lands on the table.",
]


def test_summary_then_commentary_is_mixed(model: GenreModel) -> None:
    text = "\n".join([SUMMARY, *COMMENT])
    paragraphs = model.label(split_paragraphs(text))
    segments = model.segments(paragraphs)
    assert model.document_genre(paragraphs) == "mixed"
    assert [s.genre for s in segments] == ["report", "opinion"]
    assert segments[0].start == 0 and segments[1].end == len(text)


def test_commentary_only_is_opinion(model: GenreModel) -> None:
    paragraphs = model.label(split_paragraphs("\n".join(COMMENT)))
    assert model.document_genre(paragraphs) == "opinion"


def test_empty_document_has_no_genre(model: GenreModel) -> None:
    assert model.document_genre(split_paragraphs("Conclusion\n")) is None


@pytest.mark.parametrize(("offset", "genre"), [(0, "report"), (15, "opinion"), (40, None)])
def test_segment_genre_at(offset: int, genre: str | None) -> None:
    doc = Document(id="d", text="x" * 50, segments=(Segment(0, 10, "report"),
                                                   Segment(11, 30, "opinion")))
    assert segment_genre_at(doc, offset) == genre


@pytest.mark.parametrize(("text", "genre"), [
    # A bare one- or two-sentence statement has no cue of any genre: it is reporting.
    ("Trump met European leaders at the White House on Monday.", "report"),
    ("The talks will resume in Geneva. The envoys arrive tomorrow.", "report"),
    # Short texts with a cue keep the genre the cue points to.
    ("This is absurd. We must stop it now!", "opinion"),
    ("The deal may collapse because neither side trusts the other.", "analysis"),
])
def test_short_text_needs_minimum_evidence(model: GenreModel, text: str, genre: str) -> None:
    assert model.classify(text) == genre
    assert model.document_genre(model.label(split_paragraphs(text))) == genre


def test_long_text_ignores_minimum_evidence(model: GenreModel) -> None:
    # Past the sentence limit every genre stays open (here the prior-free scores decide).
    text = " ".join(["The plan is a betrayal."] * 2 + ["It was signed."] * 2)
    assert model._allowed([text], [set()]) == ("report", "analysis", "opinion")
