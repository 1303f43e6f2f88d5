"""Corpus views over hand-built analyses: proposals, matrix, changes, comparison, timeline."""

import pytest

from detente.facts import Actor, Analysis, Document, Position, Proposal, Span
from detente.negotiation import views

PUTIN = Actor("vladimir_putin", "Vladimir Putin", "person", country="RUS", code="RUS")
RUSSIA = Actor("RUS", "Russia", "state", country="RUS", code="RUS")


def _analysis(doc_id, published, proposals, positions):
    text = "x" * 200
    return Analysis(document=Document(id=doc_id, text=text, published=published),
                    actors=(PUTIN, RUSSIA), proposals=tuple(proposals),
                    positions=tuple(Position(party=party, value=value,
                                             evidence=Span(0, 10, text[:10]), proposal=prop,
                                             issue=issue)
                                    for party, value, prop, issue in positions))


@pytest.fixture()
def corpus():
    return [
        _analysis("d2", "2025-11-27", [Proposal("usa-plan", "US plan")],
                  [("vladimir_putin", "accepts_as_basis", "usa-plan", None),
                   ("vladimir_putin", "red_line", None, "territory.status")]),
        _analysis("d1", "2025-11-20", [Proposal("usa-plan", "28-point U.S. plan"),
                                       Proposal("eu-counterproposal", "European counterproposal",
                                                issues=("security.force_limits",))],
                  [("RUS", "rejects", "usa-plan", None)]),
        _analysis("d3", "2025-11-24", [Proposal("28-point-plan", "28-point plan")], []),
    ]


def test_list_proposals_merges_point_count_names(corpus) -> None:
    entries = {e["id"]: e for e in views.list_proposals(corpus)}
    assert set(entries) == {"usa-plan", "eu-counterproposal"}
    assert entries["usa-plan"]["documents"] == 3
    assert entries["usa-plan"]["positions"] == 2
    assert entries["usa-plan"]["point_counts"] == [28]


def test_matrix_latest_value_with_history(corpus) -> None:
    matrix = views.position_matrix(corpus)
    cell = next(c for c in matrix["cells"] if c["issue"] == "proposal:usa-plan")
    assert (cell["party"], cell["value"]) == ("RUS", "accepts_as_basis")
    assert [h["value"] for h in cell["history"]] == ["rejects", "accepts_as_basis"]
    assert {"territory.status", "proposal:usa-plan"} == set(matrix["issues"])


def test_changes_are_listed(corpus) -> None:
    [change] = views.position_changes(corpus)
    assert (change["from"], change["to"], change["date"]) == ("rejects", "accepts_as_basis",
                                                             "2025-11-27")
    assert change["text"].startswith("Russia: rejects -> accepts_as_basis on usa-plan")


def test_by_actor_keeps_speakers_apart(corpus) -> None:
    assert views.position_changes(corpus, by="actor") == []


def test_sides_follow_the_side_rules_given() -> None:
    """A user's side rules (``country_sectors``) regroup parties in every view."""
    from detente.negotiation.knowledge import SideRules

    tcl = Actor("tcl", "Turkish Cypriot leadership", "group", country="CYP", code="CYPTCL")
    text = "x" * 200
    analysis = Analysis(document=Document(id="d9", text=text, published="2025-11-27"),
                        actors=(tcl,), positions=(Position(
                            party="tcl", value="rejects", evidence=Span(0, 10, text[:10]),
                            issue="territory.status"),))
    bundled = views.position_matrix([analysis])
    theirs = views.position_matrix([analysis], sides=SideRules(country_sectors=frozenset(
        {"GOV", "TCL"})))
    assert [p["id"] for p in bundled["parties"]] == ["CYPTCL"]
    assert [p["id"] for p in theirs["parties"]] == ["CYP"]


def test_compare_and_show(corpus) -> None:
    table = views.compare_proposals(corpus, "usa-plan", "eu-counterproposal")
    row = next(r for r in table["issues"] if r["issue"] == "security.force_limits")
    assert (row["a"]["addressed"], row["b"]["addressed"]) == (False, True)
    shown = views.show_proposal(corpus, "28-point-plan")
    assert shown["id"] == "usa-plan"
    assert [t["value"] for t in shown["timeline"]] == ["rejects", "accepts_as_basis"]
    assert views.show_proposal(corpus, "nothing") is None
    with pytest.raises(KeyError):
        views.compare_proposals(corpus, "usa-plan", "nothing")


# --- identity across articles, changes, filters ----------------------------------------------

GAZA = "The U.S. plan for Gaza calls on Hamas to disarm."
UKRAINE = "The U.S. plan would have Ukraine cede Donbas to Russia."


def _article(doc_id, published, text, proposal, positions=(), ukraine=True):
    actors = (Actor("UKR", "Ukraine", "state", country="UKR",
                    mentions=(Span(text.find("Ukraine"), text.find("Ukraine") + 7, "Ukraine"),))
              if ukraine and "Ukraine" in text else RUSSIA, RUSSIA)
    return Analysis(document=Document(id=doc_id, text=text, published=published),
                    actors=(*actors, PUTIN), proposals=(proposal,),
                    positions=tuple(Position(party=party, value=value,
                                             evidence=Span(s, e, text[s:e]), proposal=prop,
                                             issue=issue, date=date, segment_genre=genre)
                                    for party, value, prop, issue, (s, e), date, genre
                                    in positions))


def test_two_plans_of_one_proposer_stay_apart_across_articles() -> None:
    corpus = [_article("g", "2025-10-10", GAZA, Proposal("usa-plan", "U.S. plan")),
              _article("u", "2025-11-20", UKRAINE, Proposal("usa-plan", "U.S. plan",
                                                            point_count=28))]
    entries = {e["id"]: e for e in views.list_proposals(corpus)}
    assert set(entries) == {"usa-plan@isr-pse", "usa-plan@rus-ukr"}
    assert entries["usa-plan@rus-ukr"]["point_counts"] == [28]
    # A per-article id names the most discussed one; a corpus id names exactly one.
    assert views.show_proposal(corpus, "usa-plan@isr-pse")["documents"] == 1


def test_aliases_of_one_plan_merge_across_articles() -> None:
    corpus = [_article("a", "2025-11-20", UKRAINE,
                       Proposal("usa-plan", "28-point U.S. plan", point_count=28)),
              _article("b", "2025-11-21", "The 28-point plan would have Ukraine cede Donbas.",
                       Proposal("28-point-plan", "28-point plan", point_count=28))]
    [entry] = views.list_proposals(corpus)
    assert (entry["id"], entry["documents"], entry["ids"]) == (
        "usa-plan", 2, ["usa-plan", "28-point-plan"])
    assert entry["aliases"] == ["28-point plan"]


def test_point_counts_split_unrevised_versions() -> None:
    corpus = [_article("a", "2025-11-20", UKRAINE, Proposal("usa-plan", "a", point_count=28)),
              _article("b", "2025-12-01", UKRAINE, Proposal("usa-plan", "b")),
              _article("c", "2025-12-05", UKRAINE, Proposal("usa-plan", "c", point_count=12))]
    entries = {e["id"]: e["documents"] for e in views.list_proposals(corpus)}
    assert entries == {"usa-plan-28pt": 2, "usa-plan-12pt": 1}


EV1, EV2 = (0, 22), (23, 43)
DOUBLE = "Putin rejected the plan. Putin rejected the plan outright. Putin accepted it."


@pytest.mark.parametrize("positions, expected", [
    # a real change, on a later date
    ([("RUS", "rejects", "usa-plan", None, EV1, "2025-11-20", "report"),
      ("RUS", "accepts_as_basis", "usa-plan", None, (58, 76), "2025-11-27", "report")],
     [("rejects", "accepts_as_basis", "2025-11-27")]),
    # an opinion segment is never a party's change
    ([("RUS", "rejects", "usa-plan", None, EV1, "2025-11-20", "report"),
      ("RUS", "accepts_as_basis", "usa-plan", None, (58, 76), "2025-11-27", "opinion")], []),
    # one statement reported twice (same date, same words) with a misread value: no flip
    ([("RUS", "rejects", "usa-plan", None, EV1, "2025-11-20", "report"),
      ("RUS", "accepts_as_basis", "usa-plan", None, (25, 57), "2025-11-20", "report"),
      ("RUS", "rejects", "usa-plan", None, EV1, "2025-11-21", "report")], []),
    # different keys (proposal vs issue) never compare
    ([("RUS", "rejects", "usa-plan", None, EV1, "2025-11-20", "report"),
      ("RUS", "accepts_as_basis", None, "territory.status", (58, 76), "2025-11-27", "report")],
     []),
])
def test_changes_need_same_key_later_date_and_reporting(positions, expected) -> None:
    corpus = [_article(f"d{i}", "2025-11-28", DOUBLE, Proposal("usa-plan", "plan"), [p])
              for i, p in enumerate(positions)]
    changes = views.position_changes(corpus)
    assert [(c["from"], c["to"], c["date"]) for c in changes] == expected
    for c in changes:
        assert c["before"]["evidence"]["text"] and c["after"]["evidence"]["text"]


def test_list_positions_filters_and_matrix_grid(corpus) -> None:
    assert [r["value"] for r in views.list_positions(corpus, party="russia")] == [
        "rejects", "accepts_as_basis", "red_line"]
    assert [r["value"] for r in views.list_positions(corpus, issue="territory")] == ["red_line"]
    assert len(views.list_positions(corpus, proposal="28-point-plan")) == 2
    grid = views.matrix_grid(views.position_matrix(corpus, proposal="usa-plan"))
    assert grid == [["party", "proposal:usa-plan"], ["Russia", "accepts_as_basis"]]


def test_timeline_all_and_unknown(corpus) -> None:
    rows = views.timeline(corpus)
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert {r["proposal"] for r in rows} == {"usa-plan"}
    assert views.timeline(corpus, "nothing") == []


def test_a_denial_is_no_change() -> None:
    positions = [("RUS", "conditional", None, "territory.status", EV1, "2025-11-20", "report"),
                 ("RUS", "denies_reported_position", None, "territory.status", EV2,
                  "2025-11-25", "report"),
                 ("RUS", "conditional", None, "territory.status", (58, 76), "2025-11-30",
                  "report")]
    corpus = [_article(f"d{i}", "2025-12-01", DOUBLE, Proposal("usa-plan", "plan"), [p])
              for i, p in enumerate(positions)]
    assert views.position_changes(corpus) == []


# --- the conflict the proposals stage recorded; versions across articles ----------------------

NEUTRAL = "The U.S. plan was discussed again on Monday."


def test_recorded_conflict_is_used_before_the_text() -> None:
    # Neither text names a conflict: only Proposal.conflict tells the two plans apart.
    corpus = [_article("g", "2025-10-10", NEUTRAL, Proposal("usa-plan", "U.S. plan",
                                                            conflict="isr-pse")),
              _article("u", "2025-11-20", NEUTRAL, Proposal("usa-plan", "U.S. plan",
                                                            conflict="rus-ukr"))]
    assert views.corpus_ids(corpus) == {("g", "usa-plan"): "usa-plan@isr-pse",
                                        ("u", "usa-plan"): "usa-plan@rus-ukr"}
    entries, canon = views.proposal_index(corpus)
    assert canon == views.corpus_ids(corpus)
    assert {e["id"]: e["conflict"] for e in entries} == {"usa-plan@isr-pse": "isr-pse",
                                                         "usa-plan@rus-ukr": "rus-ukr"}


@pytest.mark.parametrize("later, expected_id, revises", [
    # "the 28-point draft was cut to 19 points": its new version, joined to the U.S. plan
    ((Proposal("28-point-plan", "28-point draft", point_count=28, conflict="rus-ukr"),
      Proposal("28-point-plan-revised", "19 points", point_count=19, revises="28-point-plan",
               conflict="rus-ukr")), "usa-plan-revised", "usa-plan"),
    # "reworked into a 20-point framework": its own name, linked to what it was made from
    ((Proposal("28-point-plan", "28 points", point_count=28, conflict="rus-ukr"),
      Proposal("20-point-plan", "20-point framework", point_count=20, revises="28-point-plan",
               conflict="rus-ukr")), "20-point-plan", "usa-plan"),
])
def test_versions_link_across_articles(later, expected_id, revises) -> None:
    first = _article("a", "2025-11-20", UKRAINE,
                     Proposal("usa-plan", "U.S. plan", point_count=28, conflict="rus-ukr"))
    second = _article("b", "2025-11-24", UKRAINE, later[0]).replace(proposals=later)
    entries = {e["id"]: e for e in views.list_proposals([first, second])}
    assert set(entries) == {"usa-plan", expected_id}
    assert entries[expected_id]["revises"] == revises
    assert entries["usa-plan"]["documents"] == 2
