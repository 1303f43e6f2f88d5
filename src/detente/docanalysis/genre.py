"""Paragraph genre (report / analysis / opinion), segments, and the document genre.

Each paragraph gets a score per genre: a bias plus a weighted sum of its features
(:mod:`detente.docanalysis.features`), weights read from ``genre_model.yaml``. Headings and
boilerplate lines get no label of their own. A lone paragraph that disagrees weakly with two
agreeing neighbours is smoothed to them, contiguous runs become segments, and the document is
"mixed" only when opinion and non-opinion text each fill a substantial share of it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from detente.docanalysis.features import paragraph_features, split_sentences
from detente.docanalysis.knowledge import Knowledge
from detente.facts import Document, Segment

GENRES = ("report", "analysis", "opinion")
_WORD = re.compile(r"\w+")
_TERMINAL = tuple('.!?"”’)»…')
# A line ending in one of these words was cut off mid-sentence; it is not a heading.
_DANGLING = frozenset({"the", "a", "an", "of", "to", "and", "or", "with", "for", "that", "by",
                       "from", "at", "in", "on", "as", "is", "was", "his", "her", "their", "its"})


@dataclass(frozen=True)
class Paragraph:
    """One line of text (paragraphs are newline-separated), with its label once classified."""

    start: int
    end: int
    text: str
    kind: str = "body"  # body | heading | boilerplate
    genre: str | None = None
    scores: tuple[tuple[str, float], ...] = ()

    @cached_property
    def words(self) -> int:
        # Cached: the mixed-genre check sums these over every cut of the body (quadratic).
        return len(_WORD.findall(self.text))

    @property
    def margin(self) -> float:
        ranked = sorted((s for _, s in self.scores), reverse=True)
        return ranked[0] - ranked[1] if len(ranked) > 1 else 0.0


def split_paragraphs(text: str, excluded: Iterable[tuple[int, int]] = (),
                     heading_max_words: int = 14) -> list[Paragraph]:
    """Non-blank lines with offsets; short unpunctuated or title-case lines are headings and
    lines overlapping ``excluded`` spans (boilerplate) are marked so."""
    spans = list(excluded)
    out: list[Paragraph] = []
    pos = 0
    for line in text.split("\n"):
        body = line.strip()
        if body:
            start = pos + len(line) - len(line.lstrip())
            end = start + len(body)
            if any(s < end and start < e for s, e in spans):
                kind = "boilerplate"
            elif _is_heading(body, heading_max_words):
                kind = "heading"
            else:
                kind = "body"
            out.append(Paragraph(start, end, body, kind))
        pos += len(line) + 1
    return out


def _is_heading(line: str, max_words: int) -> bool:
    words = line.split()
    if len(words) > max_words or words[-1] in _DANGLING:
        return False
    if not line.endswith(_TERMINAL) and not line.startswith(("-", "•", "*")):
        return True
    # "What Happens After The Deal?" is a heading; "Are these guys even qualified?" is not.
    capital = sum(1 for w in words if w[:1].isupper())
    return len(words) >= 3 and capital / len(words) >= 0.6 and not line.endswith(".")


class GenreModel:
    """Weighted-feature scorer plus the smoothing and document rules from ``genre_model.yaml``."""

    def __init__(self, kb: Knowledge) -> None:
        model = kb.section("genre_model")
        self.kb = kb
        self.bias: dict[str, float] = {g: float(model["bias"].get(g, 0.0)) for g in GENRES}
        self.weights: dict[str, dict[str, float]] = {
            g: {k: float(v) for k, v in model["weights"].get(g, {}).items()} for g in GENRES}
        # Genres a text may get only when it carries one of their cues (a bare one-line wire
        # report has no cue of any kind, and the biases alone would call it opinion).
        self.evidence: dict[str, tuple[str, ...]] = {
            g: tuple(str(f) for f in feats)
            for g, feats in (model.get("min_evidence") or {}).items() if g in GENRES}
        rules = kb.section("document_rules")
        self.min_evidence_sentences = int(rules.get("min_evidence_max_sentences", 2))
        self.heading_max_words = int(rules.get("heading_max_words", 14))
        self.smooth_margin = float(rules.get("smooth_margin", 1.0))
        self.smooth_words = int(rules.get("smooth_words", 25))
        self.prior_margin = float(rules.get("prior_margin", 0.5))
        self.mixed_min_words = int(rules.get("mixed_min_words", 50))
        self.mixed_min_share = float(rules.get("mixed_min_share", 0.05))
        self.mixed_min_sentences = int(rules.get("mixed_min_sentences", 2))
        self.mixed_purity = float(rules.get("mixed_purity", 0.9))

    def scores(self, text: str) -> dict[str, float]:
        return self._assess(text)[0]

    def _assess(self, text: str) -> tuple[dict[str, float], set[str]]:
        """Scores per genre, and the genres whose minimum evidence the text carries."""
        feats = paragraph_features(text, self.kb)
        scores = {g: self.bias[g] + sum(w * feats.get(k, 0.0)
                                        for k, w in self.weights[g].items()) for g in GENRES}
        return scores, {g for g in GENRES if g not in self.evidence
                        or any(feats.get(f, 0.0) > 0 for f in self.evidence[g])}

    def _allowed(self, texts: list[str], evidence: Iterable[set[str]]) -> tuple[str, ...]:
        """The genres a text made of ``texts`` may get: all of them, except that a very short
        text (``min_evidence_max_sentences``) needs the minimum evidence of a genre (in a
        longer one the biases are outweighed by the features, and the document prior lets
        a plain paragraph of an opinion piece stay opinion)."""
        if sum(len(split_sentences(t)) for t in texts) > self.min_evidence_sentences:
            return GENRES
        found = set().union(*evidence)
        return tuple(g for g in GENRES if g in found)

    def classify(self, text: str) -> str:
        """The genre of one paragraph."""
        scores, evidence = self._assess(text)
        return max(self._allowed([text], [evidence]), key=lambda g: scores[g])

    def label(self, paragraphs: list[Paragraph]) -> list[Paragraph]:
        """Label body paragraphs, then smooth weak lone disagreements."""
        assessed = {i: self._assess(p.text) for i, p in enumerate(paragraphs)
                    if p.kind == "body"}
        allowed = self._allowed([paragraphs[i].text for i in assessed],
                                [a for _, a in assessed.values()])
        out = []
        for i, p in enumerate(paragraphs):
            if i not in assessed:
                out.append(p)
                continue
            scores = assessed[i][0]
            best = max(allowed, key=lambda g: scores[g])
            out.append(Paragraph(p.start, p.end, p.text, p.kind, best,
                                 tuple((g, round(scores[g], 3)) for g in GENRES)))
        body = [i for i, p in enumerate(out) if p.kind == "body"]
        prior = self._document_prior([out[i] for i in body], allowed)
        for i in body:
            # The document's overall genre is a prior: a paragraph leaves it only when its own
            # evidence is clearly stronger.
            p = out[i]
            scores = dict(p.scores)
            if p.genre != prior and scores[p.genre] - scores[prior] < self.prior_margin:
                out[i] = Paragraph(p.start, p.end, p.text, p.kind, prior, p.scores)
        for j in range(1, len(body) - 1):
            prev, cur, nxt = out[body[j - 1]], out[body[j]], out[body[j + 1]]
            if (prev.genre == nxt.genre != cur.genre
                    and (cur.margin < self.smooth_margin or cur.words < self.smooth_words)):
                out[body[j]] = Paragraph(cur.start, cur.end, cur.text, cur.kind, prev.genre,
                                         cur.scores)
        return out

    @staticmethod
    def _document_prior(body: list[Paragraph], genres: tuple[str, ...] = GENRES) -> str | None:
        """The genre (of ``genres``) with the highest word-weighted mean probability over the
        body paragraphs (softmax of the scores, so one very confident paragraph cannot outvote
        the rest)."""
        totals = {g: 0.0 for g in genres}
        for p in body:
            scores = {g: s for g, s in p.scores if g in totals}
            top = max(scores.values())
            exp = {g: math.exp(s - top) for g, s in scores.items()}
            norm = sum(exp.values())
            for g in genres:
                totals[g] += exp[g] / norm * p.words
        return max(genres, key=lambda g: totals[g]) if body else None

    def segments(self, paragraphs: list[Paragraph]) -> list[Segment]:
        """Contiguous runs of one genre; a heading joins the run that follows it."""
        segs: list[Segment] = []
        pending: int | None = None  # start of headings waiting for their paragraph
        for p in paragraphs:
            if p.kind == "heading":
                pending = p.start if pending is None else pending
                continue
            if p.kind != "body" or p.genre is None:
                continue
            start = pending if pending is not None else p.start
            pending = None
            if segs and segs[-1].genre == p.genre:
                segs[-1] = Segment(segs[-1].start, p.end, p.genre)
            else:
                segs.append(Segment(start, p.end, p.genre))
        return segs

    def document_genre(self, paragraphs: list[Paragraph]) -> str | None:
        """report / analysis / opinion, or mixed when the body splits cleanly into a block of
        opinion and a block of reporting/analysis (a news summary followed by commentary, or
        the reverse), each of a substantial size; None when there is no body text."""
        body = [p for p in paragraphs if p.kind == "body" and p.genre]
        if not body:
            return None
        words = {g: sum(p.words for p in body if p.genre == g) for g in GENRES}
        if self._split_cleanly(body):
            return "mixed"
        # Reporting and analysis shade into each other: the larger share names the piece.
        return max(GENRES, key=lambda g: words[g])

    def _split_cleanly(self, body: list[Paragraph]) -> bool:
        """True when some cut makes [non-opinion | opinion] (or the reverse) fit the labels for
        at least ``mixed_purity`` of the words, with both blocks large enough."""
        total = sum(p.words for p in body)
        for cut in range(1, len(body)):
            head, tail = body[:cut], body[cut:]
            for head_opinion in (False, True):
                agree = sum(p.words for i, p in enumerate(body)
                            if (p.genre == "opinion") == (head_opinion == (i < cut)))
                if agree / total < self.mixed_purity:
                    continue
                if all(self._substantial(block, total) for block in (head, tail)):
                    return True
        return False

    def _substantial(self, block: list[Paragraph], total: int) -> bool:
        words = sum(p.words for p in block)
        sentences = sum(max(1, len(re.findall(r"[.!?](?:\s|$)", p.text))) for p in block)
        return (words >= self.mixed_min_words and words / total >= self.mixed_min_share
                and sentences >= self.mixed_min_sentences)


def segment_genre_at(document: Document, offset: int) -> str | None:
    """The genre of the segment containing ``offset`` (None outside segments or before analysis).

    Events and positions use this to mark, or skip, what they find inside opinion segments."""
    for seg in document.segments:
        if seg.start <= offset < seg.end:
            return seg.genre
    return None
