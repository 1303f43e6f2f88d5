"""Positions: where a party stands on a proposal or an issue, from reporting and attributed speech.

Each sentence (boilerplate left out) is split into clauses (``clause_breaks``); a clause with a
position cue (``positions.yaml``) becomes a position when it has a party and a target:

- **party**: the actor subject of the cue's clause, climbing the parse through reporting verbs
  ("Putin said the plan could be a basis" -> Putin); else the speaker of the quote the cue lies
  in; else the actor of an event of a matching type in that sentence. Anonymous sources are
  never parties. No party, no position.
- **target**: a proposal named or referred to in the clause, else (for values about a proposal:
  rejects, accepts, amends...) one named in the sentence or the one before; and the main issue
  the clause names (keywords, then MiniLM for clauses keywords miss).
- a proposal as the subject of a content verb ("the draft requires Ukraine to withdraw") is a
  *part* of that proposal: its proposer proposes each issue named.

Opinion segments (docanalysis) give no positions except inside direct quotes with a named
speaker: an opinion writer's own view is never a party's position.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from detente.actors.lookup import actor_at
from detente.docanalysis.genre import segment_genre_at
from detente.facts import Actor, Position, Quote, Span
from detente.negotiation.issues import IssueEmbedder, keyword_issues
from detente.negotiation.knowledge import Cue, NegotiationKB
from detente.negotiation.proposals import Mention, ProposalInfo
from detente.pipeline.registry import WorkItem

# Values that are about a proposal as a whole: the proposal may come from context.
PROPOSAL_VALUES = {"rejects", "supports", "accepts_as_basis", "seeks_amendment",
                   "denies_reported_position", "unclear", "proposes"}
# Nouns for parts of a proposal ("some aspects are unacceptable") point back to the last one.
_PART_NOUNS = re.compile(r"\b(aspects|provisions|points|elements|parts|clauses|items)\b", re.I)
# Event types consistent with each value, for borrowing an event's actor as the party.
EVENT_TYPES = {"rejects": {"REJECT"}, "supports": {"AGREE", "SUPPORT"},
               "accepts_as_basis": {"AGREE"}, "proposes": {"REQUEST", "AGREE"},
               "red_line": {"REQUEST", "REJECT", "THREATEN"}, "conditional": {"REQUEST"},
               "seeks_amendment": {"REQUEST", "REJECT"}}
_SUBJECTS = ("nsubj", "nsubjpass", "agent", "csubj")
_MAX_PART_ISSUES = 6


@dataclass
class Found:
    """A position with the data the contract has no field for yet (kept in scratch)."""

    position: Position
    date: str | None
    speaker: str | None
    issues: list[str]
    rule: str
    part_of: str | None = None

    def meta(self) -> dict[str, Any]:
        return {"date": self.date, "speaker": self.speaker, "issues": self.issues,
                "rule": self.rule, "part_of": self.part_of}


class _Index:
    """Token lookup by character offset for one parsed document."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.starts = [t.idx for t in doc]

    def token(self, offset: int) -> Any:
        i = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        return self.doc[i]


def _clauses(kb: NegotiationKB, start: int, text: str) -> list[tuple[int, int]]:
    cuts = [0] + [m.start() for m in kb.clause_break.finditer(text) if m.start() > 0] + [len(text)]
    return [(start + a, start + b) for a, b in pairwise(cuts) if b > a]


def _cue(kb: NegotiationKB, text: str) -> tuple[Cue, re.Match[str]] | None:
    for cue in kb.cues:
        for pattern in cue.patterns:
            m = pattern.search(text)
            if m:
                return cue, m
    return None


def _mention_with_head(mentions: list[Mention], tok: Any) -> Mention | None:
    return next((m for m in mentions if m.head == tok.i), None)


def _subject_party(item: WorkItem, kb: NegotiationKB, tok: Any, mentions: list[Mention],
                   value: str, cue_at: int) -> tuple[Actor | None, Mention | None]:
    """Climb from the cue token to the first clause whose subject is an actor.

    A clause the cue introduces ("demanded *that* Ukraine withdraw", "only *if* Ukraine
    withdraws") is what is demanded, so its subject is skipped. Returns (actor, None), or
    (None, mention) when a proposal is the subject of a content verb (the proposal states the
    content), or (None, None)."""
    seen = 0
    t = tok
    while seen < 8:
        seen += 1
        introduced = any(c.dep_ == "mark" and c.idx >= cue_at for c in t.children)
        for child in t.children if not introduced else ():
            if child.dep_ not in _SUBJECTS:
                continue
            head = child
            if child.dep_ == "agent":
                head = next((c for c in child.children if c.dep_ == "pobj"), None)
                if head is None:
                    continue
            mention = _mention_with_head(mentions, head)
            if mention is not None and mention.key and t.lemma_.lower() in kb.rules.part_verbs \
                    and value in ("proposes", "red_line", "conditional"):
                return None, mention
            if mention is not None:
                continue  # "the US plan could be a basis": look for who said so
            actor = actor_at(item, head.idx, head.idx + len(head))
            if actor is None and head.pos_ != "PRON":
                # The phrase up to its head: "some aspects of the U.S. proposal" is not the U.S.
                actor = actor_at(item, head.left_edge.idx, head.idx + len(head))
            if actor is not None and actor.kind != "anonymous":
                return actor, None
        if t.head is t:
            break
        t = t.head
    return None, None


def _quote_at(item: WorkItem, offset: int) -> Quote | None:
    best = None
    for q in item.quotes:
        inside = q.start <= offset < q.end or (q.cue and q.cue.start <= offset < q.cue.end)
        if inside and (best is None or (q.end - q.start) < (best.end - best.start)):
            best = q
    return best


def _speaker(item: WorkItem, quote: Quote | None) -> Actor | None:
    if quote is None or not quote.speaker.actor:
        return None
    actor = next((a for a in item.actors if a.id == quote.speaker.actor), None)
    return actor if actor is not None and actor.kind != "anonymous" else None


def _event_party(item: WorkItem, value: str, start: int, end: int) -> Actor | None:
    types = EVENT_TYPES.get(value, set())
    for e in item.events:
        if e.type in types and e.actor and e.evidence.start <= start and end <= e.evidence.end:
            actor = next((a for a in item.actors if a.id == e.actor[0]), None)
            if actor is not None and actor.kind != "anonymous":
                return actor
    return None


def _masked(text: str, base: int, mentions: list[Mention]) -> str:
    """The clause with proposal names blanked, so "peace plan" does not tag an issue."""
    chars = list(text)
    for m in mentions:
        for i in range(max(m.start - base, 0), min(m.end - base, len(chars))):
            chars[i] = " "
    return "".join(chars)


def _opinion(item: WorkItem, offset: int) -> tuple[bool, str | None]:
    genre = segment_genre_at(item.document, offset)
    if genre is None and not item.document.segments:
        genre = item.document.genre
    return genre == "opinion", genre


def _event_date(item: WorkItem, start: int, end: int) -> str | None:
    for e in item.events:
        if e.date and not e.historical and e.evidence.start <= start and end <= e.evidence.end:
            return e.date.value
    return None


def extract_positions(item: WorkItem, kb: NegotiationKB, mentions: list[Mention],
                      infos: dict[str, ProposalInfo], embedder: IssueEmbedder | None = None
                      ) -> list[Found]:
    """Positions in one document (see the module docstring)."""
    if item.doc is None:
        return []
    index = _Index(item.doc)
    text = item.document.text
    published = (item.document.published or "")[:10] or None
    keyed = [m for m in mentions if m.key]
    found: list[Found] = []
    pending: list[tuple[Found, str]] = []  # (found, clause text) still needing an issue
    sentences = item.sentences()
    for si, sent in enumerate(sentences):
        opinion, genre = _opinion(item, sent.start_char)
        prev_start = sentences[si - 1].start_char if si else sent.start_char
        for cs, ce in _clauses(kb, sent.start_char, text[sent.start_char:sent.end_char]):
            clause = text[cs:ce]
            hit = _cue(kb, clause)
            if hit is None:
                continue
            cue, match = hit
            cue_at = cs + match.start()
            quote = _quote_at(item, cue_at)
            if opinion and not (quote and quote.kind == "direct" and _speaker(item, quote)
                                and quote.start <= cs + match.start() < quote.end):
                continue
            value = cue.value
            if quote is not None and quote.stance == "denies":
                value = "denies_reported_position"
            in_clause = [m for m in keyed if cs <= m.start < ce]
            proposal = in_clause[0].key if in_clause else None
            if proposal is None and value in PROPOSAL_VALUES:
                near = [m for m in keyed if prev_start <= m.start < ce]
                if not near and _PART_NOUNS.search(clause):
                    near = [m for m in keyed if m.start < cs]
                proposal = near[-1].key if near else None
            issues = keyword_issues(kb, _masked(clause, cs, in_clause))
            issue = issues[0] if issues else None
            if cue.needs == "proposal" and not proposal:
                continue
            tok = index.token(cue_at)
            actor, part = _subject_party(item, kb, tok, mentions, value, cue_at)
            speaker = _speaker(item, quote)
            if part is not None:
                continue  # the proposal's own content: see _parts
            actor = actor or speaker or _event_party(item, value, sent.start_char, sent.end_char)
            if actor is None:
                continue
            modality = "conditional" if value == "conditional" else cue.modality
            position = Position(
                party=actor.id, value=value, evidence=Span(sent.start_char, sent.end_char,
                                                            sent.text),
                proposal=proposal, issue=issue, modality=modality,
                quote=quote.id if quote and quote.speaker.actor else None,
                segment_genre=genre)
            f = Found(position, _event_date(item, sent.start_char, sent.end_char) or published,
                      speaker.id if speaker else None, issues, match.re.pattern)
            if issue is None and (not proposal or cue.needs == "issue"):
                pending.append((f, clause))
            else:
                found.append(f)
    found += _embed_issues(pending, embedder)
    found += _parts(item, kb, keyed, infos, published)
    return _dedup(found)


def _proposer_actor(item: WorkItem, info: ProposalInfo | None) -> Actor | None:
    if info is None or not info.proposer_actor:
        return None
    return next((a for a in item.actors if a.id == info.proposer_actor), None)


def _embed_issues(pending: list[tuple[Found, str]], embedder: IssueEmbedder | None
                  ) -> list[Found]:
    """Issue-seeking clauses no keyword tagged: keep those MiniLM places near an issue."""
    if not pending or embedder is None:
        return []
    out = []
    for (f, _), (key, score) in zip(pending, embedder.nearest([c for _, c in pending]),
                                    strict=True):
        if key is not None:
            f.position = f.position.replace(issue=key)
            f.issues = [key]
            f.rule += f" +minilm:{score:.2f}"
            out.append(f)
    return out


def _parts(item: WorkItem, kb: NegotiationKB, keyed: list[Mention],
           infos: dict[str, ProposalInfo], published: str | None) -> list[Found]:
    """Sentences stating a proposal's content: parts of it, and its proposer's positions."""
    out: list[Found] = []
    last: Mention | None = None
    last_end = -1
    for sent in item.sentences():
        subj = next((m for m in keyed if sent.start_char <= m.start < sent.end_char
                     and item.doc[m.head].dep_ in ("nsubj", "nsubjpass")
                     and item.doc[m.head].head.lemma_.lower() in kb.rules.part_verbs), None)
        first = sent[0].lower_
        if subj is None and last is not None and sent.start_char - last_end < 3 and \
                (first in ("it", "under") or (sent[0].lemma_.lower() == "the" and
                 sent[1].lower_ in ("document", "draft", "text", "plan"))):
            subj = last
        if subj is None:
            last = None
            continue
        issues = keyword_issues(kb, _masked(sent.text, sent.start_char, [subj]))
        info = infos.get(subj.key or "")
        if info is None:
            continue
        info.parts.append({"start": sent.start_char, "end": sent.end_char, "text": sent.text,
                           "issues": issues})
        for key in issues:
            if key not in info.issues:
                info.issues.append(key)
        last, last_end = subj, sent.end_char
        actor = _proposer_actor(item, info)
        if actor is None:
            continue
        for key in issues[:_MAX_PART_ISSUES]:
            position = Position(party=actor.id, value="proposes",
                                evidence=Span(sent.start_char, sent.end_char, sent.text),
                                proposal=info.id, issue=key, modality="asserted",
                                segment_genre=segment_genre_at(item.document, sent.start_char))
            out.append(Found(position, published, None, list(issues), "part", info.id))
    return out


def _dedup(found: list[Found]) -> list[Found]:
    seen = set()
    out = []
    for f in sorted(found, key=lambda f: f.position.evidence.start):
        p = f.position
        key = (p.party, p.value, p.proposal, p.issue, p.evidence.start)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
