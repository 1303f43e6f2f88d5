"""Positions that must not be found on hand-written sentences (not taken from the gold):
sentences stating no position (both parties together, the reporter, the writer's questions,
forecasts, people outside the talks, copulas describing the parties), and no more than one
verdict on a proposal per sentence."""

import pytest

# The `run` fixture (the pipeline through the positions stage) lives in conftest.py.


@pytest.mark.parametrize("text", [
    # "both sides" with no two parties named together is nobody, and the reporter is not the
    # party; "neither side" denies every side's stance
    "The UN envoy said both sides had not yet replied to his proposal.",
    "Peru and Chile met in Lima on Monday. Neither side has accepted the draft.",
    # a source that asks not to be named reporting what a party will do
    "A senior Peruvian commander, speaking on condition of anonymity, said Lima would never "
    "give up the border posts.",
    "A Chilean official who asked not to be named said Santiago had handed over a list of "
    "detainees.",
    # "on condition of anonymity" is no condition of a stance, and other ways of asking
    "Peruvian officials, speaking on condition of anonymity, said the army had no plans to "
    "ease its posture along the border.",
    "A Gulf diplomat, who requested anonymity, said Qatar had privately encouraged Chile to "
    "accept the storage formula.",
    # the writer's question
    "Would Armenians accept such a compromise on the border?",
    # a forecast of what a party will do
    "The European Union is expected to approve its new sanctions package on Friday.",
    "Talks resumed in Lima. The State Department is expected to circulate a revised text after "
    "consulting both capitals.",
    # an observer's reading of what a party could do
    "Some analysts see the fishing demand as a bargaining chip that Lima could drop in return "
    "for port access.",
    "A senior Chilean diplomat, speaking on condition of anonymity, said a compromise on the "
    "fishing quotas was within reach.",
    "Talks on the border resumed. The delegations will stay in Geneva for as long as it takes.",
    # a copula describing the party itself states no stance without a target
    "Yermak was never just a chief of staff.",
    # a forecast with an infinitive after "expect"
    "Some expect Washington to push for direct talks within months.",
    # people outside the talks as the subject
    "Human rights groups dismissed the election as a sham.",
    # a text presented, with no one named presenting it (the place is no proposer)
    "The offer, presented to envoys of both sides in Nairobi, would let UN convoys reach the "
    "towns.",
    # a negated proposal of one thing says nothing either way
    "Kyiv did not propose a date for the talks.",
    # staying somewhere until a date is no stance
    "The delegation will stay in Geneva until Friday.",
    # a forecast through a verb handed on to
    "Analysts in Islamabad expect Washington to keep pressing for talks.",
    # fighting, not turning anything down
    "The Arakan Army said its fighters had shot down a military helicopter near Sittwe.",
    # silence about nothing named
    "Guyana has not replied.",
    "Oman, which hosted the meeting, made no public comment.",
    # an observer's reading, quoted or as the subject of a relative clause
    "Professor Ivan Petrov of Moscow State University said Russia would never accept the "
    "plan.",
    '"Both delegations are talking past each other," said Marta Kolesnyk, an analyst at a '
    "Kyiv think tank, who expects fighting to intensify unless Moscow wants a deal.",
    'Retired General Jan Novak said he expected the truce to hold "as long as neither side '
    'suffers casualties".',
    # a copula describing the parties of a dateline
    "YEREVAN — Armenia and Azerbaijan have never been closer to a peace deal.",
    # what happened at the talks, not where a side stands
    "PARIS \u2014 Syrian and Israeli officials ended a third round of U.S.-brokered talks in "
    "Paris on Wednesday without agreeing on security arrangements for southern Syria.",
    "Kurti spoke after a day of talks facilitated by the European Union's envoy.",
    "Turkey hosted three rounds of direct talks between the two sides in 2025.",
    "Polls published in March suggested most Serbs oppose recognising Kosovo.",
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
