import sqlite3

import pytest

from detente.errors import (
    NotFoundError,
    SchemaVersionError,
    StoreError,
    StoreLockedError,
    StoreUnwritableError,
)
from detente.facts import (
    Actor,
    Analysis,
    Document,
    Event,
    EventDate,
    Quote,
    Span,
    Speaker,
)
from detente.store import open_store


def analysis(i: int, text: str | None = None, **doc) -> Analysis:
    text = text or f"Talks round {i}: Kremlin spokesman Dmitry Peskov said talks would go on."
    d = Document(id=f"doc{i:03d}", text=text, title=f"Round {i}", source="Wire",
                 published=f"2025-11-{i + 1:02d}", **doc)
    peskov = Actor("dmitry_peskov", "Dmitry Peskov", "person", "RUS", "GOV", "RUSGOV",
                   (Span(0, 6, "Peskov"),), kb_id="dmitry_peskov")
    q = Quote("q1", "indirect", "talks would go on", 10, 27,
              Speaker("dmitry_peskov", "Dmitry Peskov", "Peskov", "named"))
    e = Event("e1", "CONSULT", Span(0, 10, text[:10]), date=EventDate("2025-11-01", "day"),
              actor=("dmitry_peskov",))
    return Analysis(document=d, actors=(peskov,), quotes=(q,), events=(e,))


def test_save_and_read_back(db_path) -> None:
    store = open_store(db_path)
    assert store.save_batch([analysis(1), analysis(2)]) == 2
    assert store.get_analysis("doc001") == analysis(1)
    assert store.get_document("doc002").title == "Round 2"
    s = store.stats()
    assert (s["documents"], s["actors"], s["quotes"], s["events"]) == (2, 2, 2, 2)
    assert s["top_actors"][0]["name"] == "Dmitry Peskov"


def test_id_prefix_lookup(db_path) -> None:
    store = open_store(db_path)
    store.save_batch([analysis(1), analysis(2)])
    assert store.resolve_id("doc001") == "doc001"
    with pytest.raises(NotFoundError, match="ambiguous"):
        store.resolve_id("doc00")
    with pytest.raises(NotFoundError, match="no document"):
        store.resolve_id("zzz")


def test_resaving_is_idempotent(db_path) -> None:
    store = open_store(db_path)
    store.save_batch([analysis(1)])
    assert store.save_batch([analysis(1)]) == 0
    assert store.count("documents") == 1 and store.count("quotes") == 1
    assert store.known_ids(["doc001", "doc999"]) == {"doc001"}


def test_full_text_search(db_path) -> None:
    store = open_store(db_path)
    store.save_batch([analysis(1), analysis(2, "Hamas and Israel agreed a truce in Cairo.")])
    hits = store.search("truce")
    assert [h["id"] for h in hits] == ["doc002"] and "[truce]" in hits[0]["snippet"]
    assert store.search('"Dmitry Peskov"')[0]["id"] == "doc001"


def test_filters_by_outlet_and_date(db_path) -> None:
    store = open_store(db_path)
    store.save_batch([analysis(i) for i in range(5)])
    rows = store.list_documents(since="2025-11-02", until="2025-11-04")
    assert sorted(r["id"] for r in rows) == ["doc001", "doc002", "doc003"]
    assert store.list_documents(source="Other") == []


def test_failed_batch_rolls_back_entirely(db_path) -> None:
    store = open_store(db_path)
    store.save_batch([analysis(1)])
    bad = analysis(2)
    bad_events = (*bad.events, bad.events[0])  # duplicate event id violates the primary key
    with pytest.raises(StoreError):
        store.save_batch([analysis(3), bad.replace(events=bad_events)])
    assert store.count("documents") == 1


def test_locked_database(db_path) -> None:
    open_store(db_path).close()
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreLockedError, match="locked by another process") as info:
            open_store(db_path, busy_timeout=0.2).save_batch([analysis(1)])
        assert str(db_path) in str(info.value)
    finally:
        holder.execute("ROLLBACK")


def test_unwritable_path(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreUnwritableError) as info:
        open_store(blocker / "sub" / "x.db")
    assert "x.db" in str(info.value)


def test_newer_schema_is_refused(db_path) -> None:
    open_store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version=999")
    conn.close()
    with pytest.raises(SchemaVersionError):
        open_store(db_path)


def test_fetchall_returns_dicts(db_path) -> None:
    store = open_store(db_path)
    store.save_batch([analysis(1)])
    rows = store.fetchall("SELECT id, title FROM documents WHERE source = ?", ["Wire"])
    assert rows == [{"id": "doc001", "title": "Round 1"}]
