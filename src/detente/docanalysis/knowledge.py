"""Loads the docanalysis knowledge files (cue lists, genre model, garbling and tone lexicons).

Every docanalysis data file is read here and nowhere else. Bundled files live in
``detente/knowledge/data/docanalysis``; users pass extra files with the same keys, which are
merged in (lists are extended, mappings updated).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from detente.errors import KnowledgeError
from detente.knowledge import data_path, load_yaml

BUNDLED = ("cues.yaml", "genre_model.yaml", "garbling.yaml", "idioms.yaml", "tone.yaml")


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = [*out[key], *value]
        else:
            out[key] = value
    return out


def word_regex(entries: Iterable[str], source: str, *, anchored: bool = False,
               case_sensitive: bool = False) -> re.Pattern[str]:
    """One regex matching any entry as whole words (entries may be regexes); ``anchored``
    matches at the start of the text only."""
    items = sorted({str(e) for e in entries}, key=len, reverse=True)
    return _compile_words(items, source, anchored, 0 if case_sensitive else re.I)


def _compile_words(items: list[str], source: str, anchored: bool, flags: int
                   ) -> re.Pattern[str]:
    if not items:
        return re.compile(r"(?!x)x")
    body = "|".join(items)
    prefix = r"^\W*" if anchored else r"(?<![\w'’])"
    try:
        return re.compile(rf"{prefix}(?:{body})(?![\w'’])", flags)
    except re.error as exc:
        raise KnowledgeError(f"bad pattern in cue list: {exc}", source=source) from None


# Lowercase letters that re.IGNORECASE equates with an ASCII letter ("ı" with i, "ſ" with s)
# although str.lower() leaves them apart: text holding one is matched the slow, exact way.
_FOLD_ODD = ("ı", "ſ")
# Pattern syntax that lowercasing could change: escapes with a letter other than d, s, w, b
# (\D, \S, \N{...}, \x4A), inline flags and named groups, and ranges inside a class ([A-z]).
_UNSAFE_TO_LOWER = re.compile(r"\\[^dswb\W]|\(\?[A-Za-z]|\[(?:\\.|[^\]])*?[^\[\\]-[^\]]")


def fold(text: str) -> str | None:
    """``text`` lowercased with every offset unchanged, or None when lowercasing could move an
    offset or miss a case-insensitive match (see :class:`CueMatcher`)."""
    low = text.lower()
    if len(low) != len(text) or any(c in text for c in _FOLD_ODD):
        return None
    return low


class CueMatcher:
    """A cue list compiled by :func:`word_regex`, matched fast.

    Python's ``re`` tries every alternative of a case-insensitive alternation letter by letter
    with case folding, which made the cue lists the genre features' main cost. When every
    entry can be lowercased without changing its meaning, a case-sensitive copy of the
    lowercased pattern runs over the lowercased text instead (about six times faster) and finds
    the same matches at the same offsets; otherwise the exact pattern runs. ``lowered`` lets a
    caller that matches several lists against one text fold it once (:func:`fold`)."""

    __slots__ = ("fast", "regex")

    def __init__(self, regex: re.Pattern[str], fast: re.Pattern[str] | None = None) -> None:
        self.regex = regex
        self.fast = fast

    @property
    def pattern(self) -> str:
        """The source of the exact pattern (for embedding in a larger regex)."""
        return self.regex.pattern

    def _target(self, text: str, lowered: str | None) -> tuple[re.Pattern[str], str]:
        if self.fast is not None:
            low = lowered if lowered is not None else fold(text)
            if low is not None:
                return self.fast, low
        return self.regex, text

    def count(self, text: str, lowered: str | None = None) -> int:
        """How many non-overlapping matches ``text`` holds."""
        regex, target = self._target(text, lowered)
        return len(regex.findall(target))  # one C-level list: cheaper than iterating matches

    def search(self, text: str, lowered: str | None = None) -> bool:
        """Whether ``text`` holds a match."""
        regex, target = self._target(text, lowered)
        return regex.search(target) is not None

    def spans(self, text: str, lowered: str | None = None) -> list[tuple[int, int]]:
        """(start, end) of each non-overlapping match, offsets into ``text``."""
        regex, target = self._target(text, lowered)
        return [m.span() for m in regex.finditer(target)]


def cue_matcher(entries: Iterable[str], source: str, *, anchored: bool = False,
                case_sensitive: bool = False) -> CueMatcher:
    """:func:`word_regex` wrapped in a :class:`CueMatcher` (with its lowercased fast copy when
    the list is matched without case and every entry can be lowercased safely)."""
    items = sorted({str(e) for e in entries}, key=len, reverse=True)
    regex = _compile_words(items, source, anchored, 0 if case_sensitive else re.I)
    if case_sensitive or not all(_lowers_safely(e) for e in items):
        return CueMatcher(regex)
    # The same entries in the same order, lowercased (lowercasing keeps their lengths).
    return CueMatcher(regex, _compile_words([e.lower() for e in items], source, anchored, 0))


def _lowers_safely(entry: str) -> bool:
    """Whether the lowercased ``entry`` matches lowercased text exactly where ``entry`` matches
    the text ignoring case: ASCII letters only, and no syntax that lowercasing changes."""
    return (not any(c.isalpha() and not c.isascii() for c in entry)
            and _UNSAFE_TO_LOWER.search(entry) is None)


@dataclass(frozen=True, eq=False)  # identity hash: caches key on the loaded instance
class Knowledge:
    """The merged docanalysis data: raw mappings plus compiled cue matchers."""

    data: dict[str, Any]
    cues: dict[str, CueMatcher]
    sourcing: dict[str, CueMatcher]
    sources: tuple[str, ...]

    def section(self, name: str) -> dict[str, Any]:
        value = self.data.get(name)
        if not isinstance(value, dict):
            raise KnowledgeError(f"missing section {name!r}", source=", ".join(self.sources))
        return value


def load_knowledge(extra_files: Iterable[str | Path] = ()) -> Knowledge:
    """Read the bundled docanalysis files plus ``extra_files`` (merged over them)."""
    files = [data_path("docanalysis", name) for name in BUNDLED] + [Path(p) for p in extra_files]
    data: dict[str, Any] = {}
    for f in files:
        loaded = load_yaml(f)
        loaded.pop("version", None)
        data = _merge(data, loaded)
    where = ", ".join(str(f) for f in files)
    exact = set(data.get("case_sensitive", []))
    anchored = set(data.get("sentence_initial", []))
    cues = {name: cue_matcher(entries, where, anchored=name in anchored,
                              case_sensitive=name in exact)
            for name, entries in data.get("genre_cues", {}).items()}
    sourcing = {name: cue_matcher(entries, where)
                for name, entries in data.get("sourcing", {}).items()}
    return Knowledge(data=data, cues=cues, sourcing=sourcing, sources=tuple(map(str, files)))


@cache
def default_knowledge() -> Knowledge:
    """The bundled knowledge, loaded once per process."""
    return load_knowledge()
