"""An unnamed spokesperson for a named body: the body is the speaker; officials stay anonymous."""

import pytest

from detente.ingest.document import Draft, make_document


def _speaker(pipeline, text: str):
    [analysis] = pipeline.process([make_document(Draft(text=text, origin="t",
                                                       published="2025-11-27"))])
    [quote] = analysis.quotes
    actor = analysis.actor(quote.speaker.actor) if quote.speaker.actor else None
    return quote.speaker, actor


@pytest.mark.parametrize("text, name", [
    ('"We will not sign a deal drafted over our heads," a spokesman for the European '
     'Commission said on Monday.', "European Commission"),
    ('"The talks must resume," the spokeswoman of the African Union told reporters.',
     "African Union"),
    # the body named before the noun
    ('"Troops will stay until the militia is disarmed," an Israeli military spokesman said on '
     'Monday.', "Israel Defense Forces"),
])
def test_spokesperson_speaks_for_the_body(pipeline, text, name) -> None:
    speaker, actor = _speaker(pipeline, text)
    assert speaker.source_type == "named" and actor is not None and actor.name == name


def test_an_official_of_a_body_stays_anonymous(pipeline) -> None:
    speaker, _ = _speaker(pipeline, '"The talks must resume," an official of the African '
                                    'Union said on condition of anonymity.')
    assert speaker.source_type == "anonymous"


@pytest.mark.parametrize("text, code", [
    # a seat of government is a body: its spokesman speaks for the government
    ('"The plan is dead," a Kremlin spokesman said on Tuesday.', "RUSGOV"),
    ('"No talks without a ceasefire," a State Department spokesperson said.', "USAGOV"),
])
def test_seat_of_government_spokesperson(pipeline, text, code) -> None:
    _, actor = _speaker(pipeline, text)
    assert actor is not None and actor.code == code


@pytest.mark.parametrize("text, code", [
    # "the spokesperson" again: the one named before, and the body they speak for
    ('A spokesman for the European Commission said the bloc would keep its sanctions. "We '
     'will not reward aggression," the spokesman added.', "EU"),
    # a bare country is no body: nothing is carried over
    ('Estonia said the bloc would keep its sanctions. "We will not reward aggression," the '
     'spokesman added.', None),
])
def test_the_spokesperson_again(pipeline, text, code) -> None:
    [analysis] = pipeline.process([make_document(Draft(text=text, origin="t",
                                                       published="2025-11-27"))])
    last = analysis.quotes[-1]
    actor = analysis.actor(last.speaker.actor) if last.speaker.actor else None
    assert (actor.code if actor else None) == code
