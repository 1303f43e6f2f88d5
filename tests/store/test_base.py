"""The store API, run on every backend (SQLite always, PostgreSQL when a test server is set)."""

import numpy as np
import pytest

from detente.errors import ErrorRecord, NotFoundError, StoreError
from detente.store import open_store
from store.helpers import analysis


def test_save_and_read_back(target) -> None:
    with open_store(target) as store:
        assert store.save_batch([analysis(1), analysis(2)]) == 2
        assert store.get_analysis("doc001") == analysis(1)
        assert store.get_document("doc002").title == "Round 2"
        s = store.stats()
        assert (s["documents"], s["actors"], s["quotes"], s["events"]) == (2, 2, 2, 2)
        assert s["top_actors"] == [{"name": "Dmitry Peskov", "country": "RUS", "sector": "GOV",
                                    "mentions": 2, "documents": 2}]
        assert s["sources"] == [{"source": "Wire", "documents": 2}]
        assert s["published_range"] == ["2025-11-02", "2025-11-03"]
        assert s["events_by_type"] == {"CONSULT": 2}


def test_id_prefix_lookup(target) -> None:
    with open_store(target) as store:
        store.save_batch([analysis(1), analysis(2)])
        assert store.resolve_id("doc001") == "doc001"
        with pytest.raises(NotFoundError, match="ambiguous"):
            store.resolve_id("doc00")
        with pytest.raises(NotFoundError, match="no document"):
            store.resolve_id("zzz")


def test_resaving_is_idempotent(target) -> None:
    with open_store(target) as store:
        store.save_batch([analysis(1)])
        assert store.save_batch([analysis(1)]) == 0
        assert store.count("documents") == 1 and store.count("quotes") == 1
        assert store.known_ids(["doc001", "doc999"]) == {"doc001"}


@pytest.mark.parametrize(("query", "expected"), [
    ("truce", ["doc002"]),
    ('"Dmitry Peskov"', ["doc001"]),
    ("Cairo OR Kremlin", ["doc001", "doc002"]),
    ("Kreml*", ["doc001"]),
    ("talks NOT truce", ["doc001"]),
])
def test_full_text_search(target, query, expected) -> None:
    with open_store(target) as store:
        store.save_batch([analysis(1), analysis(2, "Hamas and Israel agreed a truce in Cairo.")])
        hits = store.search(query)
        assert sorted(h["id"] for h in hits) == expected
        assert set(hits[0]) == {"id", "title", "published", "source", "snippet", "score"}


def test_search_snippet_marks_the_match(target) -> None:
    with open_store(target) as store:
        store.save_batch([analysis(2, "Hamas and Israel agreed a truce in Cairo.")])
        assert "[truce]" in store.search("truce")[0]["snippet"]


def test_filters_by_outlet_and_date(target) -> None:
    with open_store(target) as store:
        store.save_batch([analysis(i) for i in range(5)])
        rows = store.list_documents(since="2025-11-02", until="2025-11-04")
        assert [r["id"] for r in rows] == ["doc003", "doc002", "doc001"]
        assert rows[0]["chars"] == len(analysis(3).document.text)
        assert store.list_documents(source="Other") == []
        assert [a.document.id for a in store.iter_analyses(since="2025-11-04")] == ["doc003",
                                                                                   "doc004"]


def test_failed_batch_rolls_back_entirely(target) -> None:
    with open_store(target) as store:
        store.save_batch([analysis(1)])
        bad = analysis(2)
        bad_events = (*bad.events, bad.events[0])  # duplicate event id violates the primary key
        with pytest.raises(StoreError):
            store.save_batch([analysis(3), bad.replace(events=bad_events)])
        assert store.count("documents") == 1
        store.save_batch([analysis(3)])  # the store is usable after the rollback
        assert store.count("documents") == 2


def test_fetchall_returns_dicts(target) -> None:
    with open_store(target) as store:
        store.save_batch([analysis(1)])
        # LIKE ignores ASCII case on both databases, as SQLite's does
        rows = store.fetchall("SELECT id, title FROM documents WHERE source = ? AND title "
                              "LIKE 'round%' AND text LIKE ?", ["Wire", "%peskov%"])
        assert rows == [{"id": "doc001", "title": "Round 1"}]


def test_runs_errors_and_signatures(target) -> None:
    sig = np.arange(8, dtype=np.uint64)
    with open_store(target) as store:
        run = store.start_run(["in.jsonl"])
        assert store.start_run(["again"]) == run + 1
        store.save_batch([analysis(1)], signatures={"doc001": sig}, stages=["clean"])
        store.record_errors([ErrorRecord("in.jsonl:3", "empty", "no text")], run)
        store.finish_run(run, "done", stored=1, skipped=0, failed=1)
        assert [(i, s.tolist()) for i, s in store.iter_signatures()] == [("doc001", sig.tolist())]
        assert store.errors()[0]["code"] == "empty"
        assert store.fetchall("SELECT status, stored FROM runs WHERE id = ?", [run]) == [
            {"status": "done", "stored": 1}]


def test_reopening_keeps_data_and_schema(target) -> None:
    open_store(target).save_batch([analysis(1)])
    with open_store(target) as store:
        assert store.count("analyses") == 1


@pytest.mark.parametrize("query", ['"unbalanced', "(truce"])
def test_bad_search_query_is_a_store_error(target, query) -> None:
    with open_store(target) as store:
        store.save_batch([analysis(1)])
        with pytest.raises(StoreError, match="bad search query"):
            store.search(query)


def test_passages_are_saved_replaced_and_read_back(target) -> None:
    v1, v2 = np.eye(2, 384, dtype=np.float32)
    with open_store(target) as store:
        store.save_batch([analysis(1), analysis(2)])
        assert store.documents_without_passages("m") == ["doc001", "doc002"]
        with store.transaction() as tx:  # inside a batch transaction
            store.save_passages("doc001", [(0, 10, v1), (12, 20, v2)], model="m", tx=tx)
        store.save_passages("doc002", [(0, 5, v2)], model="other")  # its own transaction
        got = list(store.iter_passages("m"))
        assert [(d, s, e) for d, s, e, _ in got] == [("doc001", 0, 10), ("doc001", 12, 20)]
        assert got[1][3].dtype == np.float32 and np.array_equal(got[1][3], v2)
        assert store.documents_without_passages("m") == ["doc002"]
        store.save_passages("doc001", [(3, 9, v2)], model="m")  # replaces, not appends
        assert [(d, s) for d, s, _, _ in store.iter_passages("m")] == [("doc001", 3)]
