import json

import pytest

from detente.facts import (
    SCHEMA,
    Actor,
    Analysis,
    Document,
    Event,
    EventDate,
    Proposal,
    ProposalPart,
    Quality,
    QualityFlag,
    Quote,
    Span,
    Speaker,
)

DOC = Document(id="d1", text="Peskov said no.", title="T", published="2025-11-27",
               quality=Quality(0.9, (QualityFlag("boilerplate", 0, 6, "Peskov"),)))


@pytest.mark.parametrize(
    "fact",
    [
        DOC,
        Actor("dmitry_peskov", "Dmitry Peskov", "person", "RUS", "GOV", "RUSGOV",
              (Span(0, 6, "Peskov"),)),
        Quote("q1", "indirect", "no", 12, 14, Speaker("dmitry_peskov", "Dmitry Peskov", "Peskov",
                                                      "named"), Span(7, 11, "said")),
        Event("e1", "REJECT", Span(0, 15, "Peskov said no."), actor=("dmitry_peskov",),
              date=EventDate("2025-11-27", "day"), context=("diplomatic",)),
    ],
)
def test_round_trip(fact) -> None:
    data = json.loads(json.dumps(fact.to_dict()))
    assert type(fact).from_dict(data) == fact


def test_analysis_contract_shape() -> None:
    data = Analysis(document=DOC).to_dict()
    assert next(iter(data)) == "schema" and data["schema"] == SCHEMA
    assert set(data) >= {"document", "actors", "quotes", "events", "proposals", "positions"}
    assert set(data["document"]) >= {"id", "title", "text", "published", "url", "source",
                                     "language", "genre", "segments", "quality", "duplicate_of"}
    assert Analysis.from_dict(data) == Analysis(document=DOC)


def test_facts_are_frozen() -> None:
    with pytest.raises(AttributeError):
        DOC.title = "changed"  # type: ignore[misc]


def test_excluded_spans_are_boilerplate_flags() -> None:
    assert DOC.excluded_spans() == [(0, 6)]


@pytest.mark.parametrize("proposal", [
    Proposal("usa-plan@rus-ukr", "U.S. plan", ("28-point plan",), "2025-11-20",
             ("territory.status",), "USA", 28, None, (ProposalPart(0, 6, "Peskov"),),
             conflict="rus-ukr"),
    Proposal("usa-plan-revised", "19 points", point_count=19, revises="usa-plan"),
])
def test_proposal_round_trip(proposal) -> None:
    data = json.loads(json.dumps(proposal.to_dict()))
    assert data["conflict"] == proposal.conflict
    assert Proposal.from_dict(data) == proposal


def test_proposal_stored_without_conflict_still_loads() -> None:
    # Analyses stored before Proposal.conflict existed have no such key.
    old = {"id": "usa-plan", "name": "U.S. plan", "aliases": [], "date": None, "issues": [],
           "proposer": "USA", "point_count": 28, "revises": None, "parts": []}
    loaded = Analysis.from_dict({**Analysis(document=DOC).to_dict(), "proposals": [old]})
    assert loaded.proposals[0].conflict is None
    assert loaded.proposals[0].point_count == 28
