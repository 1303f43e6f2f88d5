"""Positions: where a party stands on a proposal or an issue, from reporting and attributed speech.

Each sentence (boilerplate left out) is split into clauses (``clause_breaks``); a clause with a
position cue (``positions.yaml``) becomes a position when it has a party and a target:

- **party**: the actor subject of the cue's clause, climbing the parse through reporting verbs
  ("Putin said the plan could be a basis" -> Putin); else the speaker of the quote the cue lies
  in; else the actor of an event of a matching type in that sentence. Anonymous sources are
  never parties. No party, no position.
- **target**: a proposal named or referred to in the clause, else (for values about a proposal:
  rejects, accepts, amends...) one named in the sentence or the one before; and the main issue
  the clause names by keyword. A clause naming none (and no proposal) takes its context's:
  the rest of its sentence, else the nearest sentence before naming one; MiniLM reads the
  clause only when the context names no issue either.
- a proposal as the subject of a content verb ("the draft requires Ukraine to withdraw") is a
  *part* of that proposal: its proposer proposes each issue named.

The value comes from the first cue matching the clause, and the learned classifier
(:mod:`detente.negotiation.classifier`) decides it for clauses with no cue, for example a
candidate verb with an actor subject such as "Armenia agreed". With a margin of 1 or less it
may also override a cue. A position with no proposal or issue is kept only when its party's
own active verb states the stance (see ``_stance_of_own``).

Opinion segments (docanalysis) give no positions except inside direct quotes with a named
speaker: an opinion writer's own view is never a party's position.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

import numpy as np
from spacy.attrs import DEP, IDX, POS

from detente.actors.lookup import DATELINE_DASHES, actor_at, actors_in, is_dateline_subject
from detente.docanalysis.genre import segment_genre_at
from detente.facts import Actor, Position, Quote, Span
from detente.negotiation.classifier import (
    NONE,
    PositionModel,
    bundled_model,
    clause_vector,
)
from detente.negotiation.issues import IssueEmbedder, keyword_issues
from detente.negotiation.knowledge import Cue, NegotiationKB
from detente.negotiation.proposals import Mention, ProposalInfo, side_of
from detente.pipeline.registry import WorkItem

# Values that are about a proposal as a whole: the proposal may come from context.
PROPOSAL_VALUES = {"rejects", "supports", "accepts_as_basis", "seeks_amendment",
                   "denies_reported_position", "unclear", "proposes"}
# Event types consistent with each value, for borrowing an event's actor as the party.
EVENT_TYPES = {"rejects": {"REJECT"}, "supports": {"AGREE", "SUPPORT"},
               "accepts_as_basis": {"AGREE"}, "proposes": {"REQUEST", "AGREE"},
               "red_line": {"REQUEST", "REJECT", "THREATEN"}, "conditional": {"REQUEST"},
               "seeks_amendment": {"REQUEST", "REJECT"}}
_DENIABLE = {"supports", "accepts_as_basis", "proposes", "unclear"}
_SUBJECTS = ("nsubj", "nsubjpass", "agent", "csubj")
_OBJECTS = ("pobj", "dobj", "iobj", "dative", "attr", "oprd")
_MAX_PART_ISSUES = 6  # issues a part sentence gives its proposer positions on
_CONDITION_OPENING = 2  # words a clause may have before its condition marker ("but only")
_ANAPHORA_REACH = 3  # sentences back an issue anaphor ("such steps") may point
UNTARGETED = True
# Values a party can hold with no proposal or issue named ("Armenia agreed", "Rwanda denied
# reports"); a verb with a prescriptive auxiliary (``kb.words.prescriptive_auxiliaries``) holds none.
_UNTARGETED_VALUES = {"supports", "rejects", "accepts_as_basis", "red_line", "seeks_amendment",
                      "denies_reported_position", "unclear"}
# Values judging a proposal as a whole (see _whole_phrase).
_VERDICTS = {"rejects", "supports", "accepts_as_basis", "unclear", "denies_reported_position"}
# The issue of talking at all (format and sequencing): general words ("talks") tag it, so it
# gives way to a proposal a verdict is about.
_SETTING_ISSUE = "process.format_sequencing"
# A refusal of a kind ("would not offer *any* amnesty").
_ANY = re.compile(r"\b(any|no)\b", re.IGNORECASE)
# Adverbs the parser may give a condition instead of a subordinator ("only *when* X had ...").
_WHEN = ("when", "once", "whenever")
# Determiners by which a noun points back to something named before ("*the* pause", "*this*
# idea"): its issue is its antecedent's.
_BACK_DETERMINERS = ("the", "this", "that", "these", "those", "such")
_WORD = re.compile(r"\w+")  # a candidate verb's word (see _verb_candidate)
_MAX_VERBS_TRIED = 2
_IT = re.compile(r"\bit\b", re.IGNORECASE)
# A sentence ending in a question mark (before closing quotes or brackets).
_QUESTION = re.compile(r"\?[\s\"'”’)\]]*$")


@dataclass
class Found:
    """A position with the data the contract has no field for yet (kept in scratch)."""

    position: Position
    date: str | None
    speaker: str | None
    issues: list[str]
    rule: str
    part_of: str | None = None
    # Kept with no issue when MiniLM finds none: the party is the subject of the clause's
    # own verb ("Armenia agreed", "rejected the Quad's roadmap"), not a speaker or event actor.
    untargeted: bool = False
    # Kept with no issue (``issue`` None) when a cue fired and MiniLM finds none: the party is
    # the clause's subject, stating its own stance ("Seoul could scale back its exercises if
    # ...", "the Houthis would release all UN staff only if ..."); a value known with its
    # matter unnamed is worth more than no position. A speaker's or event actor's party is not.
    subject: bool = False

    def meta(self) -> dict[str, Any]:
        return {"date": self.date, "speaker": self.speaker, "issues": self.issues,
                "rule": self.rule, "part_of": self.part_of}


class _Index:
    """Token lookup by character offset for one parsed document."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        # One array call: iterating Token objects for their offsets costs more than parsing.
        self.starts = doc.to_array([IDX]).tolist() if len(doc) else []
        # Coordinated verbs (possible clause cuts), found from arrays for the same reason.
        self.conj_verbs: list[int] = []
        self.relatives: list[int] = []  # relative clauses' verbs (see _background)
        if len(doc):
            strings = doc.vocab.strings
            rows = doc.to_array([DEP, POS])
            verbs = np.array([strings["VERB"], strings["AUX"]], dtype=rows.dtype)
            self.conj_verbs = np.flatnonzero((rows[:, 0] == strings["conj"])
                                             & np.isin(rows[:, 1], verbs)).tolist()
            self.relatives = np.flatnonzero(rows[:, 0] == strings["relcl"]).tolist()

    def token(self, offset: int) -> Any:
        i = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        return self.doc[i]

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Indices [a, b) of the tokens starting in characters [start, end)."""
        return bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)

    def conj_verbs_in(self, start: int, end: int) -> list[Any]:
        """Tokens parsed as coordinated verbs (conj, VERB/AUX) among tokens [start, end)."""
        lo = bisect.bisect_left(self.conj_verbs, start)
        hi = bisect.bisect_left(self.conj_verbs, end)
        return [self.doc[i] for i in self.conj_verbs[lo:hi]]


def _mention_with_head(mentions: list[Mention], tok: Any) -> Mention | None:
    return next((m for m in mentions if m.head == tok.i), None)


def _subject_party(item: WorkItem, kb: NegotiationKB, tok: Any, mentions: list[Mention],
                   value: str, cue_at: int, addressee: bool = False
                   ) -> tuple[list[Actor], Mention | None]:
    """Climb from the cue token to the first clause whose subject is an actor.

    A clause the cue introduces ("demanded *that* Ukraine withdraw", "only *if* Ukraine
    withdraws") is what is demanded, so its subject is skipped. Returns (actors, None): several
    for a coordinated subject ("Russian and Ukrainian negotiators agreed"); or ([], mention)
    when a proposal is the subject of a content verb (the proposal states the content); or
    ([], None). With ``addressee`` the subject of the cue's own verb ("*Ukraine* must
    withdraw") is skipped: the demand is put on it by whoever says so."""
    seen = 0
    t = tok
    pronoun = None  # an "it" subject the actors stage left unresolved
    # The cue's own verb: the matched token, or its head when the match starts on an auxiliary.
    own = tok.head if tok.dep_ in ("aux", "auxpass") else tok
    while seen < 8:
        seen += 1
        # ... and so is a condition the cue lies in ("would table a resolution unless Iran
        # *provided* an account": Iran is not who said so).
        introduced = any((c.dep_ == "mark" and (c.idx >= cue_at
                                              or c.lower_ in kb.words.condition_subordinators))
                         # "only *when* the army had disarmed": "when" parsed as an adverb
                         or (c.dep_ == "advmod" and c.idx >= cue_at and c.lower_ in _WHEN)
                         for c in t.children) or (addressee and t in (tok, own)) \
            or (t is not own and t.dep_ == "acl")  # a noun's modifier: "a dialogue *convened
        # by the African Union* only if ...": its agent is no one's stance
        # A dateline can leave the verb parsed as a reduced relative of the speaker's noun
        # ("BRUSSELS — Serbia's president, Aleksandar Vucic, *proposed* ..."): that noun is
        # the subject.
        reduced = [t.head] if t is own and t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN") \
            and t.head.dep_ not in _OBJECTS and not any(c.dep_ == "agent" for c in t.children) \
            else []  # (not "could live with *a U.S. operator provided* that ...")
        for child in [*t.children, *reduced] if not introduced else ():
            if child.dep_ not in _SUBJECTS and child not in reduced:
                continue
            if is_dateline_subject(child):
                # "NAIROBI — The United Nations on Tuesday proposed": the parser makes both
                # subjects; the place is where the story was filed, and the party is the
                # other subject or one coordinated with the place ("DOHA — Congo and ...")
                dash = next((w.i for w in child.subtree if w.text in DATELINE_DASHES), -1)
                # ("HASAKAH, Syria — The SDF said": the country of the dateline is no party)
                for ap in (a for a in _apposed(child) if a.i > dash):
                    party = actor_at(item, ap.idx, ap.idx + len(ap))
                    if party is not None and party.kind != "anonymous":
                        return [party, *_conjoined(item, kb, ap, party)], None
                continue
            head = child
            if child.dep_ == "agent":
                head = next((c for c in child.children if c.dep_ == "pobj"), None)
                if head is None:
                    continue
            mention = _mention_with_head(mentions, head)
            if mention is not None and mention.key and t.lemma_.lower() in kb.rules.part_verbs \
                    and value in ("proposes", "red_line", "conditional"):
                return [], mention
            if mention is not None:
                continue  # "the US plan could be a basis": look for who said so
            actor = actor_at(item, head.idx, head.idx + len(head))
            if actor is None and head.lower_ == "it" and pronoun is None:
                pronoun = head
            # A subject that reports a clause says something: it is no topic ("The UN
            # *Verification* Mission said it was ready ..." names a body, not monitoring).
            speaks = _reports(t)
            if actor is not None and head.pos_ == "NOUN" and not speaks and not any(
                    c.dep_ == "poss" for c in head.children) and keyword_issues(
                    kb, item.document.text[head.left_edge.idx:head.idx + len(head)]):
                # troops named as the matter ("*Any Western troops* in Ukraine will be
                # legitimate targets"): the topic, not who takes the stance
                continue
            if actor is None and value in _VERDICTS \
                    and head.lemma_.lower() in kb.words.reply_nouns:
                continue  # a verdict on someone's offer ("the Houthis' pledge was worthless"):
                # whoever says so judges it, not the side that made it
            if actor is None and head.pos_ != "PRON":
                # The phrase up to its head: "some aspects of the U.S. proposal" is not the U.S.
                start, end = head.left_edge.idx, head.idx + len(head)
                # ... unless a name in apposition says who the head is: "Colombia's largest
                # drug-trafficking army, *the Clan del Golfo*, agreed" is the group, not Colombia
                named = next((a for a in (actor_at(item, ap.idx, ap.idx + len(ap))
                                          for ap in _apposed(head)) if a is not None
                              and a.kind in ("group", "organization")), None)
                actor = named or actor_at(item, start, end)
                # The topic, not who holds it: "*NATO membership* remained its goal" (an owner
                # still holds it: "*the group's* weapons were a red line"). Only worth asking
                # when the phrase or a phrase beside it names an actor.
                if (actor is not None or _apposed(head)) and not speaks \
                        and not any(c.dep_ == "poss" for c in head.children) \
                        and keyword_issues(kb, item.document.text[start:end]):
                    continue
            if actor is None:
                # a subject naming no actor, the party in apposition or coordinated with it:
                # "the two neighbours, *Thailand and Cambodia*, agreed"
                for ap in _apposed(head):
                    actor = actor_at(item, ap.idx, ap.idx + len(ap))
                    if actor is not None and actor.kind != "anonymous":
                        head = ap
                        break
            if (actor is None or actor.kind == "anonymous") \
                    and head.lemma_.lower() in kb.words.member_nouns:
                actor = _member_body(item, kb, head) or actor
                if actor is None and pronoun is None:
                    # a body's office named by no owner ("The Prime Minister's Office
                    # rejected ...") stands, like "it", for the side the sentence before is
                    # about ("Israel was dismissive.")
                    pronoun = head
            if actor is not None and _named_in_quote(item, actor, head.idx):
                continue
            if actor is not None and actor.kind != "anonymous":
                return [actor, *_conjoined(item, kb, head, actor)], None
        if t.head.i == t.i:  # a new Token object on each access: compare indices
            break
        t = t.head
    actor = _colon_lead(item, kb, tok) or (
        _it_antecedent(item, kb, pronoun) if pronoun is not None else None)
    return ([actor], None) if actor is not None else ([], None)


def _conditioned_subject(item: WorkItem, sent: Any, marker: Any) -> list[Actor]:
    """Who sets a condition the parser cut loose from what it conditions: in "Erhürman said he
    was ready to resume talks, *provided* the Greek Cypriot side accepted", the parse can hang
    the sentence from "provided"; the party is the subject of the last clause before the
    marker ("he"), not a dateline."""
    for t in reversed(list(sent)[:marker.i - sent.start]):
        if t.dep_ not in ("nsubj", "nsubjpass") or is_dateline_subject(t):
            continue
        actor = actor_at(item, t.idx, t.idx + len(t))
        if actor is not None and actor.kind != "anonymous":
            return [actor]
    return []


def _colon_lead(item: WorkItem, kb: NegotiationKB, tok: Any) -> Actor | None:
    """Whose stance a clause after a colon states, named in the lead-in before it ("*The
    government's answer* came from the peace commissioner: the talks would stay frozen as long
    as ..."): the lead-in's subject, or the one it came from. The parser often hangs the lead-in
    off the stance clause, so the climb from the cue never meets it."""
    sent = tok.sent
    colon = next((t for t in reversed(sent[:tok.i - sent.start]) if t.text == ":"), None)
    if colon is None:
        return None
    lead = [t for t in sent[:colon.i - sent.start] if t.head.i < colon.i]
    for t in lead:
        if t.dep_ in ("nsubj", "nsubjpass") or (t.dep_ == "pobj" and t.head.lower_ == "from"):
            actor = actor_at(item, t.left_edge.idx, t.idx + len(t)) or _member_body(item, kb, t)
            if actor is not None and actor.kind != "anonymous":
                return actor
    return None


def _named_in_quote(item: WorkItem, actor: Actor, at: int) -> bool:
    """A name of no known side inside a direct quote whose speaker has one ("*Mohamed Dahir*
    will never be handed over," the group said): what the quote talks about, not who takes
    the stance; the climb goes on to the speaker."""
    if actor.kind != "person" or actor.kb_id or actor.code or actor.role:
        return False
    quote = _quote_at(item, at)
    speaker = _speaker(item, quote) if quote is not None and quote.kind == "direct" else None
    return speaker is not None and speaker.id != actor.id and bool(speaker.code)


def _member_body(item: WorkItem, kb: NegotiationKB, head: Any) -> Actor | None:
    """The body a member noun (``member_nouns``) belongs to, named after "of" or "for" ("a
    faction *of the Estado Mayor Central*", "the head *of the IAEA*, Rafael Grossi") or set
    beside that name; None for other nouns."""
    if head.lemma_.lower() not in kb.words.member_nouns:
        return None
    # ... or what it represents: "The eastern delegation, *representing* Haftar's army"
    objects = [o for c in head.children if c.dep_ == "acl" and c.lemma_.lower() == "represent"
               for o in c.children if o.dep_ == "dobj"]
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "for")):
        objects += [c for c in prep.children if c.dep_ == "pobj"]
    for obj in objects:
        for t in (obj, *_apposed(obj)):
            # the phrase up to its head, else with what follows it ("the High Council *of
            # State*": a name running past its head word)
            actor = actor_at(item, t.left_edge.idx, t.idx + len(t)) or actor_at(
                item, t.left_edge.idx, t.right_edge.idx + len(t.right_edge))
            if actor is not None and actor.kind != "anonymous":
                return actor
    return None


def _apposed(head: Any) -> list[Any]:
    """Phrases beside a subject that may name its actor: an apposition, or a conjunct of a
    capitalised head (a dateline: "KUALA LUMPUR — *Thailand and Cambodia* agreed")."""
    return [c for c in head.children if c.dep_ == "appos"
            or (c.dep_ == "conj" and head.is_upper and c.i > head.i)]


_VIEW = re.compile(r"\W*(?:[Bb]ut |[Yy]et |[Aa]nd )?(?:[Ii]n|[Bb]y) (\S+?)(?:'s|’s) "
                   r"(?:own )?(?:view|opinion|assessment|reading|account|words)\b")


def _view_holder(item: WorkItem, sent: Any) -> Actor | None:
    """The side a sentence opens by giving the view of ("*In Kyiv's view*, it will only work
    if ...", "By Moscow's account, ..."): who takes the stance when no subject names one."""
    text = item.document.text
    m = _VIEW.match(text, sent.start_char, sent.end_char)
    if m is None:
        return None
    actor = actor_at(item, m.start(1), m.end(1))
    return actor if actor is not None and actor.kind != "anonymous" else None


_SPEAKING_FOR = re.compile(r",\s*(?:speaking|acting|who spoke)\s+(?:for|on behalf of)\s+")


def _spoken_for(item: WorkItem, start: int, cue_at: int, actors: list[Actor]) -> list[Actor]:
    """The side a speaker speaks for, said in an aside before the stance ("Malaysia's foreign
    minister, *speaking for the bloc*, said ..."): that side, not the speaker's own."""
    if len(actors) != 1:
        return actors
    m = _SPEAKING_FOR.search(item.document.text, start, cue_at)
    if m is None:
        return actors
    end = item.document.text.find(",", m.end(), cue_at)
    side = actors_in(item, m.end(), end if end != -1 else cue_at)
    return side[:1] if side and side[0].kind != "anonymous" else actors


def _it_antecedent(item: WorkItem, kb: NegotiationKB, pronoun: Any, reach: int = 3
                   ) -> Actor | None:
    """The state, organisation or group an unresolved "it" subject stands for: the subject of
    the main verb of the nearest sentence before that has one ("Pakistan's foreign office
    proposed a meeting ... *It* also welcomed the award"; "The ELN offered a truce. *It* denied
    ..."). A person's office or delegation stands for the person ("Pashinyan's office denied
    ... *It* called ..."). None when that subject is a person or no actor (no guess past it)."""
    doc = pronoun.doc
    sent = pronoun.sent
    for _ in range(reach):
        if sent.start == 0:
            return None
        sent = doc[sent.start - 1].sent
        root = sent.root
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and root.pos_ in ("NOUN", "PROPN") and any(
                c.dep_ == "acl" and c.pos_ == "VERB" for c in root.children):
            # the main verb parsed as a reduced relative of its subject ("the group, which
            # calls itself ..., *called* for guarantees"): the noun is the subject
            subject = root
        if subject is None:
            continue
        if subject.lower_ == "it":
            continue  # a chain of "it": look further back
        member = subject.pos_ == "NOUN" and subject.lemma_.lower() in kb.words.member_nouns
        actor = actor_at(item, subject.left_edge.idx, subject.idx + len(subject)) or (
            _member_body(item, kb, subject) if member else None)
        if actor is None or (actor.kind not in ("state", "organization", "group")
                             and not (member and actor.kind == "person")):
            return None
        return actor
    return None


def _stance_of_own(item: WorkItem, kb: NegotiationKB, tok: Any, value: str) -> bool:
    """Whether a clause states its subject's own stance, enough for a position with no target:
    an active verb not prescribed by someone ("Kyiv *should* reject"), and a value that means
    something without a target (a proposal or a condition says nothing without its content)."""
    deps = {c.dep_ for c in _own_verb(tok).children}
    return value in _UNTARGETED_VALUES and "auxpass" not in deps \
        and not _prescribed(kb, tok) and not _describes_party(item, tok)


def _own_verb(tok: Any) -> Any:
    """The verb a cue word belongs to (its head when the cue starts on an auxiliary, a negation
    or an adverb)."""
    return tok.head if tok.dep_ in ("aux", "auxpass", "neg", "advmod") else tok


def _describes_party(item: WorkItem, tok: Any) -> bool:
    """A copula describing the party itself ("Yermak was never just a chief of staff",
    "Armenia and Azerbaijan have never been closer to a deal") states no stance without a
    target; "Guyana said the Essequibo was not up for discussion" does."""
    verb = _own_verb(tok)
    return tok.dep_ in ("neg", "advmod") and verb.lemma_ == "be" and any(
        c.dep_ == "nsubj" and any(actor_at(item, s.idx, s.idx + len(s)) is not None
                                  for s in (c, *(a for a in c.children if a.dep_ == "appos")))
        for c in verb.children)


def _prescribed(kb: NegotiationKB, tok: Any) -> bool:
    """Whether the cue's verb is prescribed by someone ("Kyiv *should* reject any deal")."""
    return any(c.dep_ == "aux" and c.lower_ in kb.words.prescriptive_auxiliaries
               for c in _own_verb(tok).children)


def _outsider_subject(item: WorkItem, verb: Any) -> bool:
    """Whether a verb's subject is a bare common noun naming no actor ("*Human rights groups*
    dismissed the vote", "*Critics* called it a sham", "*Analysts* doubted ..."): people outside
    the talks, so the position is neither a speaker's nor an event actor's. A definite phrase
    may point back to a party ("*the group* denied reports"), and is left to the fallbacks."""
    for c in verb.children:
        if c.dep_ not in ("nsubj", "nsubjpass") or c.pos_ != "NOUN":
            continue
        if any(d.dep_ in ("det", "poss") for d in c.children):
            return False
        return actor_at(item, c.left_edge.idx, c.idx + len(c)) is None
    return False


def _observers_view(kb: NegotiationKB, verb: Any) -> bool:
    """Whether the clause is embedded under a verb whose subject is an observer of the talks
    ("Some Western *analysts* see the demand as a bargaining chip that Moscow could drop in
    return for ..."): their reading, no side's stance (``outsider_speakers`` words)."""
    words = kb.words.outsider_speakers
    if words is None:
        return False
    for anc in list(verb.ancestors)[:4]:
        for c in anc.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN" and words.search(
                    " ".join(t.text for t in c.subtree)):
                return True
    return False


def _observer(item: WorkItem, kb: NegotiationKB, actor: Actor) -> bool:
    """Whether a person is introduced, in any quote of theirs, as an observer of the talks
    ("an analyst at a think tank", "Retired General", "Professor": ``outsider_speakers``)."""
    words = kb.words.outsider_speakers
    return words is not None and actor.kind == "person" and any(
        q.speaker.actor == actor.id and q.speaker.text and words.search(q.speaker.text)
        for q in item.quotes)


def _offer_condition(kb: NegotiationKB, clause: str, after: int) -> bool:
    """Whether an offer's clause sets a condition after the cue, outside the content of the
    proposal it names ("a plan for a truce *under which* Russia would free prisoners if
    Ukraine did the same": the condition is the plan's)."""
    markers = kb.words.offer_conditions
    condition = markers.search(clause, after) if markers is not None else None
    while condition is not None and clause[:condition.start()].lower().endswith("at "):
        condition = markers.search(clause, condition.end())  # "agreed *at once*": no condition
    if condition is None:
        return False
    content = kb.words.proposal_content_markers
    inside = content.search(clause, after) if content is not None else None
    return inside is None or inside.start() > condition.start()


def _forecast(kb: NegotiationKB, verb: Any) -> bool:
    """Whether the verb is what someone expects a party to do: an infinitive under a forecast
    head, directly or through verbs it hands on to ("expect X to *keep pressing*"), or the
    forecast head itself in the passive ("*is expected to* circulate a revised text")."""
    if verb.lemma_.lower() in kb.words.forecast_heads and any(
            c.dep_ == "auxpass" for c in verb.children) and any(
            c.dep_ == "xcomp" for c in verb.children):
        return True
    for _ in range(3):
        infinitive = verb.dep_ == "xcomp" or (verb.dep_ == "ccomp" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))
        if not infinitive or verb.head.i == verb.i:
            return False
        if verb.head.lemma_.lower() in kb.words.forecast_heads:
            return True
        verb = verb.head
    return False


def _agentless_passive(item: WorkItem, tok: Any) -> bool:
    """A passive with no "by" agent: "a framework that *is presented* to Moscow", or the same
    as a participle set off after a noun naming no actor ("the offer, *presented* to envoys
    in Nairobi"; not "Serbia's president, Aleksandar Vucic, *proposed*", a dateline's verb
    the parser took for a participle)."""
    deps = {c.dep_ for c in tok.children}
    if "agent" in deps:
        return False
    head = tok.head
    participle = tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.i > 0 and \
        tok.doc[tok.i - 1].text == "," and head.pos_ in ("NOUN", "PROPN") and \
        actor_at(item, head.left_edge.idx, head.idx + len(head)) is None
    return "auxpass" in deps or participle


def _conjoined(item: WorkItem, kb: NegotiationKB, head: Any, actor: Actor) -> list[Actor]:
    """Other actors coordinated with a subject: "Russia and Ukraine agreed", "Russian and
    Ukrainian negotiators" (a demonym conjoined with the one the actors stage resolved)."""
    out: list[Actor] = []
    near = {head.i, *(c.i for c in head.children)}
    for t in head.subtree:
        # Both ends of a coordination: "Russian" in "Russian and Ukrainian negotiators".
        coordinated = (t.dep_ == "conj" and t.head.i in near) or \
            (t.i in near and any(c.dep_ == "conj" for c in t.children))
        if not coordinated:
            continue
        other = _actor_or_phrase(item, t)
        if other is None and t.lower_ in kb.rules.proposer_words:
            other = _side_actor(item, kb, kb.rules.proposer_words[t.lower_])
        if other is not None and other.kind != "anonymous" and other.id != actor.id \
                and other not in out:
            out.append(other)
    return out


def _actor_or_phrase(item: WorkItem, t: Any) -> Actor | None:
    """The actor at token ``t``, else at the phrase up to it: "the government and *the ELN
    guerrilla*" (the head word alone names no actor)."""
    return actor_at(item, t.idx, t.idx + len(t)) or (
        actor_at(item, t.left_edge.idx, t.idx + len(t)) if t.left_edge.i < t.i else None)


def _sides_named_together(item: WorkItem, kb: NegotiationKB, sentences: list[Any], si: int
                          ) -> list[Actor]:
    """The two parties named together nearest before (or in) sentence ``si``: "talks between
    *Iran and the United States*", "*Russian and Ukrainian* negotiators met". Empty when no
    sentence coordinates two parties."""
    def party(t: Any) -> Actor | None:
        actor = _actor_or_phrase(item, t)
        return actor if actor is not None and actor.kind in ("state", "organization", "group") \
            else None

    for sent in reversed(sentences[:si + 1]):
        for t in sent:
            if t.dep_ != "conj":
                continue
            first, second = party(t.head), party(t)
            if first is not None and second is not None and \
                    side_of(first, kb.rules.sides) != side_of(second, kb.rules.sides):
                return [first, second]
    return []


def _owners_of_noun(item: WorkItem, kb: NegotiationKB, sentences: list[Any], si: int,
                    lemma: str) -> list[Actor]:
    """The two sides whose own such noun was named before sentence ``si``, nearest first:
    "*Russia's delegation* handed ... *the Ukrainian delegation* said ... Both delegations
    welcomed the idea". Empty unless exactly two sides are found that way."""
    sides: list[Actor] = []
    for sent in reversed(sentences[:si]):
        for t in reversed(sent):
            if t.lemma_.lower() != lemma or t.tag_ != "NN":
                continue
            actor = _actor_or_phrase(item, t)
            if actor is not None and actor.kind in ("state", "organization", "group") \
                    and all(side_of(actor, kb.rules.sides) != side_of(a, kb.rules.sides)
                            for a in sides):
                sides.append(actor)
    return sides if len(sides) == 2 else []


def _sides_with_stances(item: WorkItem, kb: NegotiationKB, found: list[Found], before: int
                        ) -> list[Actor]:
    """The two sides that took stances earlier in the article, when exactly two did ("Iran
    offered ... The U.S. delegation presented ... The sides agreed to meet again"): the parties
    a bare "the sides" means. Empty with one side or more than two (no guess among them)."""
    sides: dict[str, Actor] = {}
    acts = {a.id: a for a in item.actors}
    for f in found:
        actor = acts.get(f.position.party)
        if actor is not None and f.position.evidence.start < before \
                and actor.kind in ("state", "organization", "group", "person"):
            sides.setdefault(side_of(actor, kb.rules.sides), actor)
    return list(sides.values()) if len(sides) == 2 else []


def _side_actor(item: WorkItem, kb: NegotiationKB, code: str) -> Actor | None:
    """The actor standing for a side code in this document: a state or organisation, else a
    group of that side ("European allies" for a European counterproposal)."""
    sides = [a for a in item.actors if a.kind != "anonymous"
             and (a.id == code or side_of(a, kb.rules.sides) == code)]
    return min(sides, key=lambda a: a.kind not in ("state", "organization"), default=None)


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


# A phrase stating what a proposal is for, right after its name ("a proposal *for a truce*",
# "an offer *to mediate*"), up to the next punctuation or contrast.
_CONTENT_AFTER = re.compile(r"\s+(for|to|on|of|under which)\b[^,;.:]*?(?=\s+but\b|[,;.:]|$)",
                            re.IGNORECASE)


def _whole_phrase(item: WorkItem, m: Mention) -> Mention:
    """The mention stretched to the end of its noun phrase ("the plan for a truce"), also
    when the parser hangs the phrase stating its content on the verb ("turned down a UN
    proposal *for a month-long truce*")."""
    edge = item.doc[m.head].right_edge
    end = max(m.end, edge.idx + len(edge))
    text = item.document.text
    after = _CONTENT_AFTER.match(text, m.end, min(len(text), m.end + 200))
    if after is not None and after.start() >= end - 1:
        end = max(end, after.end())
    return replace(m, end=end)


def _masked(text: str, base: int, mentions: list[Mention] | list[_Span]) -> str:
    """The clause with proposal names blanked, so "peace plan" does not tag an issue."""
    chars = list(text)
    for m in mentions:
        for i in range(max(m.start - base, 0), min(m.end - base, len(chars))):
            chars[i] = " "
    return "".join(chars)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def _background(index: _Index, start: int, end: int) -> list[_Span]:
    """Relative clauses set off by commas on a clause's subject: background about the party,
    not its position ("Algeria, *which backs the Polisario independence movement*, dismissed
    the resolution"; "Saudi Arabia, *which has held talks with the Houthis*, welcomed the
    pause"); and ", where ..." or ", when ..." clauses on any noun, which say where or when
    ("no ruling from The Hague, *where the court is weighing the case*"). Their words name no
    issue of the clause and give it no cue."""
    a, b = index.token_range(start, end)
    out = []
    for i in index.relatives[bisect.bisect_left(index.relatives, a):
                             bisect.bisect_left(index.relatives, b)]:
        tok = index.doc[i]
        left, right = tok.left_edge, tok.right_edge
        if tok.head.dep_ not in ("nsubj", "nsubjpass") and left.lower_ not in ("where", "when"):
            continue
        if left.i == 0 or index.doc[left.i - 1].text != ",":
            continue
        out.append(_Span(left.idx, right.idx + len(right)))
    return out


def _group_names(item: WorkItem, start: int, end: int) -> list[_Span]:
    """Names of armed and political groups in a clause: "the Kachin *Independence* Army", "the
    Libyan *National Army*" name a party, not independence or a new army."""
    return [_Span(m.start, m.end) for a in actors_in(item, start, end)
            if a.kind == "group" and not a.id.startswith("group:")
            for m in a.mentions if start <= m.start and m.end <= end
            and sum(w[:1].isupper() for w in m.text.split()) >= 2]  # a name, not "the group"


def _proposal_topic_first(kb: NegotiationKB, clause: str, at: int, issues: list[str]
                          ) -> list[str]:
    """Issues of a clause proposing a text, those named before its content clause (opened by
    one of ``kb.words.proposal_content_markers``) first."""
    if len(issues) < 2 or kb.words.proposal_content_markers is None:
        return issues
    marker = kb.words.proposal_content_markers.search(clause, at)
    if marker is None:
        return issues
    named = [i for i in keyword_issues(kb, clause[:marker.start()]) if i in issues]
    return named + [i for i in issues if i not in named]


def _issues_of_name(item: WorkItem, kb: NegotiationKB, keyed: list[Mention], key: str,
                    before: int) -> list[str]:
    """Issues named in a proposal's own name where the article names it ("its *autonomy*
    plan for Western Sahara", "a proposal for a *ceasefire*"): what a text proposed again or
    in a new version is about, when the clause proposing it names no issue."""
    base = key.removesuffix("-revised")
    text = item.document.text
    for m in keyed:
        if m.start >= before or (m.key or "").removesuffix("-revised") != base:
            continue
        issues = keyword_issues(kb, text[m.start:_whole_phrase(item, m).end])
        if issues:
            return issues
    return []


def _other_text(kb: NegotiationKB, tok: Any, mentions: list[Mention]) -> bool:
    """Whether the cue's verb has as its object a text or act of another kind than a
    proposal (``kb.words.other_text_nouns``: "dismissed *the resolution*", "hailed *the vote*"), not
    itself a proposal mention."""
    verb = tok.head if tok.dep_ in ("aux", "neg") else tok
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return obj is not None and obj.lemma_.lower() in kb.words.other_text_nouns and \
        not any(m.start <= obj.idx < m.end for m in mentions)


def _setting_is_object(kb: NegotiationKB, index: _Index, clause: str, base: int,
                       verb: Any) -> bool:
    """Whether the talking words are what a verdict is about ("backed a Myanmar-led *peace
    process*", "welcomed the *dialogue*"), not its setting ("criticised the draft after a day
    of talks"): a hit of the setting issue heads the verb's direct object."""
    pattern = kb.issue_by_key[_SETTING_ISSUE].pattern
    if pattern is None:
        return False
    for m in pattern.finditer(clause):
        head = _hit_head(index, base + m.start(), base + m.end())
        if head is not None and head.dep_ == "dobj" and head.head.i == verb.i:
            return True
    return False


def _hit_head(index: _Index, start: int, end: int) -> Any | None:
    """The head of a keyword hit in characters [start, end): the token whose own head lies
    outside the hit; None when no token starts inside it."""
    a, b = index.token_range(start, end)
    return next((t for t in (index.doc[i] for i in range(a, b))
                 if not a <= t.head.i < b or t.head.i == t.i), None)


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


_FINITE = {"VBD", "VBZ", "VBP"}


def _clause_cuts(kb: NegotiationKB, sent: Any, index: _Index) -> list[int]:
    """Offsets before coordinated verbs with their own subject ("..., and Peskov said ..."),
    or finite ones sharing a finite verb's subject ("Oman welcomed the statement *and
    proposed* a meeting"): each such conjunct is a clause with its own position. Infinitives
    stay with the verb they depend on ("agreed to halt attacks and withdraw"), and so does a
    second verb of reporting ("said Kyiv was not negotiating a capitulation *and warned*
    that ..."): what was said is one statement, unless the second verb puts something forward
    ("said France was ready to deploy troops once ... *and proposed* that ...": a proposal of
    its own). (An -ing clause after a comma stays: it mostly says why, "greeted the plan,
    *calling* it a balanced framework".)"""
    cuts = [_with_contrast(t.left_edge) for t in index.conj_verbs_in(sent.start, sent.end)
            if t.left_edge.i > sent.start
            and (any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
                 or (_finite(t) and _finite(t.head)
                     and not (_reports(t.head) and _reports(t)
                              and t.lemma_.lower() not in kb.words.proposing_verbs)))]
    # A verdict in apposition (", an idea Israel has rejected") is a clause of its own.
    for i in index.relatives[bisect.bisect_left(index.relatives, sent.start):
                             bisect.bisect_left(index.relatives, sent.end)]:
        verb = index.doc[i]
        if _apposed_verdict(verb):
            cuts.append(verb.head.left_edge.idx)
    return cuts


def _with_contrast(first: Any) -> int:
    """Where a coordinated clause starting at token ``first`` begins: before the "but" or
    "yet" joining it ("welcomed the plan *but wanted* the deadline extended"), which tells what
    the clause is to the one before."""
    before = first.doc[first.i - 1] if first.i > 0 else None
    if before is not None and before.dep_ == "cc" and before.lower_ in ("but", "yet"):
        return int(before.idx)
    return int(first.idx)


def _finite(verb: Any) -> bool:
    """A finite verb, or a verb group made finite by its auxiliary ("*had proposed* a meeting
    ... and warned", "it *would hold* the vote ... and dismissed"); not an infinitive ("agreed
    to halt attacks and withdraw": "to" is no finite auxiliary)."""
    return verb.tag_ in _FINITE or any(c.dep_ in ("aux", "auxpass") and c.tag_ != "TO"
                                       for c in verb.children)


def _reports(verb: Any) -> bool:
    """Whether a verb reports a clause ("said *that* ...", "warned *any deal* would fail")."""
    return any(c.dep_ == "ccomp" for c in verb.children)


def _clauses(kb: NegotiationKB, sent: Any, text: str, index: _Index) -> list[tuple[int, int]]:
    """Clause offsets of ``sent``, whose text is ``text``."""
    start = sent.start_char
    cuts = {0, len(text), *(m.start() for m in kb.clause_break.finditer(text) if m.start() > 0),
            *(c - start for c in _clause_cuts(kb, sent, index))}
    return [(start + a, start + b) for a, b in pairwise(sorted(cuts)) if b > a]


@dataclass(frozen=True)
class _Hit:
    """A cue match found in a clause with its quotation marks left out, with the offsets of
    the clause as written (the parts of a regex match the stage reads)."""

    re: re.Pattern[str]
    first: int
    last: int

    def start(self) -> int:
        return self.first

    def end(self) -> int:
        return self.last


# Double quotation marks, which reporters put around a party's own words inside a clause
# ("said the paper was "a serious basis"", "was "not opposed" to talks"); single ones are left
# alone: they double as apostrophes.
_QUOTE_MARKS = re.compile("[\"\u201c\u201d\u201e\u00ab\u00bb]")


# An adverb between a readiness word and its "to" ("Kyiv was ready *instead* to discuss"):
# cues are read without it.
_ASIDE = re.compile(r"\b(?:ready|willing|prepared|open)( (?:instead|also|still|now|again|"
                    r"therefore|however),?)(?= to\b)", re.IGNORECASE)


def _unquoted(text: str) -> tuple[str, list[int]]:
    """``text`` without quotation marks and asides after a readiness word (``_ASIDE``), and
    the offset in ``text`` of each offset in it."""
    dropped = {i for m in _ASIDE.finditer(text) for i in range(m.start(1), m.end(1))}
    keep = [i for i, ch in enumerate(text) if not _QUOTE_MARKS.match(ch) and i not in dropped]
    return "".join(text[i] for i in keep), [*keep, len(text)]


def _cue_matches(kb: NegotiationKB, text: str, base: int, index: _Index,
                 where: list[int] | None = None
                 ) -> Iterator[tuple[Cue, re.Match[str] | _Hit]]:
    """Cues matching a clause, in cue order (each cue once, with its first match). ``where``:
    for a clause with its quotation marks left out, the offset in the clause as written of each
    of its offsets."""
    # Only patterns whose literal words the clause holds can match (most clauses hold few).
    live: dict[int, list[int]] = {}
    for ci, pi in kb.live_cue_patterns(text.lower()):
        live.setdefault(ci, []).append(pi)
    for ci, patterns in live.items():
        cue = kb.cues[ci]
        hit = _cue_match(cue, text, patterns, base, index, kb.rules.heads, where)
        if hit is not None:
            yield cue, hit


def _cue_match(cue: Cue, text: str, patterns: list[int], base: int, index: _Index,
               heads: Any = (), where: list[int] | None = None) -> re.Match[str] | _Hit | None:
    for pi in patterns:
        for m in cue.patterns[pi].finditer(text):
            at = base + (where[m.start()] if where else m.start())
            if heads and _proposal_content(index.token(at), heads):
                continue  # what a proposal says ("a plan under which Hamas would ...")
            if cue.verb or cue.main_verb:
                tok = index.token(at)
                if tok.pos_ not in ("VERB", "AUX"):
                    continue  # "sat at the same table", "the offer": not a proposing verb
                if cue.main_verb and _relative(tok):
                    continue
            return m if where is None else _Hit(m.re, where[m.start()], where[m.end()])
    return None


def _cue(kb: NegotiationKB, text: str, base: int, index: _Index
         ) -> tuple[Cue, re.Match[str] | _Hit] | None:
    """The first cue matching a clause. A clause with quotation marks is read without them
    first ("was "not opposed" to" is a negated objection, not "opposed"; "called the paper
    "a serious basis""), then as written (a cue may quote a word: "called it "positive""); so
    is a clause with an aside after a readiness word ("ready *instead* to discuss")."""
    if _QUOTE_MARKS.search(text) or _ASIDE.search(text):
        plain, where = _unquoted(text)
        hit = next(_cue_matches(kb, plain, base, index, where), None)
        if hit is not None:
            return hit
    return next(_cue_matches(kb, text, base, index), None)


def cue_values(kb: NegotiationKB, text: str, base: int, index: _Index) -> set[str]:
    """Values of all cues matching a clause (classifier features)."""
    return {cue.value for cue, _ in _cue_matches(kb, text, base, index)}


def _proposal_content(tok: Any, heads: Any) -> bool:
    """Whether ``tok`` lies in a relative clause stating a proposal's content: "a proposal
    *under which Hamas would free ten hostages*", "a plan *that would freeze the front line*".
    A relative clause whose pronoun is the object ("the plan, *which Russia rejected*") is a
    party's verdict and stays."""
    for verb in (tok, *tok.ancestors):
        if verb.dep_ not in ("relcl", "acl"):
            continue
        # the noun the clause hangs on, or the proposal whose phrase holds it ("a proposal
        # for a truce *under which* ...")
        noun = verb.head
        while noun.lemma_.lower() not in heads and noun.dep_ in ("pobj", "prep", "compound",
                                                                  "appos", "nmod") \
                and noun.head is not noun:
            noun = noun.head
        if noun.lemma_.lower() not in heads:
            return False
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in ("which", "that"):
                return True
            if child.dep_ == "prep" and any(g.lower_ == "which" for g in child.children):
                return True
        return False
    return False


def _relative(tok: Any) -> bool:
    """Whether a verb heads (or is coordinated into) a relative or adjectival clause, other
    than a verdict set in apposition (see :func:`_apposed_verdict`)."""
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok.dep_ in ("relcl", "acl") and not _apposed_verdict(tok)


# Words opening a relative clause as its subject: the clause then describes its noun's
# referent ("Algeria, which backs ..."), it is no other party's verdict on it.
_RELATIVE_WORDS = frozenset({"which", "that", "who", "whom", "whose", "what"})


def _apposed_verdict(verb: Any) -> bool:
    """A relative clause with a subject of its own on a noun set in apposition after a comma:
    another party's verdict on what the sentence reports ("Turkey proposed a buffer zone, *an
    idea Israel has rejected*"; "..., a formula the Greek Cypriots reject")."""
    noun = verb.head
    return verb.dep_ == "relcl" and noun.dep_ == "appos" and noun.left_edge.i > 0 \
        and noun.doc[noun.left_edge.i - 1].text == "," and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in _RELATIVE_WORDS
            for c in verb.children)


def _issues_before(kb: NegotiationKB, text: str, sentences: list[Any], si: int,
                   keyed: list[Mention], reach: int = _ANAPHORA_REACH, acts: bool = True
                   ) -> list[str]:
    """Issues of the nearest of the ``reach`` sentences before that names one ("The U.S.
    imposed sanctions ... Such steps are counterproductive"). With ``acts`` a sentence naming
    only the talking words ("chose pressure over *dialogue*") is passed over for an older one
    naming a matter: "such steps" are acts, and talks are their setting."""
    talk: list[str] = []
    for prev in reversed(sentences[max(si - reach, 0):si]):
        issues = keyword_issues(kb, _masked(text[prev.start_char:prev.end_char],
                                            prev.start_char, keyed))
        if issues and (issues != [_SETTING_ISSUE] or not acts):
            return issues
        talk = talk or issues
    return talk


def _context_issues(kb: NegotiationKB, text: str, sentences: list[Any], si: int,
                    keyed: list[Mention], masks: list[Any]) -> list[str]:
    """The issues a clause naming none is taken to be about: those the rest of its sentence
    names ("Kyiv has long pressed for an all-for-all exchange, and ... was ready to hand over
    every soldier *provided Moscow did likewise*"), else those of the nearest sentence before
    that names one ("... dismissed the offer"). Readers give a position with no proposal an
    issue almost always (96% of fresh dev gold), the topic under discussion."""
    sent = sentences[si]
    return keyword_issues(kb, _masked(text[sent.start_char:sent.end_char], sent.start_char,
                                      masks)) \
        or _issues_before(kb, text, sentences, si, keyed, reach=si, acts=False)


# A noun made from a verb ("extension", "withdrawal", "deployment", "postponement") and how many
# first letters it shares with the verb ("exten"/"extend").
_NOMINAL = re.compile(r"(tion|sion|ment|al|ance|ence)$")
_STEM = 5


def _antecedent_issues(kb: NegotiationKB, index: _Index, text: str, sentences: list[Any],
                       si: int, cs: int, ce: int, keyed: list[Mention]) -> list[str]:
    """Issues of what a definite noun of the clause points back to: "Cairo supported *the
    pause*" is about the "three-month humanitarian pause" named before, whatever the sentence
    just before was about. The antecedent is the nearest earlier word of the same lemma (a
    noun or a verb: "the offer" after "offered to host talks"); its phrase's issues come
    first, else its sentence's."""
    a, b = index.token_range(cs, ce)
    nouns = [t for t in index.doc[a:b] if t.pos_ == "NOUN" and any(
        d.dep_ == "det" and d.lower_ in _BACK_DETERMINERS for d in t.children)]
    if not nouns:
        return []
    lemmas = {t.lemma_.lower() for t in nouns}
    # "the proposal" after "Ethiopia proposed ...": a verb of putting forward, whatever its word
    verbs = kb.words.proposing_verbs if lemmas & kb.words.reply_nouns else frozenset()
    # "rejected the extension" after "proposed extending the transitional period": the verb a
    # noun is made from (same first letters, the noun with a nominal ending)
    stems = {m[:_STEM] for m in lemmas if len(m) > _STEM + 1 and _NOMINAL.search(m)}
    for prev in reversed(sentences[:si]):
        for t in reversed(prev):
            lemma = t.lemma_.lower()
            if not ((lemma in lemmas and t.pos_ in ("NOUN", "VERB"))
                    or (lemma in verbs and t.pos_ == "VERB")
                    or (t.pos_ == "VERB" and lemma[:_STEM] in stems)):
                continue
            lo, hi = (t.left_edge.idx, t.right_edge.idx + len(t.right_edge)) \
                if t.pos_ == "NOUN" else (t.idx, prev.end_char)
            issues = keyword_issues(kb, _masked(text[lo:hi], lo, keyed)) or keyword_issues(
                kb, _masked(text[prev.start_char:prev.end_char], prev.start_char, keyed))
            if issues:
                return issues
    return []


def _conditioned_first(kb: NegotiationKB, clause: str, cue_start: int, issues: list[str]
                       ) -> list[str]:
    """Issues of a conditional clause, those named before its condition first: "would stay in
    place *until* a ceasefire" is about what stays, not about the ceasefire."""
    marker = kb.condition_marker.search(clause, cue_start) if kb.condition_marker else None
    if marker is None:
        return issues
    named = keyword_issues(kb, clause[:marker.start()])
    # in the order given (see _governing_first), then any the whole-clause list left out
    head = [i for i in issues if i in named] + [i for i in named if i not in issues]
    return head + [i for i in issues if i not in head]


def _conditioned_before(kb: NegotiationKB, clause: str, before: str, issues: list[str]
                        ) -> list[str]:
    """Issues of a clause that opens with its condition marker (a few words at most before
    it: "but only if ..."), those the sentence names before the clause first."""
    marker = kb.condition_marker.search(clause) if kb.condition_marker else None
    if marker is None or len(clause[:marker.start()].split()) > _CONDITION_OPENING:
        return issues
    named = keyword_issues(kb, before)
    return named + [i for i in issues if i not in named]


def _governing_first(kb: NegotiationKB, index: _Index, clause: str, base: int,
                     issues: list[str]) -> list[str]:
    """Issues ordered so that one named inside another's noun phrase comes after it: in
    "the withdrawal of troops from the Donetsk region" the withdrawal is the matter and the
    region its modifier; in "a monitored ceasefire" the ceasefire. Only nouns govern, and never
    the talking words ("must
    withdraw from the Donbas" keeps the territory first), and only clauses naming two or more
    issues are parsed, so this costs nothing on most clauses."""
    if len(issues) < 2:
        return issues
    by_key = kb.issue_by_key
    heads: dict[str, list[Any]] = {}
    for key in issues:
        pattern = by_key[key].pattern
        if pattern is None:
            return issues
        toks = []
        for m in pattern.finditer(clause):
            # the head of a multi-word hit, or the token the hit starts inside
            toks.append(_hit_head(index, base + m.start(), base + m.end())
                        or index.token(base + m.start()))
        heads[key] = toks

    def dominated(key: str) -> bool:
        # the talks are a setting, never the matter: "talks on prisoners" are about prisoners
        governors = [t for other in issues if other not in (key, _SETTING_ISSUE)
                     for t in heads[other] if t.pos_ in ("NOUN", "PROPN")]
        return bool(heads[key]) and bool(governors) and all(
            any(_governs(g, t) for g in governors) for t in heads[key])

    low = [k for k in issues if dominated(k)]
    return [k for k in issues if k not in low] + low if low and len(low) < len(issues) \
        else issues


def _object_first(kb: NegotiationKB, index: _Index, clause: str, base: int,
                  match: re.Match[str] | _Hit, issues: list[str]) -> list[str]:
    """Issues ordered so that the one heading the object of the cue's own verb comes first:
    "agreed to extend *their ceasefire* ... and to let observers patrol" is about the
    ceasefire, the monitoring its addition. Talking words heading the object are its matter
    too ("would not enter *talks* on any claim": the format; guideline item 4). Only clauses
    naming two or more issues, and only a verb inside the cue ("agreed to extend",
    "welcomed") or the verb it hands on to ("offered to host"), are looked at."""
    if len(issues) < 2:
        return issues
    a, b = index.token_range(base + match.start(), base + match.end())
    verbs = [index.doc[i] for i in range(a, b) if index.doc[i].pos_ == "VERB"] or \
        [t for t in (index.doc[i] for i in range(a, b))  # "open to talks"
         if t.pos_ == "ADJ" and any(c.dep_ == "prep" for c in t.children)]
    obj, innermost = _cue_object(verbs)
    if obj is None:
        # no object, but the act handed on to is talking itself ("was ready to *negotiate*
        # with Israel through a delegation"): the format
        if innermost is None or _SETTING_ISSUE not in issues or any(
                c.dep_ == "prep" and c.lower_ in ("on", "over", "about")
                for c in innermost.subtree):
            return issues  # ("negotiate *over prisoners*": what the talks are about)
        pattern = kb.issue_by_key[_SETTING_ISSUE].pattern
        if pattern is not None and any(base + m.start() <= innermost.idx < base + m.end()
                                       for m in pattern.finditer(clause)):
            return [_SETTING_ISSUE, *(k for k in issues if k != _SETTING_ISSUE)]
        return issues
    if obj.lemma_.lower() in kb.words.reply_nouns:
        # an offer of an act is about the act: "accepted a Saudi *offer to mediate*" (a
        # demand *for* a withdrawal from a place keeps the place: guideline item 4)
        # (the parser may hang the infinitive as a relative clause: "offer to mediate")
        obj = next((c for c in obj.children if c.pos_ == "VERB" and (c.dep_ == "acl" or (
            c.dep_ == "relcl" and any(a.dep_ == "aux" and a.lower_ == "to"
                                      for a in c.children)))), obj)
    by_key = kb.issue_by_key
    for key in issues:
        pattern = by_key[key].pattern
        if pattern is None:
            continue
        for m in pattern.finditer(clause):
            if base + m.start() <= obj.idx < base + m.end():
                return [key, *(k for k in issues if k != key)]
    return issues


def _cue_object(verbs: list[Any]) -> tuple[Any | None, Any | None]:
    """The direct object of the cue's verbs, else of the verb they hand on to ("offered to
    host *a meeting*", "agreed to extend *the truce*"), or of the clause they put forward
    ("proposed that the two countries hold *a new round* of talks"), through a copula and its
    adjective ("said it was ready to resume *talks*", "open to *talks*"); and the innermost
    verb reached on the way (the act itself when there is no object: "ready to *negotiate*")."""
    obj = next((c for v in reversed(verbs) for c in v.children if c.dep_ == "dobj"), None)
    v = verbs[-1] if verbs else None
    innermost = None
    while v is not None and obj is None:
        if v.pos_ == "VERB":
            innermost = v
        obj = next((c for c in v.children if c.dep_ == "dobj"), None)
        if obj is None and v.pos_ == "ADJ":  # "was open *to* indirect talks"
            obj = next((g for c in v.children if c.dep_ == "prep" and c.lower_ in ("to", "for")
                        for g in c.children if g.dep_ == "pobj"), None)
        # through the copula of a reported clause: "said it was ready to resume *talks*"
        v = next((c for c in v.children if c.dep_ in ("xcomp", "ccomp", "acomp")), None)
    return obj, innermost


def _governs(governor: Any, tok: Any) -> bool:
    """Whether ``tok`` lies in ``governor``'s phrase as its modifier. A place left ("a
    withdrawal *from* Donetsk") is not a modifier: who holds it is what is at stake."""
    for anc in tok.ancestors:
        if anc.i == governor.i:
            return True
        if anc.lower_ == "from":
            return False
    return False


def _main_proposal(keyed: list[Mention]) -> str | None:
    """The proposal the article is mostly about: most mentioned, first named on a tie."""
    counts: dict[str, int] = {}
    for m in keyed:
        counts[m.key or ""] = counts.get(m.key or "", 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


Pending = list[tuple[Found, str]]  # positions still needing an issue, with their clause


def extract_positions(item: WorkItem, kb: NegotiationKB, mentions: list[Mention],
                      infos: dict[str, ProposalInfo], embedder: IssueEmbedder | None = None
                      ) -> list[Found]:
    """Positions in one document (see the module docstring)."""
    found, pending = collect_positions(item, kb, mentions, infos)
    return finish_positions(found, embed_issues(pending, embedder))


def finish_positions(found: list[Found], resolved: list[Found]) -> list[Found]:
    """The document's positions in text order, duplicates dropped."""
    return _dedup(found + resolved)


@dataclass
class Candidate:
    """A clause that looks like a party's position, before its value is decided: it has a
    position cue, or (for the classifier) a candidate verb with an actor as its subject."""

    si: int
    sent: Any
    genre: str | None
    start: int
    end: int
    cue: Cue | None
    match: re.Match[str] | _Hit  # the cue's match, or the candidate verb's (offsets in the clause)
    value: str | None = None
    sure: bool = False  # the classifier finds the value likelier than no position


# A clause the classifier alone found: its verb must have its own subject, as for bare verbs
# of support or opposition.
_LEARNED = Cue(value="unclear", patterns=(), main_verb=True)


def _verb_candidate(item: WorkItem, kb: NegotiationKB, model: PositionModel, clause: str,
                    base: int, index: _Index, mentions: list[Mention]) -> re.Match[str] | None:
    """The first candidate verb of the model whose subject is an actor: a listed verb
    (``candidate_verbs``), or with ``any_verb`` any verb ("Kyiv *agreed* to the venue", "it
    *stood* ready to take part"). The match is the verb's word in ``clause``."""
    if model.any_verb:
        a, b = index.token_range(base, base + len(clause))
        # The first few verbs that may state a stance: the later ones of a clause mostly
        # share their subject.
        verbs = [t for t in index.doc[a:b]
                 if t.pos_ == "VERB" and not _circumstance(kb, t)][:_MAX_VERBS_TRIED]
        pairs = ((t, _WORD.match(clause, t.idx - base)) for t in verbs)
    elif model.candidate_verbs is not None:
        pairs = ((index.token(base + m.start()), m) for m in model.candidate_verbs.finditer(clause))
    else:
        return None
    for tok, m in pairs:
        if m is None or tok.pos_ != "VERB" or _circumstance(kb, tok):
            continue
        actors, _ = _subject_party(item, kb, tok, mentions, "supports", base + m.start())
        if actors:
            return m
    return None


def _circumstance(kb: NegotiationKB, verb: Any) -> bool:
    """A verb the classifier does not read a clause for: in a relative clause, after a
    preposition ("ended the round *without agreeing*", "*after meeting*"), or an event of the
    talks rather than a stance ("the delegations *met*", ``event_verbs``)."""
    return _relative(verb) or verb.dep_ == "pcomp" or verb.lemma_.lower() in kb.words.event_verbs


def find_candidates(item: WorkItem, kb: NegotiationKB, mentions: list[Mention],
                    sentences: list[Any], index: _Index, model: PositionModel | None = None
                    ) -> list[Candidate]:
    """Clauses with a position cue, and (with a model) clauses with a candidate verb, outside
    opinion segments (except inside a named speaker's direct quote)."""
    text = item.document.text
    out = []
    for si, sent in enumerate(sentences):
        opinion, genre = _opinion(item, sent.start_char)
        # Slicing the text: Span.text rebuilds the sentence from its tokens on every call.
        sent_text = text[sent.start_char:sent.end_char]
        if _QUESTION.search(sent_text) and not _quote_at(item, sent.start_char):
            continue  # the writer's question ("Would Ukrainians accept such a compromise?")
        subjectable: bool | None = None  # whether a verb here may have an actor subject
        for cs, ce in _clauses(kb, sent, sent_text, index):
            clause = text[cs:ce]
            # A relative clause of background on the subject takes no stance here
            # ("Rabat, *which has offered the territory self-rule*, said its plan remained
            # the only basis"): its cue would mask the main clause's.
            hit = _cue(kb, _masked(clause, cs, _background(index, cs, ce)), cs, index)
            cue, match = hit if hit is not None else (None, None)
            if match is None and model is not None:
                if subjectable is None:
                    # No actor in the sentence, no actor subject (an "it" may stand for one).
                    subjectable = not model.any_verb or bool(
                        actors_in(item, sent.start_char, sent.end_char)
                        or _IT.search(sent_text))
                if subjectable:
                    match = _verb_candidate(item, kb, model, clause, cs, index, mentions)
            if match is None:
                continue
            quote = _quote_at(item, cs + match.start())
            if opinion and not (quote and quote.kind == "direct" and _speaker(item, quote)
                                and quote.start <= cs + match.start() < quote.end):
                continue
            out.append(Candidate(si, sent, genre, cs, ce, cue, match,
                                 cue.value if cue is not None else None))
    return out


def classify(candidates: list[Candidate], kb: NegotiationKB, text: str, index: _Index,
             model: PositionModel | None) -> list[Candidate]:
    """Decide each candidate's value (cue rules, then the classifier); drop those left with
    none. The classifier reads the parse's own token vectors, so it costs no model call."""
    cued = [c for c in candidates if c.cue is not None]
    for c in cued:
        c.sure = True
    # A model that never overrides a cue (margin above 1) need not see cue clauses.
    todo = candidates if model is not None and model.margin <= 1 else \
        [c for c in candidates if c.cue is None]
    tensor = getattr(index.doc, "tensor", None)
    if model is None or not todo or not model.usable(tensor):
        return cued
    rows = []
    for c in todo:
        clause = text[c.start:c.end]
        a, b = index.token_range(c.start, c.end)
        # A cue-free model needs no cue matching: its columns are wording and vectors only.
        hits = cue_values(kb, clause, c.start, index) if model.cue_features else ()
        rows.append(model.row(hits, c.value, clause, clause_vector(tensor[a:b])))
    for c, probs in zip(todo, model.probabilities(np.stack(rows)), strict=True):
        c.value = model.decide(c.value, probs)
        if c.value is not None:
            c.sure = bool(probs[model.labels.index(c.value)] > probs[model.labels.index(NONE)])
    return [c for c in candidates if c.value is not None]


def collect_positions(item: WorkItem, kb: NegotiationKB, mentions: list[Mention],
                      infos: dict[str, ProposalInfo], sentences: list[Any] | None = None,
                      model: PositionModel | bool | None = True) -> tuple[list[Found], Pending]:
    """Positions in one document, and those still needing an issue from MiniLM (the stage
    embeds the pending clauses of a whole batch at once: one model call, not one per
    document). ``sentences``: ``item.sentences()``, when the caller has them already.
    ``model``: the value classifier (True: the bundled one; None or False: cue rules only)."""
    if item.doc is None:
        return [], []
    if model is True:
        model = bundled_model()
    index = _Index(item.doc)
    text = item.document.text
    sentences = item.sentences() if sentences is None else sentences
    candidates = find_candidates(item, kb, mentions, sentences, index, model or None)
    found: list[Found] = []
    pending: Pending = []
    for c in classify(candidates, kb, text, index, model or None):
        _position(item, kb, mentions, sentences, index, c, found, pending)
    found += _parts(item, kb, [m for m in mentions if m.key], infos,
                    (item.document.published or "")[:10] or None, sentences)
    return found, pending


def _position(item: WorkItem, kb: NegotiationKB, mentions: list[Mention], sentences: list[Any],
              index: _Index, c: Candidate, found: list[Found], pending: Pending) -> None:
    """The positions of one candidate clause whose value is decided."""
    text = item.document.text
    keyed = [m for m in mentions if m.key]
    si, sent, cs, ce, match = c.si, c.sent, c.start, c.end, c.match
    value = c.value or "unclear"
    cue = c.cue or _LEARNED
    clause = text[cs:ce]
    sent_text = text[sent.start_char:sent.end_char]
    prev_start = sentences[si - 1].start_char if si else sent.start_char
    cue_at = cs + match.start()
    quote = _quote_at(item, cue_at)
    if quote is not None and quote.speaker.source_type == "anonymous" \
            and kb.words.anonymity_markers is not None \
            and kb.words.anonymity_markers.search(sent_text):
        return  # what an unnamed source says a party will do is no stance the party took
    if quote is not None and quote.speaker.text and kb.words.outsider_speakers is not None \
            and kb.words.outsider_speakers.search(quote.speaker.text):
        return  # nor what an analyst or a scholar says it will do ("Russia would never ...")
    # A denying quote turns acceptance into denial ("denied that it had agreed"); an
    # explicit refusal or demand stays what it says ("rejected the idea").
    if quote is not None and quote.stance == "denies" and value in _DENIABLE:
        value = "denies_reported_position"
    if value in ("proposes", "accepts_as_basis", "supports") and c.cue is not None \
            and _offer_condition(kb, clause, match.end()):
        # "offered to postpone the election by a year *if* the opposition agreed", "did not
        # rule out contacts *if* Washington dropped its demand": an offer or acceptance with
        # its condition is a conditional position
        value = "conditional"
    in_clause = [m for m in keyed if cs <= m.start < ce]
    proposal = in_clause[0].key if in_clause else None
    earlier = [m for m in keyed if sent.start_char <= m.start < cs]
    requests = kb.words.request_words
    if value in ("proposes", "seeks_amendment") and not in_clause and earlier \
            and requests is not None and requests.search(clause):
        # "endorsed the Egyptian plan *but asked for a tighter timetable*": what a party asks
        # for after judging a text named in its sentence is a change to that text
        value, proposal = "seeks_amendment", earlier[-1].key
    # A verdict on a named proposal is about the proposal: the words describing it ("the
    # European plan *for a 30-day truce*") name its content, not a second target.
    masked = _masked(clause, cs, [_whole_phrase(item, m) for m in in_clause]
                     if value in _VERDICTS else in_clause)
    # Background on the party ("Algeria, which backs the independence movement, ...") names
    # no issue of its position.
    background = _background(index, cs, ce) + _group_names(item, cs, ce)
    if background:
        masked = _masked(masked, cs, background)
    issues = keyword_issues(kb, masked)
    # A verdict on a text is about the text: the talks where it was judged ("criticised the
    # draft after a day of talks") are its setting, not a second issue; unless the talks are
    # what is judged ("backed a Myanmar-led peace process").
    cue_tok = index.token(cs + match.start())
    own = [i for i in issues if i != _SETTING_ISSUE] if value in _VERDICTS and not (
        _SETTING_ISSUE in issues and _setting_is_object(
            kb, index, masked, cs, cue_tok.head if cue_tok.dep_ in ("aux", "neg") else cue_tok)
    ) else issues
    parts = kb.words.part_nouns is not None and kb.words.part_nouns.search(clause) is not None
    # A clause naming its own issue ("but rejected a full ceasefire") is about that
    # issue, not about a proposal named nearby; "some aspects" still point back. An
    # amendment names what is to change in a text: the text is still the one nearby
    # ("welcomed the text but needed firmer guarantees").
    if proposal is None and value in PROPOSAL_VALUES and (not own or parts
                                                          or value == "seeks_amendment") \
            and not _other_text(kb, cue_tok, mentions):
        near = [m for m in keyed if prev_start <= m.start < ce]
        if not near and parts:
            near = [m for m in keyed if m.start < cs]
        proposal = near[-1].key if near else None
    if proposal is not None:
        issues = own
    if proposal is None and cue.needs == "proposal":
        # "Moscow would wait for the outcome before commenting": on the article's plan.
        proposal = _main_proposal([m for m in keyed if m.start < cs])
    # What a party stands on comes before any condition it names, whatever the value:
    # "rejected holding elections *before* a ceasefire" is about elections.
    issues = _governing_first(kb, index, masked, cs, issues)
    if value != "conditional":  # "would require a ceasefire": the condition is the object
        issues = _object_first(kb, index, masked, cs, match, issues)
    issues = _conditioned_first(kb, masked, match.start(), issues)
    if value == "conditional" and cs > sent.start_char:
        # A clause that is only the condition ("..., but only if Washington lifted
        # sanctions"): what is conditioned is in the clause before.
        issues = _conditioned_before(kb, masked, _masked(text[sent.start_char:cs],
                                                         sent.start_char, keyed), issues)
    if value == "proposes":
        issues = _proposal_topic_first(kb, masked, match.start(), issues)
        if not issues and proposal is not None:
            issues = _issues_of_name(item, kb, keyed, proposal, cs)
    if not issues and value == "seeks_amendment" and ce < sent.end_char:
        # The reasons given after the clause name what is to change: "called for changes to
        # the plan, *saying the cap on the army was too low*".
        issues = keyword_issues(kb, _masked(text[ce:sent.end_char], ce, keyed))
    issue = issues[0] if issues else None
    if issue is None and not proposal and kb.anaphora is not None \
            and kb.anaphora.search(clause):
        issues = _issues_before(kb, text, sentences, si, keyed)
        issue = issues[0] if issues else None
    # A denial of a fact ("denied that its troops had crossed", "denied the accusation") is no
    # stance: only a denied stance ("denied reports that it had agreed to ...") is a position.
    # What is denied may come before the cue: "denied it had offered ..., calling the reports
    # *fabricated*".
    if value == "denies_reported_position" and kb.stance_words is not None \
            and not kb.stance_words.search(clause):
        return
    # "has not accepted the plan" with no plan named before: a position on a proposal
    # the article does not identify (proposal None), not a guess at one.
    # (a change asked after a verdict on such a text earlier in the sentence: "accepted the
    # plan as a basis but wanted the election brought forward")
    unnamed = proposal is None and value != "proposes" and any(
        m.generic and not m.key and (cs <= m.start < ce or (
            value == "seeks_amendment" and sent.start_char <= m.start < cs)) for m in mentions)
    if cue.needs == "proposal" and not (proposal or unnamed):
        return
    if cue.needs == "named" and not (proposal or issue or unnamed):
        return  # silence about nothing the clause names ("Guyana has not replied")
    tok = index.token(cue_at)
    if (value == "proposes" or cue.main_verb) and _agentless_passive(item, tok):
        return  # "a framework that is presented to Moscow": by whom is unsaid
    verb = tok.head if tok.dep_ in ("aux", "auxpass", "neg") else tok
    no_subject = any(ch.dep_ == "nsubj" and any(d.dep_ == "det" and d.lower_ == "no"
                                                 for d in ch.children) for ch in verb.children)
    if value == "proposes" and c.cue is not None and (
            no_subject or any(ch.dep_ == "neg" for ch in verb.children)):
        # "would not offer any blanket amnesty", "*No* Ukrainian government will hand over
        # land": a refusal of a kind, no proposal; "did not propose a date" says nothing either
        # way
        if not (no_subject or _ANY.search(clause, match.end())):
            return
        value = "red_line"
    # "both sides", "the two parties" (not "the Russian side")
    # ("the sides", "the parties": a plural with the article names them all too)
    collective = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                  and c.lemma_.lower() in kb.words.collective_subjects and any(
                      d.lower_ in kb.words.collective_determiners
                      or (d.lower_ == "the" and c.tag_ == "NNS") for d in c.children)
                  and not any(d.dep_ in ("amod", "compound", "poss") for d in c.children)
                  ] if not cue.addressee else []
    if collective and any(d.lower_ in kb.words.collective_exclusions
                          for d in collective[0].children):
        return  # "neither side had replied": no side's stance, nor the reporter's
    if _forecast(kb, verb):
        # the reporter's forecast: "the EU is expected to approve the package", "some expect
        # Washington to push for talks", "expect Washington to keep pressing for talks"
        return
    if any(c.dep_ == "mark" and c.lower_ == "whether" for v in (verb, *verb.ancestors)
           for c in v.children):
        return  # an open question: "*Whether* Kyiv would accept ... remains to be seen"
    if _observers_view(kb, verb):
        return  # "Some Western *analysts* see the demand as a chip that Moscow could drop ..."
    if collective:
        # "both sides agreed to meet again": each of the two sides named together last
        actors = _sides_named_together(item, kb, sentences, si) or _owners_of_noun(
            item, kb, sentences, si, collective[0].lemma_.lower()) or _sides_with_stances(
            item, kb, [*found, *(f for f, _ in pending)], sent.start_char)
        part = None
        if not actors:
            return
    else:
        actors, part = _subject_party(item, kb, tok, mentions, value, cue_at, cue.addressee)
        if not actors and part is None and value == "conditional" \
                and tok.lower_ in kb.words.condition_subordinators:
            actors = _conditioned_subject(item, sent, tok)
        actors = _spoken_for(item, sent.start_char, cue_at, actors)
    own_subject = bool(actors) and _stance_of_own(item, kb, tok, value)
    subject = bool(actors) and c.cue is not None and not _prescribed(kb, tok) \
        and not _describes_party(item, tok)
    speaker = _speaker(item, quote)
    if part is not None:
        return  # the proposal's own content: see _parts
    if not actors and cue.main_verb:
        return  # a bare verb of support or opposition needs its own subject
    if not actors and _outsider_subject(item, verb):
        return  # "Human rights groups dismissed the election": not a party, nor anyone nearby
    # A party only the sentence's event suggests is too weak a link to carry an issue from
    # elsewhere ("It also welcomed the ruling" after a sentence in Lima).
    event_only = not actors and speaker is None
    if not actors:
        actor = _view_holder(item, sent) or speaker or \
            _event_party(item, value, sent.start_char, sent.end_char)
        actors = [actor] if actor is not None else []
    # An analyst's or a scholar's reading of the talks is no side's stance, whether quoted or
    # the subject ("Marta Kolesnyk, an analyst at a Kyiv think tank, who expects ...").
    actors = [a for a in actors if not _observer(item, kb, a)]
    # A clause naming no issue is about its context's (MiniLM reads the clause only when the
    # context names none either).
    untargeted_clause = issue is None and not proposal and not event_only
    antecedent = _antecedent_issues(kb, index, text, sentences, si, cs, ce, keyed) \
        if untargeted_clause else []
    context = antecedent or (_context_issues(kb, text, sentences, si, keyed, keyed + background)
                             if untargeted_clause else [])
    modality = "conditional" if value == "conditional" else \
        cue.modality if value == cue.value else "asserted"
    date = _event_date(item, sent.start_char, sent.end_char) or \
        (item.document.published or "")[:10] or None
    rule = match.re.pattern if c.cue is not None and value == c.cue.value else f"model:{value}"
    for actor in actors:
        position = Position(
            party=actor.id, value=value,
            evidence=Span(sent.start_char, sent.end_char, sent_text),
            proposal=proposal, issue=issue, modality=modality,
            quote=quote.id if quote and quote.speaker.actor else None,
            segment_genre=c.genre)
        f = Found(position, date, speaker.id if speaker else None, issues, rule,
                  untargeted=own_subject and c.sure, subject=subject)
        if issue is None and unnamed and antecedent:
            # "rejected the offer" of a text the article does not name: the offer's matter,
            # from where it was made ("Pakistan offered to hold talks ...")
            f.position = position.replace(issue=antecedent[0])
            f.issues, f.rule = antecedent, f"{rule} +antecedent"
            found.append(f)
        elif issue is None and not unnamed and (not proposal or cue.needs == "issue"):
            if context:
                # The context's issue before MiniLM's guess from the clause: on dev they
                # scored the same, and the context costs no model call.
                f.position = position.replace(issue=context[0])
                f.issues, f.rule = context, f"{rule} +context"
                found.append(f)
            elif c.cue is not None:
                pending.append((f, clause))
            elif f.untargeted and UNTARGETED:
                # A clause only the classifier found gets no MiniLM issue: its value is the
                # less certain part, and embedding every such clause cost a tenth of the
                # stage (docs/PERFORMANCE.md); it stays as a stance with no target.
                found.append(f)
        else:
            found.append(f)


def _proposer_actor(item: WorkItem, kb: NegotiationKB, info: ProposalInfo | None
                    ) -> Actor | None:
    if info is None:
        return None
    if not info.proposer_actor:
        # "A European counterproposal": the side's actor, when the article names it.
        return _side_actor(item, kb, info.proposer) if info.proposer else None
    return next((a for a in item.actors if a.id == info.proposer_actor), None)


def embed_issues(pending: Pending, embedder: IssueEmbedder | None,
                 owners: list[int] | None = None) -> list[Found]:
    """Issue-seeking clauses no keyword tagged: keep those MiniLM places near an issue.

    ``owners`` names the document of each pending entry (default: all one document). A
    clause with several parties is embedded once per document, not once per party."""
    if not pending:
        return []
    if embedder is None:  # switched off or not installed: only what needs no issue stays
        return [f for f, _ in pending if (f.untargeted and UNTARGETED) or f.subject]
    keys = [(owners[n] if owners else 0, c) for n, (_, c) in enumerate(pending)]
    unique = list(dict.fromkeys(keys))
    nearest = dict(zip(unique, embedder.nearest([c for _, c in unique]), strict=True))
    out = []
    for (f, _), (key, score) in zip(pending, (nearest[k] for k in keys), strict=True):
        if key is None and ((f.untargeted and UNTARGETED) or f.subject):
            out.append(f)
        elif key is not None:
            f.position = f.position.replace(issue=key)
            f.issues = [key]
            f.rule += f" +minilm:{score:.2f}"
            out.append(f)
    return out


def _parts(item: WorkItem, kb: NegotiationKB, keyed: list[Mention],
           infos: dict[str, ProposalInfo], published: str | None, sentences: list[Any]
           ) -> list[Found]:
    """Sentences stating a proposal's content: parts of it, and its proposer's positions."""
    out: list[Found] = []
    last: Mention | None = None
    last_end = -1
    text = item.document.text
    for sent in sentences:
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
        sent_text = text[sent.start_char:sent.end_char]
        issues = keyword_issues(kb, _masked(sent_text, sent.start_char, [subj]))
        info = infos.get(subj.key or "")
        if info is None:
            continue
        info.parts.append({"start": sent.start_char, "end": sent.end_char, "text": sent_text,
                           "issues": issues})
        for key in issues:
            if key not in info.issues:
                info.issues.append(key)
        last, last_end = subj, sent.end_char
        actor = _proposer_actor(item, kb, info)
        if actor is None or (kb.words.anonymity_markers is not None
                             and kb.words.anonymity_markers.search(sent_text)):
            continue  # (what an unnamed source says a text holds is a part, no one's stance)
        for key in issues[:_MAX_PART_ISSUES]:
            position = Position(party=actor.id, value="proposes",
                                evidence=Span(sent.start_char, sent.end_char, sent_text),
                                proposal=info.id, issue=key, modality="asserted",
                                segment_genre=segment_genre_at(item.document, sent.start_char))
            out.append(Found(position, published, None, list(issues), "part", info.id))
    return out


def _dedup(found: list[Found]) -> list[Found]:
    """One position per party, value, target and sentence. A verdict on a named proposal is
    one position per sentence however many clauses restate it ("had not received the text,
    and Peskov said Moscow would wait for the outcome"): the one with no second issue stays
    (a verdict on a proposal is about the proposal)."""
    seen = set()
    out = []
    ordered = sorted(found, key=lambda f: (f.position.evidence.start,
                                           f.position.issue is not None))
    for f in ordered:
        p = f.position
        key = (p.party, p.value, p.proposal, p.issue, p.evidence.start)
        verdict = (p.party, p.value, p.proposal, p.evidence.start) \
            if p.proposal and p.value in _VERDICTS else None
        if key not in seen and verdict not in seen:
            seen.add(key)
            if verdict is not None:
                seen.add(verdict)
            out.append(f)
    return sorted(out, key=lambda f: f.position.evidence.start)
