"""Garbling detectors beyond the foundation's (:mod:`detente.clean.quality`).

Machine-rewritten ("spun") articles betray themselves by spelling one person several ways in the
same text (Kozak / Koza, Witkoff / Witkov), by "tortured phrases" (an idiom translated word by
word: "smear screen" for "smoke screen"), and by sentences that stop mid-way. Each detector
returns :class:`~detente.facts.QualityFlag` objects with offsets; the stage merges them into
``document.quality`` and rescores with :func:`detente.clean.quality.score`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

from rapidfuzz.distance import Levenshtein

from detente.docanalysis.genre import Paragraph
from detente.docanalysis.knowledge import Knowledge
from detente.facts import QualityFlag

# Capitalised words not at the start of a sentence or line: candidate names.
_NAME = re.compile(r"(?<=[\w,;:)’”\-–—] )[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?|(?<=\()[A-Z][a-z]{2,}")
_ANY_CAP = re.compile(r"\b[A-Z][a-z]{2,}\b")
_LAST_WORD = re.compile(r"[a-z]{2,}[,;]?$")


def name_variant_flags(text: str, kb: Knowledge) -> list[QualityFlag]:
    """Flag every occurrence of a rarer spelling of a name used in the same document."""
    cfg = kb.section("garbling")
    min_chars = int(cfg.get("min_name_chars", 5))
    suffixes = tuple(cfg.get("related_suffixes", []))
    distinct = {frozenset(pair) for pair in cfg.get("distinct_names", [])}
    names = {m.group() for m in _NAME.finditer(text)}
    counts = Counter(m.group() for m in _ANY_CAP.finditer(text) if m.group() in names)
    variants: dict[str, str] = {}  # rarer spelling -> the spelling it varies
    ordered = sorted(counts, key=lambda n: (-counts[n], n))
    for i, main in enumerate(ordered):
        for other in ordered[i + 1:]:
            if other in variants or main in variants:
                continue
            if _is_variant(main, other, min_chars, suffixes, distinct):
                variants[other] = main
    flags = []
    for m in _ANY_CAP.finditer(text):
        if m.group() in variants:
            flags.append(QualityFlag("name_variant", m.start(), m.end(), m.group(),
                                     note=f"also spelled {variants[m.group()]}"))
    return flags


def _is_variant(a: str, b: str, min_chars: int, suffixes: tuple[str, ...],
                distinct: set[frozenset[str]]) -> bool:
    if a == b or frozenset((a, b)) in distinct or min(len(a), len(b)) < min_chars - 1:
        return False
    short, long_ = sorted((a, b), key=len)
    if long_.startswith(short) and long_[len(short):] in suffixes:
        return False
    if a[:2] != b[:2]:
        return False
    # A truncated name (Koza for Kozak) or a one- or two-letter respelling (Witkov, Uschakov).
    if long_.startswith(short) and len(long_) - len(short) <= 2 and len(short) >= 4:
        return True
    if min(len(a), len(b)) < min_chars:
        return False
    limit = 1 if len(short) < 6 else 2
    return Levenshtein.distance(a, b) <= limit


def tortured_phrase_flags(text: str, kb: Knowledge) -> list[QualityFlag]:
    """Known word-by-word paraphrases of idioms ("smear screen" for "smoke screen")."""
    flags = []
    # Case-insensitive regex matching is at least as loose as casefolding, except that it
    # also equates dotless ı with i.
    folded = text.casefold().replace("ı", "i")
    for first, pattern, means in _tortured_patterns(kb):
        # A phrase whose first word is nowhere in the text cannot match: skip its regex scan.
        if first not in folded:
            continue
        for m in pattern.finditer(text):
            flags.append(QualityFlag("tortured_phrase", m.start(), m.end(), m.group(),
                                     note=f"for {means}"))
    return flags


@cache
def _tortured_patterns(kb: Knowledge) -> list[tuple[str, re.Pattern[str], str]]:
    """(first word casefolded, compiled pattern, meaning) per tortured phrase, once per kb."""
    out = []
    for entry in kb.section("garbling").get("tortured_phrases", []):
        words = str(entry["phrase"]).split()
        pattern = re.compile(r"\b" + r"\s+".join(map(re.escape, words)) + r"\b", re.I)
        out.append((words[0].casefold() if words else "", pattern,
                    str(entry.get("means", "?"))))
    return out


def truncated_sentence_flags(paragraphs: Iterable[Paragraph], text: str) -> list[QualityFlag]:
    """Body paragraphs inside the text that stop without end punctuation after a lowercase word
    (the foundation already flags a truncated last line)."""
    tail = len(text.rstrip())
    flags = []
    for p in paragraphs:
        if p.kind != "body" or p.end >= tail:
            continue
        if not p.text.endswith(('.', '!', '?', '"', '”', '’', ')', '»', '…', ':')) and \
                _LAST_WORD.search(p.text):
            start = max(p.start, p.end - 40)
            flags.append(QualityFlag("truncated_sentence", start, p.end, text[start:p.end]))
    return flags


def garbling_flags(text: str, paragraphs: Iterable[Paragraph], kb: Knowledge
                   ) -> list[QualityFlag]:
    """All docanalysis garbling flags for ``text``."""
    return [*name_variant_flags(text, kb), *tortured_phrase_flags(text, kb),
            *truncated_sentence_flags(paragraphs, text)]
