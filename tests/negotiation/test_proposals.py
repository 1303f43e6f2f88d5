"""Proposal identity: conflict, point count and version qualifiers; "the plan" in context."""

import pytest

from detente.errors import KnowledgeError
from detente.evaluation.negotiation import STAGES
from detente.facts import Actor, Span
from detente.ingest.document import Draft, make_document
from detente.negotiation.knowledge import load_conflicts, load_kb
from detente.negotiation.proposals import (
    bundled_conflicts,
    compose_id,
    conflict_in,
    parse_id,
    side_of,
    split_identities,
)
from detente.pipeline import Pipeline


@pytest.mark.parametrize("parts, text", [
    (("usa-plan", None, False, None), "usa-plan"),
    (("usa-plan", 28, False, None), "usa-plan-28pt"),
    (("usa-plan", None, True, "rus-ukr"), "usa-plan-revised@rus-ukr"),
    (("28-point-plan", 28, True, "isr-pse"), "28-point-plan-28pt-revised@isr-pse"),
])
def test_ids_compose_and_parse(parts, text) -> None:
    assert compose_id(*parts) == text
    assert parse_id(text) == parts


@pytest.mark.parametrize("values, expected", [
    ([None, "a", None], {}),
    (["a", None, "b", None], {0: "a", 1: "a", 2: "b", 3: "b"}),
    ([None, "a", "b"], {0: "a", 1: "a", 2: "b"}),
])
def test_split_identities(values, expected) -> None:
    assert split_identities(values, lambda v: v) == expected


TEXT = "Talks on Gaza went on. Kyiv and Moscow met."
ACTORS = (Actor("UKR", "Ukraine", "state", country="UKR", mentions=(Span(23, 27, "Kyiv"),)),
          Actor("RUS", "Russia", "state", country="RUS", mentions=(Span(32, 38, "Moscow"),)))


@pytest.mark.parametrize("spans, expected", [
    ([(0, 22)], "isr-pse"),  # a place
    ([(23, 43)], "rus-ukr"),  # two parties' actors
    ([(0, 43)], "rus-ukr"),
    ([(0, 5)], None),  # nothing named
])
def test_conflict_in(spans, expected) -> None:
    assert conflict_in(ACTORS, TEXT, spans) == expected


def test_bad_conflict_names_file(tmp_path) -> None:
    bad = tmp_path / "mine.yaml"
    bad.write_text("version: 1\nconflicts:\n  x: {places: [Gaza]}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"mine\.yaml"):
        load_conflicts([bad])


def test_one_proposers_plans_for_two_conflicts_stay_apart(run) -> None:
    a = run("The U.S. 20-point plan for Gaza calls for Hamas to disarm. Israel accepted the "
            "plan. Separately, Witkoff drafted a 28-point U.S. plan that would have Ukraine cede "
            "Donbas to Russia. Russia said the plan could be a basis for talks.")
    ids = {p.id: p.point_count for p in a.proposals}
    assert ids == {"usa-plan@isr-pse": 20, "usa-plan@rus-ukr": 28}
    # "the plan" goes to the most recent plan about the same conflict.
    assert {(p.value, p.proposal) for p in a.positions if p.value != "proposes"} >= {
        ("accepts_as_basis", "usa-plan@rus-ukr")}


def test_revised_plan_links_to_what_it_revises(run) -> None:
    a = run("Ukraine's 20-point plan was published in June. Ukraine presented a revised plan "
            "on Sunday. Russia rejected the revised plan.")
    by_id = {p.id: p for p in a.proposals}
    assert by_id["ukr-plan-revised"].revises == "ukr-plan"
    assert ("rejects", "ukr-plan-revised") in {(p.value, p.proposal) for p in a.positions}


@pytest.mark.parametrize("text, expected", [
    # the article knows only the revised version: a later mention by proposer is that version
    ("Turkey presented a revised plan on Monday. Armenia backed the Turkish plan.",
     "tur-plan-revised"),
    # with the original named first, a plain mention stays the original
    ("Turkey presented a plan in May. Turkey presented a revised plan on Monday. Armenia "
     "backed the Turkish plan.", "tur-plan"),
])
def test_plain_mention_after_a_revision(run, text, expected) -> None:
    a = run(text)
    assert ("supports", expected) in {(p.value, p.proposal) for p in a.positions}


def test_revised_reference_to_the_product_of_a_revision(run) -> None:
    a = run("The 28 points have been reworked into a 20-point framework. Moscow has called "
            "some aspects of the revised framework unacceptable.")
    assert {p.id for p in a.proposals} >= {"20-point-plan"}
    assert "20-point-plan-revised" not in {p.id for p in a.proposals}


# --- versions: a new point count, "a new draft" ----------------------------------------------

@pytest.mark.parametrize("text, expected, absent", [
    # a point count change of a named plan is a new version of it, with the new count
    ("The U.S. 28-point plan was presented to Kyiv last week. The plan was later cut to 19 "
     "points.", {("usa-plan", 28, None), ("usa-plan-revised", 19, "usa-plan")}, "usa-plan-19pt"),
    ("Witkoff drafted a 28-point plan for Ukraine. Washington trimmed the plan to 19 points "
     "after talks in Geneva.", {("steve_witkoff-plan-revised", 19, "steve_witkoff-plan")},
     "19-point-plan"),
    ("The first 24-point draft was reduced to 15 points, an official said.",
     {("24-point-plan", 24, None), ("24-point-plan-revised", 15, "24-point-plan")},
     "15-point-plan"),
    ("Kyiv's 10-point peace formula was later expanded to 12 points.",
     {("ukr-plan", 10, None), ("ukr-plan-revised", 12, "ukr-plan")}, "12-point-plan"),
    # a new text with a name of its own keeps it, linked to what it was made from
    ("The 28 points have been reworked into a 20-point framework.",
     {("20-point-plan", 20, "28-point-plan")}, "28-point-plan-revised"),
    # "a new draft" by a proposer with an earlier one: its new version
    ("Egypt presented a ceasefire proposal for Gaza in May. Cairo said on Monday it had "
     "submitted a new draft to Israel and Hamas.", {("egy-plan-revised", None, "egy-plan")},
     None),
    # (an envoy presenting a text in office: his state's, see presentation_verbs)
    ("Witkoff presented a 28-point plan in November. He has since submitted a new draft.",
     {("usa-plan-revised", None, "usa-plan")}, None),
    # ... and with none, simply its proposal ("it" bound by the reporting verb's subject)
    ("Turkey's foreign ministry said it had tabled a new proposal for a Black Sea ceasefire.",
     {("tur-plan", None, None)}, "tur-plan-revised"),
    ("Russia offered a new proposal in March. Russia's new proposal was rejected by Kyiv.",
     {("rus-plan", None, None)}, "rus-plan-revised"),
])
def test_versions(run, text, expected, absent) -> None:
    a = run(text)
    got = {(p.id, p.point_count, p.revises) for p in a.proposals}
    assert got >= expected
    assert absent not in {p.id for p in a.proposals}


@pytest.mark.parametrize("text", [
    "On Sunday it had submitted a new draft.",  # no one the actors stage names: no guess
    "U.S. and Ukrainian officials said they had drawn up a new framework.",  # a joint text
])
def test_new_draft_with_no_single_proposer_is_not_a_proposal(run, text) -> None:
    assert run(text).proposals == ()


def test_a_new_draft_takes_its_proposer_and_conflict(run) -> None:
    a = run("Egypt presented a ceasefire proposal for Gaza in May. Cairo said on Monday it had "
            "submitted a new draft to Israel and Hamas.")
    new = next(p for p in a.proposals if p.id == "egy-plan-revised")
    assert new.conflict == "isr-pse" and new.proposer is not None


# --- conflicts: recorded on the Proposal, extensible by user files ---------------------------

USER_CONFLICTS = ("version: 1\nconflicts:\n  arm-aze:\n    parties: [ARM, AZE]\n"
                  "    places: [Nagorno-Karabakh, Lachin]\n")


def test_user_files_add_conflicts(tmp_path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(USER_CONFLICTS, encoding="utf-8")
    keys = [c.key for c in load_kb(proposal_files=[mine]).rules.conflicts]
    assert keys == [*(c.key for c in bundled_conflicts()), "arm-aze"]
    assert [c.key for c in load_kb().rules.conflicts] == [c.key for c in bundled_conflicts()]


@pytest.fixture(scope="module")
def run_with_user_conflicts(config, tmp_path_factory):
    mine = tmp_path_factory.mktemp("kb") / "conflicts.yaml"
    mine.write_text(USER_CONFLICTS, encoding="utf-8")
    pipe = Pipeline(config.with_overrides(**{
        "pipeline.stages": STAGES, "knowledge.negotiation_proposal_files": [str(mine)]}))
    return lambda text: pipe.process([make_document(Draft(text=text, origin="t",
                                                          published="2025-11-27"))])[0]


@pytest.mark.parametrize("text, expected", [
    ("Azerbaijan presented a 17-point peace plan for Nagorno-Karabakh. Armenia rejected the "
     "plan.", {("aze-plan", "arm-aze")}),
    ("The U.S. plan for Gaza calls for Hamas to disarm. Separately, the United States drafted "
     "a peace plan for Nagorno-Karabakh that Armenia and Azerbaijan are studying.",
     {("usa-plan@isr-pse", "isr-pse"), ("usa-plan@arm-aze", "arm-aze")}),
])
def test_stage_uses_user_conflicts(run_with_user_conflicts, run, text, expected) -> None:
    assert {(p.id, p.conflict) for p in run_with_user_conflicts(text).proposals} == expected
    # Without the user file the bundled conflicts know nothing of this war.
    assert "arm-aze" not in {p.conflict for p in run(text).proposals}


# --- joint proposers: a hyphenated pair of demonyms names no single side -------------------

@pytest.mark.parametrize("text, absent, expected", [
    ("Germany opposed a Franco-British proposal to send troops to Ukraine.",
     {"fra-plan", "gbr-plan"}, None),
    ("Israel welcomed a Qatari-Egyptian proposal for a truce in Gaza.",
     {"qat-plan", "egy-plan"}, None),
    # one demonym still names its side
    ("Israel welcomed an Egyptian proposal for a truce in Gaza.", set(), "egy-plan"),
])
def test_joint_proposer(run, text, absent, expected) -> None:
    ids = {p.id for p in run(text).proposals}
    assert not ids & absent
    if expected:
        assert expected in ids


def test_a_generic_mention_prefers_an_antecedent_named_by_the_same_word(run) -> None:
    a = run("Norway presented a roadmap for talks on Monday, and Cuba offered a peace plan on "
            "Tuesday. Colombia said on Wednesday it backed the roadmap.")
    assert ("COL", "nor-plan") in {(p.party, p.proposal) for p in a.positions}


# --- proposers the actors stage leaves out, and texts presented "with" ---------------------

@pytest.mark.parametrize("text, expected", [
    # a backer before a participle is no party of the noun for the actors stage, but it is
    # whose text it is
    ("Yemen's government said it would accept the Saudi-backed roadmap as a basis for talks.",
     "sau-plan"),
    ("Hamas accepted the Qatar-mediated framework as a basis for talks.", "qat-plan"),
    # "presented the council with a roadmap": the subject presents the text
    ("The UN envoy presented the Security Council with a roadmap to elections.", "uno-plan"),
    # an international body's envoy's text is the body's (a state official's stays theirs:
    # "Kozak's deal", test_positions.py)
    ("The UN envoy for Libya, Hanna Tetteh, presented the Security Council on Tuesday with a "
     "roadmap to elections.", "uno-plan"),
    # "set out" / "laid out" a text: the subject is its proposer
    ("The African Union set out a step-by-step proposal for a truce in Sudan.", "afu-plan"),
    # a text given or sent to a side is the giver's
    ("VIENNA \u2014 The International Atomic Energy Agency has given Iran a draft on the "
     "return of inspectors.", "iaea-plan"),
    # a body's mission named by its place: the body, not the place, proposes
    ("TRIPOLI \u2014 The UN Support Mission in Libya presented a roadmap on Thursday.",
     "uno-plan"),
])
def test_proposer_of_participle_and_presented_with(run, text, expected) -> None:
    assert expected in {p.id for p in run(text).proposals}


@pytest.mark.parametrize("text", [
    "India rejected an offer by U.S. President Donald Trump to mediate between the neighbours.",
    "Cyprus welcomed an offer by the UN Secretary-General to convene an informal meeting.",
    # the same offer named again, by its maker or as "the offer"
    "India rejected an offer by U.S. President Donald Trump to mediate. In Islamabad, Foreign "
    "Minister Ishaq Dar welcomed Trump's offer.",
    "Norway repeated its offer to host the talks. Colombia's government accepted the offer.",
])
def test_an_offer_of_good_offices_is_no_proposal(run, text) -> None:
    analysis = run(text)
    assert analysis.proposals == ()
    assert {p.issue for p in analysis.positions} == {"process.format_sequencing"}


@pytest.mark.parametrize(("text", "key"), [
    # a state official presenting a text in office: the state's text, and so is a later
    # mention by the official's name
    ("President Lee Jae-myung unveiled a plan for a military hotline. Washington welcomed "
     "Lee's initiative.", "kor-plan"),
    ("The plan, unveiled by Foreign Minister Badr Abdelatty in Cairo, would deploy Egyptian "
     "officers. Qatar said it was studying the plan.", "egy-plan"),
])
def test_a_text_an_official_presents_is_the_states(run, text, key) -> None:
    analysis = run(text)
    assert [p.id for p in analysis.proposals] == [key]
    assert {p.proposal for p in analysis.positions} == {key}


@pytest.mark.parametrize(("actor", "side"), [
    (Actor("kremlin", "Kremlin", "organization", country="RUS", code="RUSGOV"), "RUS"),
    (Actor("idf", "IDF", "organization", country="ISR", code="ISRMIL"), "ISR"),
    (Actor("hamas", "Hamas", "group", country="PSE", code="PSEINSHMS"), "PSEINSHMS"),
    # a side of its own inside a country, under a three-letter code that is no role of the state
    (Actor("tcl", "Turkish Cypriot leadership", "group", country="CYP", code="CYPTCL"),
     "CYPTCL"),
    (Actor("puntland", "Puntland", "group", country="SOM", code="SOMPNT"), "SOMPNT"),
    (Actor("opp", "Somali Salvation Forum", "group", country="SOM", code="SOMOPP"), "SOMOPP"),
    (Actor("eu", "European governments", "group", code="EURGOV"), "EU"),
])
def test_side_of(actor, side) -> None:
    assert side_of(actor) == side


USER_SIDES = """\
version: 1
region_sides:
  AFR: AFU
country_sectors: [TCL]
"""


def test_user_files_extend_side_rules(tmp_path) -> None:
    mine = tmp_path / "sides.yaml"
    mine.write_text(USER_SIDES, encoding="utf-8")
    rules = load_kb(proposal_files=[mine]).rules.sides
    tcl = Actor("tcl", "Turkish Cypriot leadership", "group", country="CYP", code="CYPTCL")
    african = Actor("afr", "African governments", "group", code="AFRGOV")
    # the user file makes TCL a role that speaks for the state and adds a region's side ...
    assert (side_of(tcl, rules), side_of(african, rules)) == ("CYP", "AFU")
    # ... and keeps the bundled ones
    assert side_of(Actor("eu", "European governments", "group", code="EURGOV"), rules) == "EU"
    # without it, the bundled rules alone
    assert (side_of(tcl), side_of(african)) == ("CYPTCL", "AFRGOV")


def test_side_rules_reject_a_malformed_file(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nregion_sides: [EUR]\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="region_sides"):
        load_kb(proposal_files=[bad])

