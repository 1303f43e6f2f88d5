"""Semantic search: bundled MiniLM (all-MiniLM-L6-v2, int8 ONNX) embeddings over passages.

Passage vectors are written to the store at ingest (``store.semantic_index``; see
``detente.search.passages``) and read from it here. Documents stored without them (before the
``passages`` table existed, or with the setting off) are embedded the first time they are
searched and kept in memory, so every document stays searchable. The in-memory matrix is
reloaded when the store's document or passage counts change.
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np

from detente.errors import DetenteError
from detente.nlp.embeddings import DIMENSIONS, MODEL_NAME, SentenceEmbedder, shared_embedder
from detente.search.passages import Passage, embed_passages, passages

__all__ = ["Passage", "SemanticIndex", "passages"]


class SemanticIndex:
    """Passage vectors of a store's documents: stored ones, plus any embedded on the fly."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._embedder: SentenceEmbedder | None = None
        self._key: tuple[Any, ...] | None = None
        self._passages: list[Passage] = []
        self._vectors = np.zeros((0, DIMENSIONS), dtype=np.float32)
        # Documents that had no stored vectors: embedded once, kept across reloads.
        self._on_the_fly: dict[str, tuple[list[Passage], np.ndarray]] = {}

    def _state_key(self, store) -> tuple[Any, ...]:
        row = store.fetchall(
            "SELECT (SELECT count(*) FROM documents) AS docs, (SELECT count(*) FROM passages) "
            "AS passages, (SELECT max(ingested_at) FROM documents) AS latest")[0]
        return (store.path, row["docs"], row["passages"], row["latest"])

    def _refresh(self, store) -> None:
        key = self._state_key(store)
        if key == self._key:
            return
        items: list[Passage] = []
        vectors: list[np.ndarray] = []
        for doc_id, start, end, vector in store.iter_passages(MODEL_NAME):
            items.append(Passage(doc_id, start, end))
            vectors.append(vector)
        missing = store.documents_without_passages(MODEL_NAME)
        self._embed_missing(store, [d for d in missing if d not in self._on_the_fly])
        for doc_id in missing:
            found, found_vectors = self._on_the_fly[doc_id]
            items.extend(found)
            vectors.extend(found_vectors)
        self._passages = items
        self._vectors = np.vstack(vectors) if vectors else np.zeros((0, DIMENSIONS), np.float32)
        self._key = key

    def _embed_missing(self, store, ids: list[str]) -> None:
        if not ids:
            return
        texts, items = {}, []
        for doc_id in ids:
            try:
                doc = store.get_document(doc_id)
                text, excluded = doc.text, doc.excluded_spans()
            except DetenteError:  # a document row without an analysis: no boilerplate flags
                text, excluded = _texts(store, [doc_id]).get(doc_id, ""), []
            texts[doc_id] = text
            items.extend(passages(doc_id, text, excluded))
        vectors = embed_passages(texts, items, self._embedder)
        for doc_id in ids:
            rows = [i for i, p in enumerate(items) if p.document_id == doc_id]
            self._on_the_fly[doc_id] = ([items[i] for i in rows], vectors[rows])

    def search(self, store, query: str, limit: int = 20) -> list[dict]:
        """Best passage per document, best documents first, with cosine scores."""
        with self._lock:
            if self._embedder is None:
                self._embedder = shared_embedder()
            self._refresh(store)
            if not self._passages:
                return []
            q = self._embedder.embed([query])[0]
            scores = self._vectors @ q
            best: dict[str, tuple[float, Passage]] = {}
            for i in np.argsort(-scores, kind="stable"):
                p = self._passages[int(i)]
                if p.document_id not in best:
                    best[p.document_id] = (float(scores[i]), p)
                if len(best) >= limit:
                    break
        texts = _texts(store, list(best))
        return [{"id": p.document_id, "score": round(s, 4), "start": p.start, "end": p.end,
                 "snippet": texts.get(p.document_id, "")[p.start:p.end][:400]}
                for s, p in best.values()]


def _texts(store, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return {r["id"]: r["text"] for r in store.fetchall(
        f"SELECT id, text FROM documents WHERE id IN ({marks})", ids)}
