"""Parties the text names indirectly: places standing for their country, a protest's purpose,
residence over ethnicity (full pipeline: the actors stage assigns the mentions)."""

from __future__ import annotations

import pytest

from detente.ingest.document import Draft, make_document


def _analyse(pipeline, text: str):
    return pipeline.process([make_document(Draft(text=text, origin="t",
                                                 published="2025-11-27"))])[0]


def _countries(analysis, ids) -> set[str | None]:
    actors = {a.id: a for a in analysis.actors}
    return {actors[i].country for i in ids}


@pytest.mark.parametrize("text,etype,actor,recipient", [
    # a targeted place stands for its country (PLOVER/CAMEO convention)
    ("Sudanese rebels shelled the town of Wau on Sunday.", "ASSAULT", {"SDN"}, {"SSD"}),
    # the site of a material event is its target when nobody else is
    ("The army imposed a curfew in Kharkiv.", "COERCE", set(), {"UKR"}),
    # a place qualifying an unattributed attacker codes the attack
    ("A roadside bomb near the town of Samarra killed two Iraqi soldiers.", "ASSAULT",
     {"IRQ"}, {"IRQ"}),
    # a protest is aimed at whom its purpose names
    ("Students staged a hunger strike to demand the resignation of the Russian government.",
     "PROTEST", set(), {"RUS"}),
    # residence over ethnicity
    ("Bosnian Serbs demanded a truce.", "REQUEST", {"BIH"}, set()),
])
def test_indirect_parties(pipeline, text, etype, actor, recipient):
    a = _analyse(pipeline, text)
    ev = next(e for e in a.events if e.type == etype)
    assert _countries(a, ev.actor) - {None} == actor
    assert _countries(a, ev.recipient) == recipient


def test_place_mention_joins_the_state_actor(pipeline):
    a = _analyse(pipeline, "Sudanese rebels shelled the town of Wau on Sunday.")
    state = next(x for x in a.actors if x.id == "SSD")
    assert state.kind == "state" and [m.text for m in state.mentions] == ["Wau"]


def test_site_of_a_verbal_event_is_only_its_location(pipeline):
    a = _analyse(pipeline, "Russian and Ukrainian delegations held talks in Istanbul.")
    ev = next(e for e in a.events if e.type == "CONSULT")
    assert ev.recipient == () and ev.location is not None and ev.location.country == "TUR"
