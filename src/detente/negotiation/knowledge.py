"""Negotiation knowledge: issue keywords, proposal naming rules and position cues (YAML data).

Each kind of file is read by one loader here. Users extend them with their own files listed in
the config (``knowledge.negotiation_issue_files``, ``negotiation_proposal_files``,
``negotiation_position_files``): issues with a known key gain keywords and exemplars, new keys
are appended; cues are appended after the bundled ones and a position file's word lists add
words to the bundled lists; proposal-rule lists and mappings are
extended, and a proposal file's ``conflicts`` add conflicts (a key already known is replaced).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from detente.config import Config
from detente.errors import KnowledgeError
from detente.knowledge import data_path, load_yaml
from detente.pipeline.registry import resource

try:  # the regular-expression parser (Python 3.11+: re._parser; older: sre_parse)
    from re import _parser as _sre
except ImportError:  # pragma: no cover
    import sre_parse as _sre  # type: ignore[no-redef]

VALUES = ("proposes", "supports", "accepts_as_basis", "conditional", "seeks_amendment", "rejects",
          "red_line", "denies_reported_position", "unclear")
MODALITIES = ("asserted", "negated", "possible", "future", "conditional", "hypothetical")
NEEDS = (None, "proposal", "issue", "target", "named")


Triggers = frozenset[str] | None  # literal strings one of which a match must contain


def _required(items: Sequence[tuple[Any, Any]]) -> Triggers:
    """Lowercase literals of which any match of the parsed pattern ``items`` contains one, or
    None when no such set is known. Of the candidates in a sequence (each literal run, each
    group or alternation that must occur) the most selective (longest shortest string) wins."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            candidates.append(frozenset(["".join(run)]))
            run.clear()

    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(av).lower())
        elif name in ("AT", "ASSERT_NOT", "ASSERT"):
            continue  # zero-width: the text around it is adjacent
        elif name == "SUBPATTERN":
            close()
            found = _required(av[-1])
            if found:
                candidates.append(found)
        elif name == "BRANCH":
            close()
            alternatives = [_required(b) for b in av[1]]
            if alternatives and all(alternatives):
                candidates.append(frozenset().union(*alternatives))  # type: ignore[arg-type]
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            close()
            found = _required(av[2]) if av[0] >= 1 else None
            if found:
                candidates.append(found)
        else:
            close()  # a class, any character...: no literal across it
    close()
    candidates = [c for c in candidates if all(c)]
    return max(candidates, key=lambda c: min(map(len, c)), default=None)


def literal_triggers(pattern: str) -> Triggers:
    """Literals (lowercase) one of which is in any text the case-insensitive ``pattern``
    matches, or None. Checking them with ``in`` on the lowercased text is a cheap filter
    before the regular expression: most clauses contain none and skip it."""
    try:
        return _required(list(_sre.parse(pattern, re.IGNORECASE)))
    except (re.error, TypeError, ValueError, AttributeError):  # parser internals differ
        return None


def any_trigger(triggers: Triggers, lowered: str) -> bool:
    """Whether ``lowered`` (lowercased text) may match: contains a trigger, or has no filter."""
    return triggers is None or any(map(lowered.__contains__, triggers))


def may_match(triggers: Triggers, present: frozenset[str] | set[str]) -> bool:
    """:func:`any_trigger` given the literals a :class:`LiteralScanner` found in the text."""
    return triggers is None or not triggers.isdisjoint(present)


class LiteralScanner:
    """Which of many literals occur in a text, in one regular-expression pass.

    Testing each cue's literals with ``in`` meant hundreds of substring tests per clause (the
    positions stage's main cost after the parse). Here the literals form a trie-shaped
    expression tried at every position of the text (a lookahead, so occurrences may overlap);
    at each position it finds the longest literal starting there, and the literals that are
    prefixes of it are present too, so the result is exactly the set of literals ``in`` the
    text."""

    def __init__(self, literals: Iterable[str]) -> None:
        words = sorted(set(literals))
        # Every literal with the literals that are its prefixes (itself included).
        self._closure = {w: frozenset(p for p in words if w.startswith(p)) for w in words}
        self._pattern = re.compile(f"(?=({_trie(words)}))", re.DOTALL) if words else None

    def present(self, lowered: str) -> set[str]:
        """The literals occurring in ``lowered`` (lowercased text)."""
        found: set[str] = set()
        if self._pattern is not None:
            for m in self._pattern.finditer(lowered):
                found |= self._closure[m.group(1)]
        return found


def _trie(words: Sequence[str]) -> str:
    """An expression matching any of ``words``, longest first, factored by common prefixes."""
    root: dict[str, dict] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a literal ends here

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        # A literal ending here: the longer ones are tried first (greedy), then this one.
        return f"(?:{body})?" if "" in node else body

    return build(root)


@dataclass(frozen=True)
class Issue:
    """One issue key with the phrases that tag it."""

    key: str
    label: str
    keywords: tuple[str, ...]
    exemplars: tuple[str, ...]
    pattern: re.Pattern[str] | None
    pax: str | None = None
    triggers: Triggers = None  # literal prefilter of ``pattern``


@dataclass(frozen=True)
class Cue:
    """Wording that shows a position value."""

    value: str
    patterns: tuple[re.Pattern[str], ...]
    modality: str = "asserted"
    needs: str | None = None
    verb: bool = False  # the matched word must be parsed as a verb ("tabled", not "the table")
    # The subject of the cue's own verb is who the demand is put on, not the party: "Ukraine
    # must withdraw" said by the Kremlin is the Kremlin's red line.
    addressee: bool = False
    # The verb must not sit in a relative clause: "guarantees Russia will accept" describes the
    # guarantees, it is not Russia accepting anything.
    main_verb: bool = False
    # Literal prefilters (see literal_triggers): one per pattern.
    triggers: tuple[Triggers, ...] = ()


@dataclass(frozen=True)
class Conflict:
    """A war proposals can be about: its parties (country codes) and places."""

    key: str
    parties: frozenset[str]
    places: re.Pattern[str] | None


def load_conflicts(paths: Iterable[str | Path]) -> tuple[Conflict, ...]:
    """``conflicts`` from proposal-rule files; a later file's key replaces an earlier one."""
    found: dict[str, Conflict] = {}
    for path in paths:
        conflicts = load_yaml(path).get("conflicts") or {}
        if not isinstance(conflicts, dict):
            raise KnowledgeError("conflicts must be a mapping", source=f"{path} (conflicts)")
        for key, entry in conflicts.items():
            where = f"{path} (conflicts: {key})"
            if not isinstance(entry, dict) or not isinstance(entry.get("parties"), list) \
                    or not entry["parties"]:
                raise KnowledgeError("a conflict needs a non-empty 'parties' list", source=where)
            places = _strings(entry.get("places"), where)
            pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in places) + r")\b",
                                 re.IGNORECASE) if places else None
            found[str(key)] = Conflict(str(key), frozenset(str(c) for c in entry["parties"]),
                                       pattern)
    return tuple(found.values())


@dataclass(frozen=True)
class SideRules:
    """Which negotiating side an actor code stands for (``region_sides`` and
    ``country_sectors`` of ``proposals.yaml``; see :func:`detente.negotiation.proposals.side_of`).
    """

    # region code prefix of a group with no country -> the side it negotiates as (EUR -> EU)
    regions: dict[str, str] = field(default_factory=dict)
    # role codes that, after a country code, still stand for the country (GOV, MIL ...)
    country_sectors: frozenset[str] = frozenset()


def load_side_rules(paths: Iterable[str | Path]) -> SideRules:
    """Side rules of proposal files; later files extend earlier ones (a user file may add a
    region or a role that speaks for its state)."""
    return _side_rules([(path, load_yaml(path)) for path in paths])


def _side_rules(files: list[tuple[str | Path, dict[str, Any]]]) -> SideRules:
    """Side rules of proposal files already read: (path, data) in order."""
    regions: dict[str, str] = {}
    sectors: set[str] = set()
    for path, data in files:
        value = data.get("region_sides") or {}
        if not isinstance(value, dict):
            raise KnowledgeError("region_sides must be a mapping", source=str(path))
        regions.update({str(k): str(v) for k, v in value.items()})
        sectors.update(s.upper() for s in _strings(data.get("country_sectors"),
                                                   f"{path} (country_sectors)"))
    return SideRules(regions, frozenset(sectors))


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
    # Verbs that change a proposal's size ("cut to 19 points"): a new version of the same one.
    resize_verbs: frozenset[str] = frozenset()
    # Modifiers of a proposer's proposal that make it a new version when the proposer already
    # has one in the article ("it submitted a new draft").
    new_versions: frozenset[str] = frozenset()
    # Subject pronouns of a proposer verb bound by the subject of the verb the clause reports
    # to ("Qatar said it had submitted ...") when the actors stage resolved no mention there.
    bound_pronouns: frozenset[str] = frozenset()
    # Verbs of good offices ("an offer to *mediate*", "to host talks"): such an offer is no text.
    good_offices_verbs: frozenset[str] = frozenset()
    conflicts: tuple[Conflict, ...] = ()
    # Verbs by which an official puts a text on the table in office ("the foreign minister
    # unveiled a plan"): the text is the official's state's, not the person's.
    presentation_verbs: frozenset[str] = frozenset()
    sides: SideRules = field(default_factory=SideRules)


@dataclass(frozen=True)
class ClauseWords:
    """The clause-level word lists of positions.yaml (see there what each is for): sets of
    lowercase words, compared with a token's lowercase form or lemma, and patterns."""

    part_nouns: re.Pattern[str] | None = None
    anonymity_markers: re.Pattern[str] | None = None
    outsider_speakers: re.Pattern[str] | None = None
    offer_conditions: re.Pattern[str] | None = None
    request_words: re.Pattern[str] | None = None
    prescriptive_auxiliaries: frozenset[str] = frozenset()
    collective_subjects: frozenset[str] = frozenset()
    collective_determiners: frozenset[str] = frozenset()
    collective_exclusions: frozenset[str] = frozenset()
    forecast_heads: frozenset[str] = frozenset()
    proposal_content_markers: re.Pattern[str] | None = None
    other_text_nouns: frozenset[str] = frozenset()
    condition_subordinators: frozenset[str] = frozenset()
    member_nouns: frozenset[str] = frozenset()
    reply_nouns: frozenset[str] = frozenset()
    proposing_verbs: frozenset[str] = frozenset()
    event_verbs: frozenset[str] = frozenset()


@dataclass(frozen=True)
class NegotiationKB:
    issues: tuple[Issue, ...]
    cues: tuple[Cue, ...]
    clause_break: re.Pattern[str]
    rules: ProposalRules
    # Phrases pointing back to what the sentence before was about ("Such steps are
    # counterproductive"): a cue clause with one and no issue of its own takes that issue.
    anaphora: re.Pattern[str] | None = None
    # Words opening the condition of a conditional ("only if", "until", "before"): the issue
    # conditioned is named before them ("sanctions would stay until a ceasefire" -> sanctions).
    condition_marker: re.Pattern[str] | None = None
    # Words of a negotiating stance ("agreed", "demanded", "ready to"): a denial is a position
    # only when what it denies is a stance, not a fact ("denied that its troops crossed").
    stance_words: re.Pattern[str] | None = None
    # The clause-level word lists of positions.yaml (see ClauseWords).
    words: ClauseWords = field(default_factory=lambda: ClauseWords())

    def issue_keys(self) -> list[str]:
        return [i.key for i in self.issues]

    @cached_property
    def issue_by_key(self) -> dict[str, Issue]:
        """Each issue by its key (built once, not per clause)."""
        return {i.key: i for i in self.issues}

    @cached_property
    def cue_literals(self) -> LiteralScanner:
        """Finds the literal prefilters of every cue pattern in a clause at once."""
        return LiteralScanner(t for c in self.cues for ts in c.triggers if ts for t in ts)

    @cached_property
    def _cue_patterns_by_literal(self) -> tuple[dict[str, tuple[tuple[int, int], ...]],
                                                tuple[tuple[int, int], ...]]:
        by_literal: dict[str, list[tuple[int, int]]] = {}
        unfiltered = []
        for ci, cue in enumerate(self.cues):
            for pi, triggers in enumerate(cue.triggers):
                if triggers is None:
                    unfiltered.append((ci, pi))
                else:
                    for t in triggers:
                        by_literal.setdefault(t, []).append((ci, pi))
        return {t: tuple(v) for t, v in by_literal.items()}, tuple(unfiltered)

    def live_cue_patterns(self, lowered: str) -> list[tuple[int, int]]:
        """(cue index, pattern index) of every cue pattern whose literal prefilter the
        lowercased clause passes, in cue order: the only patterns worth running on it."""
        by_literal, unfiltered = self._cue_patterns_by_literal
        live = set(unfiltered)
        for t in self.cue_literals.present(lowered):
            live.update(by_literal.get(t, ()))
        return sorted(live)

    @cached_property
    def issue_literals(self) -> LiteralScanner:
        """Finds the literal prefilters of every issue's keywords in a text at once."""
        return LiteralScanner(t for i in self.issues if i.triggers for t in i.triggers)


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
    issues = []
    for key, s in merged.items():
        pattern = _keyword_regex(s["keywords"])
        issues.append(Issue(key, s["label"], tuple(s["keywords"]), tuple(s["exemplars"]),
                            pattern, s["pax"],
                            literal_triggers(pattern.pattern) if pattern else None))
    return tuple(issues)


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise KnowledgeError(f"bad pattern {pattern!r}: {exc}", source=where) from None


@dataclass(frozen=True)
class CueData:
    """What the position files hold besides issues: cues and the clause-level word lists."""

    cues: tuple[Cue, ...]
    clause_break: re.Pattern[str]
    anaphora: re.Pattern[str] | None
    condition_marker: re.Pattern[str] | None
    stance_words: re.Pattern[str] | None = None
    words: ClauseWords = field(default_factory=lambda: ClauseWords())


# Word lists of the position files compared with single tokens: each a set of lowercase words.
_WORD_SETS = ("prescriptive_auxiliaries", "collective_subjects", "collective_determiners",
              "collective_exclusions", "forecast_heads", "other_text_nouns",
              "condition_subordinators", "member_nouns", "reply_nouns", "proposing_verbs",
              "event_verbs")


def load_cues(paths: Iterable[str | Path]) -> CueData:
    """Position cues in file order, the clause-break pattern, the issue-anaphora,
    condition-marker, stance-word, part-noun and content-marker patterns and the word sets;
    later files add to each list."""
    cues: list[Cue] = []
    breaks: list[str] = []
    anaphora: list[str] = []
    markers: list[str] = []
    stance: list[str] = []
    parts: list[str] = []
    anonymity: list[str] = []
    outsiders: list[str] = []
    offer_conditions: list[str] = []
    requests: list[str] = []
    content: list[str] = []
    words: dict[str, set[str]] = {k: set() for k in _WORD_SETS}
    for path in paths:
        data = load_yaml(path)
        breaks += _strings(data.get("clause_breaks"), f"{path} (clause_breaks)")
        anaphora += _strings(data.get("issue_anaphora"), f"{path} (issue_anaphora)")
        markers += _strings(data.get("condition_markers"), f"{path} (condition_markers)")
        stance += _strings(data.get("stance_words"), f"{path} (stance_words)")
        parts += _strings(data.get("part_nouns"), f"{path} (part_nouns)")
        anonymity += _strings(data.get("anonymity_markers"), f"{path} (anonymity_markers)")
        outsiders += _strings(data.get("outsider_speakers"), f"{path} (outsider_speakers)")
        offer_conditions += _strings(data.get("offer_conditions"), f"{path} (offer_conditions)")
        requests += _strings(data.get("request_words"), f"{path} (request_words)")
        content += _strings(data.get("proposal_content_markers"),
                            f"{path} (proposal_content_markers)")
        for key in _WORD_SETS:
            words[key].update(s.lower() for s in _strings(data.get(key), f"{path} ({key})"))
        for n, entry in enumerate(data.get("cues") or [], 1):
            where = f"{path} (cue #{n})"
            if not isinstance(entry, dict) or entry.get("value") not in VALUES:
                raise KnowledgeError(f"cue value must be one of {', '.join(VALUES)}", source=where)
            modality = entry.get("modality", "asserted")
            if modality not in MODALITIES or entry.get("needs") not in NEEDS:
                raise KnowledgeError("bad modality or needs", source=where)
            patterns = tuple(_compile(p, where) for p in _strings(entry.get("patterns"), where))
            triggers = tuple(literal_triggers(p.pattern) for p in patterns)
            cues.append(Cue(entry["value"], patterns, modality, entry.get("needs"),
                            bool(entry.get("verb", False)), bool(entry.get("addressee", False)),
                            bool(entry.get("main_verb", False)), triggers))
    clause_break = _compile("|".join(breaks) or r"(?!)", "clause_breaks")
    content_marker = _compile("|".join(content), "proposal_content_markers") if content else None
    return CueData(tuple(cues), clause_break, _keyword_regex(anaphora), _keyword_regex(markers),
                   _keyword_regex(stance),
                   ClauseWords(part_nouns=_keyword_regex(parts),
                               anonymity_markers=_keyword_regex(anonymity),
                               outsider_speakers=_keyword_regex(outsiders),
                               offer_conditions=_keyword_regex(offer_conditions),
                               request_words=_compile("|".join(requests), "request_words")
                               if requests else None,
                               proposal_content_markers=content_marker,
                               **{k: frozenset(v) for k, v in words.items()}))


def load_proposal_rules(paths: Iterable[str | Path]) -> ProposalRules:
    """Proposal naming rules and conflicts; later files extend earlier ones."""
    paths = list(paths)
    maps: dict[str, dict[str, str]] = {"heads": {}, "proposer_words": {}}
    lists: dict[str, set[str]] = {k: set() for k in (
        "generic", "determiners", "versions", "proposer_verbs", "part_verbs", "topic_heads",
        "resize_verbs", "new_versions", "bound_pronouns", "good_offices_verbs",
        "presentation_verbs")}
    read = [(path, load_yaml(path)) for path in paths]
    for path, data in read:
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
                         frozenset(lists["part_verbs"]), frozenset(lists["topic_heads"]),
                         frozenset(lists["resize_verbs"]), frozenset(lists["new_versions"]),
                         frozenset(lists["bound_pronouns"]),
                         frozenset(lists["good_offices_verbs"]), load_conflicts(paths),
                         frozenset(lists["presentation_verbs"]), _side_rules(read))


def load_kb(issue_files: Iterable[str | Path] = (), position_files: Iterable[str | Path] = (),
            proposal_files: Iterable[str | Path] = ()) -> NegotiationKB:
    """The bundled negotiation knowledge plus any user files."""
    issues = load_issues([data_path("negotiation", "issues.yaml"), *issue_files])
    data = load_cues([data_path("negotiation", "positions.yaml"), *position_files])
    rules = load_proposal_rules([data_path("negotiation", "proposals.yaml"), *proposal_files])
    return NegotiationKB(issues, data.cues, data.clause_break, rules, data.anaphora,
                         data.condition_marker, data.stance_words,
                         data.words)


def side_rules(config: Config) -> SideRules:
    """The side rules the configuration gives: the bundled ``proposals.yaml`` and any user
    proposal files (``[knowledge] negotiation_proposal_files``), for views over stored
    analyses that group parties by side without loading the whole knowledge base."""
    files = config.section("knowledge").get("negotiation_proposal_files", [])
    return load_side_rules([data_path("negotiation", "proposals.yaml"), *files])


@resource("negotiation_kb")
def negotiation_kb(config: Config) -> NegotiationKB:
    """Per-process negotiation knowledge (optional user files under ``[knowledge]``)."""
    section = config.section("knowledge")
    return load_kb(section.get("negotiation_issue_files", []),
                   section.get("negotiation_position_files", []),
                   section.get("negotiation_proposal_files", []))
