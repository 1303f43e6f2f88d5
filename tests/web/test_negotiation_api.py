"""Negotiation views over the API: the timeline of a proposal and detected changes."""

from fastapi.testclient import TestClient


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
