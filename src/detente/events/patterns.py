"""Loading the event knowledge (trigger patterns, cue lists, coding tables) into lookup indexes.

The one loader for ``knowledge/data/events``. Indexes are built once per process (the
``event_knowledge`` resource) so per-sentence work is dictionary lookups only.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from detente.config import Config
from detente.errors import KnowledgeError
from detente.knowledge import data_path, load_yaml
from detente.pipeline.registry import resource

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
                "ASSAULT")


@dataclass(frozen=True)
class Pattern:
    """One trigger: a head lemma plus the other words its frame needs."""

    id: str
    kind: str  # "verb" | "noun"
    head: str
    extra: tuple[str, ...]  # particle/preposition/object/modifier lemmas the frame requires
    type: str
    cameo: str | None
    mode: str | None = None
    context: tuple[str, ...] = ()
    neg: bool = False
    confidence: float = 0.6


@dataclass
class EventKnowledge:
    """Pattern indexes by head lemma, and the cue lists."""

    verbs: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))
    nouns: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))
    cues: dict[str, Any] = field(default_factory=dict)
    coding: dict[str, Any] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.verbs.values()) + sum(len(v) for v in self.nouns.values())

    def cue(self, name: str) -> frozenset[str]:
        return self.cues.get(name, frozenset())


def _split(trigger: str, kind: str) -> tuple[str, tuple[str, ...]]:
    """The head lemma and the other words of a trigger.

    Verb frames start with the verb ("turn down"); noun frames end with the head noun
    ("hunger strike") unless they read "X of Y" ("state of emergency": head X).
    """
    words = [w for w in trigger.lower().split() if w]
    if kind == "verb" or "of" in words:
        head, rest = words[0], words[1:]
    else:
        head, rest = words[-1], words[:-1]
    return head, tuple(w for w in rest if w not in ("of", "to", "the", "a"))


def _add_file(kb: EventKnowledge, path: Path) -> None:
    data = load_yaml(path)
    seen: set[tuple[str, str, bool]] = set()
    for n, group in enumerate(data.get("groups") or [], 1):
        where = f"{path} (group {n})"
        ptype = group.get("type")
        if ptype not in PLOVER_TYPES:
            raise KnowledgeError(f"unknown PLOVER type {ptype!r}", source=where)
        cameo = group.get("cameo")
        if cameo is not None and not (isinstance(cameo, str) and cameo.isdigit()):
            raise KnowledgeError(f"CAMEO code must be a quoted digit string, got {cameo!r}",
                                 source=where)
        neg = bool(group.get("neg", False))
        for kind, key in (("verb", "verbs"), ("noun", "nouns")):
            for trigger in group.get(key) or []:
                if (kind, trigger, neg) in seen:
                    raise KnowledgeError(f"duplicate {kind} trigger {trigger!r}", source=where)
                seen.add((kind, trigger, neg))
                head, extra = _split(str(trigger), kind)
                pat = Pattern(
                    id=f"{ptype}.{cameo}.{kind[0]}.{trigger.replace(' ', '_')}",
                    kind=kind, head=head, extra=extra, type=ptype, cameo=cameo,
                    mode=group.get("mode"), context=tuple(group.get("context") or ()), neg=neg,
                    confidence=float(group.get("confidence", 0.6)))
                index = kb.verbs if kind == "verb" else kb.nouns
                # Longer frames first: "hold talks" must win over a bare "hold".
                index[head].append(pat)
                index[head].sort(key=lambda p: (-len(p.extra), not p.neg))


def load_event_knowledge(pattern_files: list[str | Path] | None = None,
                         cue_file: str | Path | None = None) -> EventKnowledge:
    """Read the bundled pattern, cue and coding files plus any extra pattern files."""
    kb = EventKnowledge()
    for path in [data_path("events", "patterns.yaml"), *(pattern_files or [])]:
        _add_file(kb, Path(path))
    raw = load_yaml(cue_file or data_path("events", "cues.yaml"))
    for key, value in raw.items():
        if key == "modality":
            for sub, words in value.items():
                kb.cues[f"modality.{sub}"] = frozenset(str(w) for w in words)
        elif isinstance(value, list):
            kb.cues[key] = frozenset(str(w) for w in value)
        else:
            kb.cues[key] = value
    kb.coding = load_yaml(data_path("events", "coding.yaml"))
    return kb


@resource("event_knowledge")
def event_knowledge_resource(config: Config) -> EventKnowledge:
    """Per-process event knowledge; extra pattern files from ``knowledge.event_files``."""
    extra = config.section("knowledge").get("event_files", [])
    return load_event_knowledge(extra)


def quad_class(kb: EventKnowledge, plover_type: str, cameo: str | None) -> int | None:
    """GDELT QuadClass (1-4) from the CAMEO root, else from the PLOVER type."""
    roots = kb.coding.get("roots", {})
    if cameo and cameo[:2] in roots:
        return int(roots[cameo[:2]]["quad_class"])
    value = kb.coding.get("plover_quad_class", {}).get(plover_type)
    return int(value) if value is not None else None


def goldstein(kb: EventKnowledge, cameo: str | None) -> float | None:
    """Root-level Goldstein score for a CAMEO code (None without a code)."""
    root = kb.coding.get("roots", {}).get((cameo or "")[:2])
    return float(root["goldstein"]) if root else None
