"""The positions stage on hand-written sentences (one pipeline for the module)."""

import pytest

from detente.ingest.document import Draft, make_document
from detente.negotiation.proposals import side_of
from detente.pipeline import Pipeline

STAGES = ["clean", "language", "nlp", "actors", "quotes", "events", "docanalysis", "positions"]


@pytest.fixture(scope="module")
def run(config):
    pipe = Pipeline(config.with_overrides(**{"pipeline.stages": STAGES}))

    def analyse(text: str):
        [analysis] = pipe.process([make_document(Draft(text=text, origin="t",
                                                       published="2025-11-27"))])
        return analysis

    return analyse


def _tuples(analysis):
    return {(side_of(analysis.actor(p.party)), p.value, p.proposal, p.issue)
            for p in analysis.positions}


@pytest.mark.parametrize("text, expected", [
    ("Russian President Vladimir Putin said the US plan could be a basis for future agreements.",
     ("RUS", "accepts_as_basis", "usa-plan", None)),
    ("Kremlin aide Yuri Ushakov said some aspects of the American proposal were unacceptable.",
     ("RUS", "seeks_amendment", "usa-plan", None)),
    ("Russia demanded that Ukraine withdraw its troops from the Donetsk region.",
     ("RUS", "red_line", None, "territory.status")),
    ("Zelensky said Ukraine would never recognise occupied land as Russian.",
     ("UKR", "red_line", None, "territory.status")),
    ("Russian Foreign Minister Sergei Lavrov rejected the European counterproposal.",
     ("RUS", "rejects", "eu-counterproposal", None)),
])
def test_position_tuples(run, text, expected) -> None:
    assert expected in _tuples(run(text))


def test_denial_of_a_report(run) -> None:
    analysis = run("Kremlin spokesman Dmitry Peskov dismissed a report that Russia was ready "
                   "to freeze the front line as “pure invention.”")
    assert ("RUS", "denies_reported_position") in {t[:2] for t in _tuples(analysis)}


@pytest.mark.parametrize("text", [
    "I think the American plan is a terrible basis for peace, and I will not pretend otherwise. "
    "Stop telling us it is realistic. Why should anyone accept it?",
    "The talks in Geneva lasted five hours.",
])
def test_no_positions_without_a_party_or_in_opinion(run, text) -> None:
    assert run(text).positions == ()


def test_proposal_named_and_resolved(run) -> None:
    analysis = run("Dmitry Kozak thought he had struck a deal with Kyiv. "
                   "But President Vladimir Putin was not buying the offer.")
    [proposal] = analysis.proposals
    assert proposal.id == "dmitry_kozak-plan"
    assert ("RUS", "rejects", "dmitry_kozak-plan", None) in _tuples(analysis)


def test_proposal_parts_give_proposer_positions(run) -> None:
    analysis = run("A 28-point U.S. plan would require Ukraine to cap its army at 600,000 troops "
                   "and never join NATO.")
    [proposal] = analysis.proposals
    assert proposal.id == "usa-plan"
    assert {"security.force_limits", "alignment.nato_neutrality"} <= set(proposal.issues)
    assert ("USA", "proposes", "usa-plan", "alignment.nato_neutrality") in _tuples(analysis)
