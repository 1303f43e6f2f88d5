"""Flag page-furniture lines ("Read the original article here") without removing them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from detente.facts import QualityFlag
from detente.knowledge import data_path, load_yaml


class BoilerplateRules:
    """Compiled line patterns from ``boilerplate.yaml`` (and any user files)."""

    def __init__(self, patterns: Iterable[str], max_line_chars: int = 160) -> None:
        self.max_line_chars = max_line_chars
        joined = "|".join(f"(?:{p})" for p in patterns)
        self._regex = re.compile(rf"^[\s\-–—•*>|]*(?:{joined})[\s.!|]*$", re.I)

    @classmethod
    def load(cls, extra_files: Iterable[str | Path] = ()) -> BoilerplateRules:
        files = [data_path("boilerplate.yaml"), *extra_files]
        patterns: list[str] = []
        limit = 160
        for f in files:
            data = load_yaml(f)
            patterns.extend(data.get("patterns", []))
            limit = int(data.get("max_line_chars", limit))
        return cls(patterns, limit)

    def is_boilerplate(self, line: str) -> bool:
        stripped = line.strip()
        return bool(stripped) and len(stripped) <= self.max_line_chars and bool(
            self._regex.match(stripped))

    def flags(self, text: str) -> list[QualityFlag]:
        out = []
        pos = 0
        for line in text.split("\n"):
            if self.is_boilerplate(line):
                lead = len(line) - len(line.lstrip())
                body = line.strip()
                out.append(QualityFlag("boilerplate", pos + lead, pos + lead + len(body), body))
            pos += len(line) + 1
        return out


@cache
def default_rules() -> BoilerplateRules:
    return BoilerplateRules.load()
