"""Passages (the unit semantic search ranks) and building their vectors at ingest.

A passage is a paragraph, long ones cut into windows of about ``WINDOW_WORDS`` words, so a hit
points at the part of an article that matched. Boilerplate lines (the clean stage's flags) are
left out: "Read the original article here" should never be what a query matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from detente.facts import Analysis
from detente.nlp.embeddings import DIMENSIONS, MODEL_NAME, SentenceEmbedder, shared_embedder

WINDOW_WORDS = 120
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Passage:
    document_id: str
    start: int
    end: int


def passages(doc_id: str, text: str, excluded: Sequence[tuple[int, int]] = ()) -> list[Passage]:
    """Paragraphs, long ones cut into windows of about ``WINDOW_WORDS`` words.

    Words inside an ``excluded`` range (boilerplate) are dropped and split the paragraph, so no
    passage spans them.
    """
    out = []
    for para in _PARAGRAPH.finditer(text):
        runs: list[list[tuple[int, int]]] = [[]]
        for word in _WORD.finditer(para.group()):
            start, end = para.start() + word.start(), para.start() + word.end()
            if any(start < x_end and x_start < end for x_start, x_end in excluded):
                if runs[-1]:
                    runs.append([])
                continue
            runs[-1].append((start, end))
        for words in runs:
            for i in range(0, len(words), WINDOW_WORDS):
                chunk = words[i:i + WINDOW_WORDS]
                out.append(Passage(doc_id, chunk[0][0], chunk[-1][1]))
    return out


def embed_passages(texts: dict[str, str], items: list[Passage],
                   embedder: SentenceEmbedder | None = None) -> np.ndarray:
    """One unit vector per passage (``texts`` maps document id to text), in ``items`` order."""
    if not items:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    embedder = embedder or shared_embedder()
    return embedder.embed([texts[p.document_id][p.start:p.end] for p in items])


def index_analyses(store, analyses: Iterable[Analysis],
                   embedder: SentenceEmbedder | None = None) -> int:
    """Embed the passages of ``analyses`` and store them in one transaction; returns how many.

    Every document gets its rows replaced, so re-indexing is idempotent. One ``embed`` call for
    the whole batch: length-sorted batches inside it pad less than per-document calls would.
    """
    docs = [a.document for a in analyses]
    if not docs:
        return 0
    items = [p for d in docs for p in passages(d.id, d.text, d.excluded_spans())]
    vectors = embed_passages({d.id: d.text for d in docs}, items, embedder)
    by_doc: dict[str, list[tuple[int, int, np.ndarray]]] = {d.id: [] for d in docs}
    for p, v in zip(items, vectors, strict=True):
        by_doc[p.document_id].append((p.start, p.end, v))
    with store.transaction() as tx:
        for doc_id, rows in by_doc.items():
            store.save_passages(doc_id, rows, model=MODEL_NAME, tx=tx)
    return len(items)


def index_missing(store, *, batch_size: int = 32) -> tuple[int, int]:
    """Index stored documents that have no passage vectors yet (ingested with
    ``store.semantic_index`` off, before the index existed, or by an interrupted run).

    Returns (documents, passages) indexed; each batch is committed on its own, so an
    interrupted call keeps what it did and a rerun continues.
    """
    ids = store.documents_without_passages(MODEL_NAME)
    total = 0
    for start in range(0, len(ids), batch_size):
        total += index_analyses(store, [store.get_analysis(i) for i in ids[start:start + batch_size]])
    return len(ids), total
