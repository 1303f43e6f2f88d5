"""Negotiation views over the API: the timeline of a proposal and detected changes."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from detente.facts import Actor, Analysis, Document, Position, Proposal, Span
from detente.negotiation import views
from detente.store.sqlite import SQLiteStore
from detente.web.app import create_app


def test_timeline_and_changes(client: TestClient) -> None:
    body = client.get("/api/timeline", params={"proposal": "us_28_point_plan"}).json()
    assert body["ok"] and body["meta"]["total"] == len(body["data"]) > 0
    assert {r["proposal"] for r in body["data"]} == {"us_28_point_plan"}
    dates = [r["date"] for r in body["data"]]
    assert dates == sorted(dates)
    missing = client.get("/api/timeline", params={"proposal": "nope"})
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    changes = client.get("/api/changes").json()
    assert [(c["from"], c["to"], c["date"]) for c in changes["data"]] == [
        ("rejects", "conditional", "2025-11-27")]
    assert changes["data"][0]["before"]["evidence"]["text"]
    assert client.get("/api/changes", params={"by": "nobody"}).status_code == 422


# --- proposal identity: the web uses the CLI views' corpus ids --------------------------------

GAZA = "The U.S. plan for Gaza calls on Hamas to disarm. Hamas rejected the plan."
UKRAINE = "The U.S. plan would have Ukraine cede Donbas. Russia rejected the plan."


def _article(doc_id: str, text: str, published: str, conflict: str | None,
             party: str) -> Analysis:
    start = text.index(party)
    return Analysis(
        document=Document(id=doc_id, text=text, published=published, source="Wire"),
        actors=(Actor(party, party, "group", mentions=(Span(start, start + len(party),
                                                            party),)),),
        proposals=(Proposal("usa-plan", "U.S. plan", conflict=conflict),),
        positions=(Position(party=party, value="rejects", proposal="usa-plan",
                            issue="security.guarantees", evidence=Span(start, len(text), text[start:])),))


@pytest.fixture()
def two_plans(tmp_path: Path, web_config, token: str):
    corpus = [_article("gaza" + "a" * 16, GAZA, "2025-10-10", "isr-pse", "Hamas"),
              _article("ukr" + "b" * 17, UKRAINE, "2025-11-20", "rus-ukr", "Russia")]
    db = tmp_path / "plans.db"
    with SQLiteStore(db) as store:
        store.save_batch(corpus)
    return TestClient(create_app(str(db), web_config, token)), corpus, db


def test_web_proposals_use_the_cli_corpus_ids(two_plans) -> None:
    client, corpus, _ = two_plans
    ids = [p["id"] for p in client.get("/api/proposals").json()["data"]]
    assert sorted(ids) == sorted(e["id"] for e in views.list_proposals(corpus)) == [
        "usa-plan@isr-pse", "usa-plan@rus-ukr"]
    assert sorted(client.get("/api/facets").json()["data"]["proposal"]) == sorted(ids)


@pytest.mark.parametrize("key, party", [("usa-plan@isr-pse", "Hamas"),
                                        ("usa-plan@rus-ukr", "Russia")])
def test_web_filters_and_rows_by_corpus_id(two_plans, key: str, party: str) -> None:
    client = two_plans[0]
    rows = client.get("/api/positions", params={"proposal": key}).json()["data"]
    assert [(r["party"], r["proposal"]) for r in rows] == [(party, key)]
    docs = client.get("/api/documents", params={"proposal": key}).json()["data"]
    assert len(docs) == 1
    cells = client.get("/api/matrix", params={"proposal": key}).json()["data"]["cells"]
    assert [(c["party"], c["value"]) for c in cells] == [(party, "rejects")]
    assert client.get("/api/positions", params={"proposal": "nope"}).json()["data"] == []


def test_web_compare_and_timeline_tell_the_plans_apart(two_plans) -> None:
    client = two_plans[0]
    cmp = client.get("/api/proposals/compare", params={
        "a": "usa-plan@isr-pse", "b": "usa-plan@rus-ukr"}).json()["data"]
    assert (cmp["a"]["id"], cmp["b"]["id"]) == ("usa-plan@isr-pse", "usa-plan@rus-ukr")
    [row] = cmp["issues"]
    assert row["parties"] == [{"party": "Hamas", "a": "rejects", "b": None},
                              {"party": "Russia", "a": None, "b": "rejects"}]
    rows = client.get("/api/timeline", params={"proposal": "usa-plan@rus-ukr"}).json()["data"]
    assert {r["proposal"] for r in rows} == {"usa-plan@rus-ukr"}
    assert "usa-plan@isr-pse" in client.get("/proposals").text


def test_web_proposal_index_follows_new_analyses(two_plans) -> None:
    client, _, db = two_plans
    assert len(client.get("/api/proposals").json()["data"]) == 2
    extra = _article("ukr" + "c" * 17, UKRAINE, "2025-11-21", "rus-ukr", "Russia")
    with SQLiteStore(db) as store:
        store.save_batch([extra.replace(proposals=(Proposal("eu-plan", "EU plan"),),
                                        positions=())])
    assert {p["id"] for p in client.get("/api/proposals").json()["data"]} == {
        "usa-plan@isr-pse", "usa-plan@rus-ukr", "eu-plan"}
