"""The MiniLM issue fallback's per-process memo (``negotiation.embedding_cache``)."""

from __future__ import annotations

import numpy as np
import pytest

from detente.negotiation.issues import IssueEmbedder


class _CountingEmbedder:
    """Stands in for MiniLM: one fixed vector per text, and a count of texts embedded."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def embed(self, texts: list[str], batch_size: int = 8) -> np.ndarray:
        self.seen += texts
        return np.array([[1.0, 0.0] if "truce" in t else [0.0, 1.0] for t in texts])


def _embedder(cache_size: int) -> tuple[IssueEmbedder, _CountingEmbedder]:
    fake = _CountingEmbedder()
    tagger = IssueEmbedder.__new__(IssueEmbedder)  # skip loading the model and the KB
    tagger.embedder, tagger.threshold, tagger.cache_size = fake, 0.5, cache_size
    tagger.keys, tagger.vectors = ["security.ceasefire"], np.array([[1.0, 0.0]])
    tagger._cache = {}
    return tagger, fake


@pytest.mark.parametrize(("cache_size", "embedded"), [(4096, 2), (0, 4)])
def test_cache_size(cache_size: int, embedded: int) -> None:
    """With the memo a repeated clause is embedded once; with 0 every call pays again."""
    tagger, fake = _embedder(cache_size)
    texts = ["a truce now", "a border"]
    first = tagger.nearest(texts)
    assert tagger.nearest(texts) == first
    assert first[0][0] == "security.ceasefire" and first[1][0] is None
    assert len(fake.seen) == embedded


def test_no_cache_embeds_each_copy() -> None:
    """Without the memo, copies of one clause in a batch are each embedded (no flattery)."""
    tagger, fake = _embedder(0)
    assert [k for k, _ in tagger.nearest(["a truce", "a truce"])] == ["security.ceasefire"] * 2
    assert fake.seen == ["a truce", "a truce"]
