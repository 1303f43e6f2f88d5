"""Garbling signals with offsets, and a 0..1 document quality score.

Signals: runs of letters in a script foreign to the document (CJK debris in an English text),
mojibake (UTF-8 read as Latin-1), Unicode replacement characters, doubled words, and a text
that stops mid-sentence. Boilerplate flags come from :mod:`detente.clean.boilerplate`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from detente.facts import Quality, QualityFlag

# How much each kind of flag costs the score, and the most any one kind may cost.
PENALTIES: dict[str, tuple[float, float]] = {
    "foreign_script": (0.15, 0.45),
    "mojibake": (0.1, 0.3),
    "replacement_char": (0.05, 0.2),
    "repeated_word": (0.03, 0.15),
    "truncated": (0.1, 0.1),
    "boilerplate": (0.01, 0.05),
    # Added by the docanalysis stage (machine-rewritten text).
    "name_variant": (0.03, 0.12),
    "tortured_phrase": (0.05, 0.2),
    "truncated_sentence": (0.05, 0.15),
}

_MOJIBAKE = re.compile(r"(?:Ã[\u0080-\u00bf]|â€[\u0080-\u00bf™œ\u009d]?|Â[\u00a0-\u00bf])+")
_REPEATED = re.compile(r"\b([A-Za-z]{2,})\s+\1\b", re.I)
_ALLOWED_REPEATS = {"that", "had", "is", "bye", "no", "very", "ha", "tut"}
_TERMINAL = tuple('.!?"”’\')»…:')


@lru_cache(maxsize=4096)
def script_of(ch: str) -> str | None:
    """The Unicode script family of a letter (first word of its name), None for non-letters."""
    if not ch.isalpha():
        return None
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return "UNKNOWN"
    first = name.split()[0]
    if first in ("CJK", "HIRAGANA", "KATAKANA", "IDEOGRAPHIC"):
        return "CJK"
    return first


def dominant_script(text: str) -> str | None:
    counts = Counter(s for s in map(script_of, text[:20000]) if s)
    return counts.most_common(1)[0][0] if counts else None


def foreign_script_flags(text: str) -> list[QualityFlag]:
    """Maximal runs of letters not in the document's dominant script."""
    # Fast path: when every distinct letter is of one script there is nothing foreign, and the
    # per-character scan below (a Python loop over the whole text) can be skipped.
    if len({s for s in map(script_of, set(text)) if s}) <= 1:
        return []
    main = dominant_script(text)
    if main is None:
        return []
    flags: list[QualityFlag] = []
    start = end = None
    for i, ch in enumerate(text):
        script = script_of(ch)
        if script is not None and script != main:
            if start is None:
                start = i
            end = i + 1
        elif (script is not None or ch == "\n") and start is not None:
            # A letter of the main script (or a line break) ends the run; spaces and
            # punctuation between foreign letters do not.
            flags.append(QualityFlag("foreign_script", start, end, text[start:end]))
            start = end = None
    if start is not None:
        flags.append(QualityFlag("foreign_script", start, end, text[start:end]))
    return flags


def garbling_flags(text: str) -> list[QualityFlag]:
    flags = foreign_script_flags(text)
    flags += [QualityFlag("mojibake", m.start(), m.end(), m.group()) for m in
              _MOJIBAKE.finditer(text)]
    flags += [QualityFlag("replacement_char", m.start(), m.end(), m.group()) for m in
              re.finditer("\ufffd+", text)]
    flags += [QualityFlag("repeated_word", m.start(), m.end(), m.group()) for m in
              _REPEATED.finditer(text) if m.group(1).lower() not in _ALLOWED_REPEATS]
    tail = text.rstrip()
    last_line = tail.rsplit("\n", 1)[-1]
    if len(last_line) > 60 and not last_line.endswith(_TERMINAL):
        start = len(tail) - 40  # flag the last 40 characters: where the text stops
        flags.append(QualityFlag("truncated", start, len(tail), tail[start:]))
    return flags


def score(flags: list[QualityFlag]) -> float:
    counts = Counter(f.kind for f in flags)
    cost = sum(min(PENALTIES.get(k, (0.05, 0.2))[0] * n, PENALTIES.get(k, (0.05, 0.2))[1])
               for k, n in counts.items())
    return round(max(0.0, 1.0 - cost), 3)


def assess(text: str, extra_flags: list[QualityFlag] = ()) -> Quality:
    """All flags (sorted by offset) and the score for ``text``."""
    flags = sorted([*extra_flags, *garbling_flags(text)], key=lambda f: (f.start, f.end, f.kind))
    return Quality(score=score(flags), flags=tuple(flags))
