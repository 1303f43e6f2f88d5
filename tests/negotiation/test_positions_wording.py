"""Position cues: wording families of news reports (each family tried on sentences written
for this test, not taken from any gold record)."""

import pytest


@pytest.mark.parametrize("text, expected", [
    ("LIMA \u2014 Peru stayed noncommittal on Monday on sending monitors to the ceasefire line.",
     ("PER", "unclear")),
    ("QUITO \u2014 Ecuador and Peru agreed on Tuesday to set up a joint border commission.",
     ("ECU", "supports")),
    ("QUITO \u2014 Ecuador and Peru agreed on Tuesday to set up a joint border commission.",
     ("PER", "supports")),
    ("SANTIAGO \u2014 Chile said on Monday it was open only to talks on the maritime boundary.",
     ("CHL", "accepts_as_basis")),
    ("LA PAZ \u2014 Bolivia said on Monday it would stick to prisoner exchanges in equal numbers.",
     ("BOL", "supports")),
    ("LIMA \u2014 Peru called the ceasefire declaration a first real step on Monday.",
     ("PER", "supports")),
    ("LIMA \u2014 Peru said on Monday the Chilean draft was a constructive contribution to the "
     "border talks.", ("PER", "supports")),
    ("LA PAZ \u2014 Bolivia said on Monday that its offer of a ceasefire stood.",
     ("BOL", "supports")),
    ("CARACAS \u2014 Venezuela said on Monday it would not be disarmed by anyone.",
     ("VEN", "red_line")),
    ("OSLO \u2014 Norway said on Monday it would vote against any text imposing new sanctions.",
     ("NOR", "red_line")),
    ("OSLO \u2014 Norway voted against the sanctions resolution on Monday.", ("NOR", "rejects")),
    ("HAVANA \u2014 Cuba said on Monday it had no interest in the American proposal.",
     ("CUB", "rejects")),
    ("HAVANA \u2014 Cuba said on Monday that the ceasefire agreement was no longer valid.",
     ("CUB", "rejects")),
    ("BOGOTA \u2014 Colombia insisted on Monday the disarmament of the rebels must come first.",
     ("COL", "red_line")),
    ("BRUSSELS \u2014 Belgium wants the Commission to add a clause on frozen assets to the draft.",
     ("BEL", "seeks_amendment")),
    ("BRUSSELS \u2014 The European Union tied the lifting of sanctions to new elections in the "
     "north.", ("EU", "conditional")),
    # a threat against a whole kind, the troops named as the matter, not as the party
    ("MINSK \u2014 Belarus said on Monday any Western troops on Ukrainian soil would be treated "
     "as legitimate targets.", ("BLR", "red_line")),
    ("\u201cAny Western troops deployed near our border will be legitimate targets,\u201d the "
     "Belarusian foreign ministry said.", ("BLR", "red_line")),
    # handing over only on terms, and readiness to talk with an if-clause, are conditions
    ("TRIPOLI \u2014 The Libyan army said on Monday it would hand over power only to a "
     "government chosen in elections.", ("LBY", "conditional")),
    ("MOGADISHU \u2014 Somalia said on Monday it was willing to hold direct talks with the "
     "rebels if they renounced violence.", ("SOM", "conditional")),
    # not said yet; ready to take part; wanting the text to say something else
    ("ALGIERS \u2014 Algeria has not said whether it will send a delegation to the talks.",
     ("DZA", "unclear")),
    ("DAKAR \u2014 Senegal said on Monday it stood ready to take part in the talks.",
     ("SEN", "accepts_as_basis")),
    ("PHNOM PENH \u2014 Cambodia wanted the final text to name the border temples as its own.",
     ("KHM", "seeks_amendment")),
    # a verdict of delay or regret; an offer to meet or to send forces
    ("HANOI \u2014 Vietnam called the Chinese ceasefire offer a stalling tactic.",
     ("VNM", "rejects")),
    ("YANGON \u2014 Myanmar called the decision to suspend the talks \"regrettable\".",
     ("MMR", "rejects")),
    ("CARACAS \u2014 Venezuela said on Monday it was ready to meet Guyanese officials for talks "
     "anywhere.", ("VEN", "proposes")),
    # a participle clause of the main verb's subject
    ("NAIROBI \u2014 Kenya said on Monday it would not wait, proposing talks on the border in "
     "Mombasa.", ("KEN", "proposes")),
])
def test_wording_family(stances, text, expected) -> None:
    assert expected in stances(text)


@pytest.mark.parametrize("text", [
    # "as a first step" introduces what a plan does first: no verdict
    "LIMA \u2014 As a first step, the Chilean plan calls for a ceasefire along the border.",
])
def test_no_support_from_steps(stances, text) -> None:
    assert "supports" not in {v for _, v in stances(text)}


def test_a_step_backwards_is_a_rejection(stances) -> None:
    assert ("PER", "rejects") in stances("LIMA \u2014 Peru called the ruling a step backwards "
                                         "on Monday.")


@pytest.mark.parametrize("text, expected", [
    # two finite verbs sharing a subject: two stances
    ("OSLO \u2014 Norway welcomed the statement on Monday and proposed new talks on the fishing "
     "zone in Tromso.", {("NOR", "supports"), ("NOR", "proposes")}),
    # the first verb made finite by its auxiliary ("had proposed"): still two stances
    ("Chile's foreign ministry had proposed a meeting of the two river commissions, the first "
     "since 2019, and warned that any attempt to divert the Lauca would be treated as \"an act of "
     "war\".", {("CHL", "proposes"), ("CHL", "red_line")}),
])
def test_coordinated_verbs_each_give_a_stance(stances, text, expected) -> None:
    assert expected <= stances(text)


@pytest.mark.parametrize("text, expected", [
    # a verdict set in apposition is the stance of its own subject
    ("Chile proposed a demilitarised strip along the river, an idea Peru has repeatedly "
     "rejected.", {("CHL", "proposes"), ("PER", "rejects")}),
])
def test_apposed_verdict_is_its_subjects_stance(stances, text, expected) -> None:
    assert expected <= stances(text)


def test_request_after_a_verdict_is_an_amendment_sought(run) -> None:
    # "but wanted ...": a change sought to the text just judged, with the issue it names
    found = {(p.value, p.proposal, p.issue) for p in run(
        "Chile unveiled its plan on Monday. Peru welcomed the Chilean plan but wanted the "
        "text to guarantee its sovereignty over the river delta.").positions}
    assert ("seeks_amendment", "chl-plan", "territory.status") in found


def test_background_relative_clause_gives_no_stance(stances) -> None:
    # "which backs ..." describes the party: only the main verb's stance
    found = stances("Algeria, which backs the Polisario, dismissed the UN resolution on the "
                    "referendum.")
    assert ("DZA", "supports") not in found


def test_a_second_reporting_verb_keeps_one_statement(stances) -> None:
    # cut at "and warned", the warning became a rejection of its own
    text = ("TBILISI \u2014 Nino Beridze, an adviser to the Georgian prime minister, said Tbilisi "
            "was \"not negotiating a surrender\" and warned that any deal that rewarded Russia "
            "for the occupation would not last.")
    assert ("GEO", "rejects") not in stances(text)


@pytest.mark.parametrize("text, expected", [
    ("ISLAMABAD \u2014 Pakistan said on Monday it would treat any blockade of its ports as an "
     "act of war.", ("PAK", "red_line")),
    ("BAKU \u2014 Azerbaijan accepted the draft on Monday but asked that the schedule for the "
     "border demarcation be written into the text.", ("AZE", "seeks_amendment")),
    # a contrast opened by "though" is a clause of its own
    ("ATHENS \u2014 Greece said on Monday it would attend the conference, though it saw no point "
     "in the Turkish proposal.", ("GRC", "rejects")),
])
def test_more_wording_families(stances, text, expected) -> None:
    assert expected in stances(text)


@pytest.mark.parametrize("text, expected", [
    ("KYIV \u2014 Ukraine proposed a ceasefire on Monday. Moscow turned it down within hours.",
     ("RUS", "rejects")),
    ("SEOUL \u2014 The North offered talks on Friday. Seoul brushed the offer aside.",
     ("KOR", "rejects")),
])
def test_phrasal_refusals(stances, text, expected) -> None:
    assert expected in stances(text)
