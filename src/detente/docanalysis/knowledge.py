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
    if not items:
        return re.compile(r"(?!x)x")
    body = "|".join(items)
    prefix = r"^\W*" if anchored else r"(?<![\w'’])"
    try:
        return re.compile(rf"{prefix}(?:{body})(?![\w'’])", 0 if case_sensitive else re.I)
    except re.error as exc:
        raise KnowledgeError(f"bad pattern in cue list: {exc}", source=source) from None


@dataclass(frozen=True, eq=False)  # identity hash: caches key on the loaded instance
class Knowledge:
    """The merged docanalysis data: raw mappings plus compiled cue regexes."""

    data: dict[str, Any]
    cues: dict[str, re.Pattern[str]]
    sourcing: dict[str, re.Pattern[str]]
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
    cues = {name: word_regex(entries, where, anchored=name in anchored,
                             case_sensitive=name in exact)
            for name, entries in data.get("genre_cues", {}).items()}
    sourcing = {name: word_regex(entries, where)
                for name, entries in data.get("sourcing", {}).items()}
    return Knowledge(data=data, cues=cues, sourcing=sourcing, sources=tuple(map(str, files)))


@cache
def default_knowledge() -> Knowledge:
    """The bundled knowledge, loaded once per process."""
    return load_knowledge()
