"""The quotes stage over parsed text: each case of issue 4 on small hand-written inputs."""

from __future__ import annotations

import re

import pytest

from detente.facts import Actor, Span
from detente.ingest.document import Draft, make_document
from detente.pipeline import Pipeline
from detente.pipeline.registry import WorkItem
from detente.quotes.extract import extract_quotes
from detente.quotes.lexicon import CueLexicon


@pytest.fixture(scope="module")
def quotes_only(config) -> Pipeline:
    """clean, language, nlp, quotes: no actors stage, so speakers stay unresolved."""
    return Pipeline(config.with_overrides(
        **{"pipeline.stages": ["clean", "language", "nlp", "quotes"]}))


def run(pipe: Pipeline, text: str):
    (result,) = pipe.process([make_document(Draft(text=text, origin="t"))])
    return result.quotes


# (text, [(kind, content, speaker text, source type, stance)])
CASES = [
    ("She said: “This is a nicely structured quote.”",
     [("direct", "This is a nicely structured quote.", "She", "named", None)]),
    ("“The ball is in Washington’s court,” Lavrov told reporters.",
     [("direct", "The ball is in Washington’s court", "Lavrov", "named", None)]),
    ("«Such steps are counterproductive», Zakharova said.",
     [("direct", "Such steps are counterproductive", "Zakharova", "named", None)]),
    ("“I love cats!” insists Burton. “I absolutely do.”",
     [("direct", "I love cats!", "Burton", "named", None),
      ("direct", "I absolutely do.", "Burton", "named", None)]),
    ("Umerov said the delegation would return on Monday.\n“We have done the technical work.”",
     [("indirect", "the delegation would return on Monday", "Umerov", "named", None),
      ("direct", "We have done the technical work.", "Umerov", "named", None)]),
    ("Kremlin spokesman Dmitry Peskov blasted the claim as “absolutely untrue.”",
     [("mixed", "the claim as “absolutely untrue.”", "Kremlin spokesman Dmitry Peskov", "named",
       "denies")]),
    ("Although Putin described the talks as “necessary” and “useful,” he also indicated that "
     "the process is still in the early stages.",
     [("mixed", "the talks as “necessary” and “useful,”", "Putin", "named", None),
      ("indirect", "the process is still in the early stages", "he", "named", None)]),
    ("Dmitry Peskov denied that Moscow was preparing a new offensive.",
     [("indirect", "Moscow was preparing a new offensive", "Dmitry Peskov", "named", "denies")]),
    ("The ministry confirmed that a delegation would travel to Geneva.",
     [("indirect", "a delegation would travel to Geneva", "The ministry", "named", "confirms")]),
    ("Asked about the report, a Kremlin spokesman declined to comment.",
     [("indirect", "declined to comment", "a Kremlin spokesman", "named", "declines_comment")]),
    ("According to three people close to the Kremlin, the deal was dropped within days.",
     [("indirect", "the deal was dropped within days", "three people close to the Kremlin",
       "anonymous", None)]),
    ("The plan would cap Ukraine’s army at 600,000 troops, according to a draft seen by "
     "Reuters.",
     [("indirect", "The plan would cap Ukraine’s army at 600,000 troops",
       "a draft seen by Reuters", "document", None)]),
    ("As someone said, “Make your own table.”",
     [("direct", "Make your own table.", "someone", "unattributed", None)]),
    ("In a statement, Hamas accused Israel of blocking aid convoys.",
     [("indirect", "Israel of blocking aid convoys", "Hamas", "named", None)]),
    ("The proposal was criticised by Poland for “rewarding aggression.”",
     [("mixed", "for “rewarding aggression.”", "Poland", "named", None)]),
    # Not quotes: scare quotes, a title, thought, hypothetical speech, a motto.
    ("Europe spent the so-called “peace dividend” on everything but security.", []),
    ("Burton thinks that cats are “cuties”.", []),
    ("Kagan's book “Of Paradise and Power” is often cited.", []),
    ("“Why am I doing this?” the annotator thought.", []),
    ("It’s like saying, “I might stop punching you if you just give me your wallet.”", []),
    ("“Whatever gets the job done” is my new motto.", []),
    # A verbless "according to" sentence: no clause to attribute (and no endless climb to a verb).
    ("According to officials, no casualties.", []),
    ("\"Some people say otherwise,\" he conceded.",
     [("direct", "Some people say otherwise", "he", "named", None)]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), CASES)
def test_cases(quotes_only: Pipeline, text: str, expected: list[tuple]) -> None:
    got = [(q.kind, q.content, q.speaker.text, q.speaker.source_type, q.stance)
           for q in run(quotes_only, text)]
    assert got == expected


@pytest.mark.slow
def test_multi_paragraph_quote_and_ids(quotes_only: Pipeline) -> None:
    text = ("Speaking to reporters, Ushakov gave a long account:\n\n“The talks were useful.\n\n"
            "“We agreed that contacts will continue.”\n\nPeskov said the talks would go on.")
    quotes = run(quotes_only, text)
    assert [q.id for q in quotes] == ["q1", "q2"]
    assert quotes[0].kind == "direct"
    assert quotes[0].content.startswith("The talks were useful.")
    assert quotes[0].content.endswith("contacts will continue.")
    assert quotes[0].speaker.text == "Ushakov"
    assert quotes[0].speaker.actor is None  # no actors stage ran: never a guess
    assert quotes[1].speaker.name == "Peskov"
    assert text[quotes[1].start:quotes[1].end] == quotes[1].content
    assert quotes[1].cue is not None and text[quotes[1].cue.start:quotes[1].cue.end] == "said"


@pytest.mark.slow
def test_orphan_quote_without_speaker(quotes_only: Pipeline) -> None:
    text = ("The industry is welcoming to newcomers. “If you prove that you are hardworking, "
            "they will want to keep you close by.”")
    (quote,) = run(quotes_only, text)
    assert quote.kind == "direct"
    assert quote.speaker.actor is None and quote.speaker.name is None
    assert quote.speaker.source_type == "unattributed"


@pytest.mark.slow
def test_speakers_resolve_through_actor_mentions(nlp) -> None:
    """Hand-built actors (as the actors stage would assign them, pronouns included)."""
    text = "Putin met the envoys. “It was useful,” he said. The Kremlin said talks would go on."
    item = WorkItem(make_document(Draft(text=text, origin="t")))
    item.doc = nlp(item.document.text)

    def span(s: str) -> Span:
        start = re.search(rf"\b{s}\b", text).start()
        return Span(start, start + len(s), s)

    item.actors = [
        Actor("a1", "Vladimir Putin", "person", mentions=(span("Putin"), span("he"))),
        Actor("a2", "Russia (GOV)", "state", mentions=(span("The Kremlin"),)),
    ]
    quotes = extract_quotes(item, CueLexicon.load())
    assert [(q.kind, q.speaker.actor, q.speaker.name, q.speaker.text) for q in quotes] == [
        ("direct", "a1", "Vladimir Putin", "he"),
        ("indirect", "a2", "Russia (GOV)", "The Kremlin"),
    ]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "NAIROBI \u2014 Sudan's Rapid Support Forces said on Wednesday they would join the talks.",
    "KUALA LUMPUR \u2014 ASEAN foreign ministers on Thursday urged the junta to extend its "
    "ceasefire, but said the bloc would not recognise the elections.",
])
def test_a_dateline_is_never_the_speaker(quotes_only: Pipeline, text: str) -> None:
    speakers = [q.speaker.text for q in run(quotes_only, text)]
    assert speakers and not [s for s in speakers if s.isupper()]
