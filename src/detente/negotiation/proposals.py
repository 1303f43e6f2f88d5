"""Proposals: find and name the plans, drafts, memoranda and formats an article talks about.

A mention is a noun phrase headed by a proposal noun (``proposals.yaml``: plan, draft, deal,
framework, memorandum, counterproposal...). It *identifies* a proposal when it says whose it is
("the U.S. proposal", "Kozak's draft", "Ukraine's 20-point plan", "a deal" struck by Kozak),
how many points it has ("the 28-point plan") or where it was made ("the Istanbul memorandum").
"The plan", "the draft", "his deal" refer back to the last identified proposal of the same
family in the article, preferring one about the same conflict (or, in a headline, forward to
the first one). Mentions of one proposer's plan/draft/deal/framework share one id (``usa-plan``);
a "revised"/"updated" one gets its own id (``usa-plan-revised``) linked to the one it revises.

Identity beyond proposer and kind: each mention gets the conflict it is about (``conflicts`` in
``proposals.yaml``: the parties and places named in its sentence, else in the article). Where
one article names one proposer's plans for two conflicts, or two plans of one proposer with
different point counts and no version word, the ids are qualified: ``usa-plan@isr-pse``,
``usa-plan-28pt`` (:func:`compose_id` / :func:`parse_id`). The corpus views apply the same
qualifiers across articles; ``Proposal.conflict`` records the conflict for them.

Versions: a new point count ("the plan was cut to 19 points") is the ``-revised`` version of
the plan the verb changed, with the new count; "a new draft" of a proposer is the new version
of its earlier one in the article; a text reworked *into* a named one keeps its own id and
records its origin in ``revises``.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from typing import Any

import numpy as np
from spacy.attrs import DEP, POS

from detente.actors.lookup import actor_at, actors_in
from detente.facts import Actor, Proposal, ProposalPart
from detente.knowledge import data_path
from detente.negotiation.knowledge import (
    Conflict,
    NegotiationKB,
    ProposalRules,
    SideRules,
    load_conflicts,
    load_side_rules,
)
from detente.pipeline.registry import WorkItem

# The state code a word names ("saudi" -> SAU), or None.
StateWord = Callable[[str], str | None]

_POINTS = re.compile(r"(\d+)\s*-?\s*point", re.IGNORECASE)
_ANY_FAMILY = {"document", "text", "paper", "version"}
_SLUG = re.compile(r"[^a-z0-9_]+")
# Words that add no identity to a proposal ("a peace plan" is still any plan).
_PLAIN_POS = {"DET", "ADJ", "ADV", "PUNCT", "NUM", "PART", "CCONJ", "PRON"}


@cache
def bundled_side_rules() -> SideRules:
    """The side rules of the bundled ``proposals.yaml`` alone, read once: what
    :func:`side_of` uses when no knowledge base is given."""
    return load_side_rules([data_path("negotiation", "proposals.yaml")])


def side_of(actor: Actor, rules: SideRules | None = None) -> str:
    """The negotiating side an actor speaks for: its country (Putin, the Kremlin, "Russian
    officials" -> RUS), except for organisations and armed groups whose code says more than
    country and sector (Hamas -> PSEINSHMS, the RSF -> SDNREBRSF, the EU -> EU) and sides
    inside a country whose three letters are no role of the state (the Turkish Cypriot
    leadership CYPTCL; ``country_sectors`` lists the roles that are). Groups named by region
    ("European governments", EURGOV) take the region's side (``region_sides``). ``rules``: the
    knowledge base's side rules (``kb.rules.sides``, user proposal files included); the
    bundled ones when None."""
    code, country = actor.code or "", actor.country or ""
    rules = rules if rules is not None else bundled_side_rules()
    if code and not country and actor.kind == "group":
        region = next((side for prefix, side in rules.regions.items()
                       if code.startswith(prefix)), None)
        if region:
            return region
    if code and (not country or len(code) > len(country) + 3):
        return code
    if code and country and code.startswith(country) and len(code) == len(country) + 3 \
            and code[len(country):] not in rules.country_sectors:
        # a side of its own inside a country: the Turkish Cypriot leadership (CYPTCL),
        # Puntland (SOMPNT), the Abkhaz de facto authorities (GEOABK)
        return code
    return country or code or actor.id


def slug(text: str) -> str:
    return _SLUG.sub("_", text.lower().replace(".", "")).strip("_")


# --- identity: conflict, point count, version ------------------------------------------------

_ID = re.compile(r"^(?P<base>.+?)(?:-(?P<points>\d+)pt)?(?P<revised>-revised)?"
                 r"(?:@(?P<conflict>[\w-]+))?$")


def compose_id(base: str, points: int | None = None, revised: bool = False,
               conflict: str | None = None) -> str:
    """``usa-plan`` + qualifiers: ``usa-plan-28pt``, ``usa-plan-revised``, ``usa-plan@isr-pse``."""
    return (f"{base}{f'-{points}pt' if points else ''}{'-revised' if revised else ''}"
            f"{f'@{conflict}' if conflict else ''}")


def parse_id(proposal_id: str) -> tuple[str, int | None, bool, str | None]:
    """(base, points qualifier, revised, conflict qualifier) of an id made by compose_id."""
    m = _ID.match(proposal_id)
    if m is None:  # an empty id: nothing to split
        return proposal_id, None, False, None
    return (m["base"], int(m["points"]) if m["points"] else None, bool(m["revised"]),
            m["conflict"])


@cache
def bundled_conflicts() -> tuple[Conflict, ...]:
    """The bundled ``conflicts`` (the stage uses the negotiation KB's, user files included)."""
    return load_conflicts([data_path("negotiation", "proposals.yaml")])


def conflict_in(actors: Iterable[Actor], text: str, spans: Iterable[tuple[int, int]],
                conflicts: Iterable[Conflict] | None = None, sides: SideRules | None = None
                ) -> str | None:
    """The conflict whose parties (actor mentions by country) and places are named most inside
    ``spans``; None when none is named or two tie (a sentence about both wars says nothing).
    ``conflicts`` and ``sides``: the knowledge base's (the bundled ones when None)."""
    spans = list(spans)
    scores: Counter[str] = Counter()
    for c in bundled_conflicts() if conflicts is None else conflicts:
        for actor in actors:
            if actor.kind != "anonymous" and (actor.country in c.parties
                                              or side_of(actor, sides) in c.parties):
                scores[c.key] += sum(1 for m in actor.mentions
                                     if any(s <= m.start < e for s, e in spans))
        if c.places is not None:
            scores[c.key] += sum(len(c.places.findall(text, s, e)) for s, e in spans)
    top = scores.most_common(2)
    if not top or top[0][1] == 0 or (len(top) > 1 and top[1][1] == top[0][1]):
        return None
    return top[0][0]


def split_identities(items: list[Any], value_of: Callable[[Any], Any]) -> dict[int, Any]:
    """Per item (by index), the identity value it belongs to when ``items`` (in reading or date
    order) carry two or more distinct values; an item with no value of its own takes the
    latest value before it, else the first after. Empty when there is nothing to split."""
    values = [value_of(x) for x in items]
    if len({v for v in values if v is not None}) < 2:
        return {}
    out: dict[int, Any] = {}
    for i, v in enumerate(values):
        before = [w for w in values[:i] if w is not None]
        after = [w for w in values[i + 1:] if w is not None]
        out[i] = v if v is not None else (before[-1] if before else after[0])
    return out


@dataclass
class Mention:
    """One noun phrase naming or referring to a proposal."""

    start: int
    end: int
    text: str
    family: str
    head: int  # token index of the head noun
    word: str = ""  # the head noun, lowercased
    proposer: str | None = None  # actor id (person) or side code
    proposer_actor: str | None = None  # the actor id, when one exists in the item
    points: int | None = None
    place: str | None = None
    revised: bool = False
    product: bool = False  # the result of a revision: "reworked into a 20-point framework"
    resized: bool = False  # a new point count of a proposal: "cut to 19 points"
    fresh: bool = False  # "a new draft": a new version if its proposer has an earlier one
    source: int | None = None  # token index of what a product or resized count was made from
    generic: bool = False
    key: str | None = None
    conflict: str | None = None  # from the mention's sentence (else the article)
    own_conflict: str | None = None  # from its sentence alone
    revises: str | None = None


@dataclass
class ProposalInfo:
    """What the article says about one proposal beyond the contract's Proposal fields."""

    id: str
    name: str
    family: str
    aliases: list[str] = field(default_factory=list)
    proposer: str | None = None
    proposer_actor: str | None = None
    point_count: int | None = None
    revises: str | None = None
    parts: list[dict[str, Any]] = field(default_factory=list)
    issues: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    conflict: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "family": self.family, "aliases": self.aliases,
                "proposer": self.proposer, "proposer_actor": self.proposer_actor,
                "point_count": self.point_count, "revises": self.revises, "parts": self.parts,
                "conflict": self.conflict,
                "issues": self.issues, "mentions": [list(m) for m in self.mentions]}


def _proposer(item: WorkItem, kb: NegotiationKB, tok: Any, first: int,
              state_word: StateWord | None = None, presenters: dict[str, str] | None = None
              ) -> tuple[str | None, str | None]:
    """Whose proposal the phrase names: (proposer key, actor id) or (None, None).
    ``presenters``: state officials who presented a text in office so far (actor id -> their
    state's key), filled and read here."""
    doc = tok.doc
    candidates: list[Actor] = []
    presented = False  # a presentation verb names the candidate (see presentation_verbs)
    topic = tok.lower_ in kb.rules.topic_heads
    for child in tok.children:
        if child.dep_ == "poss" and child.pos_ == "PRON":
            return None, None  # "his deal" refers back: resolved like "the deal"
        if child.dep_ == "poss":
            found = actor_at(item, child.idx, child.idx + len(child.text))
            if found:
                candidates.append(found)
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            candidates += actors_in(item, child.idx, child.right_edge.idx + len(child.right_edge))
    if not candidates and _joint_modifier(doc, first, tok.i):
        return None, None  # "a Franco-British proposal": two proposers, no single side's id
    if not candidates and not topic:
        candidates = actors_in(item, doc[first].idx, tok.idx)
    if not candidates:
        candidates = _acl_agent(item, kb, tok)
        presented = bool(candidates) and any(
            c.dep_ == "acl" and c.lemma_.lower() in kb.rules.presentation_verbs
            for c in tok.children)
    head = tok.head
    indefinite = doc[first].lower_ in ("a", "an") or doc[first].pos_ != "DET"
    dep = tok.dep_
    if dep == "pobj" and head.lower_ == "with" and head.head.pos_ == "VERB":
        # "presented the Security Council *with* a roadmap": the text is what is presented
        head, dep = head.head, "dobj"
    if not candidates and indefinite and dep in ("dobj", "nsubjpass", "obj") and \
            head.lemma_.lower() in kb.rules.proposer_verbs:
        for child in head.children:
            if child.dep_ in ("nsubj", "agent"):
                span = child if child.dep_ == "nsubj" else next(iter(child.children), None)
                if span is not None:
                    found = _subject_actor(item, span) or (
                        _bound_subject(item, head) if span.lower_ in kb.rules.bound_pronouns
                        else None)
                    if found:
                        candidates.append(found)
                        presented = head.lemma_.lower() in kb.rules.presentation_verbs
    if candidates:
        actor = candidates[0]
        # A person's text is theirs ("Kozak's deal", which his own government turned down),
        # except an international body's envoy's: a UN envoy's roadmap is the UN's, and a
        # state official's presented in office ("the foreign minister unveiled a plan").
        personal = actor.kind == "person" and not (actor.code and not actor.country)
        if personal and presenters is not None:
            if presented and actor.country and (actor.code or "").endswith("GOV"):
                presenters[actor.id] = side_of(actor, kb.rules.sides)
            if actor.id in presenters:
                return presenters[actor.id], actor.id
        return (actor.id if personal else side_of(actor, kb.rules.sides)), actor.id
    words = [t.lower_ for t in doc[first:tok.i]] if not topic else []
    for w in words + [f"{a}{b}" for a, b in pairwise(words)]:
        code = kb.rules.proposer_words.get(w) or (state_word(w) if state_word else None)
        if code:
            actor = next((a for a in item.actors if a.id == code or (
                side_of(a, kb.rules.sides) == code and a.kind == "state")), None)
            return code, (actor.id if actor else None)
    return None, None


def _joint_modifier(doc: Any, first: int, head: int) -> bool:
    """Whether the words before the head join two proper names with a hyphen ("Franco-British",
    "Qatari-Egyptian", "EU-US"): a proposal of two sides. "U.S.-brokered" names one side."""
    for t in doc[first:head]:
        if t.text != "-" or t.whitespace_ or t.i == 0 or t.i + 1 >= head:
            continue
        left, right = doc[t.i - 1], doc[t.i + 1]
        if not left.whitespace_ and left.text[:1].isupper() and right.text[:1].isupper():
            return True
    return False


def _subject_actor(item: WorkItem, tok: Any) -> Actor | None:
    """The actor the subject phrase headed by ``tok`` names (the actors stage's mentions): the
    phrase up to its head first, so "The UN Support Mission in Libya" is the UN, not Libya;
    else the whole phrase ("officials in Kyiv")."""
    return actor_at(item, tok.left_edge.idx, tok.idx + len(tok)) or \
        actor_at(item, tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge))


def _bound_subject(item: WorkItem, verb: Any) -> Actor | None:
    """For "it"/"they" as subject of ``verb`` with no mention of its own: the non-person actor
    subject of the verb the clause reports to ("Qatar's foreign ministry said it had submitted
    ..."). A subject pronoun of a reported clause takes that subject; None where there is none
    (a pronoun across sentences is the actors stage's to resolve, not guessed here), and for
    coordinated subjects."""
    clause = verb
    while clause.dep_ in ("conj", "xcomp") and clause.head is not clause:
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head is clause:
        return None
    subject = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    if subject is None or any(t.dep_ == "conj" for t in subject.subtree):
        return None  # "the U.S. and Ukraine said they ...": a joint text no one side owns
    found = _subject_actor(item, subject)
    return found if found is not None and found.kind not in ("person", "anonymous") else None


def _acl_agent(item: WorkItem, kb: NegotiationKB, tok: Any) -> list[Actor]:
    """The one actor in a by-phrase of a proposer verb modifying the noun ("a proposal put
    forward by the United States"). Several coordinated agents ("by the United States, Saudi
    Arabia and Egypt") make a joint proposal no single side owns: none."""
    for acl in tok.children:
        if acl.dep_ != "acl" or acl.lemma_.lower() not in kb.rules.proposer_verbs:
            continue
        for agent in (c for c in acl.children if c.dep_ == "agent"):
            obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if obj is None or any(c.dep_ == "conj" for c in obj.children):
                return []
            found = actor_at(item, obj.left_edge.idx, obj.idx + len(obj))
            return [found] if found is not None and found.kind != "anonymous" else []
    return []


def _changing_verb(tok: Any) -> Any:
    """The verb of "<verb> [down] to/into <tok>" ("cut to 19 points", "reworked into a
    20-point framework"), or None."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in ("to", "into"):
        return None
    verb = prep.head
    if verb.dep_ == "prt" or (verb.pos_ == "ADV" and verb.dep_ == "advmod"):
        verb = verb.head  # "brought down to", "pared back to"
    return verb if verb.pos_ in ("VERB", "AUX") else None


def _changed(verb: Any) -> int | None:
    """Token index of what ``verb`` changed: its passive subject or object, else its subject
    ("the draft was cut", "they cut the draft", "the 28 points have been reworked")."""
    for deps in (("nsubjpass", "dobj", "obj"), ("nsubj",)):
        found = next((c for c in verb.children if c.dep_ in deps), None)
        if found is not None:
            return found.i
    return None


def _head_candidates(doc: Any) -> list[int]:
    """Indices of nouns and proper nouns not in a compound: the only possible mention heads.
    Read from arrays: making a Token object for every word costs more than the rest."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    rows = doc.to_array([POS, DEP])
    nouns = np.array([strings["NOUN"], strings["PROPN"]], dtype=rows.dtype)
    return np.flatnonzero(np.isin(rows[:, 0], nouns)
                          & (rows[:, 1] != strings["compound"])).tolist()


def find_mentions(item: WorkItem, kb: NegotiationKB, sentences: list[Any] | None = None,
                  state_word: StateWord | None = None) -> list[Mention]:
    """Proposal mentions in reading order, with their keys resolved (``key`` None: unresolved).
    ``sentences``: ``item.sentences()``, when the caller has them already. ``state_word``: the
    state code a word names (the actor KB's names and demonyms), for proposers the actors stage
    leaves out ("the *Saudi*-backed roadmap": a backer is no party of the noun it modifies)."""
    rules = kb.rules
    mentions: list[Mention] = []
    heads = _head_candidates(item.doc) if item.doc is not None else []
    text_all = item.document.text
    # Who offered good offices so far ("an offer by Trump to mediate"), by head noun: a later
    # "Trump's offer" or "the offer" is that service again, no text either.
    offices: dict[str, set[str | None]] = {}
    presenters: dict[str, str] = {}
    for sent in item.sentences() if sentences is None else sentences:
        lo, hi = bisect.bisect_left(heads, sent.start), bisect.bisect_left(heads, sent.end)
        for tok in (sent.doc[i] for i in heads[lo:hi]):
            family = rules.heads.get(tok.lower_) or rules.heads.get(tok.lemma_.lower())
            if not family:
                continue
            first = max(tok.left_edge.i, sent.start)
            if _good_offices(tok, rules):
                offices.setdefault(tok.lemma_.lower(), set()).add(
                    _proposer(item, kb, tok, first, state_word)[0])
                continue
            if tok.lemma_.lower() in offices and _offices_again(
                    item, kb, tok, first, state_word, offices[tok.lemma_.lower()]):
                continue
            phrase = tok.doc[first:tok.i + 1]
            text = phrase.text
            m = Mention(phrase.start_char, phrase.end_char, text, family, tok.i, tok.lower_)
            points = _POINTS.search(text)
            if points:
                m.points = int(points.group(1))
            elif tok.lower_ == "points":
                nums = [c for c in tok.children if c.like_num and c.text.isdigit()]
                if not nums:
                    continue  # "talking points", "the main points": not a proposal
                m.points = int(nums[0].text)
            m.revised = any(t.lower_ in rules.versions for t in phrase)
            m.fresh = any(t.lower_ in rules.new_versions for t in phrase[:-1])
            verb = _changing_verb(tok)
            if verb is not None and m.points and verb.lemma_.lower() in rules.resize_verbs:
                m.resized, m.source = True, _changed(verb)
            elif verb is not None and tok.head.lower_ == "into" and verb.lower_ in rules.versions:
                m.product, m.source = True, _changed(verb)
            m.proposer, m.proposer_actor = _proposer(item, kb, tok, first, state_word,
                                                     presenters)
            places = [t for t in phrase[:-1] if t.pos_ == "PROPN" and t.ent_type_ in
                      ("GPE", "LOC", "FAC") and actor_at(item, t.idx, t.idx + len(t)) is None
                      and t.lower_ not in rules.proposer_words]
            if places and not m.proposer:
                ent = next((e for e in tok.doc.ents if e.start <= places[-1].i < e.end), None)
                m.place = ent.text if ent is not None else places[-1].text
            identified = bool(m.proposer or m.points or m.place)
            if not identified:
                det = phrase[0].lower_
                if det in ("his", "her", "their", "its"):
                    det = "the"
                plain = all(t.pos_ in _PLAIN_POS or t.lower_ in ("peace", "ceasefire", "truce")
                            or t.lower_ in rules.versions for t in phrase[:-1])
                if tok.lower_ == "points" or not plain or det not in rules.determiners:
                    continue
                if tok.lower_ not in rules.generic and tok.lemma_.lower() not in rules.generic:
                    continue
                m.generic = True
            m.own_conflict = conflict_in(item.actors, text_all,
                                         [(sent.start_char, sent.end_char)], rules.conflicts,
                                         rules.sides)
            mentions.append(m)
    whole = conflict_in(item.actors, text_all, [(0, len(text_all))],
                        rules.conflicts, rules.sides) if mentions else None
    for m in mentions:
        m.conflict = m.own_conflict or whole
    _assign_keys(mentions)
    return mentions


def _offices_again(item: WorkItem, kb: NegotiationKB, tok: Any, first: int,
                   state_word: StateWord | None, proposers: set[str | None]) -> bool:
    """Whether a later "offer" names an offer of good offices made before: by the same
    proposer ("Trump's offer"), or with none and only such offers before ("the offer")."""
    proposer = _proposer(item, kb, tok, first, state_word)[0]
    if proposer is not None:
        return proposer in proposers
    return tok.doc[first:tok.i].text.lower() in ("the", "this", "that", "his", "her", "its",
                                                 "their")


def _good_offices(tok: Any, rules: ProposalRules) -> bool:
    """Whether the noun is an offer of good offices ("an offer *to mediate*", "a proposal to
    host the next round"): a service offered, not a text."""
    return any(c.dep_ in ("acl", "relcl") and c.lemma_.lower() in rules.good_offices_verbs
               and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
               for c in tok.children)


def _base_key(m: Mention) -> str | None:
    if m.proposer:
        return f"{slug(m.proposer)}-{m.family}"
    if m.place:
        return f"{slug(m.place)}-{m.family}"
    if m.points:
        return f"{m.points}-point-{m.family}"
    return None


def _assign_keys(mentions: list[Mention]) -> None:
    # Points-only names take the key of a proposer's plan with the same point count, or of the
    # article's only proposer plan when the article names only one point count. A resized
    # count ("cut to 19 points") is a version of another proposal, never a name of its own.
    by_points = {m.points: _base_key(m) for m in mentions if m.points and m.proposer}
    plans = {_base_key(m) for m in mentions if m.proposer and m.family == "plan"}
    counts = {m.points for m in mentions if m.points and not m.proposer and not m.resized}
    if len(plans) == 1 and len(counts) == 1:
        by_points.setdefault(next(iter(counts)), next(iter(plans)))
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.generic or m.resized:
            continue
        base = by_points.get(m.points) if (m.points and not m.proposer) else None
        base = base or _base_key(m)
        if base:
            groups[base].append(m)
    for base, group in groups.items():
        _qualify(base, group)
    named = [m for m in mentions if m.key]
    for m in mentions:
        if m.product and m.source is not None:
            # "reworked into a 20-point framework" keeps its own name, linked to its origin.
            origin = next((n.key for n in named if n.head == m.source), None)
            m.revises = origin if origin != m.key else m.revises
            continue
        if not (m.generic or m.resized):
            continue
        # "the document", "the text" can refer to a memorandum as well as to a plan.
        fits = [n for n in named if n.family == m.family or m.word in _ANY_FAMILY]
        before = [n for n in fits if n.start < m.start]
        # The most recent salient one: about the same conflict as this sentence, if it says.
        same = [n for n in before if m.own_conflict and n.conflict == m.own_conflict]
        after = [n for n in fits if n.start > m.start]
        # ... and named by the same word ("the roadmap" after a roadmap and then a plan)
        worded = [n for n in (same or before) if n.word == m.word]
        ref = (worded or same or before)[-1] if before else (after[0] if after else None)
        if m.resized:
            # What the verb changed ("the 28-point draft was cut"), else the latest before.
            ref = next((n for n in named if n.head == m.source), None) or \
                ((same or before)[-1] if before else None)
        if ref is None:
            continue
        if m.resized and (ref.revised or ref.resized):
            m.key, m.revises = ref.key, ref.revises  # versions are not chained
        elif m.resized or (m.revised and not ref.revised and not ref.product):
            # "the revised framework" after "reworked into a 20-point framework" is that one.
            m.key, m.revises = _revision_of(ref.key or ""), ref.key
        else:
            m.key, m.revises = ref.key, ref.revises
        named.append(m)
        named.sort(key=lambda n: n.start)


def _revision_of(key: str) -> str:
    """The id of the (one) new version of the proposal ``key``."""
    base, points, _, conflict = parse_id(key)
    return compose_id(base, points, True, conflict)


def _qualify(base: str, group: list[Mention]) -> None:
    """Keys for the mentions of one base key: qualified by conflict when the article uses it
    for two conflicts, by point count when two unrevised versions differ in points; a revised
    one revises the latest unrevised key before it. "A new draft" of a proposer is revised
    when the proposer has an earlier (not new) one about the same conflict."""
    conflicts = split_identities(group, lambda m: m.conflict)
    by_conflict: dict[str | None, list[Mention]] = defaultdict(list)
    for i, m in enumerate(group):
        by_conflict[conflicts.get(i)].append(m)
    for conflict, ms in by_conflict.items():
        seen_plain = False
        for m in ms:
            m.revised = m.revised or (m.fresh and bool(m.proposer) and seen_plain)
            seen_plain = seen_plain or not (m.revised or m.fresh)
        points = split_identities(ms, lambda m: None if m.revised else m.points)
        last_plain: str | None = None
        only_revised: Mention | None = None  # a revision named before any original
        for i, m in enumerate(ms):
            plain = compose_id(base, points.get(i), False, conflict)
            if m.revised:
                m.key, m.revises = compose_id(base, points.get(i), True, conflict), \
                    last_plain or plain
                if last_plain is None:
                    only_revised = only_revised or m
            elif only_revised is not None and not m.points:
                # "Qatar presented a revised framework ... Kinshasa backed the Qatari
                # framework": the article knows one version, the revised one.
                m.key, m.revises = only_revised.key, only_revised.revises
            else:
                m.key = last_plain = plain


def _display(text: str, kb: NegotiationKB) -> str:
    words = text.strip("\"'“”‘’ ").split()
    if words and words[0].lower() in (*kb.rules.determiners, "a", "an"):
        words = words[1:]
    return " ".join(words).strip("\"'“”‘’ ")


def build_proposals(item: WorkItem, kb: NegotiationKB, mentions: list[Mention]
                    ) -> dict[str, ProposalInfo]:
    """One ProposalInfo per resolved key, named by its first identifying mention. Its conflict
    is the one its id names, else the one most of its mentions are about."""
    out: dict[str, ProposalInfo] = {}
    conflicts: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        if not m.key:
            continue
        info = out.get(m.key)
        # "cut to 19 points" names no document: call the version by its size.
        name = f"{m.points}-point version" if m.resized else _display(m.text, kb)
        if info is None:
            info = out[m.key] = ProposalInfo(m.key, name, m.family)
        elif not m.generic and _generic_name(info.name, kb):
            info.name = name
        elif not m.generic and name.lower() not in {a.lower() for a in (info.name, *info.aliases)}:
            info.aliases.append(name)
        info.mentions.append((m.start, m.end))
        info.proposer = info.proposer or m.proposer
        info.proposer_actor = info.proposer_actor or m.proposer_actor
        info.point_count = info.point_count or m.points
        info.revises = info.revises or m.revises
        if m.conflict:
            conflicts[m.key][m.conflict] += 1
    for key, info in out.items():
        info.conflict = parse_id(key)[3] or next(
            (c for c, _ in conflicts[key].most_common(1)), None)
    for info in out.values():
        # A version named only by its new size ("cut to 19 points") is its origin's.
        origin = out.get(info.revises or "")
        if origin is not None and info.proposer is None:
            info.proposer, info.proposer_actor = origin.proposer, origin.proposer_actor
        if origin is not None and info.conflict is None:
            info.conflict = origin.conflict
    return out


def _generic_name(name: str, kb: NegotiationKB) -> bool:
    return name.lower() in kb.rules.generic


def to_proposal(info: ProposalInfo, date: str | None) -> Proposal:
    """The contract's Proposal for one ProposalInfo."""
    return Proposal(id=info.id, name=info.name, aliases=tuple(info.aliases),
                    date=date, issues=tuple(info.issues),
                    proposer=info.proposer_actor or info.proposer,
                    point_count=info.point_count, revises=info.revises,
                    conflict=info.conflict,
                    parts=tuple(ProposalPart(p["start"], p["end"], p["text"],
                                             tuple(p.get("issues", ()))) for p in info.parts))
