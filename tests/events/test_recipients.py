"""General PLOVER/CAMEO recipient conventions (issue 5, round 5): which phrase of a sentence is
an event's target, and which only looks like one (full pipeline)."""

from __future__ import annotations

import pytest

from events.helpers import analyse as _analyse
from events.helpers import countries as _countries


def _event(analysis, etype: str):
    return next(e for e in analysis.events if e.type == etype)


@pytest.mark.parametrize("text,etype,recipient", [
    # a relative clause says something about the recipient; its names are not the recipient
    ("Germany is sending weapons to Macedonia which is fighting Albanian rebels.", "AID",
     {"MKD"}),
    ("Japan gave food aid to Kenya which had been attacked by Somali militias.", "AID",
     {"KEN"}),
    # the agent of a demanded withdrawal is its target; the place left is not
    ("NATO demanded the withdrawal of Russian troops from Georgia.", "REQUEST", {"RUS"}),
    ("The council demanded the pullout of Syrian forces from Lebanon.", "REQUEST", {"SYR"}),
    # a two-word preposition of movement: the place left is the retreat's recipient
    ("Syrian forces pulled out of southern Lebanon.", "RETREAT", {"LBN"}),
    ("Ethiopia withdrew its troops out of Somalia.", "RETREAT", {"SOM"}),
    # the possessor of a relation ("X's ally") is the other side, not the party
    ("Rebels killed a commander of Israel's militia ally in southern Lebanon.", "ASSAULT",
     {"LBN"}),
    # an attack noun as subject names the target of the harm it did
    ("An Israeli air raid on southern Lebanon killed three people.", "ASSAULT", {"LBN"}),
    ("A Russian missile attack on the city of Odesa wounded ten civilians.", "ASSAULT", {"UKR"}),
    # an accusation is aimed at the agent of the act condemned, not at whom it hit
    ("Jordan condemned the killing of Palestinians by Israeli soldiers.", "ACCUSE", {"ISR"}),
    # a protest's purpose names its target, over the site where it was held
    ("Prisoners rioted at a jail in Dili demanding independence from Indonesian rule.",
     "PROTEST", {"IDN"}),
])
def test_recipient_conventions(pipeline, text, etype, recipient):
    a = _analyse(pipeline, text)
    assert _countries(a, _event(a, etype).recipient) == recipient


@pytest.mark.parametrize("text,etype,actor", [
    # a named person the knowledge base has no country for is coded with the one country of
    # the sentence, whatever the title ("Colonel", "Lt. Gen.")
    ("Colonel Juan Perez criticized the government of Bolivia.", "ACCUSE", {"BOL"}),
    ("Lt. Gen. Pedro Alvarez resigned to allow elections in Honduras.", "RETREAT", {"HND"}),
])
def test_countryless_person_takes_the_sentence_country(pipeline, text, etype, actor):
    a = _analyse(pipeline, text)
    assert _countries(a, _event(a, etype).actor) - {None} == actor


@pytest.mark.parametrize("text,etype,actor", [
    # every conjunct of "leaders of X and Y" is a party (a reciprocal event: no recipient)
    ("Leaders of India and Pakistan met in Lahore.", "CONSULT", {"IND", "PAK"}),
    ("Foreign ministers of Egypt, Jordan and Syria called for a ceasefire.", "REQUEST",
     {"EGY", "JOR", "SYR"}),
])
def test_all_conjuncts_of_an_of_phrase_are_parties(pipeline, text, etype, actor):
    a = _analyse(pipeline, text)
    assert _countries(a, _event(a, etype).actor) == actor


def test_two_countries_leave_an_unknown_person_uncoded(pipeline):
    a = _analyse(pipeline, "Colonel Juan Perez criticized Bolivia and Peru.")
    assert _countries(a, _event(a, "ACCUSE").actor) - {None} == set()


@pytest.mark.parametrize("text", [
    "Government forces retook the village of Kidal in northern Mali.",
    "The army recaptured the town of Kidal in Mali.",
])
def test_retaking_territory_is_an_assault(pipeline, text):
    a = _analyse(pipeline, text)
    ev = _event(a, "ASSAULT")
    assert ev.cameo == "192" and _countries(a, ev.recipient) == {"MLI"}
