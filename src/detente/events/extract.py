"""Per-sentence event extraction over the dependency parse.

For each sentence: find triggers (verb and noun patterns), take actor and recipient from the
parse (subject, passive agent, objects, possessors, adjectival demonyms, conjunct lists),
mapped to actor ids ONLY through ``detente.actors.lookup``; decide modality from auxiliaries,
negation, governing verbs and if/unless clauses; attach DATE and place entities that the parse
links to the trigger; and attribute events in reported speech to the quote or the speaker.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from spacy.attrs import LEMMA, LOWER, POS

from detente.actors.lookup import actor_at, actors_in
from detente.events.dates import is_historical, resolve_date
from detente.events.patterns import EventKnowledge, Pattern
from detente.facts import Actor, Event, EventDate, Location, Span
from detente.pipeline.registry import WorkItem

_SUBJ = ("nsubj", "nsubjpass", "csubj", "expl")
_OBJ_PREPS = ("to", "against", "on", "with", "at", "toward", "towards", "into", "upon", "from",
              "for", "over", "of")
# "talks between Israel and Syria": both sides of a dyadic noun are its parties.
_PAIR_PREPS = ("between", "among", "amongst")
_NP_DEPS = ("compound", "amod", "poss", "nmod", "conj", "cc", "det", "nummod", "flat", "appos",
            "npadvmod", "quantmod")
_PLACE_PREPS = ("in", "at", "near", "outside", "inside", "across", "around", "throughout", "over")
_PLACE_LABELS = ("GPE", "LOC")
_PLACE_ENTS = ("GPE", "LOC", "FAC")
# A place inside one of these is a clause's, not the noun phrase's ("refugees who lived in Iraq").
_CLAUSE_DEPS = ("relcl", "acl", "advcl", "ccomp", "xcomp", "pcomp")


@dataclass
class Found:
    """A trigger that fired, before it becomes an Event."""

    token: Any
    pattern: Pattern
    sent: Any = None  # the sentence Span (token.sent re-scans the document: too slow)
    actor: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    modality: str = "asserted"
    attributed_to: str | None = None
    date: EventDate | None = None
    location: Location | None = None
    type: str = ""
    cameo: str | None = None
    rule: str = ""
    confidence: float = 0.5
    extra: dict[str, Any] = field(default_factory=dict)


class Extractor:
    """Holds the knowledge and per-document state (carried actors, proposal antecedents)."""

    def __init__(self, kb: EventKnowledge, gazetteer_factory: Any = None,
                 state_entry: Callable[[str], Any] | None = None) -> None:
        """``state_entry(code)`` gives the actor knowledge-base entry of a state by its ISO
        code: places standing for their country become that state's actor."""
        self.kb = kb
        self._gazetteer_factory = gazetteer_factory
        self._gazetteer: Any = None
        self._state_entry = state_entry
        self.place_target_types = kb.cue("place_target_types")
        self.passive_place_actor_types = kb.cue("passive_place_actor_types")
        self.place_trim = kb.cue("place_trim_words")
        self.place_nouns = kb.cue("place_nouns")
        self.purpose_target_types = kb.cue("purpose_target_types")
        self.purpose_nouns = kb.cue("purpose_nouns")
        self.reporting = kb.cue("reporting_verbs")
        self.light = kb.cue("light_verbs")
        self.receiving = kb.cue("receiving_verbs")
        # The small model mis-lemmatises some inflections ("staged" -> "stag"): light and
        # receiving verbs are also recognised by their regular inflected forms.
        self._light_forms = _inflections(self.light)
        self._receiving_forms = _inflections(self.receiving)
        self.neg = kb.cue("modality.negation")
        self.future = kb.cue("modality.future")
        self.possible = kb.cue("modality.possible")
        self.hypothetical = kb.cue("modality.hypothetical")
        self.cond_marks = kb.cue("modality.conditional_marks")
        self.intent = kb.cue("modality.intent_verbs")
        self.deontic = kb.cue("deontic")
        self.threat_types = kb.cue("threat_types")
        self.coop_types = kb.cue("cooperative_types")
        self.future_threat_types = kb.cue("future_threat_types")
        self.future_offer_types = kb.cue("future_offer_types")
        self.future_threat_heads = kb.cue("future_threat_heads")
        self.meeting_offer_governors = kb.cue("meeting_offer_governors")
        self.session_bodies = kb.cue("session_bodies")
        self.topic_nouns = kb.cue("topic_nouns")
        self.offer_verbs = kb.cue("offer_verbs")
        self.request_nouns = kb.cue("request_nouns")
        self.self_directed = kb.cue("self_directed_cameos")
        self.taking_verbs = kb.cue("taking_verbs")
        self.taken_places = kb.cue("taken_places")
        self.portion_nouns = kb.cue("portion_nouns")
        self.military_nouns = kb.cue("military_nouns")
        self.peacekeeping = kb.cue("peacekeeping_words")
        self.proposal_nouns = kb.cue("proposal_nouns")
        self.frame_nouns = kb.cue("frame_nouns")
        self.accusation_nouns = kb.cue("accusation_nouns")
        self.collective_pronouns = kb.cue("collective_pronouns")
        self.stance_prefixes = kb.cue("stance_prefixes")
        self.compound_preps = kb.cue("compound_preposition_heads")
        self.relational_nouns = kb.cue("relational_nouns")
        self.addressed_types = kb.cue("addressed_types")
        self.historical_years = int(kb.cues.get("historical_years", 15))
        self.seceded = {code: (str(since), str(before)) for code, (since, before)
                        in (kb.cues.get("seceded_states") or {}).items()}
        self._published: date | None = None
        self.when_marks = kb.cue("time_clause_marks")
        self.institution_min_pop = int(kb.cues.get("institution_place_min_population", 10**5))
        # The document state of the running extraction (its place actors), for helpers
        # called deep in the participant search.
        self._state: dict[str, Any] | None = None

    def _flat_preps(self, tok: Any) -> list[Any]:
        """``tok``'s children, with a two-word preposition of movement read as its second
        word: "pulled out of Lebanon", "moved away from the border" (the parser hangs the
        object on "of")."""
        out = []
        for c in tok.children:
            inner = next((g for g in c.children if g.dep_ == "prep"), None) \
                if c.lower_ in self.compound_preps and not any(
                    g.dep_ == "pobj" for g in c.children) else None
            out.append(inner if inner is not None else c)
        return out

    @staticmethod
    def _is(tok: Any, lemmas: frozenset[str], forms: frozenset[str]) -> bool:
        return tok.lemma_.lower() in lemmas or tok.lower_ in forms

    # ------------------------------------------------------------------ document level

    def extract(self, item: WorkItem) -> list[Event]:
        """All events of one document, numbered e1, e2... in text order."""
        published = _published(item)
        self._published = published
        # What "long before publication" is measured from: with no publication date, the day
        # of the analysis (an article's 1918 or 1654 is history whenever it was written;
        # relative dates such as "on Tuesday" still stay unresolved without one).
        reference = published or date.today()
        state: dict[str, Any] = {"last_actor": (), "proposal_actor": (), "para_date": None,
                                 "place_actors": {}, "reference": reference}
        self._state = state
        found: list[Found] = []
        state["coded_actors"] = self._coded_actors(item)
        state["triggers"], state["reporting"] = self._candidates(item.doc)
        for sent in item.sentences():
            found.extend(self._sentence(item, sent, published, state))
        # State actors for places standing for their country join the actors only now, so
        # no later trigger of the document reads them as named parties.
        self._add_place_actors(item, state["place_actors"])
        events = []
        text = item.document.text  # (Span.text rebuilds the sentence from its tokens)
        for n, f in enumerate(sorted(found, key=lambda f: f.token.idx), 1):
            sent = f.sent
            events.append(Event(
                id=f"e{n}", type=f.type,
                evidence=Span(sent.start_char, sent.end_char,
                              text[sent.start_char:sent.end_char]),
                mode=f.pattern.mode, context=f.pattern.context, cameo=f.cameo,
                actor=f.actor, recipient=f.recipient, date=f.date, location=f.location,
                modality=f.modality, attributed_to=f.attributed_to,
                historical=is_historical(f.date, reference, self.historical_years)
                and not (f.date.text or "").lower().startswith("since"),
                confidence=round(f.confidence, 2), rule=f.rule))
        return events

    # ------------------------------------------------------------------ sentence level

    def _sentence(self, item: WorkItem, sent: Any, published: date | None,
                  state: dict[str, Any]) -> list[Found]:
        out: list[Found] = []
        text = item.document.text  # (Doc.text rebuilds the string on every access)
        if sent.start_char == 0 or "\n" in text[max(0, sent.start_char - 2):sent.start_char]:
            state["para_date"] = None  # a new paragraph ends a historical narrative
        # Span.ents re-scans the document's entities: read them once per document.
        if "all_ents" not in state:
            state["all_ents"] = list(sent.doc.ents)
        state["ents"] = [e for e in state["all_ents"]
                         if sent.start <= e.start and e.end <= sent.end]
        state["places"] = [e for e in state["ents"] if self._is_place(e)
                           and not self._stance(e)]
        for ent in state["ents"]:
            if ent.label_ == "DATE":
                d = resolve_date(ent.text, published)
                # "since the 1990s" is an ongoing state reaching the present, not a past anchor.
                if not ent.text.lower().startswith("since") and \
                        is_historical(d, state["reference"], self.historical_years):
                    state["para_date"] = d
        triggers = state["triggers"]
        lo, hi = bisect.bisect_left(triggers, sent.start), bisect.bisect_left(triggers, sent.end)
        for tok in (sent.doc[i] for i in triggers[lo:hi]):
            pat = self._match(tok)
            if pat is None:
                continue
            f = Found(tok, pat, sent=sent, type=pat.type, cameo=pat.cameo, rule=pat.id,
                      confidence=pat.confidence)
            self._participants(item, f, state)
            if pat.kind == "noun" and not self._anchored_noun(f):
                continue
            if f.type == "CONSULT" and pat.kind == "verb" and not self._consulting(f):
                continue
            if f.type in ("COERCE", "SANCTION") and self._takes_place(f):
                f.type, f.cameo, f.rule = "ASSAULT", "192", f.rule + "+place-taken"
            if f.pattern.type in self.purpose_target_types and \
                    not self._direct_target(item, f):
                # The party a protest's purpose names outranks the place or object it was
                # held at ("rioted at a jail in Dili ... demanding independence from
                # Indonesian rule" is aimed at Indonesia).
                f.recipient = self._purpose_target(item, f) or f.recipient
            if not f.recipient:
                f.recipient = tuple(a for a in self._target_places(item, f, state)
                                    if a not in f.actor)
            self._modality(f)
            self._attribution(item, f)
            self._recode(f)
            self._when_where(f, published, state["ents"])
            if f.date is None and state.get("para_date") is not None:
                # "A similar situation occurred in 1654. Then ... refused ...": the paragraph's
                # historical date governs its undated events.
                f.date = state["para_date"]
            if not f.recipient and tok.dep_ in ("advcl", "conj") and out and \
                    out[-1].token.i in {a.i for a in tok.ancestors}:
                f.recipient = tuple(a for a in out[-1].recipient if a not in f.actor)
            if not f.recipient and tok.dep_ == "advcl":
                # "reiterated its demand for a withdrawal, threatening to ...": the threat's
                # target is the demand's (an event noun, object of the same verb).
                sibling = next((o for o in reversed(out) if o.recipient
                                and o.token.head.i == tok.head.i
                                and o.token.dep_ in ("dobj", "obj")), None)
                if sibling is not None:
                    f.recipient = tuple(a for a in sibling.recipient if a not in f.actor)
            if f.cameo == "174" and self._transnational(item, f.recipient):
                # Expelling an aid agency or a UN mission is CAMEO 166 (expel or withdraw
                # peacekeepers, inspectors, aid agencies): PLOVER SANCTION.
                f.type, f.cameo, f.rule = "SANCTION", "166", f.rule + "+agency"
            if f.type == "COERCE" and self._uncoded(item, f.recipient):
                f.recipient = self._repressed_at_home(item, f, state) or f.recipient
            if self._uncoded(item, f.actor) or self._uncoded(item, f.recipient):
                self._sentence_country(item, f, state)
            if self._uncoded(item, f.actor):
                self._located_actor(item, f, state)
            f.confidence += _prominence(f.extra.get("light") or tok, pat.kind == "noun"
                                        and "light" not in f.extra)
            if f.actor:
                state["last_actor"] = f.actor
            out.append(f)
        self._demoted_contents(out)
        out.extend(self._speaker_events(item, sent, out, state["reporting"]))
        # A noun trigger governed by a verb trigger is part of that event ("reject the talks"),
        # and so is a noun a verb frame names ("issued an ultimatum" is the frame "issue
        # ultimatum", not the bare noun "ultimatum").
        verbs = {f.token.i: set(f.pattern.extra) for f in out if f.pattern.kind == "verb"}
        return [f for f in out
                if not (f.pattern.kind == "noun" and f.token.head.i in verbs
                        and (not self._is(f.token.head, self.light, self._light_forms)
                             or f.token.lemma_.lower() in verbs[f.token.head.i]))]

    def _candidates(self, doc: Any) -> tuple[list[int], list[int]]:
        """Indices of the tokens ``_match`` can accept (a verb or noun whose lemma or form has
        patterns) and of reporting verbs, read from arrays: making a Token object for every
        word cost more than the matching."""
        if doc is None or not len(doc):
            return [], []
        strings = doc.vocab.strings
        rows = doc.to_array([POS, LEMMA, LOWER])
        # Each distinct word of the document is looked up once, then tokens are selected with
        # array operations.
        known, speech = [], []
        for h in np.unique(rows[:, 1:]).tolist():
            w = strings[h].lower()
            if w in self.kb.verbs or w in self.kb.nouns:
                known.append(h)
            if w in self.reporting:
                speech.append(h)
        tags = np.array([strings[p] for p in ("VERB", "AUX", "NOUN", "PROPN")], dtype=rows.dtype)
        known_a = np.array(known, dtype=rows.dtype)
        triggers = np.isin(rows[:, 0], tags) & (np.isin(rows[:, 1], known_a)
                                                | np.isin(rows[:, 2], known_a))
        reporting = np.isin(rows[:, 1], np.array(speech, dtype=rows.dtype))
        return np.flatnonzero(triggers).tolist(), np.flatnonzero(reporting).tolist()

    def _match(self, tok: Any) -> Pattern | None:
        if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.dep_ == "ROOT"):
            if tok.lemma_.lower() in self.reporting and _has_clause(tok):
                return None
            pats = self.kb.verbs.get(tok.lemma_.lower())
            kind = "verb"
        elif tok.pos_ in ("NOUN", "PROPN"):
            pats = self.kb.nouns.get(tok.lemma_.lower()) or self.kb.nouns.get(tok.lower_)
            kind = "noun"
        else:
            return None
        if not pats:
            return None
        negated = self._negated(tok)
        near: set[str] | None = None  # built once per trigger, not once per pattern
        for pat in pats:
            if pat.neg and not negated:
                continue
            if pat.extra:
                near = _near_words(tok, kind) if near is None else near
                if not _frame(tok, pat.extra, kind, near):
                    continue
            return pat
        return None

    # ------------------------------------------------------------------ participants

    def _participants(self, item: WorkItem, f: Found, state: dict[str, Any]) -> None:
        tok = f.token
        if f.pattern.kind == "noun":
            self._noun_participants(item, f, state)
            return
        subj = _child(tok, ("nsubj", "csubj"))
        passive = _child(tok, ("nsubjpass",))
        agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children
                      if g.dep_ == "pobj"), None)
        if passive is not None:
            f.actor = self._np_actors(item, agent) if agent is not None else ()
            f.recipient = self._np_actors(item, passive)
        else:
            f.actor = self._np_actors(item, subj) if subj is not None else ()
            f.recipient = self._object_actors(item, tok)
        # "Kirkuk protested"; for material events also "a roadside bomb near Samarra" (an
        # unattributed attack is coded by its place, which may also be the target's country).
        place = () if f.actor else self._places(
            item, agent if passive is not None else subj, state,
            whole=f.pattern.type in self.place_target_types)
        if not f.actor and not place:
            f.actor = self._inherited_subject(item, tok) or state["last_actor"]
            if f.actor:
                f.confidence -= 0.05
        if f.actor and set(f.recipient) & set(f.actor):
            # The actor is no target of its own act, unless the target is another body of
            # the same country ("Montenegrin officials demanded support from the Montenegro
            # Assembly" is domestic: MNE on both sides).
            f.recipient = tuple(a for a in f.recipient if a not in f.actor) or \
                self._domestic_institution(item, tok, f.recipient)
        if f.pattern.type in self.addressed_types and len(f.recipient) > 1:
            # "complained to the United Nations over Israeli air raids": the complaint is
            # about Israel; the UN is only its addressee.
            to = {a for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"
                  for g in c.children if g.dep_ == "pobj"
                  for a in (self._np_actors(item, g)
                            or self._places(item, g, state, whole=False))}
            f.recipient = tuple(a for a in f.recipient if a not in to) or f.recipient
        f.recipient = self._foreign_first(item, f.actor, f.recipient)
        if f.pattern.cameo in self.self_directed:
            # "resigned to allow Haiti's first elections": a resignation has no target.
            f.recipient = ()
        f.actor = f.actor or place
        if not f.recipient:
            f.recipient = self._proposal_recipient(tok, state, f.actor)
        if not f.recipient and f.pattern.type == "THREATEN":
            f.recipient = self._condition_subject(item, tok, f.actor)
        self._remember_proposals(item, tok, f.actor, state)

    def _noun_participants(self, item: WorkItem, f: Found, state: dict[str, Any]) -> None:
        trigger = f.token
        # "launched a mediation effort": the generic head carries the trigger's light verb,
        # parties and objects.
        tok = trigger.head if trigger.dep_ == "compound" and \
            trigger.head.lemma_.lower() in self.frame_nouns else trigger
        own = [c for c in {*trigger.children, *tok.children} - {trigger}
               if c.dep_ in ("poss", "amod", "compound", "nmod")]
        own.sort(key=lambda c: c.i)
        actors: list[str] = []
        recipient: list[str] = []
        for c in own:
            found = [a for a in self._np_actors(item, c) if a not in actors]
            if self._misparsed_dative(item, tok, c):
                # "France offered Chad military assistance": the name right after the verb is
                # its indirect object, parsed as a modifier of the object.
                recipient += found
                continue
            actors += found
        for prep in tok.children:
            if prep.dep_ == "prep" and (prep.lower_ in _OBJ_PREPS or prep.lower_ in _PAIR_PREPS) \
                    and prep.lower_ != "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        recipient += self._np_actors(item, pobj)
        head = tok.head
        skip = tok
        if tok.dep_ == "pobj" and head.lower_ == "in" and head.head.dep_ == "dobj" and \
                head.head.pos_ == "NUM" and self._is(head.head.head, self.light,
                                                     self._light_forms):
            # "gave Vietnam $10 million in aid": the amount is the object, the noun after
            # "in" says what was given.
            skip, tok, head = head.head, head.head, head.head.head
        if tok.dep_ in ("dobj", "attr", "pobj") and (
                self._is(head, self.light, self._light_forms)
                or self._is(head, self.receiving, self._receiving_forms)):
            verb = head.head if tok.dep_ == "pobj" else head
            subj = _child(verb, ("nsubj",)) or _child(verb, ("nsubjpass",))
            subj_actors = self._np_actors(item, subj) if subj is not None else (
                self._inherited_subject(item, verb))
            if self._is(verb, self.receiving, self._receiving_forms) or \
                    self._is(head, self.receiving, self._receiving_forms):
                recipient = list(subj_actors) + recipient
            elif not actors:
                actors = list(subj_actors)
            elif not recipient:
                # "reiterated Russia's demand": the possessor is the actor; objects stay.
                pass
            if not recipient:
                recipient = list(self._object_actors(item, verb, skip=skip))
            f.extra["light"] = verb
            f.confidence += 0.05
        if not recipient and f.type == "ACCUSE":
            # "allegations that it was harbouring rebels": the accused is the subject of the
            # accusation's content clause.
            recipient = [a for c in tok.children if c.dep_ in ("acl", "ccomp")
                         for s in [_child(c, ("nsubj", "nsubjpass"))] if s is not None
                         for a in self._np_actors(item, s) if a not in actors]
        if actors and not recipient:
            # "ordered the expulsion of five American diplomats": with its agent known, the
            # "of" phrase of an event noun names whom the act is done to.
            recipient = [a for prep in tok.children if prep.dep_ == "prep"
                         and prep.lower_ == "of" for g in prep.children if g.dep_ == "pobj"
                         for a in self._np_actors(item, g) if a not in actors]
        f.actor = tuple(dict.fromkeys(actors))
        f.recipient = tuple(a for a in dict.fromkeys(recipient) if a not in f.actor)
        if not f.recipient and trigger.lemma_.lower() in self.proposal_nouns:
            f.recipient = ()
        self._remember_proposals(item, trigger, f.actor, state)

    def _country(self, item: WorkItem, actor_id: str) -> str | None:
        """The country of an actor id (or of a place's state actor not yet added)."""
        places = (self._state or {}).get("place_actors", {})
        if actor_id in places:
            entry = places[actor_id][0]
            return entry.country or entry.code
        a = next((a for a in item.actors if a.id == actor_id), None)
        return a.country if a is not None else None

    def _foreign_first(self, item: WorkItem, actor: tuple[str, ...],
                       recipient: tuple[str, ...]) -> tuple[str, ...]:
        """Drop recipients of the actor's own country when a foreign one is named too: "Tokyo
        protested to Moscow over the seizure of a Japanese boat" is aimed at Russia (the
        Japanese boat is only the topic). A purely domestic target is kept."""
        own = {c for a in actor for c in [self._country(item, a)] if c}
        if not own or len(recipient) < 2:
            return recipient
        foreign = tuple(r for r in recipient if self._country(item, r) not in own)
        return foreign if foreign and len(foreign) < len(recipient) else recipient

    def _misparsed_dative(self, item: WorkItem, obj: Any, mod: Any) -> bool:
        """``mod`` (a proper-name compound of the object ``obj``) follows the light verb
        directly, with other modifiers before the head, and the verb's subject names a party:
        a double-object sentence the parser read as one noun phrase."""
        verb = obj.head
        if obj.dep_ != "dobj" or mod.dep_ != "compound" or mod.pos_ != "PROPN" or \
                mod.i != verb.i + 1 or mod.i + 1 >= obj.i or \
                not self._is(verb, self.light, self._light_forms):
            return False
        subj = _child(verb, ("nsubj",))
        return subj is not None and bool(self._np_actors(item, subj)) and \
            obj.doc[mod.i + 1].dep_ in ("amod", "compound", "nummod")

    @staticmethod
    def _transnational(item: WorkItem, ids: tuple[str, ...]) -> bool:
        """One of ``ids`` is an intergovernmental or non-governmental body."""
        actors = {a.id: a for a in item.actors}
        return any(a is not None and (a.sector in ("IGO", "NGO")
                                      or (a.code or "")[:3] in ("IGO", "NGO"))
                   for i in ids for a in [actors.get(i)])

    def _repressed_at_home(self, item: WorkItem, f: Found, state: dict[str, Any]
                           ) -> tuple[str, ...]:
        """Coercion of people named by no party ("Turkish police prevented the demonstration
        staged by students", "... detained dozens of activists") is domestic: the actor's
        own country is the target, as CAMEO codes domestic repression."""
        anchor = f.extra.get("light") or f.token
        obj = _child(anchor, ("dobj",)) if f.pattern.kind == "verb" or anchor is not f.token \
            else None
        if obj is None or obj.pos_ != "NOUN" or obj.ent_type_:
            return ()
        codes = {c for a in f.actor for c in [self._country(item, a)] if c}
        if len(codes) != 1:
            return ()
        entry = self._state_entry(next(iter(codes))) if self._state_entry else None
        if entry is None or entry.kind != "state":
            return ()
        state["place_actors"].setdefault(entry.id, (entry, []))
        f.rule += "+domestic"
        return (entry.id,)

    def _takes_place(self, f: Found) -> bool:
        """A capture or seizure whose object is a place: "captured part of a Karen
        stronghold", "seized the border town of X", "captured Kabul"."""
        tok = f.token
        if f.pattern.kind != "verb" or tok.lemma_.lower() not in self.taking_verbs:
            return False
        obj = _child(tok, ("dobj",))
        if obj is not None and obj.lemma_.lower() in self.portion_nouns:
            obj = next((g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj"), obj)
        return obj is not None and (obj.lemma_.lower() in self.taken_places
                                    or obj.ent_type_ in ("GPE", "LOC", "FAC"))

    def _consulting(self, f: Found) -> bool:
        """Whether a CONSULT verb is a consultation, by its subject: a body meeting alone
        ("the Cabinet met Sunday") is in session; troops "arriving" deploy (peacekeepers:
        recoded as AID 074, "peacekeeping troops arrived in Bosnia")."""
        tok = f.token
        subj = _child(tok, ("nsubj",))
        if subj is None:
            return True
        head = subj.lemma_.lower()
        if head in self.session_bodies and not any(
                c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ in ("with",
                                                                                   "between"))
                for c in tok.children) and not any(c.dep_ == "conj" for c in subj.children):
            return False
        if f.pattern.mode == "visit" and (head in self.military_nouns or any(
                g.dep_ == "pobj" and g.lemma_.lower() in self.military_nouns
                for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children)):
            if not any(t.lower_ in self.peacekeeping for t in subj.subtree):
                return False
            f.type, f.cameo, f.rule = "AID", "074", f.rule + "+peacekeepers"
        return True

    def _direct_target(self, item: WorkItem, f: Found) -> tuple[str, ...]:
        """Parties named as the direct object of the trigger (or its light verb) or after
        "against": a target no purpose clause overrides."""
        anchor = f.extra.get("light") or f.token
        found: list[str] = []
        for c in anchor.children:
            if c.dep_ in ("dobj", "dative") and c.i != f.token.i:
                found += self._np_actors(item, c)
            elif c.dep_ == "prep" and c.lower_ == "against":
                found += [a for g in c.children if g.dep_ == "pobj"
                          for a in self._np_actors(item, g)]
            elif c.dep_ == "prep" and c.lower_ == "to" and self._state is not None:
                # "protested to Moscow over the seizure of a Japanese boat": the addressee
                # (a party, or a capital standing for its state) is the target.
                found += [a for g in c.children if g.dep_ == "pobj"
                          for a in (self._np_actors(item, g)
                                    or self._places(item, g, self._state, whole=False))]
        return tuple(a for a in found if a not in f.actor)

    def _purpose_target(self, item: WorkItem, f: Found) -> tuple[str, ...]:
        """The first party named in a protest's purpose: "to demand the resignation of X",
        "in protest of X's refusal", "to protest against X's decision"."""
        anchor = f.extra.get("light") or f.token
        for v in dict.fromkeys([anchor, f.token]):
            for c in v.children:
                purpose = c.dep_ in ("advcl", "xcomp") or (c.dep_ == "prep" and (
                    c.lower_ == "against" or any(g.lemma_.lower() in self.purpose_nouns
                                                 for g in c.children if g.dep_ == "pobj")))
                if not purpose:
                    continue
                found = [a.id for a in actors_in(item, c.left_edge.idx,
                                                 c.right_edge.idx + len(c.right_edge))
                         if a.id not in f.actor]
                if found:
                    return (found[0],)
        return ()

    # ------------------------------------------------------------------ places as parties

    def _target_places(self, item: WorkItem, f: Found, state: dict[str, Any]
                       ) -> tuple[str, ...]:
        """The country a targeted place stands for, when no actor is named as target: the
        object or prepositional target of the trigger ("shelled Juba", "entered Gaza",
        "attack on Juba"), and for material events its site ("a curfew in Abidjan")."""
        tok = f.token
        targets = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")] if \
            f.pattern.kind == "verb" else []
        # A visit's place is its host: "arrived in Algiers", "a visit to Beijing".
        preps = (*_OBJ_PREPS, "in") if f.pattern.mode == "visit" else _OBJ_PREPS
        targets += [g for c in self._flat_preps(tok) if c.dep_ in ("prep", "prt", "dative")
                    and c.lower_ in preps and (c.lower_ != "of" or c.head.i != tok.i)
                    for g in c.children if g.dep_ == "pobj"]
        light = f.extra.get("light")
        if light is not None:
            # "sent a protest note to Baghdad", "signed a pact with Kabul": the light verb's
            # addressee (not where the act comes "from").
            targets += [g for c in self._flat_preps(light) if c.dep_ in ("prep", "dative")
                        and c.lower_ in _OBJ_PREPS and c.lower_ not in ("from", "of")
                        for g in c.children if g.dep_ == "pobj"]
        material = f.pattern.type in self.place_target_types
        if material and f.pattern.kind == "verb" and tok.dep_ == "relcl":
            # "a suicide bombing in Jerusalem that killed 18 people": the place of the noun
            # the clause describes.
            targets += [g for c in tok.head.children if c.dep_ == "prep"
                        and c.lower_ in _PLACE_PREPS for g in c.children if g.dep_ == "pobj"]
        if material and f.pattern.kind == "verb" and tok.dep_ in ("advcl", "xcomp") and \
                tok.head.pos_ == "VERB" and _child(tok, ("nsubj", "nsubjpass")) is None:
            # "crossed into Somalia to attack Islamic militants": the attack is where the
            # movement it is the purpose of went.
            targets += [g for c in self._flat_preps(tok.head) if c.dep_ == "prep"
                        and c.lower_ in ("into", "to", "toward", "towards", "in")
                        for g in c.children if g.dep_ == "pobj"]
        if material and f.pattern.kind == "verb":
            # "An Israeli air raid on southern Lebanon killed three people": an attack noun as
            # subject names the target of the harm it did.
            subj = _child(tok, ("nsubj",))
            if subj is not None and (subj.lemma_.lower() in self.kb.nouns
                                     or subj.lower_ in self.kb.nouns):
                targets += [g for c in subj.children if c.dep_ == "prep"
                            and c.lower_ in _OBJ_PREPS for g in c.children if g.dep_ == "pobj"]
        out: list[str] = []
        for t in targets:
            out += self._places(item, t, state, whole=material)
        if not out and material:
            anchor = f.extra.get("light") or tok
            # ... or of a time clause telling how it happened ("killed 23 people when they
            # blew themselves up in Tel Aviv").
            anchors = [anchor] + [c for c in anchor.children if c.dep_ == "advcl" and any(
                m.lower_ in self.when_marks and m.i < c.i for m in c.children)]
            for ent in state["places"]:
                if any(_placed(ent, a, tok) for a in anchors):
                    out += self._place_actor(item, ent, state)
        return tuple(dict.fromkeys(out))

    def _places(self, item: WorkItem, np: Any, state: dict[str, Any], *, whole: bool
                ) -> tuple[str, ...]:
        """State actors for the places a noun phrase is (its head, or an apposition: "the
        regional capital Juba") or, with ``whole``, names anywhere outside a clause ("a
        village in western Cambodia", "a bombing near the town of Samarra")."""
        if np is None:
            return ()
        out: list[str] = []
        for ent in state["places"]:
            if not np.left_edge.i <= ent.start < ent.end <= np.right_edge.i + 1:
                continue
            root = ent.root
            if root.i == np.i or (root.head.i == np.i and root.dep_ in ("appos", "compound")) \
                    or (whole and _phrase_path(root, np)):
                out += self._place_actor(item, ent, state)
        return tuple(dict.fromkeys(out))

    def _place_actor(self, item: WorkItem, ent: Any, state: dict[str, Any]) -> list[str]:
        """The actor a place entity is (a named actor), else its country's state actor; none
        when the gazetteer or the actor knowledge base does not know it."""
        named = actor_at(item, ent.start_char, ent.end_char)
        # A country-less actor at a place ("Kismayo" tagged as a person) is the place.
        if named is not None and (named.country or named.kind == "state"
                                  or named.sector in ("IGO", "NGO")):
            return [named.id]
        code = self._place_country(ent.text)
        entry = self._state_entry(code) if code and self._state_entry else None
        if entry is None or entry.kind != "state":
            return [named.id] if named is not None else []
        spans = state["place_actors"].setdefault(entry.id, (entry, []))[1]
        spans.append(Span(ent.start_char, ent.end_char, ent.text))
        return [entry.id]

    def _sentence_country(self, item: WorkItem, f: Found, state: dict[str, Any]) -> None:
        """Fill a missing actor or recipient with the one country the sentence is about.

        The PLOVER/CAMEO coding convention: an event without a named agent or target is coded
        with the country where it takes place, and a domestic event ("lifted the state of
        emergency in West Darfur", "thousands of Nigerians rallied") has that country on both
        sides. Only when every party and place of the sentence belongs to one country."""
        sent = f.sent
        countries: dict[str, str | None] = {}  # country -> its state actor id, if any
        beyond_actor = False  # named by something else than the event's own actor
        for a in actors_in(item, sent.start_char, sent.end_char):
            if a.sector in ("IGO", "NGO") or not a.country or self._ethnic(item, a):
                continue
            beyond_actor = beyond_actor or a.id not in f.actor
            if a.kind == "state" and a.country == a.code:
                countries[a.country] = a.id
            else:
                countries.setdefault(a.country, None)
        places = {}
        for ent in state["places"]:
            if actor_at(item, ent.start_char, ent.end_char) is None:
                code = self._place_country(ent.text)
                if code:
                    places.setdefault(code, ent)
                    countries.setdefault(code, None)
                    beyond_actor = True
        # "Wagner withdrew from Bakhmut" (a name nobody resolved) says nothing about Russia as
        # a target: the actor's own country alone is then no recipient.
        # For verbal events ("Bosnian Serbs demanded a truce") the actor's own country is no
        # evidence of a target at all; material and yielding acts are domestic by default.
        if len(countries) != 1 or (f.actor and not beyond_actor and (
                f.type not in self.place_target_types
                or self._unresolved_name_target(item, f))):
            return
        code, sid = next(iter(countries.items()))
        if sid is None and code in places:
            found = self._place_actor(item, places[code], state)
            sid = found[0] if found else None
        if sid is None:
            entry = self._state_entry(code) if self._state_entry else None
            if entry is None or entry.kind != "state":
                return
            state["place_actors"].setdefault(entry.id, (entry, []))
            sid = entry.id
        # A party the sentence names without a country (an unknown "Lt. Gen. X", "the
        # rebels") is coded with the country, as CAMEO codes an actor by its state.
        # (an ethnic group's own name then no longer counts: "ethnic Albanians in Serbia")
        actors = {a.id: a for a in item.actors}
        local = [i for i in (*f.actor, *f.recipient) if i in actors
                 and self._ethnic(item, actors[i])]
        if self._uncoded(item, f.actor):
            f.actor = (*(i for i in f.actor if i not in local), sid)
            f.rule += "+site-actor"
        if self._uncoded(item, f.recipient) and not self._self_directed(f):
            f.recipient = (*(i for i in f.recipient if i not in local), sid)
            f.rule += "+site-recipient"

    def _self_directed(self, f: Found) -> bool:
        """An act on the actor's own position (resigning), or agreeing or promising to do
        one ("agreed to resign"), has no target: the country it happens in is none."""
        if f.pattern.cameo in self.self_directed:
            return True
        return any(c.dep_ == "xcomp" and any(p.cameo in self.self_directed
                                             for p in self.kb.verbs.get(c.lemma_.lower(), ()))
                   for c in f.token.children)

    def _located_actor(self, item: WorkItem, f: Found, state: dict[str, Any]) -> None:
        """A material event with no named agent, in a sentence naming several countries, is
        coded with the country of its own place (the PLOVER/CAMEO convention): "Three US
        servicemen were killed by a bomb outside the Iraqi city of Basra" is IRQ -> USA,
        "Prisoners rioted at a jail in Dili ... against Indonesian rule" is TLS. Not when
        the place is the recipient's country (no party acts on itself by default)."""
        passive = f.pattern.type in self.passive_place_actor_types and any(
            c.dep_ in ("auxpass", "nsubjpass") for c in (f.extra.get("light") or f.token).children)
        if (f.pattern.type not in self.place_target_types and not passive) or \
                not self._state_entry:
            return
        code = self._country_then(f.location.country) if f.location is not None and \
            f.location.country else self._reached_place(item, f, state)
        if not code:
            return
        actors = {a.id: a for a in item.actors}
        places = state["place_actors"]
        if any((actors[i].country if i in actors else places[i][0].country
                if i in places else None) == code for i in f.recipient):
            return
        entry = self._state_entry(code)
        if entry is None or entry.kind != "state":
            return
        sid = next((a.id for a in item.actors if a.kind == "state" and a.country == code
                    and a.code == code), None)
        if sid is None:
            places.setdefault(entry.id, (entry, []))
            sid = entry.id
        f.actor = (*f.actor, sid)
        f.rule += "+place-actor"

    def _reached_place(self, item: WorkItem, f: Found, state: dict[str, Any]) -> str | None:
        """The country of the one place a chain of locative phrases ties to the trigger
        ("rioted at a jail in East Timor's capital Dili", "killed ... outside of the Iraqi
        city of Basra"): only prepositions, their objects, appositions and modifiers on the
        way up, and at least one locative preposition."""
        anchor = f.extra.get("light") or f.token
        named, found = set(), set()  # states the actors stage resolved; gazetteer places
        for ent in state["places"]:
            tok, locative = ent.root, False
            for _ in range(8):
                if tok.i in (anchor.i, f.token.i) or tok.dep_ not in (
                        "pobj", "prep", "appos", "compound", "poss", "nmod", "advmod", "pcomp"):
                    break
                locative = locative or (tok.dep_ in ("prep", "advmod")
                                        and tok.lower_ in _PLACE_PREPS)
                tok = tok.head
            if tok.i in (anchor.i, f.token.i) and locative:
                actor = actor_at(item, ent.start_char, ent.end_char)
                if actor is not None and actor.kind == "state" and actor.country:
                    named.add(actor.country)  # ("East Timor's capital Dili": not India's Dili)
                elif code := self._place_country(ent.text):
                    found.add(code)
        best = named or found
        return self._country_then(best.pop()) if len(best) == 1 else None

    def _uncoded(self, item: WorkItem, ids: tuple[str, ...]) -> bool:
        """No party, or none with a country or a transnational sector (IGO/NGO); the state
        actors of places (joining the actors only at the end) are coded."""
        state = self._state or {}
        places = state.get("place_actors", {})
        coded = state.get("coded_actors")
        if coded is None:
            coded = self._coded_actors(item)
        return not any(i in places or coded.get(i, False) for i in ids)

    def _coded_actors(self, item: WorkItem) -> dict[str, bool]:
        """Actor id -> whether it is a coded party (see ``_uncoded``). The actors stay the same
        while a document's sentences are read, so ``extract`` builds this once per document
        (it was rebuilt for each of some ninety look-ups a document)."""
        return {a.id: bool(a.country or a.sector in ("IGO", "NGO")) and not self._ethnic(item, a)
                for a in item.actors}

    def _ethnic(self, item: WorkItem, actor: Actor) -> bool:
        """Every mention of the actor is an ethnic group ("ethnic Albanians", "ethnic Turks"):
        CAMEO codes such groups by the country they live in, not by the state of their name."""
        text = item.document.text
        return bool(actor.mentions) and all(
            text[max(0, m.start - 8):m.end].lower().split()[:1] == ["ethnic"]
            or text[m.start:m.end].lower().startswith("ethnic ")
            for m in actor.mentions)

    @staticmethod
    def _unresolved_name_target(item: WorkItem, f: Found) -> bool:
        """The trigger's object or prepositional object is a proper name no actor covers."""
        tok = f.extra.get("light") or f.token
        objs = [c for c in tok.children if c.dep_ in ("dobj", "dative")]
        objs += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in _OBJ_PREPS
                 for g in c.children if g.dep_ == "pobj"]
        return any(o.pos_ == "PROPN" and o.ent_type_ not in ("DATE", "TIME")
                   and _actor_token(item, o) is None for o in objs)

    def _stance(self, ent: Any) -> bool:
        """"an anti-Syria journalist": a place after "anti-"/"pro-" is a stance's object."""
        doc, i = ent.doc, ent.start
        return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in self.stance_prefixes

    def _is_place(self, ent: Any) -> bool:
        """A GPE/LOC entity, or any name in "the town of X" position."""
        if ent.label_ in _PLACE_LABELS:
            return True
        root = ent.root
        return root.dep_ == "pobj" and root.head.lower_ == "of" and \
            root.head.head.lemma_.lower() in self.place_nouns

    def _place_country(self, name: str) -> str | None:
        """ISO code of the country of a place name, trying it whole and then without
        directions and generic words ("southern Lebanon", "the Tyumen region")."""
        gaz = self._gaz()
        if gaz is None:
            return None
        words = name.split()
        i, j = 0, len(words)
        while i < j and words[i].lower() in self.place_trim:
            i += 1
        while j > i and words[j - 1].lower() in self.place_trim:
            j -= 1
        # Whole, then without generic words at one end or both ("West Darfur State" is the
        # subdivision "West Darfur"; "southern Lebanon" is "Lebanon").
        cands = [words, words[:j] if i < j else [], words[i:], words[i:j]]
        for cand in dict.fromkeys(" ".join(c) for c in cands):
            loc = gaz.lookup(cand) if cand else None
            if loc is not None and loc.country:
                return self._country_then(loc.country)
        return None

    def _country_then(self, code: str) -> str:
        """The state a place of ``code`` belonged to at the document's date (a seceded
        state's places were its parent's before independence)."""
        seceded = self.seceded.get(code)
        if seceded and self._published is not None and \
                self._published.isoformat() < seceded[0]:
            return seceded[1]
        return code

    def _add_place_actors(self, item: WorkItem, places: dict[str, tuple[Any, list[Span]]]
                          ) -> None:
        published = item.document.published
        for sid, (entry, spans) in places.items():
            spans = list(dict.fromkeys(spans))
            for n, actor in enumerate(item.actors):
                if actor.id == sid:
                    merged = sorted({*actor.mentions, *spans}, key=lambda m: m.start)
                    item.actors[n] = actor.replace(mentions=tuple(merged))
                    break
            else:
                country, sector, code, _ = entry.at(published)
                item.actors.append(Actor(id=entry.id, name=entry.name, kind="state",
                                         country=country, sector=sector, code=code,
                                         mentions=tuple(sorted(spans, key=lambda m: m.start)),
                                         kb_id=entry.id))

    def _anchored_noun(self, f: Found) -> bool:
        """A nominal event counts only when something anchors it as an occurrence: a party, a
        governing light verb, or a date/duration/place modifier ("the February 24 invasion",
        "a five-hour meeting", "talks in Istanbul")."""
        if f.actor or f.recipient or "light" in f.extra:
            return True
        tok = f.token
        for c in tok.subtree:
            if c.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC") and c.i != tok.i:
                return True
        return any(c.dep_ in ("nummod", "compound", "amod") and c.like_num for c in tok.children)

    def _np_actors(self, item: WorkItem, tok: Any) -> tuple[str, ...]:
        """Actors a noun phrase names: its head mention, else its modifiers; lists split on
        conjuncts ("Russian and Ukrainian delegations", "the US and Jordan")."""
        if tok is None:
            return ()
        heads = [tok, *_np_conjuncts(tok)]
        out: list[str] = []
        for h in heads:
            a = _actor_token(item, h) or self._pronoun_antecedent(item, h)
            if a is not None:
                out.append(a)
                # "US and British forces": the head is one group, the coordinated
                # qualifiers name more parties.
                for c in h.children:
                    if c.dep_ in ("amod", "compound", "nmod") and \
                            any(g.dep_ == "conj" for g in c.children):
                        out += [b for b in (_actor_token(item, t) for t in (c, *c.conjuncts))
                                if b is not None]
                if self._uncoded(item, (a,)):
                    # "Yasser Arafat, the PLO chairman": a person the knowledge base has no
                    # country for takes the party his apposition names.
                    out += [b for c in h.children if c.dep_ == "appos"
                            for b in self._np_actors(item, c) if b != a]
                    # ... or the body named in his title: "U.N. mediator Diego Cordovez".
                    start = min([m.start for m in _mentions(item, a)
                                 if h.left_edge.idx <= m.start <= h.idx] or [h.idx])
                    out += [b.id for b in actors_in(item, h.left_edge.idx, start)
                            if b.id != a and (b.country or b.sector in ("IGO", "NGO"))][:1]
                continue
            for c in h.children:
                if c.dep_ in ("amod", "compound", "nmod", "flat") or (
                        c.dep_ == "poss" and h.lemma_.lower() not in self.relational_nouns):
                    a = _actor_token(item, c)
                    if a is not None:
                        out.append(a)
                    for cc in c.children:
                        if cc.dep_ == "conj":
                            a = _actor_token(item, cc)
                            if a is not None:
                                out.append(a)
            if not out and (h.lemma_.lower() in self.kb.nouns or h.lower_ in self.kb.nouns):
                # An event noun stands for its agent: "the bombing of Grozny by Russian jets".
                out += [a for c in h.children if c.dep_ == "agent" or (
                            c.dep_ == "prep" and c.lower_ == "by")
                        for p in c.children if p.dep_ == "pobj"
                        for a in self._np_actors(item, p)]
            if not out and h.dep_ != "conj":
                # "troops of Russia", "officials from Kyiv"; but "the withdrawal of Serbian
                # forces from Bosnia" is the forces' (the "from" phrase is where they leave).
                # ("leaders of India and Pakistan": every conjunct of the object)
                by_prep = [(c.lower_, [a for p in c.children if p.dep_ == "pobj"
                                       for q in (p, *p.conjuncts)
                                       for a in [_actor_token(item, q)] if a is not None])
                           for c in h.children if c.dep_ == "prep"
                           and c.lower_ in ("of", "from", *_PAIR_PREPS)]
                of = any(found for word, found in by_prep if word == "of")
                out += [a for word, found in by_prep if not (of and word == "from")
                        for a in found]
        if not out:
            # "Ousted President Askar Akayev", "ethnic Albanian guerrillas": first actor named
            # anywhere in the phrase.
            # A relative clause is a statement about the phrase, not part of its name
            # ("Macedonia, which is preparing an offensive against Albanian guerrillas").
            # So is a participle clause on an event noun ("the demonstration staged by
            # students ... to protest the sending of troops to Iraq").
            event_noun = tok.lemma_.lower() in self.kb.nouns
            rel = [c.left_edge for c in tok.children if c.i > tok.i and (
                c.dep_ == "relcl" or (event_noun and c.dep_ == "acl"
                                      and c.tag_ in ("VBN", "VBG")))]
            end = rel[0].idx if rel else tok.right_edge.idx + len(tok.right_edge)
            # "Israel's militia ally": the possessor of a relation is another party.
            other = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge))
                     for t in tok.subtree if t.lemma_.lower() in self.relational_nouns
                     for c in t.children if c.dep_ == "poss"]
            found = [a for a in actors_in(item, tok.left_edge.idx, end)
                     if any(not any(s <= m.start < e for s, e in other)
                            for m in a.mentions if tok.left_edge.idx <= m.start < end)]
            out = [found[0].id] if found else self._institution_place(item, tok)
            if found and not found[0].country and found[0].sector not in ("IGO", "NGO"):
                out += self._jurisdiction(item, tok)
        return tuple(dict.fromkeys(out))

    def _jurisdiction(self, item: WorkItem, tok: Any) -> list[str]:
        """The country of the place a title in the phrase is "of" ("the deputy governor of
        the Tyumen region, Oleg Chemezov"), for a named person the knowledge base has no
        country for."""
        if self._state is None:
            return []
        out: list[str] = []
        for ent in self._state.get("places", ()):
            # (the place itself or a name qualifying it: "of the Tyumen region")
            root = ent.root.head if ent.root.dep_ == "compound" else ent.root
            if tok.left_edge.i <= ent.start and ent.end <= tok.right_edge.i + 1 and \
                    root.dep_ == "pobj" and root.head.lower_ == "of":
                out += self._place_actor(item, ent, self._state)
        return out

    def _domestic_institution(self, item: WorkItem, verb: Any, recipient: tuple[str, ...]
                              ) -> tuple[str, ...]:
        """``recipient`` when an object of the verb is an organisation named after a place
        ("the Montenegro Assembly"), not the place or actor mention itself."""
        objs = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        objs += [g for o in [verb, *objs] for c in o.children
                 if c.dep_ == "prep" and c.lower_ in _OBJ_PREPS
                 for g in c.children if g.dep_ == "pobj"]
        for o in objs:
            ent = next((e for e in (self._state or {}).get("ents", ())
                        if e.start <= o.i < e.end and e.label_ == "ORG"), None)
            # The head word is the body ("Assembly"), the mention only its qualifier.
            if ent is None or o.i != ent.root.i or _actor_token(item, o) is not None:
                continue
            named = {a.id for a in actors_in(item, ent.start_char, ent.end_char)} or \
                set(self._institution_place(item, o))
            if named & set(recipient):
                return recipient
        return ()

    def _institution_place(self, item: WorkItem, tok: Any) -> list[str]:
        """The state actor of the place an organisation is named after ("Baghdad University
        Medical School", "the Montenegro Assembly"): the name's leading one or two proper
        nouns, when the gazetteer knows them as a country or a large enough city."""
        if tok.ent_type_ not in ("ORG", "FAC") or self._state is None:
            return []
        ent = next((e for e in self._state.get("ents", ()) if e.start <= tok.i < e.end), None)
        if ent is None:
            return []
        words = [t for t in ent if t.lower_ != "the"]
        gaz = self._gaz()
        for n in (2, 1):
            # The place is a prefix of a longer name, and proper nouns only.
            if gaz is None or len(words) <= n or not all(t.pos_ == "PROPN" for t in words[:n]):
                continue
            first, last = words[0], words[n - 1]
            record = gaz.index.get(" ".join(t.lower_ for t in words[:n]))
            if record is None or not record[1] or record[4] < self.institution_min_pop:
                continue
            entry = self._state_entry(record[1]) if self._state_entry else None
            if entry is None or entry.kind != "state":
                return []
            spans = self._state["place_actors"].setdefault(entry.id, (entry, []))[1]
            spans.append(Span(first.idx, last.idx + len(last.text),
                              item.document.text[first.idx:last.idx + len(last.text)]))
            return [entry.id]
        return []

    def _pronoun_antecedent(self, item: WorkItem, tok: Any) -> str | None:
        """The state, organisation or group a subject or possessive "it"/"its"/"they"/"their"
        refers to: the nearest one named before it in the sentence ("Syria says it is willing
        to withdraw its troops"). The actors stage resolves pronouns to people only."""
        if tok.lower_ not in self.collective_pronouns or \
                tok.dep_ not in ("nsubj", "nsubjpass", "poss"):
            return None
        sent_start = tok.sent.start_char if tok.doc.has_annotation("SENT_START") else 0
        best: tuple[int, Actor] | None = None
        for a in actors_in(item, sent_start, tok.idx):
            for m in a.mentions:
                if sent_start <= m.start and m.end <= tok.idx and (best is None
                                                                     or m.start > best[0]):
                    # A demonym modifying a noun is no antecedent: in "Syria denied Turkish
                    # allegations that it ...", "it" is Syria.
                    span = tok.doc.char_span(m.start, m.end)
                    if span is not None and span.root.dep_ == "amod" and \
                            span.root.pos_ == "ADJ":
                        continue
                    best = (m.start, a)
        # The nearest party only: a person in between is the likelier referent.
        if best is None or best[1].kind in ("person", "anonymous"):
            return None
        return best[1].id

    def _object_actors(self, item: WorkItem, verb: Any, skip: Any = None,
                       depth: int = 0) -> tuple[str, ...]:
        out: list[str] = []
        weak: list[str] = []
        placed: list[str] = []
        for c in self._flat_preps(verb):
            if skip is not None and c.i == skip.i:
                continue
            if c.dep_ == "dative" and c.pos_ == "ADP":
                # "providing intelligence to Macedonia": a dative "to" is a preposition.
                out += [a for g in c.children if g.dep_ == "pobj"
                        for a in self._np_actors(item, g)]
            elif c.dep_ in ("dobj", "dative", "iobj", "attr", "oprd"):
                out += self._np_actors(item, c)
                # "sanctions against Russia", "crimes by Croatian extremists" as object
                out += self._object_preps(item, c)
            elif c.dep_ == "prep" and c.lower_ == "as" and not any(
                    d.dep_ == "dobj" for d in verb.children):
                # A heavy object after a predicative "as" phrase: "denounced as an ugly
                # crime Serbia's suppression of ..." (parsed as the phrase's apposition or
                # as its second object).
                pobjs = [g for g in c.children if g.dep_ == "pobj"]
                heavy = pobjs[1:] + [d for g in pobjs[:1] for d in g.children
                                     if d.dep_ == "appos"]
                out += [a for d in heavy for a in self._np_actors(item, d)]
            elif c.dep_ == "prep" and c.lower_ in _PLACE_PREPS and self._named_object(
                    item, verb, skip) and all(g.ent_type_ in _PLACE_ENTS
                                              for g in c.children if g.dep_ == "pobj"):
                # "received Arafat at the Vatican": after a named object, a place phrase is
                # where the act happened, not a second target.
                continue
            elif c.dep_ in ("prep", "prt") and (c.lower_ in _OBJ_PREPS or
                                                  (c.lower_ in _PLACE_PREPS and not out)):
                if c.dep_ == "prep" and not any(g.dep_ == "pobj" for g in c.children):
                    out += self._np_actors(item, _dangling_object(c))
                for g in c.children:
                    if g.dep_ != "pobj":
                        continue
                    # A name deep inside a circumstance ("with strings attached, Cuba", a
                    # misparsed list tail) is weaker than the target of a controlled act.
                    deep = _actor_token(item, g) is None and not any(
                        _actor_token(item, d) for d in g.children
                        if d.dep_ in ("amod", "compound", "poss", "nmod", "conj", "appos"))
                    found = self._np_actors(item, g)
                    if not found and c.lower_ == "to" and self._state is not None:
                        # "protested to Moscow": a capital or country the actors stage left
                        # unresolved is still the addressee's state.
                        found = self._places(item, g, self._state, whole=False)
                    if c.lower_ not in _OBJ_PREPS:
                        # "In a letter to the Security Council, Iraq accused Iran": a
                        # circumstance counts only when no object names a party.
                        placed.extend(found)
                        continue
                    (weak if deep and c.lower_ == "with" else out).extend(found)
            elif c.dep_ in ("ccomp", "xcomp") and not out:
                s = _child(c, ("nsubj", "nsubjpass"))
                if s is not None:
                    out += self._np_actors(item, s)
        if not out and depth < 2:
            # The target of a controlled act is the recipient of the governing one:
            # "threatened to break relations with Russia", "refused to deploy troops in Iraq",
            # "prepared to resume shelling Albanian territory".
            for c in verb.children:
                if c.dep_ == "xcomp" and _child(c, ("nsubj", "nsubjpass")) is None:
                    out += self._object_actors(item, c, skip, depth + 1)
            # ... and so is the object of its purpose: "sent troops to help the Angolan
            # government" (an infinitive clause without subject).
            # (only after an object of its own: "appealed for aid to cope with refugees from
            # Kuwait" is no act on Kuwait; and only the purpose's own object)
            if not out and depth == 0 and _child(verb, ("dobj",)) is not None:
                for c in verb.children:
                    if c.dep_ == "advcl" and c.i > verb.i and _child(c, ("nsubj", "nsubjpass",
                                                                        "mark")) is None \
                            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                        out += [a for o in c.children if o.dep_ in ("dobj", "dative")
                                for a in self._np_actors(item, o)]
            # A shared object of coordinated verbs hangs on the last one: "donated and
            # delivered goods to Baghdad", "condemned and rejected the plan".
            if not out and not any(c.dep_ in ("dobj", "dative") for c in verb.children):
                for c in verb.children:
                    if c.dep_ == "conj" and c.pos_ == "VERB" and \
                            _child(c, ("nsubj", "nsubjpass")) is None:
                        # Only its own objects: "met and decided to approve a plan" shares none.
                        out += self._object_actors(item, c, skip, 2)
        return tuple(dict.fromkeys(out + weak + ([] if out or weak else placed)))

    def _named_object(self, item: WorkItem, verb: Any, skip: Any) -> bool:
        """The verb has a direct or indirect object that names a party."""
        return any(c.dep_ in ("dobj", "dative", "iobj") and c.pos_ != "ADP"
                   and (skip is None or c.i != skip.i) and self._np_actors(item, c)
                   for c in verb.children)

    def _object_preps(self, item: WorkItem, obj: Any) -> list[str]:
        """Parties a verb's object names in its prepositional phrases ("sanctions against
        Russia", "crimes by Croatian extremists"). When the object names its own agent ("the
        withdrawal of Serbian forces from Bosnia", "the release of X from Y"), a "from" phrase
        is where the act starts, not a party of the event; with a "by" agent, the "of" phrase
        names only whom or what the act hit."""
        found = [(p.lower_, [a for g in p.children if g.dep_ == "pobj"
                             for a in self._np_actors(item, g)])
                 for p in obj.children
                 if p.dep_ == "prep" and (p.lower_ in _OBJ_PREPS or p.lower_ == "by"
                                          or p.lower_ in _PAIR_PREPS)]
        # "the shelling of Grozny by Russian troops": the agent, not the place it hit.
        # "Argentina's invasion of the Falklands": a possessor naming a party is the agent too.
        by = any(parties for word, parties in found if word == "by") or any(
            p.dep_ == "poss" and self._np_actors(item, p) for p in obj.children)
        agent = by or any(parties for word, parties in found if word == "of")
        # "vetoed a UN resolution on Bosnia": a document a party is named in as author is
        # aimed at that party; what it is "on" or "about" is its topic.
        # ("an American call for a ceasefire in Lebanon": what a request is for, too)
        authored = any(p.dep_ in ("poss", "compound", "amod", "nmod") and
                       self._np_actors(item, p) for p in obj.children)
        lemma = obj.lemma_.lower()
        topic = ("on", "about", "over") if authored and lemma in self.topic_nouns else ()
        if authored and lemma in self.request_nouns:
            topic = (*topic, "for")
        return [a for word, parties in found
                if not (agent and word == "from") and not (by and word == "of")
                and word not in topic for a in parties]

    def _inherited_subject(self, item: WorkItem, tok: Any) -> tuple[str, ...]:
        """The subject of a governing clause when this one has none ("agreed to meet",
        "... and launched the invasion", "threatening to ...")."""
        cur = tok
        for _ in range(4):
            if cur.dep_ not in ("xcomp", "conj", "advcl", "acl", "ccomp", "pcomp", "relcl",
                                "acomp") or \
                    cur.head.i == cur.i:
                return ()
            if cur.dep_ == "relcl" or (cur.dep_ == "acl" and cur.tag_ in ("VBD", "VBG")):
                # "... groups that donated", "troops guarding the border": the modified noun
                # is the subject (a past participle, "aid delivered by", is not).
                return self._np_actors(item, cur.head)
            parent = cur.head
            if cur.dep_ == "xcomp":
                # object control: "urged Putin to sign" -> Putin signs
                obj = _child(parent, ("dobj",))
                if obj is not None:
                    return self._np_actors(item, obj)
            subj = _child(parent, ("nsubj",))
            if subj is not None:
                return self._np_actors(item, subj)
            pas = _child(parent, ("nsubjpass",))
            if pas is not None and cur.dep_ != "xcomp":
                return self._np_actors(item, pas)
            cur = parent
        return ()

    def _condition_subject(self, item: WorkItem, tok: Any, actor: tuple[str, ...]
                           ) -> tuple[str, ...]:
        """A threat is aimed at whoever its condition names: "threatened to stop the talks if
        the United States goes ahead", "... unless the Kremlin closed its base"."""
        for v in [tok, *(c for c in tok.children if c.dep_ == "xcomp")]:
            for c in v.children:
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in self.cond_marks
                                             for m in c.children):
                    subj = _child(c, ("nsubj", "nsubjpass"))
                    found = self._np_actors(item, subj) if subj is not None else ()
                    return tuple(a for a in found if a not in actor)
        return ()

    def _proposal_recipient(self, tok: Any, state: dict[str, Any], actor: tuple[str, ...]
                            ) -> tuple[str, ...]:
        """An actor-less "the offer"/"the deal" as object refers to the last proposal made."""
        obj = _child(tok, ("dobj",))
        if obj is None or obj.lemma_.lower() not in self.proposal_nouns:
            return ()
        return tuple(a for a in state["proposal_actor"] if a not in actor)

    def _remember_proposals(self, item: WorkItem, tok: Any, actor: tuple[str, ...],
                            state: dict[str, Any]) -> None:
        for c in [tok, *tok.children]:
            if c.lemma_.lower() in self.proposal_nouns:
                own = [a for m in c.children if m.dep_ == "poss"
                       for a in self._np_actors(item, m)]
                if own or (actor and c.i != tok.i):
                    state["proposal_actor"] = tuple(own) or actor

    # ------------------------------------------------------------------ modality

    def _negated(self, tok: Any) -> bool:
        chain = [tok]
        if tok.dep_ in ("xcomp",) and tok.head.i != tok.i:
            chain.append(tok.head)
        for t in chain:
            for c in t.children:
                if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
                    return True
        return False

    def _modality(self, f: Found) -> None:
        tok = f.token
        verb = f.extra.get("light") or tok
        clause = [verb] + ([verb.head] if verb.dep_ in ("xcomp",) else [])
        auxes = {c.lower_ for v in clause for c in v.children if c.dep_ in ("aux", "auxpass")}
        lemmas = {c.lemma_.lower() for v in clause for c in v.children if c.dep_ in ("aux", "advmod")}
        negated = self._negated(verb) or (verb.i != tok.i and self._negated(tok))
        if f.pattern.neg:
            negated = False
        # (an infinitive the parser hung as an adverbial clause counts too: "have sworn to
        # fight")
        infinitive = verb.dep_ == "advcl" and _child(verb, ("nsubj", "nsubjpass")) is None \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        governing = verb.head.lemma_.lower() if verb.dep_ in ("xcomp", "ccomp") or \
            (infinitive and verb.head.lemma_.lower() in self.intent) else ""
        marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
        # An if/unless clause on the trigger or on a verb governing it ("would consider
        # lifting sanctions if Russia withdraws").
        governors = [verb] + [a for a in list(verb.ancestors)[:2] if a.pos_ in ("VERB", "AUX")]
        conditional = bool(marks & self.cond_marks) or any(
            c.dep_ == "advcl" and {m.lower_ for m in c.children if m.dep_ == "mark"} & self.cond_marks
            for g in governors for c in g.children)
        if negated:
            f.modality = "negated"
        elif conditional:
            f.modality = "conditional"
        elif auxes & self.possible or lemmas & self.possible:
            f.modality = "possible"
        elif auxes & {"will", "shall", "'ll", "wo"} or governing in self.intent or \
                ("would" in auxes and self._reported(verb)) or \
                (tok.pos_ == "NOUN" and any(c.lemma_.lower() in ("upcoming", "planned", "next",
                                                                  "future", "forthcoming")
                                            for c in tok.children)):
            f.modality = "future"
        elif auxes & self.hypothetical:
            f.modality = "hypothetical"
        f.extra["future_aux"] = bool(auxes & {"will", "would", "shall", "'ll", "wo"})
        f.extra["conditional"] = conditional

    def _reported(self, verb: Any) -> bool:
        """A clause reported after a past-tense verb of saying: its "would" is a backshifted
        "will" ("Iraq said it would allow the inspectors back"), a future, not a hypothetical."""
        cur = verb
        for _ in range(2):
            if cur.dep_ not in ("ccomp", "xcomp", "conj") or cur.head.i == cur.i:
                return False
            cur = cur.head
            if cur.lemma_.lower() in self.reporting and cur.tag_ in ("VBD", "VBN"):
                return True
        return False

    def _recode(self, f: Found) -> None:
        """Type changes the modality implies: declining to cooperate is a rejection; a future,
        conditional act of force or pressure is a threat (the CAMEO reading of both)."""
        if f.modality == "negated" and f.extra.get("future_aux") and f.type in self.coop_types:
            f.type, f.cameo, f.modality = "REJECT", "12", "asserted"
            f.rule += "+declined"
        elif f.type in self.threat_types and f.extra.get("future_aux") and \
                f.extra.get("conditional"):
            f.type, f.cameo, f.modality = "THREATEN", "13", "asserted"
            f.rule += "+conditional-threat"
        elif f.modality == "future" and (f.type in self.future_threat_types or (
                f.type == "REJECT" and f.token.lemma_.lower() in self.future_threat_heads)):
            f.type, f.cameo, f.modality = "THREATEN", "13", "asserted"
            f.rule += "+intent-threat"
        elif f.type == "CONSULT" and (f.modality == "conditional" or self._offered(f)):
            f.type, f.cameo, f.modality = "AGREE", "036", "asserted"
            f.rule += "+meeting-offer"
        elif f.type in self.future_offer_types and f.modality == "asserted" and \
                (f.extra.get("light") or f.token).lemma_.lower() in self.offer_verbs:
            f.type, f.cameo = "AGREE", "033"
            f.rule += "+offered"
        elif f.modality == "future" and f.type in self.future_offer_types:
            # An announced intention to cooperate is CAMEO 03 / PLOVER AGREE.
            f.type, f.cameo, f.modality = "AGREE", "03", "asserted"
            f.rule += "+intent-offer"

    def _offered(self, f: Found) -> bool:
        """The event (or its light verb) is the complement of an offer or readiness word:
        "agreed to meet", "is ready to host a meeting"."""
        cur = f.extra.get("light") or f.token
        if cur.dep_ == "xcomp" and cur.head.i != cur.i:
            return cur.head.lemma_.lower() in self.meeting_offer_governors
        return False

    # ------------------------------------------------------------------ attribution

    def _attribution(self, item: WorkItem, f: Found) -> None:
        pos = f.token.idx
        for q in item.quotes:
            if q.start <= pos < q.end:
                f.attributed_to = q.id
                return
        cur = f.extra.get("light") or f.token
        for _ in range(5):
            if cur.head.i == cur.i:
                break
            parent = cur.head
            # Only complements are the said content: a conjoined or adverbial clause
            # ("believed ... and urged Putin") is the subject's own act.
            if cur.dep_ in ("ccomp", "parataxis") and \
                    parent.lemma_.lower() in self.reporting:
                subj = _child(parent, ("nsubj",))
                speaker = _actor_token(item, subj) if subj is not None else None
                if speaker is None and subj is not None:
                    found = self._np_actors(item, subj)
                    speaker = found[0] if found else None
                if speaker is not None:
                    f.attributed_to = speaker
                    f.extra["speaker_verb"] = parent
                return
            cur = parent
        for tok in f.sent:
            if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and \
                    tok.doc[tok.i + 1].lower_ == "to":
                for g in tok.doc[tok.i + 1].children:
                    if g.dep_ == "pobj":
                        a = self._np_actors(item, g)
                        if a:
                            f.attributed_to = a[0]
                            return

    @staticmethod
    def _demoted_contents(found: list[Found]) -> None:
        """What a demand asks for did not happen: "demanding that the Turkish government
        provide information" reports a REQUEST, not an offer of aid. Events inside a verbal
        demand's clausal complement rank below it."""
        for f in found:
            if f.type != "REQUEST" or f.pattern.kind != "verb":
                continue
            # (a that-clause, or an infinitive with its own addressee: "urged X to sign";
            # "offered to hand over" is the actor's own act)
            addressed = any(c.dep_ in ("dobj", "dative") for c in f.token.children)
            inside = {t.i for c in f.token.children if c.dep_ == "ccomp"
                      or (c.dep_ == "xcomp" and addressed) for t in c.subtree}
            for g in found:
                if g is not f and g.token.i in inside and "+demanded" not in g.rule:
                    g.confidence -= 0.15
                    g.rule += "+demanded"

    def _speaker_events(self, item: WorkItem, sent: Any, found: list[Found],
                        reporting: list[int]) -> list[Found]:
        """Demands made through reported speech: "X said Y must withdraw" is X's REQUEST of Y.
        ``reporting``: indices of the document's reporting verbs, in order."""
        out = []
        lo, hi = bisect.bisect_left(reporting, sent.start), bisect.bisect_left(reporting, sent.end)
        for tok in (sent.doc[i] for i in reporting[lo:hi]):
            subj = _child(tok, ("nsubj",))
            speaker = self._np_actors(item, subj) if subj is not None else ()
            for comp in tok.children:
                if comp.dep_ != "ccomp":
                    continue
                esubj = _child(comp, ("nsubj", "nsubjpass"))
                target = self._np_actors(item, esubj) if esubj is not None else ()
                if speaker and target and not set(target) & set(speaker) and any(
                        t.lemma_.lower() in self.accusation_nouns for t in comp.subtree):
                    pat = Pattern(id="ACCUSE.112.speech.pretext", kind="verb", head=tok.lemma_,
                                  extra=(), type="ACCUSE", cameo="112")
                    out.append(Found(tok, pat, sent=sent, actor=speaker, recipient=target, type="ACCUSE",
                                     cameo="112", rule=pat.id, confidence=0.6))
                    continue
                auxes = " ".join(c.lower_ for c in comp.children if c.dep_ == "aux")
                if not any(d in auxes.split() or d == auxes for d in self.deontic) and not any(
                        c.lemma_ in ("have", "need") and _child(c, ("xcomp",)) is not None
                        for c in [comp] if c.lemma_ in ("have", "need")):
                    continue
                if not (speaker or target) or set(target) & set(speaker):
                    continue
                pat = Pattern(id="REQUEST.10.speech.deontic", kind="verb", head=tok.lemma_,
                              extra=(), type="REQUEST", cameo="10")
                out.append(Found(tok, pat, sent=sent, actor=speaker, recipient=target, type="REQUEST",
                                 cameo="10", rule=pat.id, confidence=0.55))
                # What Y "must" do is the content of the demand, not something that happened:
                # the demand is what the sentence reports.
                inside = {t.i for t in comp.subtree}
                for f in found:
                    if f.token.i in inside:
                        f.confidence -= 0.15
                        f.rule += "+demanded"
        return out

    # ------------------------------------------------------------------ when and where

    def _when_where(self, f: Found, published: date | None, ents: list[Any]) -> None:
        anchor = f.extra.get("light") or f.token
        forward = f.modality == "future"
        for ent in ents:
            if ent.label_ == "DATE" and f.date is None and _attached(ent, anchor, f.token):
                f.date = resolve_date(ent.text, published, forward=forward)
        for ent in ents:
            if ent.label_ in ("GPE", "LOC", "FAC") and _placed(ent, anchor, f.token):
                loc = self._gaz().lookup(ent.text, ent.start_char, ent.end_char) if self._gaz() \
                    else None
                if loc is not None:
                    f.location = loc
                    break

    def _gaz(self) -> Any:
        if self._gazetteer is None and self._gazetteer_factory is not None:
            self._gazetteer = self._gazetteer_factory()
        return self._gazetteer


# ---------------------------------------------------------------------- parse helpers

def _published(item: WorkItem) -> date | None:
    from detente.events.dates import parse_published

    return parse_published(item.document.published)


def _inflections(lemmas: frozenset[str]) -> frozenset[str]:
    """Regular -s/-ed/-ing forms of one-word verb lemmas ("stage" -> "stages", "staged")."""
    out = set()
    for w in lemmas:
        if " " in w:
            continue
        stem = w[:-1] if w.endswith("e") else w
        out.update({w, w + "s", w + "es", stem + "ed", stem + "ing"})
    return frozenset(out)


def _child(tok: Any, deps: tuple[str, ...]) -> Any:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _prominence(tok: Any, bare_noun: bool) -> float:
    """Main-clause triggers are what a sentence reports; embedded ones are often purposes or
    contents ("threatened to impose restrictions"): a small confidence bonus by depth."""
    depth = 0
    while tok.head.i != tok.i and depth < 4:
        tok = tok.head
        depth += 1
    return {0: 0.1, 1: 0.05}.get(depth, 0.0) - (0.05 if bare_noun else 0.0)


def _has_clause(tok: Any) -> bool:
    return any(c.dep_ in ("ccomp", "parataxis") for c in tok.children) or any(
        c.dep_ == "ccomp" for c in tok.head.children if tok.dep_ == "conj")


def _near_words(tok: Any, kind: str) -> set[str]:
    """Words and lemmas of the trigger's near dependents (within two arcs); for a noun also
    its governing verb and the word before it."""
    near = set()
    for c in tok.children:
        near.add(c.lemma_.lower())
        near.add(c.lower_)
        for g in c.children:
            near.add(g.lemma_.lower())
            near.add(g.lower_)
    if kind == "noun":
        near.add(tok.head.lemma_.lower())  # "lodged a protest": the governing verb
        if tok.i > 0:
            near.add(tok.doc[tok.i - 1].lower_)
    return near


def _frame(tok: Any, extra: tuple[str, ...], kind: str, near: set[str] | None = None) -> bool:
    """Every extra word of a frame is a near dependent (particle, preposition, object,
    complement or modifier, within two arcs) of the trigger (``near``: its
    :func:`_near_words`, when the caller has them)."""
    near = _near_words(tok, kind) if near is None else near
    return all(w in near for w in extra) and not (kind == "verb" and _prepositional_particle(
        tok, extra))


# Particles of intransitive phrasal verbs ("give in", "back down", "pull out").
_PARTICLES = frozenset({"in", "up", "out", "down", "off", "over", "back", "away"})


def _prepositional_particle(tok: Any, extra: tuple[str, ...]) -> bool:
    """A one-particle frame matched only by a preposition with its own object (or inside the
    object phrase) in a transitive use of the verb: "gave Vietnam $10 million in aid" is no
    "give in"; "handed over the suspects" is "hand over"."""
    if len(extra) != 1 or extra[0] not in _PARTICLES:
        return False
    if not any(c.dep_ in ("dobj", "dative") for c in tok.children):
        return False
    # (the particle of the verb itself, not a preposition inside its object phrase)
    return not any(c.lower_ == extra[0] and not (
        c.dep_ == "prep" and any(g.dep_ == "pobj" for g in c.children)) for c in tok.children)


def _phrase_path(tok: Any, root: Any) -> bool:
    """tok lies in root's phrase without crossing a clause boundary."""
    cur = tok
    for _ in range(8):
        if cur.i == root.i:
            return True
        if cur.dep_ in _CLAUSE_DEPS or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _np_conjuncts(root: Any) -> list[Any]:
    """The conjuncts in root's list ("Russian and Ukrainian delegations"): conj tokens of its
    subtree reached over conj, amod, compound and poss arcs only, in text order. Walks those
    arcs down instead of testing the whole subtree: a subject's subtree can be a long clause."""
    found = []
    stack = [root]
    while stack:
        for c in stack.pop().children:
            if c.dep_ in _NP_ARCS:
                stack.append(c)
                if c.dep_ == "conj":
                    found.append(c)
    return sorted(found, key=lambda t: t.i)


_NP_ARCS = ("conj", "amod", "compound", "poss")


def _dangling_object(prep: Any) -> Any:
    """The noun phrase right after a preposition the parser left without object ("granted
    asylum to five officers holed up ..." parsed with "officers" as a clause subject): the
    nearest noun whose phrase starts right after the preposition, or None."""
    doc = prep.doc
    if prep.i + 1 >= len(doc):
        return None
    cur = doc[prep.i + 1]
    for tok in (cur, *cur.ancestors):
        if tok.left_edge.i != prep.i + 1 or tok.i in (prep.i, prep.head.i):
            return None
        if tok.pos_ in ("NOUN", "PROPN"):
            return tok
    return None


def _mentions(item: WorkItem, actor_id: str) -> tuple[Span, ...]:
    return next((a.mentions for a in item.actors if a.id == actor_id), ())


def _actor_token(item: WorkItem, tok: Any) -> str | None:
    if tok is None:
        return None
    actor = actor_at(item, tok.idx, tok.idx + len(tok.text))
    return actor.id if actor else None


def _attached(ent: Any, anchor: Any, trigger: Any) -> bool:
    """A DATE entity belongs to the event when its head chain reaches the trigger (or its light
    verb) within three arcs, or it sits inside a nominal trigger's phrase."""
    if trigger.pos_ == "NOUN" and trigger.left_edge.i <= ent.start and ent.end <= trigger.i + 1:
        return True
    cur = ent.root
    for _ in range(3):
        cur = cur.head
        if cur.i in (anchor.i, trigger.i):
            return True
        if cur.head.i == cur.i:
            break
    return False


def _placed(ent: Any, anchor: Any, trigger: Any) -> bool:
    """A place entity locates the event when it is the object of a locative preposition
    attached to the trigger or its light verb ("talks in Istanbul", "struck Kyiv overnight"
    is a target, not a place)."""
    prep = ent.root.head
    if ent.root.dep_ != "pobj" or prep.lower_ not in _PLACE_PREPS:
        return False
    # ... or attached to the trigger's object ("held talks in Istanbul").
    near = {anchor.i, trigger.i} | {c.i for c in anchor.children if c.dep_ in ("dobj", "attr")}
    return prep.head.i in near
