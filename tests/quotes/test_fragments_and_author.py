"""Issue 6 quote fixes: indirect content must be a clause (or an object the cue takes), and an
author's own "I said/I argued" is credited to the document's author or left out with a reason."""

from __future__ import annotations

import pytest

from detente.ingest.document import Draft, make_document
from detente.pipeline.registry import WorkItem
from detente.quotes.extract import extract_quotes
from detente.quotes.lexicon import CueLexicon

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def lex() -> CueLexicon:
    return CueLexicon.load()


def _item(nlp, text: str, author: str | None = None) -> WorkItem:
    item = WorkItem(make_document(Draft(text=text, origin="t", author=author)))
    item.doc = nlp(item.document.text)
    return item


@pytest.mark.parametrize("text", [
    "Ukraine needs the money now, not in a communiqué next spring.",
    "The deal must be agreed today, not in a statement next month.",
])
def test_negated_statement_phrase_is_no_cue(nlp, lex, text):
    assert extract_quotes(_item(nlp, text), lex) == []


@pytest.mark.parametrize("text", [
    # a stranded modal is no clause
    "If the bloc does not decide, the minister promised us someone else will.",
    "If nobody acts now, the senator warned that others will.",
])
def test_fragment_content_is_not_an_indirect_quote(nlp, lex, text):
    item = _item(nlp, text)
    assert extract_quotes(item, lex) == []
    assert any(s["reason"] == "indirect content is not a clause"
               for s in item.scratch["quote_skips"])


@pytest.mark.parametrize(("text", "content"), [
    ("The minister said Russia agreed.", "Russia agreed"),
    ("The envoy said the proposal was unacceptable.", "the proposal was unacceptable"),
    # noun-phrase objects the lexicon licenses stay quotes (denials feed positions)
    ("The Kremlin denied the report.", "the report"),
    ("The minister called for a ceasefire.", "for a ceasefire"),
])
def test_clauses_and_licensed_objects_still_count(nlp, lex, text, content):
    assert [q.content for q in extract_quotes(_item(nlp, text), lex)] == [content]


@pytest.mark.parametrize("text", [
    "I argued last year that sanctions would fail.",
    "I am saying that a settlement drafted without Kyiv has a poor record.",
    "“We will not give up,” I told the minister.",
])
def test_unnamed_authors_first_person_is_left_out(nlp, lex, text):
    item = _item(nlp, text)
    assert extract_quotes(item, lex) == []
    assert any("first-person" in s["reason"] for s in item.scratch["quote_skips"])


@pytest.mark.parametrize("text", [
    "I argued last year that sanctions would fail.",
    "“We will not give up,” I told the minister.",
])
def test_named_authors_first_person_is_credited_to_the_author(nlp, lex, text):
    quotes = extract_quotes(_item(nlp, text, author="Jane Writer"), lex)
    assert [(q.speaker.name, q.speaker.actor, q.speaker.text) for q in quotes] == [
        ("Jane Writer", None, "I")]


def test_first_person_inside_a_quotation_is_the_quoted_speaker(nlp, lex):
    text = "“I told them that we will not give up territory,” Zelensky said."
    quotes = extract_quotes(_item(nlp, text), lex)
    assert [q.speaker.text for q in quotes] == ["Zelensky"]
