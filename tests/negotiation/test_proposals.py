"""Proposal identity: conflict, point count and version qualifiers; "the plan" in context."""

import pytest

from detente.errors import KnowledgeError
from detente.facts import Actor, Span
from detente.negotiation.proposals import (
    compose_id,
    conflict_in,
    load_conflicts,
    parse_id,
    split_identities,
)


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


def test_revised_reference_to_the_product_of_a_revision(run) -> None:
    a = run("The 28 points have been reworked into a 20-point framework. Moscow has called "
            "some aspects of the revised framework unacceptable.")
    assert {p.id for p in a.proposals} >= {"20-point-plan"}
    assert "20-point-plan-revised" not in {p.id for p in a.proposals}
