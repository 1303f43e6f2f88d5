"""The positions stage on hand-written sentences (one pipeline for the module)."""

import pytest

from detente.negotiation.proposals import side_of

# The `run` fixture (the pipeline through the positions stage) lives in conftest.py.


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


def test_a_part_reported_by_an_unnamed_source_is_no_stance(run) -> None:
    analysis = run("KYIV \u2014 A revised version of Washington's framework was handed to both "
                   "delegations last week. A senior European diplomat, speaking on condition "
                   "of anonymity, said the revised text no longer capped the size of Ukraine's "
                   "armed forces.")
    assert not [p for p in analysis.positions if p.value == "proposes"
                and p.issue == "security.force_limits"]


@pytest.mark.parametrize("text, expected", [
    # a refusal that holds until a condition is met
    ("Germany said it would not release the frozen assets until Russia paid compensation.",
     ("DEU", "conditional", None, "economy.frozen_assets_compensation")),
    # a coordinated verb with its own subject is a clause with its own position
    ("Officials met in Doha on Monday, and Hamas rejected the Egyptian proposal.",
     ("PSEINSHMS", "rejects", "egy-plan", None)),
    # an issue anaphor takes the issue of the sentence before
    ("Washington imposed new sanctions on Russian banks. Moscow said such steps were "
     "counterproductive.", ("RUS", "rejects", None, "economy.sanctions")),
    # a generic reference with no antecedent: a position on an unidentified proposal
    ("Umerov said Kyiv was ready to study the revised draft.",
     ("UKR", "accepts_as_basis", None, None)),
    # the one agent of a proposer verb names the proposal
    ("Russia rejected a proposal put forward by the United States.",
     ("RUS", "rejects", "usa-plan", None)),
    # a clause naming no issue takes the one the rest of its sentence names ...
    ("Peru pressed for an exchange of all prisoners, and Ecuador said on Monday it agreed.",
     ("ECU", "supports", None, "humanitarian.prisoners_detainees")),
    # ... or the one of the nearest sentence before that names one
    ("Peru asked for an exchange of all prisoners. Ecuador said on Monday it agreed.",
     ("ECU", "supports", None, "humanitarian.prisoners_detainees")),
    # a clause that is only the condition: what is conditioned comes first
    ("Peru said it was ready to free all prisoners, but only if Chile lifted its sanctions.",
     ("PER", "conditional", None, "humanitarian.prisoners_detainees")),
    # officials of a side speak for it (only sources that ask not to be named do not)
    ("Officials in Lima said Peru would never give up any of its territory.",
     ("PER", "red_line", None, "territory.status")),
])
def test_general_patterns(run, text, expected) -> None:
    assert expected in _tuples(run(text))


@pytest.mark.parametrize(("text", "sides"), [
    ("Russia and Ukraine agreed on an exchange of prisoners of war.", {"RUS", "UKR"}),
    # "both sides": the two parties named together last
    ("Peruvian and Chilean negotiators met in Quito on Monday. The mediator said both sides "
     "agreed to resume the talks in June.", {"PER", "CHL"}),
    # a conjunct named by a longer phrase than its head word
    ("The Colombian government and the ELN guerrilla agreed on Friday to resume peace talks.",
     {"COL", "COLREBELN"}),
])
def test_coordinated_subjects_give_one_position_each(run, text, sides) -> None:
    assert {(side, "supports") for side in sides} <= {t[:2] for t in _tuples(run(text))}


@pytest.mark.parametrize("text", [
    # "table" as a noun is no proposing verb; an agentless passive names no proposer
    "The delegations sat at the same table in Geneva to discuss the ceasefire.",
    "A framework that is presented to Moscow would cover the ceasefire.",
])
def test_no_proposer_without_an_agent(run, text) -> None:
    assert "proposes" not in {p.value for p in run(text).positions}
