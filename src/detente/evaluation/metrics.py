"""Precision/recall/F1 bookkeeping, per label, with micro and macro averages."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class PRF:
    label: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    def to_dict(self) -> dict:
        return {"label": self.label, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4), "support": self.support,
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


class Counts:
    """Accumulate true/false positives and false negatives per label."""

    def __init__(self) -> None:
        self.tp: dict[str, int] = defaultdict(int)
        self.fp: dict[str, int] = defaultdict(int)
        self.fn: dict[str, int] = defaultdict(int)

    def add(self, label: str, *, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp[label] += tp
        self.fp[label] += fp
        self.fn[label] += fn

    def labels(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fp) | set(self.fn))

    def per_label(self) -> list[PRF]:
        return [PRF(lab, self.tp[lab], self.fp[lab], self.fn[lab]) for lab in self.labels()]

    def micro(self) -> PRF:
        return PRF("micro", sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))

    def macro(self, labels: list[str] | None = None) -> dict[str, float]:
        """Unweighted mean over ``labels`` (default: every label seen in gold or output)."""
        rows = [PRF(lab, self.tp[lab], self.fp[lab], self.fn[lab])
                for lab in (labels or self.labels())]
        n = len(rows) or 1
        return {"precision": sum(r.precision for r in rows) / n,
                "recall": sum(r.recall for r in rows) / n,
                "f1": sum(r.f1 for r in rows) / n}


def accuracy(correct: int, total: int) -> float:
    return correct / total if total else 0.0
