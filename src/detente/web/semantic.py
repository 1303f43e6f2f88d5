"""Semantic search: bundled MiniLM (all-MiniLM-L6-v2, int8 ONNX) embeddings over passages.

The store has no embeddings table yet, so the index is built in memory from the stored texts the
first time it is queried, and rebuilt when the set of documents changes. Passages are paragraphs
(long ones cut into ~120-word windows), so a hit points at the part of an article that matched.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import numpy as np

from detente.nlp.embeddings import SentenceEmbedder, shared_embedder

WINDOW_WORDS = 120


@dataclass(frozen=True)
class Passage:
    document_id: str
    start: int
    end: int


def passages(doc_id: str, text: str) -> list[Passage]:
    """Paragraphs, with long ones cut into windows of about ``WINDOW_WORDS`` words."""
    out = []
    for para in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        words = list(re.finditer(r"\S+", para.group()))
        if not words:
            continue
        for i in range(0, len(words), WINDOW_WORDS):
            chunk = words[i:i + WINDOW_WORDS]
            out.append(Passage(doc_id, para.start() + chunk[0].start(),
                               para.start() + chunk[-1].end()))
    return out


class SemanticIndex:
    """Passage vectors for a set of documents, rebuilt when the document set changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._embedder: SentenceEmbedder | None = None
        self._key: tuple[str, ...] = ()
        self._passages: list[Passage] = []
        self._texts: dict[str, str] = {}
        self._vectors = np.zeros((0, 384), dtype=np.float32)

    def _refresh(self, docs: list[dict]) -> None:
        key = tuple(d["id"] for d in docs)
        if key == self._key and self._embedder is not None:
            return
        if self._embedder is None:
            self._embedder = shared_embedder()
        texts = {d["id"]: d["text"] for d in docs}
        items = [p for d in docs for p in passages(d["id"], d["text"])]
        vectors = self._embedder.embed([texts[p.document_id][p.start:p.end] for p in items]) \
            if items else np.zeros((0, 384), dtype=np.float32)
        self._key, self._passages, self._texts, self._vectors = key, items, texts, vectors

    def search(self, docs: list[dict], query: str, limit: int = 20) -> list[dict]:
        """Best passage per document, best documents first, with cosine scores."""
        with self._lock:
            self._refresh(docs)
            assert self._embedder is not None
            if not self._passages:
                return []
            q = self._embedder.embed([query])[0]
            scores = self._vectors @ q
            best: dict[str, tuple[float, Passage]] = {}
            for i in np.argsort(-scores):
                p = self._passages[int(i)]
                if p.document_id not in best:
                    best[p.document_id] = (float(scores[i]), p)
                if len(best) >= limit:
                    break
            return [{"id": p.document_id, "score": round(s, 4), "start": p.start, "end": p.end,
                     "snippet": self._texts[p.document_id][p.start:p.end][:400]}
                    for s, p in best.values()]
