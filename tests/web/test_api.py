"""The JSON API in process: envelope, filters, pagination, downloads, records, writes."""

from __future__ import annotations

import io
import json

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from detente.web.app import create_app


@pytest.mark.parametrize(("listing", "params", "expected"), [
    ("documents", {}, 3),
    ("documents", {"outlet": "Baltic Wire"}, 2),
    ("documents", {"since": "2025-11-26"}, 2),
    ("documents", {"until": "2025-11-25"}, 1),
    ("documents", {"genre": "mixed"}, 1),
    ("documents", {"quality": 0.95}, 2),
    ("documents", {"actor": "UKRGOV"}, 1),
    ("documents", {"type": "CONSULT"}, 2),
    ("documents", {"proposal": "european_counterproposal"}, 1),
    ("events", {}, 4),
    ("events", {"type": "REJECT"}, 2),
    ("events", {"actor": "steve_witkoff"}, 2),
    ("events", {"recipient": "RUSGOV"}, 1),
    ("events", {"actor": "steve", "type": "CONSULT"}, 0),  # ids match whole, not by substring
    ("events", {"outlet": "Harbor Gazette", "type": "CONSULT"}, 1),
    ("quotes", {"actor": "vladimir_putin"}, 1),
    ("quotes", {"issue": "territory.status"}, 1),
    ("actors", {}, 4),  # anonymous "officials" is not a cross-document actor
    ("actors", {"outlet": "Harbor Gazette"}, 4),
    ("positions", {"issue": "territory.status"}, 2),
    ("positions", {"proposal": "european_counterproposal"}, 1),
    ("positions", {"actor": "RUSGOV", "since": "2025-11-26"}, 1),
])
def test_listing_filters(client: TestClient, listing: str, params: dict, expected: int) -> None:
    body = client.get(f"/api/{listing}", params=params).json()
    assert body["ok"] is True
    assert body["meta"]["total"] == expected
    assert len(body["data"]) == expected


def test_pagination(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 3}).json()
    assert len(first["data"]) == 3 and first["meta"]["next_offset"] == 3
    rest = client.get("/api/events", params={"limit": 3, "offset": 3}).json()
    assert len(rest["data"]) == 1 and rest["meta"]["next_offset"] is None
    ids = {(r["document_id"], r["event_id"]) for r in first["data"] + rest["data"]}
    assert len(ids) == 4


def test_event_rows_carry_names_and_evidence(client: TestClient) -> None:
    row = client.get("/api/events", params={"type": "CONSULT", "outlet": "Baltic Wire"}).json()["data"][0]
    assert row["actor"] == [{"id": "steve_witkoff", "name": "Steve Witkoff"}]
    assert row["evidence"] == "Steve Witkoff met Vladimir Putin in Moscow on Tuesday"


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json"])
def test_downloads_every_matching_row(client: TestClient, fmt: str) -> None:
    params = {"type": "REJECT", "limit": 1}
    params |= {"download": "true"} if fmt == "json" else {"format": fmt}
    r = client.get("/api/events", params=params)
    assert r.status_code == 200
    assert "attachment" in r.headers["content-disposition"]
    if fmt == "csv":
        lines = r.text.strip().splitlines()
        assert lines[0].startswith("document_id,event_id,type") and len(lines) == 3
    elif fmt == "parquet":
        table = pq.read_table(io.BytesIO(r.content))
        assert table.num_rows == 2 and "evidence" in table.column_names
    else:
        assert len(json.loads(r.content)) == 2


def test_document_record(client: TestClient) -> None:
    body = client.get("/api/documents/doc1aaaa").json()  # a unique prefix is enough
    assert body["data"]["schema"] == "detente.analysis/1"
    assert body["data"]["document"]["id"] == "doc1aaaaaaaaaaaaaaaa"


def test_event_detail_lists_other_reports(client: TestClient) -> None:
    data = client.get("/api/events/doc1aaaaaaaaaaaaaaaa/e1").json()["data"]
    assert data["rule"] == "meet_obj"
    assert [(s["document_id"], s["event_id"]) for s in data["sources"]] == [
        ("doc2bbbbbbbbbbbbbbbb", "e1")]
    other = client.get("/api/events/doc1aaaaaaaaaaaaaaaa/e2").json()["data"]
    assert other["sources"] == []  # Russia rejecting a plan vs Ukraine rejecting Russia


def test_actor_detail(client: TestClient) -> None:
    data = client.get("/api/actors/steve_witkoff").json()["data"]
    assert data["name"] == "Steve Witkoff" and data["documents"] == 2
    assert data["events_as_actor_total"] == 2 and data["events_as_recipient_total"] == 0
    assert data["roles_recorded"][0]["role"] == "special envoy"
    assert data["dyads"][0] | {"types": None} == {
        "actor": "steve_witkoff", "actor_name": "Steve Witkoff", "recipient": "vladimir_putin",
        "recipient_name": "Vladimir Putin", "events": 2, "types": None}
    assert sum(data["activity"]["as_actor"]) == 2


def test_overview(client: TestClient) -> None:
    data = client.get("/api/overview").json()["data"]
    assert data["counts"]["documents"] == 3 and data["counts"]["events"] == 4
    assert data["timeline"]["weeks"] == ["2025-11-24"]
    assert data["timeline"]["series"] == {"CONSULT": [2], "REJECT": [2]}
    assert {(d["actor"], d["recipient"]) for d in data["dyads"]} == {
        ("steve_witkoff", "vladimir_putin"), ("UKRGOV", "RUSGOV")}


@pytest.mark.parametrize(("by", "parties"), [("side", {"RUS": ["RUSGOV"], "UKR": ["UKRGOV"]}),
                                             ("actor", {"RUSGOV": ["RUSGOV"],
                                                        "UKRGOV": ["UKRGOV"]})])
def test_matrix_parties_by_side_or_actor(client: TestClient, by: str,
                                         parties: dict[str, list[str]]) -> None:
    m = client.get("/api/matrix", params={"by": by}).json()["data"]
    assert {p["id"]: p["actors"] for p in m["parties"]} == parties
    assert {c["party"] for c in m["cells"]} == set(parties)


def test_matrix_history_and_compare(client: TestClient) -> None:
    m = client.get("/api/matrix").json()["data"]
    cell = next(c for c in m["cells"] if (c["party"], c["issue"]) == ("RUS", "territory.status"))
    assert cell["value"] == "conditional"
    assert [h["value"] for h in cell["history"]] == ["rejects", "conditional"]
    assert cell["positions"][0]["evidence"]["text"] == "Russia rejected the territorial clauses"
    cmp = client.get("/api/proposals/compare", params={
        "a": "us_28_point_plan", "b": "european_counterproposal"}).json()["data"]
    row = next(r for r in cmp["issues"] if r["issue"] == "alignment.nato_neutrality")
    assert row["in_a"] and row["in_b"]
    assert row["parties"] == [{"party": "UKR", "a": None, "b": "rejects"}]
    assert [p["id"] for p in client.get("/api/proposals").json()["data"]] == [
        "us_28_point_plan", "european_counterproposal"]


@pytest.mark.parametrize(("path", "status", "code"), [
    ("/api/documents/nope", 404, "not_found"),
    ("/api/events/doc1aaaaaaaaaaaaaaaa/e99", 404, "not_found"),
    ("/api/actors/nobody", 404, "not_found"),
    ("/api/events?limit=0", 422, "invalid_request"),
    ("/api/documents?since=yesterday", 422, "invalid_request"),
    ("/api/search?q=%22unbalanced", 400, "bad_query"),
    ("/api/proposals/compare?a=x&b=y", 404, "not_found"),
    ("/api/nothing-here", 404, "not_found"),
])
def test_errors_use_the_envelope(client: TestClient, path: str, status: int, code: str) -> None:
    r = client.get(path)
    assert r.status_code == status
    assert r.json()["ok"] is False and r.json()["error"]["code"] == code


def test_fulltext_search(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "Donbas"}).json()["data"]
    assert [h["id"] for h in hits] == ["doc1aaaaaaaaaaaaaaaa"]
    assert "[Donbas]" in hits[0]["snippet"]


@pytest.mark.slow
def test_semantic_search_finds_paraphrase(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "nothing happened at the negotiations in "
                                              "Switzerland", "mode": "semantic"}).json()["data"]
    assert hits[0]["id"] == "doc3cccccccccccccccc"
    assert 0 < hits[0]["score"] <= 1


def test_openapi_schema(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert {"/api/events", "/api/documents", "/api/search", "/api/matrix"} <= set(schema["paths"])
    assert "HTTPBearer" in schema["components"]["securitySchemes"]


# --- writes --------------------------------------------------------------------------------------

ARTICLE = {"text": "Turkey offered to host a new round of talks between the delegations.",
           "title": "Turkey offers talks", "source": "Test Wire", "published": "2025-12-02"}


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"},
                                     {"Authorization": "test-token-123"}, {"Authorization": "Basic x"}])
@pytest.mark.parametrize("path", ["/api/documents", "/api/urls", "/api/uploads"])
def test_writes_need_the_token(write_client: TestClient, headers: dict, path: str) -> None:
    r = write_client.post(path, json=ARTICLE, headers=headers)
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
    assert write_client.get("/api/documents").json()["meta"]["total"] == 3


def test_read_only_server_refuses_writes(web_db, web_config) -> None:
    c = TestClient(create_app(str(web_db), web_config, None))
    r = c.post("/api/documents", json=ARTICLE, headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "writes_disabled"
    assert c.get("/api/documents").status_code == 200


def test_post_document_stores_it(write_client: TestClient, auth: dict) -> None:
    r = write_client.post("/api/documents", json=ARTICLE, headers=auth)
    assert r.status_code == 201, r.text
    doc_id = r.json()["data"]["stored"][0]
    stored = write_client.get(f"/api/documents/{doc_id}").json()["data"]["document"]
    assert stored["title"] == "Turkey offers talks" and stored["source"] == "Test Wire"
    again = write_client.post("/api/documents", json=ARTICLE, headers=auth)
    assert again.status_code == 200 and again.json()["data"]["unchanged"] == [doc_id]


def test_upload_files(write_client: TestClient, auth: dict) -> None:
    files = [("files", ("a.txt", b"Talks resumed in Istanbul on Friday.", "text/plain")),
             ("files", ("b.md", b"---\ntitle: B\n---\nA prisoner exchange was agreed.",
                        "text/markdown"))]
    r = write_client.post("/api/uploads", files=files, headers=auth)
    assert r.status_code == 201, r.text
    assert len(r.json()["data"]["stored"]) == 2


@pytest.mark.parametrize(("body", "status"), [
    ({"text": "x" * 30_000}, 413),  # over the 20,000-byte limit of write_client
    ({"text": ""}, 422),
    ({"title": "no text"}, 422),
])
def test_write_limits_and_validation(write_client: TestClient, auth: dict, body: dict,
                                     status: int) -> None:
    r = write_client.post("/api/documents", json=body, headers=auth)
    assert r.status_code == status and r.json()["ok"] is False


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/", "http://localhost/feed",
                                 "http://10.0.0.1/", "http://[::1]/", "http://169.254.169.254/latest",
                                 "file:///etc/passwd"])
def test_url_ingest_refuses_private_addresses(write_client: TestClient, auth: dict, url: str) -> None:
    r = write_client.post("/api/urls", json={"url": url}, headers=auth)
    assert r.status_code == 400
    assert r.json()["error"]["code"] in ("address_blocked", "input_unsupported")
