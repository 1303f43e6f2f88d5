"""Issues: tag text with negotiation issue keys.

Keywords first (``issues.yaml``: the issue listed first wins).
Text no keyword tags can be compared with each issue's exemplar sentences using the bundled
MiniLM embeddings (all-MiniLM-L6-v2, int8 ONNX); the stage does this only for the few clauses
that carry a position cue, so the model costs little.
"""

from __future__ import annotations

from detente.config import Config
from detente.errors import ModelNotFoundError
from detente.negotiation.knowledge import NegotiationKB, may_match
from detente.nlp.embeddings import shared_embedder
from detente.pipeline.registry import Context, resource

# Cosine similarity an exemplar needs before the embedding fallback names an issue (set on dev).
THRESHOLD = 0.5
_BATCH = 8
# Clauses remembered per process by default (``negotiation.embedding_cache``): news corpora
# repeat sentences (wire copies, updated versions of one story), and a repeated clause need not
# go through the model again.
CACHE_SIZE = 4096


def keyword_issues(kb: NegotiationKB, text: str) -> list[str]:
    """Issue keys named in ``text``, main issue first (in the order of the issue files),
    leaving out an issue whose every keyword lies inside a longer keyword of another issue:
    "left its territory" names a withdrawal, not the territory ("territor*"); "NATO troops" a
    foreign presence."""
    present = kb.issue_literals.present(text.lower())
    issues = [i.key for i in kb.issues if i.pattern is not None
              and may_match(i.triggers, present) and i.pattern.search(text)]
    if len(issues) < 2:
        return issues
    by_key = kb.issue_by_key
    spans = {k: [m.span() for m in by_key[k].pattern.finditer(text)]  # type: ignore[union-attr]
             for k in issues}

    def nested(key: str) -> bool:
        return all(any(a <= s and e <= b and (b - a) > (e - s)
                       for other in issues if other != key for a, b in spans[other])
                   for s, e in spans[key])

    return [k for k in issues if not nested(k)]


class IssueEmbedder:
    """Nearest issue by MiniLM cosine similarity to the issues' labels and exemplar sentences."""

    def __init__(self, kb: NegotiationKB, threshold: float = THRESHOLD,
                 cache_size: int = CACHE_SIZE) -> None:
        self.embedder = shared_embedder()
        self.threshold = threshold
        # 0 keeps no clause beyond the current call (``detente bench`` measures that way, since
        # its corpus repeats the sample articles and a warm cache would flatter the figure).
        self.cache_size = max(0, cache_size)
        pairs = [(i.key, text) for i in kb.issues for text in (i.label, *i.exemplars)]
        self.keys = [k for k, _ in pairs]
        self.vectors = self.embedder.embed([t for _, t in pairs])
        self._cache: dict[str, tuple[str | None, float]] = {}

    def nearest(self, texts: list[str]) -> list[tuple[str | None, float]]:
        """For each text, the best issue and its score (issue None below the threshold)."""
        if not self.cache_size:
            # No memo: every text is embedded, even one repeated from another document of
            # the batch (callers already merge the repeats within one document).
            return self._score(texts)
        new = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if new:
            if len(self._cache) + len(new) > self.cache_size:
                self._cache.clear()
            self._cache.update(zip(new, self._score(new), strict=True))
        return [self._cache[t] for t in texts]

    def _score(self, texts: list[str]) -> list[tuple[str | None, float]]:
        if not texts:
            return []
        # Small length-sorted batches pad least: with clauses of 50 to 200 characters, 8
        # per model call ran 40% faster than 32 (the vectors are the same).
        scores = self.embedder.embed(texts, batch_size=_BATCH) @ self.vectors.T
        out = []
        for row in scores:
            best = int(row.argmax())
            score = float(row[best])
            out.append((self.keys[best] if score >= self.threshold else None, score))
        return out


@resource("issue_embedder")
def issue_embedder(config: Config, ctx: Context) -> IssueEmbedder | None:
    """The MiniLM issue tagger, or None when switched off or not installed."""
    settings = config.data.get("negotiation", {})
    if not settings.get("embeddings", True):
        return None
    try:
        return IssueEmbedder(ctx.get("negotiation_kb"),
                             cache_size=int(settings.get("embedding_cache", CACHE_SIZE)))
    except (ModelNotFoundError, ImportError, OSError):
        return None
