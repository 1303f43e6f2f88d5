"""Two ingest processes and the API server on one database at once: no lost or duplicated
documents, and no server errors while they all write."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from detente.config import Config
from live_server import LiveServer
from store.test_durability import assert_exactly_once, finish, spawn, write_corpus

httpx = pytest.importorskip("httpx")
uvicorn = pytest.importorskip("uvicorn")

TOKEN = "concurrent-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
LIGHT = Config().with_overrides(**{"pipeline.stages": ["clean", "language"]})


def api_writer(url: str, texts: list[str], log: list[tuple[str, int, list[str]]]) -> None:
    """POST each text, listing the documents after every write, as a browser user might."""
    with httpx.Client(base_url=url, timeout=60) as client:
        for n, text in enumerate(texts):
            r = client.post("/api/documents", headers=AUTH,
                            json={"text": text, "title": f"API {n}", "source": "API Wire",
                                  "published": "2025-12-02"})
            stored = r.json()["data"]["stored"] if r.status_code in (200, 201) else []
            log.append(("POST", r.status_code, stored))
            r = client.get("/api/documents", params={"limit": 50})
            log.append(("GET", r.status_code, []))


def test_ingests_and_api_writes_store_each_document_once(target, tmp_path: Path) -> None:
    from detente.web.app import create_app

    # Ingest workers read documents [0, 12) and [6, 18); the API posts [12, 24), so every
    # document from 6 to 17 has two writers racing for it.
    folders = [tmp_path / "part0", tmp_path / "part1"]
    write_corpus(folders[0], range(0, 12))
    write_corpus(folders[1], range(6, 18))
    write_corpus(tmp_path / "api", range(12, 24))
    texts = [p.read_text() for p in sorted((tmp_path / "api").glob("*.txt"))]
    log: list[tuple[str, int, list[str]]] = []
    with LiveServer(create_app(target, LIGHT, TOKEN)) as server:  # creates the schema first
        client = threading.Thread(target=api_writer, args=(server.url, texts, log))
        client.start()
        procs = [spawn(target, folder, pause=0.05) for folder in folders]
        ingested = sum(int(finish(p).split()[1]) for p in procs)
        client.join(60)
        assert not client.is_alive(), "the API client did not finish"
    statuses = [status for _, status, _ in log]
    assert len(log) == 2 * len(texts)
    assert all(status < 500 for status in statuses), statuses
    assert {s for verb, s, _ in log if verb == "POST"} <= {200, 201}
    assert {s for verb, s, _ in log if verb == "GET"} == {200}
    posted = sum(len(stored) for _, _, stored in log)
    # Each document counted as new by exactly one writer, and stored exactly once.
    assert ingested + posted == 24
    assert_exactly_once(target, 24)
