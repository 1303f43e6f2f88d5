"""A material event with no named agent in a sentence naming several countries takes the
country of its own place as actor (hand-written sentences, none from any gold file)."""

from __future__ import annotations

import pytest

from events.helpers import analyse as _analyse
from events.helpers import countries as _countries


def _event(analysis, etype: str):
    return next(e for e in analysis.events if e.type == etype)


@pytest.mark.parametrize("text,etype,actor,recipient", [
    # passive with an agent that is no party; the place is several phrases down
    ("Two British tourists were killed by a bomb outside the Egyptian city of Luxor.",
     "ASSAULT", {"EGY"}, {"GBR"}),
    # a possessed capital: the state named, not a namesake town elsewhere
    ("Inmates rioted at a prison in Kenya's capital Nairobi to protest against Ugandan "
     "detentions.", "PROTEST", {"KEN"}, {"UGA"}),
])
def test_place_of_the_event_codes_a_missing_actor(pipeline, text, etype, actor, recipient):
    a = _analyse(pipeline, text)
    e = _event(a, etype)
    assert _countries(a, e.actor) == actor and _countries(a, e.recipient) == recipient


def test_no_place_actor_when_the_place_is_the_targets_country(pipeline):
    a = _analyse(pipeline, "Gunmen killed two Iraqi policemen and an American contractor "
                           "in the Iraqi city of Mosul.")
    e = _event(a, "ASSAULT")
    assert "IRQ" not in _countries(a, e.actor)


def test_agentless_passive_accusation_is_the_places(pipeline):
    a = _analyse(pipeline, "A British journalist has been put under investigation in Turkey "
                           "for espionage.")
    e = _event(a, "ACCUSE")
    assert _countries(a, e.actor) == {"TUR"} and _countries(a, e.recipient) == {"GBR"}


def test_agentless_passive_meeting_is_not_the_hosts(pipeline):
    a = _analyse(pipeline, "Talks between Ethiopian and Eritrean officials were held in "
                           "Algiers on Monday.")
    assert all("DZA" not in _countries(a, e.actor) for e in a.events)
