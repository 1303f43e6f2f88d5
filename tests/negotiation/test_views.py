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
