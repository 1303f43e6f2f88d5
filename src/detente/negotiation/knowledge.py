"""Negotiation knowledge: issue keywords, proposal naming rules and position cues (YAML data).

Each kind of file is read by one loader here. Users extend them with their own files listed in
the config (``knowledge.negotiation_issue_files``, ``negotiation_proposal_files``,
``negotiation_position_files``): issues with a known key gain keywords and exemplars, new keys
are appended; cues are appended after the bundled ones; proposal-rule lists and mappings are
extended.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detente.config import Config
from detente.errors import KnowledgeError
from detente.knowledge import data_path, load_yaml
from detente.pipeline.registry import resource

VALUES = ("proposes", "supports", "accepts_as_basis", "conditional", "seeks_amendment", "rejects",
          "red_line", "denies_reported_position", "unclear")
MODALITIES = ("asserted", "negated", "possible", "future", "conditional", "hypothetical")
NEEDS = (None, "proposal", "issue", "target")


@dataclass(frozen=True)
class Issue:
    """One issue key with the phrases that tag it."""

    key: str
    label: str
    keywords: tuple[str, ...]
    exemplars: tuple[str, ...]
    pattern: re.Pattern[str] | None
    pax: str | None = None


@dataclass(frozen=True)
class Cue:
    """Wording that shows a position value."""

    value: str
    patterns: tuple[re.Pattern[str], ...]
    modality: str = "asserted"
    needs: str | None = None
    verb: bool = False  # the matched word must be parsed as a verb ("tabled", not "the table")


@dataclass(frozen=True)
class ProposalRules:
    heads: dict[str, str]
    generic: frozenset[str]
    determiners: frozenset[str]
    versions: frozenset[str]
    proposer_words: dict[str, str]
    proposer_verbs: frozenset[str]
    part_verbs: frozenset[str]
    topic_heads: frozenset[str]


@dataclass(frozen=True)
class NegotiationKB:
    issues: tuple[Issue, ...]
    cues: tuple[Cue, ...]
    clause_break: re.Pattern[str]
    rules: ProposalRules
    # Phrases pointing back to what the sentence before was about ("Such steps are
    # counterproductive"): a cue clause with one and no issue of its own takes that issue.
    anaphora: re.Pattern[str] | None = None

    def issue_keys(self) -> list[str]:
        return [i.key for i in self.issues]


def _keyword_regex(words: Iterable[str]) -> re.Pattern[str] | None:
    """One alternation for a keyword list; ``*`` at the end of a keyword matches any ending."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        stem = w.rstrip("*")
        body = re.escape(stem).replace(r"\ ", r"\s+").replace("'", "['’]")
        tail = r"\w*" if w.endswith("*") else r"\b"
        head = r"\b" if stem[:1].isalnum() else ""
        parts.append(head + body + tail)
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def _strings(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise KnowledgeError("expected a list of strings", source=where)
    return [str(v) for v in value]


def load_issues(paths: Iterable[str | Path]) -> tuple[Issue, ...]:
    """Issues from the given files, merged by key in file order."""
    merged: dict[str, dict[str, Any]] = {}
    for path in paths:
        data = load_yaml(path)
        for n, entry in enumerate(data.get("issues") or [], 1):
            where = f"{path} (issue #{n})"
            if not isinstance(entry, dict) or not isinstance(entry.get("key"), str):
                raise KnowledgeError("each issue needs a 'key'", source=where)
            key = entry["key"]
            if key.count(".") != 1:
                raise KnowledgeError(f"issue key {key!r} must have two levels (a.b)", source=where)
            slot = merged.setdefault(key, {"label": key, "pax": None, "keywords": [],
                                           "exemplars": []})
            slot["label"] = entry.get("label", slot["label"])
            slot["pax"] = entry.get("pax", slot["pax"])
            slot["keywords"] += _strings(entry.get("keywords"), where)
            slot["exemplars"] += _strings(entry.get("exemplars"), where)
    return tuple(Issue(key, s["label"], tuple(s["keywords"]), tuple(s["exemplars"]),
                       _keyword_regex(s["keywords"]), s["pax"]) for key, s in merged.items())


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise KnowledgeError(f"bad pattern {pattern!r}: {exc}", source=where) from None


def load_cues(paths: Iterable[str | Path]
              ) -> tuple[tuple[Cue, ...], re.Pattern[str], re.Pattern[str] | None]:
    """Position cues in file order, the clause-break pattern and the issue-anaphora pattern."""
    cues: list[Cue] = []
    breaks: list[str] = []
    anaphora: list[str] = []
    for path in paths:
        data = load_yaml(path)
        breaks += _strings(data.get("clause_breaks"), f"{path} (clause_breaks)")
        anaphora += _strings(data.get("issue_anaphora"), f"{path} (issue_anaphora)")
        for n, entry in enumerate(data.get("cues") or [], 1):
            where = f"{path} (cue #{n})"
            if not isinstance(entry, dict) or entry.get("value") not in VALUES:
                raise KnowledgeError(f"cue value must be one of {', '.join(VALUES)}", source=where)
            modality = entry.get("modality", "asserted")
            if modality not in MODALITIES or entry.get("needs") not in NEEDS:
                raise KnowledgeError("bad modality or needs", source=where)
            patterns = tuple(_compile(p, where) for p in _strings(entry.get("patterns"), where))
            cues.append(Cue(entry["value"], patterns, modality, entry.get("needs"),
                            bool(entry.get("verb", False))))
    clause_break = _compile("|".join(breaks) or r"(?!)", "clause_breaks")
    return tuple(cues), clause_break, _keyword_regex(anaphora)


def load_proposal_rules(paths: Iterable[str | Path]) -> ProposalRules:
    """Proposal naming rules; later files extend earlier ones."""
    maps: dict[str, dict[str, str]] = {"heads": {}, "proposer_words": {}}
    lists: dict[str, set[str]] = {k: set() for k in ("generic", "determiners", "versions",
                                                     "proposer_verbs", "part_verbs",
                                                     "topic_heads")}
    for path in paths:
        data = load_yaml(path)
        for key in maps:
            value = data.get(key) or {}
            if not isinstance(value, dict):
                raise KnowledgeError(f"{key} must be a mapping", source=str(path))
            maps[key].update({str(k).lower(): str(v) for k, v in value.items()})
        for key in lists:
            lists[key].update(s.lower() for s in _strings(data.get(key), f"{path} ({key})"))
    return ProposalRules(maps["heads"], frozenset(lists["generic"]),
                         frozenset(lists["determiners"]), frozenset(lists["versions"]),
                         maps["proposer_words"], frozenset(lists["proposer_verbs"]),
                         frozenset(lists["part_verbs"]), frozenset(lists["topic_heads"]))


def load_kb(issue_files: Iterable[str | Path] = (), position_files: Iterable[str | Path] = (),
            proposal_files: Iterable[str | Path] = ()) -> NegotiationKB:
    """The bundled negotiation knowledge plus any user files."""
    issues = load_issues([data_path("negotiation", "issues.yaml"), *issue_files])
    cues, clause_break, anaphora = load_cues([data_path("negotiation", "positions.yaml"),
                                              *position_files])
    rules = load_proposal_rules([data_path("negotiation", "proposals.yaml"), *proposal_files])
    return NegotiationKB(issues, cues, clause_break, rules, anaphora)


@resource("negotiation_kb")
def negotiation_kb(config: Config) -> NegotiationKB:
    """Per-process negotiation knowledge (optional user files under ``[knowledge]``)."""
    section = config.section("knowledge")
    return load_kb(section.get("negotiation_issue_files", []),
                   section.get("negotiation_position_files", []),
                   section.get("negotiation_proposal_files", []))
