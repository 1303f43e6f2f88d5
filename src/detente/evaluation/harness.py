"""The evaluator registry behind `detente eval`.

An evaluator is a function ``(config, split, gold_path) -> EvalReport`` registered under a name
("quality", "actors", "quotes", "events"...). Gold data that ships with detente lives in
``detente/data/gold``; data under ../shared is used when present and skipped otherwise.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from detente.config import Config
from detente.errors import DetenteError
from detente.evaluation.metrics import PRF

Evaluator = Callable[[Config, str, "Path | None"], "EvalReport"]
EVALUATORS: dict[str, Evaluator] = {}


@dataclass
class EvalReport:
    """What one evaluator measured: per-label P/R/F1 rows, summary figures and notes."""

    name: str
    dataset: str
    split: str
    rows: list[PRF] = field(default_factory=list)
    summary: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)  # examples of misses, for humans

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "dataset": self.dataset, "split": self.split,
                "rows": [r.to_dict() for r in self.rows],
                "summary": {k: round(v, 4) for k, v in self.summary.items()},
                "notes": self.notes, "errors": self.errors[:50]}

    def to_markdown(self) -> str:
        lines = [f"### {self.name}: {self.dataset} ({self.split})", ""]
        if self.summary:
            lines += ["| measure | value |", "|---|---|"]
            lines += [f"| {k} | {v:.3f} |" for k, v in self.summary.items()]
            lines.append("")
        if self.rows:
            lines += ["| label | precision | recall | F1 | support |", "|---|---|---|---|---|"]
            lines += [f"| {r.label} | {r.precision:.3f} | {r.recall:.3f} | {r.f1:.3f} | "
                      f"{r.support} |" for r in self.rows]
            lines.append("")
        lines += [f"- {n}" for n in self.notes]
        return "\n".join(lines).rstrip() + "\n"


def evaluator(name: str) -> Callable[[Evaluator], Evaluator]:
    def register(func: Evaluator) -> Evaluator:
        EVALUATORS[name] = func
        return func

    return register


# Public gold data beside a source checkout (``../shared/eval``); evaluators that use it skip
# themselves when it is absent, as on a user's machine.
SHARED_EVAL = Path(__file__).resolve().parents[3].parent / "shared" / "eval"


def gold_path(name: str) -> Path:
    """A gold file bundled with detente (``detente/data/gold/<name>``)."""
    return Path(str(resources.files("detente").joinpath("data", "gold", name)))


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise DetenteError(f"invalid JSON ({exc.msg})",
                                       source=f"{path}:{lineno}") from None


def run_evaluation(name: str, config: Config | None = None, split: str = "test",
                   gold: Path | None = None) -> list[EvalReport]:
    """Run one evaluator, or all of them for ``name == "all"``."""
    import detente.evaluation.suites  # noqa: F401  (registers the bundled evaluators)

    config = config or Config()
    names = sorted(EVALUATORS) if name == "all" else [name]
    reports = []
    for n in names:
        if n not in EVALUATORS:
            raise DetenteError(f"no evaluator {n!r} (known: {', '.join(sorted(EVALUATORS))})")
        out = EVALUATORS[n](config, split, gold)
        reports.extend(out if isinstance(out, list) else [out])
    return reports
