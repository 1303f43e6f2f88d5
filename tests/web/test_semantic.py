"""Semantic search over stored passage vectors, over documents stored without them, and
indexing what the API stores."""

import pytest
from fastapi.testclient import TestClient

from detente.facts import Analysis, Document, Quality, QualityFlag
from detente.nlp.embeddings import MODEL_NAME
from detente.search.passages import index_analyses
from detente.store import open_store
from detente.web.app import create_app
from detente.web.semantic import SemanticIndex
from store import helpers

# Fixtures running a test on SQLite and (with $DETENTE_TEST_PG_URL) PostgreSQL.
backend, target = helpers.backend, helpers.target

CEASEFIRE = "Both armies agreed to a ceasefire along the front line starting at midnight."
BOILER = "Subscribe to our newsletter for more"


def _analysis(doc_id: str, text: str, boiler: str | None = None) -> Analysis:
    flags = ()
    if boiler:
        start = text.index(boiler)
        flags = (QualityFlag("boilerplate", start, start + len(boiler), boiler),)
    return Analysis(document=Document(id=doc_id, text=text, quality=Quality(1.0, flags)))


def _corpus() -> list[Analysis]:
    return [_analysis("ceasefire", f"{CEASEFIRE}\n{BOILER}", BOILER),
            _analysis("grain", "Wheat exports through the Black Sea ports rose in October.")]


@pytest.mark.slow
def test_paraphrase_found_from_stored_vectors(target) -> None:
    with open_store(target) as store:
        store.save_batch(_corpus())
        assert index_analyses(store, _corpus()) == 2  # boilerplate line is no passage
        assert store.documents_without_passages(MODEL_NAME) == []
        index = SemanticIndex()
        hits = index.search(store, "truce")
        assert hits[0]["id"] == "ceasefire" and hits[0]["snippet"] == CEASEFIRE
        assert 0 < hits[0]["score"] <= 1 and hits[0]["score"] > hits[1]["score"]
        assert index._on_the_fly == {}  # nothing was embedded at query time


@pytest.mark.slow
def test_documents_without_vectors_are_still_searchable(target) -> None:
    with open_store(target) as store:
        corpus = _corpus()
        store.save_batch(corpus)
        index_analyses(store, corpus[1:])  # the ceasefire article has no stored vectors
        index = SemanticIndex()
        hits = index.search(store, "truce")
        assert [h["id"] for h in hits] == ["ceasefire", "grain"]
        assert hits[0]["snippet"] == CEASEFIRE
        assert set(index._on_the_fly) == {"ceasefire"}
        later = _analysis("later", "The two sides signed an armistice in Geneva.")
        store.save_batch([later])
        index_analyses(store, [later])  # a new document is picked up on the next query
        assert {h["id"] for h in index.search(store, "truce", limit=2)} == {"ceasefire", "later"}


def test_posted_document_is_indexed(target, web_config, auth) -> None:
    open_store(target).close()  # create the schema
    client = TestClient(create_app(target, web_config, auth["Authorization"].split()[1]))
    r = client.post("/api/documents", json={"text": CEASEFIRE, "title": "Truce"}, headers=auth)
    assert r.status_code == 201, r.text
    with open_store(target) as store:
        rows = list(store.iter_passages(MODEL_NAME))
    assert [(d, s, e) for d, s, e, _ in rows] == [(r.json()["data"]["stored"][0], 0,
                                                   len(CEASEFIRE))]
