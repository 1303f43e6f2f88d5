"""The MiniLM issue fallback: which pending positions it keeps, and its per-process memo
(``negotiation.embedding_cache``)."""

from __future__ import annotations

import numpy as np
import pytest

from detente.facts import Position, Span
from detente.negotiation.issues import IssueEmbedder
from detente.negotiation.positions import Found, embed_issues


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


def _pending(clause: str, untargeted: bool) -> tuple[Found, str]:
    position = Position(party="RUS", value="rejects", evidence=Span(0, len(clause), clause))
    return Found(position, None, None, [], "cue", untargeted=untargeted), clause


@pytest.mark.parametrize(("with_model", "expected"), [
    # MiniLM places the truce clause near an issue; the other is kept only because the party
    # acts in its own clause (untargeted), with no issue.
    (True, [("a truce now", "security.ceasefire"), ("a border", None)]),
    # Switched off ([negotiation] embeddings = false) or not installed: no issue for anyone,
    # but the untargeted position still stands.
    (False, [("a border", None)]),
])
def test_embed_issues_keeps(with_model: bool, expected: list[tuple[str, str | None]]) -> None:
    pending = [_pending("a truce now", untargeted=False), _pending("a border", untargeted=True),
               _pending("a river", untargeted=False)]
    tagger = _embedder(0)[0] if with_model else None
    kept = embed_issues(pending, tagger)
    assert [(f.position.evidence.text, f.position.issue) for f in kept] == expected

