"""Positions: session 6 rules (clause cuts at "saying", negated exclusions, collective subjects,
questions, forecasts, nested issue keywords, one verdict per sentence). Hand-written sentences,
not taken from the gold."""

import pytest

from detente.negotiation.proposals import side_of

# The `run` fixture (the pipeline through the positions stage) lives in conftest.py.


def _tuples(analysis):
    return {(side_of(analysis.actor(p.party)), p.value, p.proposal, p.issue)
            for p in analysis.positions}


@pytest.mark.parametrize("text, expected", [
    # a participle clause of reasons carries its own position
    ("Georgia rejected a Russian proposal for a new border regime, saying Moscow must first "
     "withdraw its troops.", ("GEO", "red_line", None, "security.withdrawal_disengagement")),
    # a negated exclusion leaves the door open
    ("Serbia did not rule out talks with Kosovo on an exchange of prisoners.",
     ("SRB", "accepts_as_basis", None, "humanitarian.prisoners_detainees")),
    # formal approval
    ("Moldova's parliament signed off on the ceasefire protocol.",
     ("MDA", "supports", None, "ceasefire.terms")),
    # an objection ruled out
    ("Greece said it would not block the new sanctions package.",
     ("GRC", "supports", None, "economy.sanctions")),
    # a precondition is a condition
    ("Ethiopia said the withdrawal of Eritrean troops was a precondition for any agreement.",
     ("ETH", "conditional", None, "security.withdrawal_disengagement")),
    # a demand put on someone's act, through a possessive
    ("Moscow insisted on Georgia's neutrality.",
     ("RUS", "red_line", None, "alignment.nato_neutrality")),
    # a demand put as a wish
    ("Turkey wants Greece to withdraw its troops from the islands.",
     ("TUR", "red_line", None, "security.withdrawal_disengagement")),
    # a longer keyword of one issue hides the shorter keyword of another inside it
    ("Congo said it would sign only once Rwanda had left its territory.",
     ("COD", "conditional", None, "security.withdrawal_disengagement")),
    # a subject naming an issue is the topic: the party is who says so
    ("Kyiv said NATO membership remained its strategic goal.",
     ("UKR", "supports", None, "alignment.nato_neutrality")),
    # reasons after a request for changes name what is to change
    ("European leaders called for changes to the U.S. plan, saying the cap on Ukraine's army "
     "was too low.", ("EU", "seeks_amendment", "usa-plan", "security.force_limits")),
])
def test_general_rules(run, text, expected) -> None:
    assert expected in _tuples(run(text))


@pytest.mark.parametrize("text", [
    # both parties together are no one party, and the reporter is not the party
    "The UN envoy said both sides had not yet replied to his proposal.",
    # the writer's question
    "Would Armenians accept such a compromise on the border?",
    # a forecast of what a party will do
    "The European Union is expected to approve its new sanctions package on Friday.",
    # a copula describing the party itself states no stance without a target
    "Yermak was never just a chief of staff.",
])
def test_no_position(run, text) -> None:
    assert run(text).positions == ()


def test_one_verdict_on_a_proposal_per_sentence(run) -> None:
    analysis = run("The United States put forward a peace plan for Ukraine. The Kremlin said it "
                   "had not received the text of the plan, and Dmitry Peskov said Moscow would "
                   "wait for the outcome of the talks before commenting.")
    verdicts = [p for p in analysis.positions if p.value == "unclear"]
    assert len(verdicts) == 1
    assert verdicts[0].issue is None
