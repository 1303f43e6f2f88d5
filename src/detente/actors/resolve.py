"""Finding actor mentions in a parsed document and resolving them to canonical actors.

Rules, in the order they run (each mention records the rule that produced it):

- ``name``: a knowledge-base name or alias (PhraseMatcher over normalised token norms, with a
  case check so "US" the state is not "us" the pronoun);
- ``surname``: a bare surname, first to a person named in full in the same document, else to
  the one KB person with that surname (role at the date breaks ties);
- ``fuzzy``: a capitalised word that is a transliteration variant or a one-letter misspelling
  of a person already in the document or of a KB surname (never when two people are in reach);
- ``new``: a NER PERSON span the KB does not know, with country and role taken from a title
  or apposition ("Ukrainian adviser Mykhailo Podolyak");
- ``title``: a role without a name ("the Russian president", "the Kremlin chief", "the envoy"),
  resolved to the role holder at the article's date or to a same-role person of the document;
- ``metonym``: seats of power ("the Kremlin", "Washington") only in subject/possessor/agent
  position ("in Moscow" is a place);
- ``state``/``org``: states and organisations by name;
- ``seat``: a government named by its seat or installer with no state qualifier ("the
  government in Aden", "the Aden-based government", "the Moscow-installed administration");
- ``group``: "<country> <agent noun>" ("Ukrainian forces" -> UKR MIL), plural demonyms;
- ``anonymous``: unnamed sources with count and affiliation ("three people close to the Kremlin");
- ``pronoun``/``former``: he/his/him/she/her and "the former"/"the latter" to the most recent
  compatible person, with binding constraints (a non-reflexive object pronoun is not its own
  clause's subject; a reflexive is);
- ``description``: a definite description of an organisation or group ("the group", "the
  movement", "the militia", "the group's negotiators") to the most recent earlier actor of a
  kind and sector the description fits (``org_descriptions`` in resolver_titles.yaml); "the
  kingdom"/"the island" to the one state of the document its ``descriptors`` fit;
- ``possessive``: "its"/"their" to the organisation, group or state that is the subject of the
  nearest clause above the pronoun ("Hamas said its negotiators ..."), else of the previous
  clause; never to a person or to coordinated subjects (``org_possessives``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from spacy.attrs import IDX, LOWER, POS

from detente.actors.kb import Entry, KnowledgeBase, normalize, slug, translit_key
from detente.actors.lookup import is_dateline
from detente.facts import Actor, Span
from detente.nlp.backbone import doc_text

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "poss"})
OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "iobj"})
_QUOTE_RE = re.compile(r"“[^”]*”|\"[^\"\n]*\"|«[^»]*»")
_BLOCKING = frozenset({"former", "ex", "deputy", "vice", "acting", "late", "first", "then",
                       "future", "next", "previous", "outgoing", "incoming", "would-be"})


def _before_participle(doc: Any, j: int, participles: set[str]) -> bool:
    """Whether token ``j`` is a hyphen followed by one of ``participles`` ("Libyan*-backed*",
    "military*-led*"): what stands before it modifies the noun after."""
    return j + 1 < len(doc) and doc[j].text == "-" and doc[j + 1].lower_ in participles


@dataclass
class Target:
    """What a mention refers to; one Target per output actor."""

    key: str
    kind: str
    name: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    kb_id: str | None = None
    role: str | None = None
    count: int | None = None
    affiliation: str | None = None
    gender: str | None = None
    role_key: str | None = None  # for "the envoy" lookups within the document
    doc_role: str | None = None  # role key a title in this document gave the person
    # A title or apposition marks a new person as a public figure of some state ("former
    # President X", "X, Algeria's leading activist") even when it gives no sector.
    titled: bool = False


@dataclass
class Mention:
    i: int  # first token
    j: int  # end token (exclusive)
    target: Target
    rule: str


@dataclass
class _Match:
    kind: str  # A alias | S surname | M metonym | D demonym
    norm: str
    i: int
    j: int


@dataclass
class _DocState:
    doc: Any
    date: str | None
    mentions: list[Mention] = field(default_factory=list)
    covered: dict[int, _Match] = field(default_factory=dict)  # token -> name match
    used: set[int] = field(default_factory=set)  # tokens inside emitted mentions
    quotes: list[tuple[int, int]] = field(default_factory=list)
    attached: dict[int, dict[str, Any]] = field(default_factory=dict)  # titles on names
    targets: dict[str, Target] = field(default_factory=dict)
    _rows: Any = None
    _translit: dict[str, str] = field(default_factory=dict)

    def having(self, column: int, values: Iterable[str]) -> list[int]:
        """Indices of the tokens whose LOWER (column 1) or POS (column 2) is one of ``values``.
        Read from arrays once per document: passes that look at only a few kinds of token
        skip the rest without making a Token object for each."""
        if not len(self.doc):
            return []
        if self._rows is None:
            self._rows = self.doc.to_array([IDX, LOWER, POS])
        strings = self.doc.vocab.strings
        wanted = np.array([strings[v] for v in values], dtype=self._rows.dtype)
        return np.flatnonzero(np.isin(self._rows[:, column], wanted)).tolist()

    def with_pos(self, *tags: str) -> list[int]:
        """Indices of the tokens whose coarse part of speech is one of ``tags``."""
        return self.having(2, tags)

    def translit(self, word: str) -> str:
        """``translit_key`` remembered for this document (names recur within it)."""
        key = self._translit.get(word)
        if key is None:
            key = self._translit[word] = translit_key(word)
        return key

    def add(self, i: int, j: int, target: Target, rule: str) -> Mention:
        target = self.targets.setdefault(target.key, target)
        m = Mention(i, j, target, rule)
        self.mentions.append(m)
        self.used.update(range(i, j))
        return m

    def in_quote(self, char: int) -> bool:
        k = bisect.bisect_right(self.quotes, (char, 10**12)) - 1
        return k >= 0 and self.quotes[k][0] <= char < self.quotes[k][1]


def _shape(word: str) -> str:
    if len(word) > 1 and word.isupper():
        return "U"
    return "C" if word[:1].isupper() else "l"


def _case_ok(shapes: set[tuple[str, ...]], tokens: list[str]) -> bool:
    """The text's casing fits one of the alias spellings (acronyms upper, names capitalised)."""
    for shape in shapes:
        if len(shape) != len(tokens):
            continue
        if all(s == "l" or (s == "U" and (t.isupper() or not t.isalpha()))
               or (s == "C" and t[:1].isupper()) for s, t in zip(shape, tokens, strict=True)):
            return True
    return False


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, giving up (limit + 1) once it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for x, ca in enumerate(a, 1):
        cur = [x]
        for y, cb in enumerate(b, 1):
            cur.append(min(prev[y] + 1, cur[y - 1] + 1, prev[y - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def _plurals(phrase: str) -> list[str]:
    words = phrase.split()
    last = words[-1]
    if last.endswith("man"):
        plural = last[:-3] + "men"
    elif last.endswith("person"):
        plural = last[:-6] + "people"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return [phrase, " ".join([*words[:-1], plural])]


def _dateline(span: Any) -> bool:
    """"MOSCOW —" / "Kyiv, Ukraine" opening a line: a dateline, not an actor."""
    return is_dateline(doc_text(span.doc), span.start_char, span.end_char)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


# Prepositions of place: a gazetteer place after one is where, whatever pronoun follows.
_LOCATIVE_PREPOSITIONS = frozenset({"in", "to", "from", "near", "around", "across", "inside",
                                    "outside", "into", "towards", "toward", "at"})

# A deputy's title ending right before a name: "First Vice-President Riek Machar" is titled
# "President" by the title matcher, but is no head of state (see _namesake).
_VICE = re.compile(r"\b(vice|deputy)\W*\w*\W*$", re.IGNORECASE)

# A description of an armed non-state group ("the rebel delegation"): see _armed_modifier.
_ARMED_GROUP: dict[str, Any] = {"kinds": ["group"], "sectors": ["REB", "INS", "UAF"],
                                "described": None, "kb_only": False, "named": None}


def _name_after(st: _DocState, m: Mention) -> set[str]:
    """Lowercase words of the capitalised name a mention runs on into ("*the European Union*
    Monitoring Mission"): the body the name goes on to name is the mentioned actor's."""
    words: set[str] = set()
    for t in st.doc[m.j:m.j + 4]:
        if not (t.is_title and t.is_alpha) or t.i in st.covered:
            break
        words.add(t.lower_)
    return words


def _fix_norms(doc: Any) -> None:
    """Give non-ASCII tokens the KB's normalisation (diacritics, curly apostrophes)."""
    # Only tokens holding a non-ASCII character: found from the text, not by visiting all.
    if not len(doc):
        return
    starts = doc.to_array(IDX).tolist()
    seen = set()
    for m in _NON_ASCII.finditer(doc_text(doc)):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i < 0 or i in seen:
            continue
        seen.add(i)
        t = doc[i]
        if not t.text.isascii():
            t.norm_ = normalize(t.text)


class Resolver:
    """Mention finding and resolution; matchers are built once per process (``bind``)."""

    def __init__(self, kb: KnowledgeBase, places: Callable[[str], Any] | None = None) -> None:
        """``places``: a gazetteer lookup (name -> a Location-like object with ``name`` and
        ``country``, or None), so that places NER calls people do not become people."""
        self.kb = kb
        self.places = places
        self.vocab = kb.vocab
        self._nlp: Any = None
        self.names: Any = None
        self.titles: Any = None
        self.shapes: dict[str, set[tuple[str, ...]]] = {}
        self.title_keys: dict[str, str] = {}
        self.head_words = {normalize(w) for w in self.vocab.head_words}
        self.regions = {normalize(k): v for k, v in self.vocab.regions.items()}
        self.group_forms = {form: lemma for lemma in self.vocab.group_nouns
                            for form in _plurals(lemma)}
        # One-word state names by first letter, for misspellings ("Ethopia").
        self.state_words: dict[str, set[str]] = {}
        for e in kb.entries.values():
            if e.kind == "state":
                for n in (normalize(a) for a in (e.name, *e.aliases)):
                    if " " not in n and len(n) >= 6 and len(kb.lookup(n)) == 1:
                        self.state_words.setdefault(n[0], set()).add(n)

    # Building -----------------------------------------------------------------------------

    def bind(self, nlp: Any) -> Resolver:
        """Build the phrase matchers with ``nlp``'s tokenizer (once)."""
        if self._nlp is nlp:
            return self
        from spacy.matcher import PhraseMatcher

        self._nlp = nlp
        self.names = PhraseMatcher(nlp.vocab, attr="NORM")
        patterns: dict[str, set[str]] = {}
        for e in self.kb.entries.values():
            for alias in (e.name, *e.aliases):
                patterns.setdefault(f"A|{normalize(alias)}", set()).add(alias)
            for s in e.surnames:
                patterns.setdefault(f"S|{normalize(s)}", set()).add(s)
            for d in e.demonyms:
                patterns.setdefault(f"D|{normalize(d)}", set()).add(d)
            for text, _sector, _amb in e.metonyms:
                patterns.setdefault(f"M|{normalize(text)}", set()).add(text)
        for word in self.vocab.regions:
            patterns.setdefault(f"R|{normalize(word)}", set()).add(word)
        for key, surfaces in patterns.items():
            docs = list(nlp.tokenizer.pipe(sorted(surfaces)))
            for d in docs:
                _fix_norms(d)
                self.shapes.setdefault(key, set()).add(tuple(_shape(t.text) for t in d))
            self.names.add(key, docs)
        self.titles = PhraseMatcher(nlp.vocab, attr="LOWER")
        phrases = dict(self.vocab.title_phrases())
        phrases.update({w: "head" for w in self.head_words})
        for phrase, key in phrases.items():
            for form in _plurals(phrase):
                self.title_keys[form] = key
                # Abbreviations tokenise by case ("Gen." is one token, "gen." two): both.
                docs = {tuple(t.text.lower() for t in d): d
                        for d in (nlp.make_doc(form), nlp.make_doc(form.title()))}
                self.titles.add(f"T|{form}", list(docs.values()))
        return self

    # Entry points ---------------------------------------------------------------------------

    def resolve(self, doc: Any, date: str | None = None,
                excluded: list[tuple[int, int]] | None = None) -> list[Actor]:
        """Actors with their mentions in ``doc`` (dates pick role holders; None = latest)."""
        st = _DocState(doc, date)
        st.quotes = sorted((m.start(), m.end()) for m in _QUOTE_RE.finditer(doc_text(doc)))
        _fix_norms(doc)
        skip = excluded or []
        matches = [self._owner_of_modifier(doc, m) if self._backer(doc, m.j) else m
                   for m in self._name_matches(doc, skip) if not self._stance(doc, m.i)]
        matches = [m for m in matches if m is not None and not self._backer(doc, m.j)]
        matches = self._compound_demonyms(doc, matches)
        matches = self._misspelled_states(st, matches, skip)
        for m in matches:
            for k in range(m.i, m.j):
                st.covered[k] = m
        self._full_names(st, matches)
        attached, standalone = self._titles(st, skip)
        st.attached = attached
        self._unknown_people(st, matches, attached, skip)
        self._surnames(st, matches)
        for i, j, start, key, country in standalone:
            if start > 0 and st.doc[start - 1].lower_ in ("its", "their") and country is None:
                continue  # "*Its* spokesman said": the group's, not the last spokesman named
            if st.used.isdisjoint(range(start, j)):
                target = self._title_target(st, key, country, i, st.doc[start:j].text)
                if target is not None:
                    st.add(start, j, target, "title")
        self._described_groups(st)
        self._metonyms_states_orgs(st, matches)
        self._seated_governments(st, skip)
        self._groups_and_anonymous(st, skip)
        self._leftover_qualifiers(st, matches)
        self._org_descriptions(st, skip)
        self._org_possessives(st, skip)
        # The side an apposition names ("Its spokesman, X") before the story's one state
        self._apposed_affiliations(st)
        self._domestic_titles(st)
        self._pronouns(st, skip)
        return self._actors(st)

    # Name matching ---------------------------------------------------------------------------

    def _name_matches(self, doc: Any, skip: list[tuple[int, int]]) -> list[_Match]:
        strings = doc.vocab.strings
        found = []
        for match_id, i, j in self.names(doc):
            key = strings[match_id]
            span = doc[i:j]
            if any(s < span.end_char and span.start_char < e for s, e in skip):
                continue
            if not _case_ok(self.shapes.get(key, set()), [t.text for t in span]):
                continue
            kind, _, norm = key.partition("|")
            if kind == "D" and span[-1].ent_type_ == "PERSON" and (
                    (j < len(doc) and doc[j].ent_iob_ == "I" and doc[j].ent_type_ == "PERSON"
                     and doc[j].is_alpha and doc[j].lower_ not in self.title_keys
                     and not (j + 1 < len(doc) and doc[j + 1].text == "."))  # "Kenyan Maj."
                    or (span.root.dep_ == "nsubj"
                        and span.root.head.lemma_.lower() in self.vocab.person_cue_verbs)):
                continue  # a first name that is also a people's name ("Karen Bass", "Karen said")
            found.append(_Match(kind, norm, i, j))
        # Longest first, then alias over surname over metonym/demonym for the same tokens.
        rank = {"A": 0, "S": 1, "M": 2, "D": 3, "R": 4}
        found.sort(key=lambda m: (-(m.j - m.i), rank[m.kind], m.i))
        taken: set[int] = set()
        kept = []
        for m in found:
            if taken.isdisjoint(range(m.i, m.j)):
                kept.append(m)
                taken.update(range(m.i, m.j))
        return sorted(kept, key=lambda m: m.i)

    def _misspelled_states(self, st: _DocState, matches: list[_Match],
                           skip: list[tuple[int, int]]) -> list[_Match]:
        """"Ethopia", "Afganistan": a lone capitalised word one edit from a one-word state
        name (six letters or more) is that state, unless it is a known place, name or
        surname, or part of a longer name ("Columbia University")."""
        doc = st.doc
        taken = {k for m in matches for k in range(m.i, m.j)}
        found = []
        for i in st.with_pos("PROPN"):
            t = doc[i]
            if i in taken or not (t.is_alpha and t.is_title and len(t) >= 6) or \
                    t.ent_type_ not in ("", "GPE", "NORP", "LOC"):
                continue
            if any(0 <= k < len(doc) and k not in taken and doc[k].pos_ == "PROPN"
                   and doc[k].is_title for k in (i - 1, i + 1)):
                continue
            if any(s <= t.idx < e for s, e in skip):
                continue
            norm = normalize(t.text)
            near = {n for n in self.state_words.get(norm[0], ())
                    if _edit_distance(n, norm, 1) <= 1}
            # A known demonym is no misspelling ("Syrian" left out of "Syrian-backed").
            if len(near) != 1 or self.kb.lookup(t.text) or self.kb.surname(t.text) or \
                    self.kb.demonym(t.text) or self._gazetteer_place(t.text):
                continue
            found.append(_Match("A", near.pop(), i, i + 1))
        return sorted([*matches, *found], key=lambda m: m.i) if found else matches

    def _stance(self, doc: Any, i: int) -> bool:
        """A name after "anti-"/"pro-" ("an anti-Syria journalist") is the object of a stance,
        not a party or the modified noun's country."""
        prefixes = self.vocab.stance_prefixes
        if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in prefixes:
            return True
        return i >= 1 and doc[i - 1].lower_.rstrip("-") in prefixes and \
            doc[i - 1].text.endswith("-")

    def _owner_of_modifier(self, doc: Any, m: _Match) -> _Match | None:
        """A body's name that is the first half of a modifier ("Sudan's army" in "Sudan's
        army-backed government"): its owner, a one-word state before "'s", names the noun's
        owner; else nothing."""
        if m.j - m.i < 3 or doc[m.i + 1].tag_ != "POS":
            return None
        norm = normalize(doc[m.i].text)
        found = self.kb.lookup(norm)
        return _Match("A", norm, m.i, m.i + 1) if len(found) == 1 and \
            found[0].kind == "state" else None

    def _backer(self, doc: Any, j: int) -> bool:
        """A name before "-backed"/"-sponsored" ("Libyan-backed rebels") names the backer of
        the group, neither a party of the noun nor the group's own country."""
        return _before_participle(doc, j, self.vocab.backing_participles)

    def _compound_demonyms(self, doc: Any, matches: list[_Match]) -> list[_Match]:
        """Two state adjectives side by side with no hyphen or conjunction are one people
        named by residence and origin: "Greek Cypriot leaders" are Cyprus's, "Bosnian Serb
        forces" and "Kosovo Albanian leaders" are those of the first state (the second word
        is an ethnic group's, listed in ``ethnonyms``). The pair becomes one match of the
        state of residence; "Israeli-Palestinian talks" (hyphen) keeps both."""
        out: list[_Match] = []
        for m in matches:
            prev = out[-1] if out else None
            if prev is not None and prev.j == m.i and prev.kind in ("A", "D") and \
                    m.kind == "D" and doc[prev.j - 1].whitespace_ and \
                    (e1 := self._state_of(prev)) is not None and \
                    (e2 := self.kb.demonym(m.norm)) is not None and e1.id != e2.id and \
                    (m.norm in self.vocab.ethnonyms or self._people_noun(doc, m.j - 1)):
                keep = prev if m.norm in self.vocab.ethnonyms else m
                out[-1] = _Match(keep.kind, keep.norm, prev.i, m.j)
                continue
            out.append(m)
        return out

    def _people_noun(self, doc: Any, k: int) -> bool:
        """Token ``k`` (the second demonym) names people: a plural ("Greek Cypriots") or
        the modifier of a group noun or title ("Greek Cypriot leaders", "... President X"),
        not of a dyadic noun ("Israeli Palestinian talks" stays two parties)."""
        if doc[k].tag_ in ("NNS", "NNPS"):
            return True
        nxt = doc[k + 1] if k + 1 < len(doc) else None
        return nxt is not None and (nxt.lemma_.lower() in self.vocab.group_nouns
                                    or nxt.lower_ in self.title_keys)

    def _state_of(self, m: _Match) -> Entry | None:
        """The state a demonym or a one-entry state name match names, else None."""
        if m.kind == "D":
            return self.kb.demonym(m.norm)
        entries = self.kb.lookup(m.norm)
        return entries[0] if len(entries) == 1 and entries[0].kind == "state" else None

    def _entry_target(self, e: Entry, date: str | None) -> Target:
        country, sector, code, role = e.at(date)
        r = e.role_at(date)
        kind = e.kind if e.kind in ("person", "state", "organization", "group") else "organization"
        return Target(key=e.id, kind=kind, name=e.name, country=country, sector=sector,
                      code=code, kb_id=e.id, role=role, gender=e.gender,
                      role_key=r.key if r else None, affiliation=e.affiliation_at(date))

    def _full_names(self, st: _DocState, matches: list[_Match]) -> None:
        for m in matches:
            if m.kind != "A":
                continue
            entries = self.kb.lookup(m.norm)
            persons = [e for e in entries if e.kind == "person"]
            if len(entries) == 1 and persons:
                st.add(m.i, m.j, self._entry_target(persons[0], st.date), "name")

    def _persons_in_doc(self, st: _DocState) -> list[Target]:
        seen: dict[str, Target] = {}
        for m in st.mentions:
            if m.target.kind == "person":
                seen.setdefault(m.target.key, m.target)
        return list(seen.values())

    def _surnames(self, st: _DocState, matches: list[_Match]) -> None:
        for m in matches:
            if m.kind not in ("S", "A") or m.i in st.used:
                continue
            if m.kind == "A" and len(self.kb.lookup(m.norm)) == 1:
                continue  # unique non-person aliases are handled with states/orgs
            if m.i in st.used:
                continue  # (joined to a neighbour's new name below)
            target = self._by_surname(st, st.doc[m.i:m.j].text, m.i)
            if not target:
                continue
            if self._other_given_name(st, m, target):
                person = self._new_person(st, st.doc[m.i - 1:m.j], st.attached.get(m.i - 1))
                if person is not None:
                    st.add(m.i - 1, m.j, person, "new")
                continue
            clash = self._clashing_surname(st, m, target)
            if clash is None:
                st.add(m.i, m.j, target, "surname")
            elif st.used.isdisjoint(range(*clash)):
                person = self._new_person(st, st.doc[clash[0]:clash[1]],
                                          st.attached.get(clash[0]))
                if person is not None:
                    st.add(clash[0], clash[1], person, "new")

    def _other_given_name(self, st: _DocState, m: _Match, target: Target) -> bool:
        """"Juan Ortega" is not Daniel Ortega: a capitalised name word right before the surname
        that none of the known person's names has makes it someone else (left to the unknown
        people step). Titles and names of other actors before it do not count."""
        if m.i == 0 or target.kb_id is None:
            return False
        prev = st.doc[m.i - 1]
        if not (prev.pos_ == "PROPN" and prev.is_alpha and prev.is_title and len(prev) > 1) \
                or prev.i in st.covered or prev.lower_ in self.title_keys \
                or normalize(prev.text) in self.vocab.not_names:
            return False
        entry = self.kb.get(target.kb_id)
        if entry is None or entry.kind != "person":
            return False
        words = {normalize(w) for n in (entry.name, *entry.aliases) for w in n.split()}
        return normalize(prev.text) not in words

    def _clashing_surname(self, st: _DocState, m: _Match, target: Target
                          ) -> tuple[int, int] | None:
        """"General Michel Aoun": two adjacent name words that are the surnames of two
        different people (Charles Michel, Joseph Aoun) are one unknown person's name, whose
        token range is returned."""
        for k in (m.i - 1, m.j):
            other = st.covered.get(k)
            if other is None or other is m or other.kind not in ("S", "A"):
                continue
            if other.kind == "A" and any(e.kind != "person" for e in self.kb.lookup(other.norm)):
                continue
            t = self._by_surname(st, st.doc[other.i:other.j].text, other.i)
            if t is not None and t.key != target.key:
                return min(m.i, other.i), max(m.j, other.j)
        return None

    def _by_surname(self, st: _DocState, word: str, at: int) -> Target | None:
        """A surname to a person of this document, else to the one KB person it names."""
        key = normalize(word)
        local = [t for t in self._persons_in_doc(st)
                 if any(normalize(s) == key for s in self._surnames_of(t))]
        if len(local) == 1:
            return local[0]
        if len(local) > 1:
            return None
        people = [e for e in self.kb.surname(word) if e.kind == "person"]
        if len(people) > 1:
            live = [e for e in people if e.role_at(st.date) is not None]
            people = live if len(live) == 1 else people
        return self._entry_target(people[0], st.date) if len(people) == 1 else None

    def _surnames_of(self, t: Target) -> tuple[str, ...]:
        """The bare names that point back to a person named in full earlier in the document.
        A knowledge-base person whose surname is too common to match on its own (``surnames:
        []``: "Peter Sørensen", "Rajnath Singh") is still "Sørensen" after a full mention."""
        e = self.kb.get(t.kb_id) if t.kb_id else None
        if e:
            if e.surnames or e.kind != "person":
                return e.surnames
            return tuple(dict.fromkeys(w[-1] for w in (n.split() for n in (e.name, *e.aliases))
                                       if len(w) >= 2 and w[-1][:1].isupper()))
        words = t.name.split()
        return (words[-1],) if words else ()

    # Titles ---------------------------------------------------------------------------------

    def _qualifier(self, st: _DocState, i: int) -> tuple[int, Entry | None, str | None, bool]:
        """Walk left from token ``i`` over the modifiers of a title or group noun.

        Returns (first token of the phrase, the qualifying state/org entry or None,
        a region code or None, whether a blocking word like "former"/"deputy" was seen).
        """
        doc = st.doc
        start, entry, region, blocked = i, None, None, False
        k = i - 1
        steps = 0
        while k >= 0 and steps < 5:
            t = doc[k]
            lower = t.lower_
            if lower in _BLOCKING or lower.startswith("ex-"):
                blocked = True
                start = k
            elif k in st.covered and entry is None:
                m = st.covered[k]
                e = self._qualifying_entry(m)
                if e is None and m.kind == "R":
                    region = self.regions[m.norm]["code"]
                elif e is None:
                    break
                entry = entry or e
                start = m.i
                k = m.i - 1
                steps += 1
                continue
            elif t.tag_ == "POS" or lower in ("'s", "’s"):
                pass
            elif lower in self.vocab.compound_participles and k > 1 and doc[k - 1].tag_ == "HYPH":
                # a compound modifier ("Mali's military-led government", "Sudan's army-backed
                # government"): its first half names no owner, even a known body ("army")
                m = st.covered.get(k - 2)
                start = k - 2 if m is None else m.i
                k = start - 1
                steps += 2
                continue
            elif t.pos_ in ("ADJ", "NOUN", "PROPN", "NUM") and not t.is_sent_start:
                if t.pos_ == "PROPN" and k not in st.covered:
                    break
                start = k if entry is None and region is None else start
            else:
                break
            k -= 1
            steps += 1
        return start, entry, region, blocked

    def _qualifying_entry(self, m: _Match) -> Entry | None:
        if m.kind == "D":
            return self.kb.demonym(m.norm)
        if m.kind == "M":
            hit = self.kb.metonym(m.norm)
            return hit[0] if hit else None
        if m.kind == "A":
            entries = self.kb.lookup(m.norm)
            if len(entries) == 1 and entries[0].kind != "person":
                return entries[0]
        return None

    def _title_matches(self, st: _DocState, skip: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
        doc = st.doc
        strings = doc.vocab.strings
        found = []
        for match_id, i, j in self.titles(doc):
            span = doc[i:j]
            if any(s < span.end_char and span.start_char < e for s, e in skip):
                continue
            if any(k in st.covered for k in range(i, j)):
                continue
            found.append((i, j, self.title_keys[strings[match_id][2:]]))
        found.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
        taken: set[int] = set()
        kept = []
        for i, j, key in found:
            if taken.isdisjoint(range(i, j)):
                kept.append((i, j, key))
                taken.update(range(i, j))
        return sorted(kept)

    def _person_span_after(self, st: _DocState, j: int) -> tuple[int, int] | None:
        """A name starting at token ``j`` (or after a comma): KB match or NER PERSON."""
        doc = st.doc
        for k in (j, j + 1):
            if k >= len(doc) or (k == j + 1 and doc[j].text != ","):
                continue
            if k in st.covered and st.covered[k].i == k and st.covered[k].kind in ("A", "S"):
                m = st.covered[k]
                return m.i, m.j
            if doc[k].ent_type_ == "PERSON" and doc[k].ent_iob_ == "B":
                end = k + 1
                while end < len(doc) and doc[end].ent_iob_ == "I":
                    end += 1
                return k, end
            end = k
            # "Ukrainian adviser Oleksandr Bevz": capitalised proper nouns right after a title
            # are a name even when NER misses them.
            while (end < len(doc) and end - k < 3 and doc[end].pos_ == "PROPN"
                   and doc[end].is_title and doc[end].is_alpha and end not in st.covered):
                end += 1
            if end > k:
                return k, end
        return None

    def _titles(self, st: _DocState, skip: list[tuple[int, int]]
                ) -> tuple[dict[int, dict[str, Any]], list[tuple[int, int, int, str, str | None]]]:
        """Titles attached to names (keyed by the name's first token) and standalone titles
        (i, j, phrase start, role key, country) to resolve once all names are known."""
        doc = st.doc
        attached: dict[int, dict[str, Any]] = {}
        standalone: list[tuple[int, int, int, str, str | None]] = []
        for i, j, key in self._title_matches(st, skip):
            start, entry, _region, blocked = self._qualifier(st, i)
            plural = doc[j - 1].tag_ in ("NNS", "NNPS")
            if entry is None:
                entry = self._of_state(st, j)
            country = entry.country if entry is not None and entry.kind == "state" else None
            after = self._person_span_after(st, j)
            needs_name = bool(self.vocab.titles.get(key, {}).get("needs_name"))
            # A rank is a title only when capitalised in front of a person's name.
            if needs_name and (not doc[i].text[:1].isupper()
                               or not self._named_person(st, after)):
                continue
            root = doc[i:j].root  # ("secretary-general": the appos is "secretary")
            if after is None and root.dep_ == "appos":
                head = root.head
                if head.i in st.covered:
                    after = (st.covered[head.i].i, st.covered[head.i].j)
                elif head.ent_type_ == "PERSON":
                    # "Kofi Annan, UN secretary-general": the whole name, keyed by its start.
                    k = head.i
                    while k > 0 and doc[k].ent_iob_ == "I":
                        k -= 1
                    after = (k, head.i + 1)
            if after is not None:
                attached[after[0]] = {"key": key, "country": country, "blocked": blocked,
                                      "end": after[1],
                                      "title": doc[start:j].text, "org": entry}
                continue
            prev = start - 1
            while prev >= 0 and doc[prev].is_quote:
                prev -= 1
            indefinite = prev >= 0 and doc[prev].lower_ in ("a", "an")
            if blocked or plural or indefinite or key in ("official", "diplomat", "minister", "ambassador",
                                            "lawmaker", "commander"):
                continue
            standalone.append((i, j, start, key, country))
        return attached, standalone

    def _named_person(self, st: _DocState, span: tuple[int, int] | None) -> bool:
        """The span after a rank is a person's name: a KB person, an NER PERSON, or two or more
        capitalised words that NER does not take for anything else ("General Assembly" and
        "General Motors" are not people)."""
        if span is None:
            return False
        i, j = span
        m = st.covered.get(i)
        if m is not None and m.kind in ("A", "S"):
            return any(e.kind == "person" for e in self.kb.lookup(m.norm)) or m.kind == "S"
        doc = st.doc
        if doc[i].ent_type_ == "PERSON":
            return True
        return j - i >= 2 and all(doc[k].ent_type_ in ("", "PERSON") for k in range(i, j))

    def _of_state(self, st: _DocState, j: int) -> Entry | None:
        """The state a title names after it: "the president of Armenia" is Armenia's
        president, never another president of the document."""
        doc = st.doc
        if j + 1 >= len(doc) or doc[j].lower_ != "of":
            return None
        k = j + 1
        if doc[k].lower_ == "the" and k + 1 < len(doc):
            k += 1
        m = st.covered.get(k)
        e = self._qualifying_entry(m) if m is not None and m.i == k else None
        return e if e is not None and e.kind == "state" else None

    def _title_target(self, st: _DocState, key: str, country: str | None,
                      at: int, phrase: str) -> Target | None:
        # The document's own holder of the title comes first: after "Kofi Annan, UN
        # secretary-general", "the UN secretary-general" is Annan whatever the KB says holds
        # the office at the publication date.
        titled_here = [m for m in st.mentions if m.i < at and m.target.kind == "person"
                       and m.target.doc_role == key
                       and (country is None or m.target.country in (None, country))]
        if titled_here:
            return max(titled_here, key=lambda m: m.i).target
        named = self.kb.titled(re.sub(r"^(the|a|an)\s+", "", phrase, flags=re.I), st.date)
        if len(named) == 1:
            return self._entry_target(named[0], st.date)
        if key == "head":
            if country is None:
                return None
            e = self.kb.head_of(country, st.date)
            return self._entry_target(e, st.date) if e else None
        if country is not None:
            found = self.kb.holders(key, country, st.date)
            if len(found) == 1:
                return self._entry_target(found[0], st.date)
        # The document's own people with this role: most recent before, else the only one.
        people = [m for m in st.mentions if m.target.kind == "person"
                  and (country is None or m.target.country in (None, country))]
        # A title the document itself gave ("his envoy Steve Witkoff") beats a KB role.
        local = ([m for m in people if m.target.doc_role == key]
                 or [m for m in people if m.target.role_key == key])
        before = [m for m in local if m.i < at]
        if before:
            return max(before, key=lambda m: m.i).target
        if len({m.target.key for m in local}) == 1:
            return local[0].target
        return None

    # Unknown people and fuzzy names --------------------------------------------------------

    def _unknown_people(self, st: _DocState, matches: list[_Match],
                        attached: dict[int, dict[str, Any]], skip: list[tuple[int, int]]) -> None:
        doc = st.doc
        # Titles attached to KB names tell the document-local role ("the envoy" later on).
        for m in list(st.mentions):
            info = attached.get(m.i)
            if info and not info["blocked"] and self._namesake(st, m, info):
                # "Defence Minister Pedro Sánchez" in a story from Bogotá is not Spain's
                # prime minister: a named office the known person never held is someone else's
                person = self._new_person(st, doc[m.i:m.j], info)
                if person is not None:
                    m.target = st.targets.setdefault(person.key, person)
                    continue
            if info and not info["blocked"]:
                m.target.doc_role = info["key"]
                m.target.role_key = m.target.role_key or info["key"]
        candidates: list[tuple[int, int, bool]] = []  # (i, j, from NER)
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                i, j = ent.start, ent.end
                while i < j and (doc[i].lower_ in self.title_keys or not doc[i].is_alpha
                                 or normalize(doc[i].text) in self.vocab.not_names):
                    i += 1
                while j > i and (doc[j - 1].tag_ == "POS" or not doc[j - 1].text[:1].isalpha()):
                    j -= 1
                if i < j and all(k not in st.covered for k in range(i, j)):
                    candidates.append((i, j, True))
        for i, info in attached.items():
            j = info["end"]
            if all(k not in st.covered for k in range(i, j)) and not any(
                    c[0] <= i < c[1] for c in candidates):
                candidates.append((i, j, True))
        seen = {c[0] for c in candidates}
        for t in (doc[i] for i in st.with_pos("PROPN")):
            if (t.pos_ == "PROPN" and t.is_alpha and t.is_title and len(t) >= 4
                    and t.i not in st.covered and t.i not in seen
                    and not any(c[0] <= t.i < c[1] for c in candidates)
                    and normalize(t.text) not in self.vocab.not_names):
                candidates.append((t.i, t.i + 1, False))
        # Full names first, so a variant met earlier ("Witkov") can join a later full name.
        for i, j, from_ner in sorted(candidates, key=lambda c: (c[0] + 1 == c[1], c[0])):
            span = doc[i:j]
            if any(s < span.end_char and span.start_char < e for s, e in skip):
                continue
            if any(c.isdigit() for c in span.text) or not all(
                    w.text[:1].isupper() or w.text in ("-", ".", "'") for w in span):
                continue
            if self._place_like(span):
                continue  # "the Zaporizhzhia and Kherson regions": NER calls places people
            target, rule = self._fuzzy(st, span)
            if target is None and from_ner:
                target, rule = self._new_person(st, span, attached.get(i)), "new"
                if target is not None and target.kb_id is None and \
                        target.key not in st.targets and self._place_not_person(
                            st, span, attached.get(i)):
                    continue
            if target is not None:
                st.add(i, j, target, rule)

    def _namesake(self, st: _DocState, m: Mention, info: dict[str, Any]) -> bool:
        """Whether a title put before a known person's name is an office that person never
        held (in any country), one that names a single holder per state (a head of state or
        government, a minister with a portfolio): then the name is someone else's."""
        target = m.target
        entry = self.kb.get(target.kb_id) if target.kb_id else None
        org = info.get("org")
        if entry is None or entry.kind != "person" or not entry.roles \
                or info["key"] not in self.vocab.single_holder_roles \
                or (org is not None and org.kind != "state"):
            return False  # ("Commission President Ursula von der Leyen": the body's office)
        if info["country"] and any(r.country == info["country"] for r in entry.roles):
            return False
        at = st.doc[m.i].idx
        if _VICE.search(doc_text(st.doc)[max(0, at - 30):at]):
            return False
        return all(r.key != info["key"] for r in entry.roles)

    def _fuzzy(self, st: _DocState, span: Any) -> tuple[Target | None, str]:
        """Transliteration variants and misspellings of known names, with ambiguity guards."""
        words = [w.text for w in span if w.is_alpha]
        if not words:
            return None, ""
        last = words[-1]
        people = self._persons_in_doc(st)
        if len(words) > 1:
            # "Melania Trump" is not "Donald Trump": a different first name is a different person.
            first = normalize(words[0])
            people = [t for t in people if normalize(t.name.split()[0]) == first
                      or st.translit(t.name.split()[0]) == st.translit(words[0])]
        key = st.translit(last)
        local = {t.key: t for t in people
                 if any(st.translit(s) == key for s in self._surnames_of(t))}
        if len(local) == 1:
            return next(iter(local.values())), "fuzzy"
        if len(local) > 1:
            return None, ""
        if len(words) == 1:
            # A name given first and then alone, as Ethiopian and Eritrean names are
            # ("Government spokesman Legesse Tulu ... Legesse said"): the one new person of
            # the document whose name starts with it.
            given = {t.key: t for t in people if not t.kb_id and len(t.name.split()) > 1
                     and st.translit(t.name.split()[0]) == key}
            if len(given) == 1:
                return next(iter(given.values())), "fuzzy"
        if len(words) == 1 or not people:
            kb = [e for e in self.kb.surname(last) if e.kind == "person"]
            if len(kb) == 1 and len(last) >= 5:
                return self._entry_target(kb[0], st.date), "fuzzy"
        # One-letter misspellings only against people the document already names.
        limit = 1 if len(last) < 7 else 2
        near: dict[str, Target] = {}
        for t in people:
            for s in self._surnames_of(t):
                if (len(last) >= 4 and s[:1].casefold() == last[:1].casefold()
                        and _edit_distance(normalize(s), normalize(last), limit) <= limit):
                    near[t.key] = t
        if len(near) == 1:
            return next(iter(near.values())), "fuzzy"
        return None, ""

    def _place_not_person(self, st: _DocState, span: Any, info: dict[str, Any] | None) -> bool:
        """"the Rhine", "shelled Kismayo": a name NER took for a person that the gazetteer knows
        as a place (or that follows "the") is not a new person, unless a person cue supports
        it: a title, a speech verb it is the subject of, or a he/she pronoun after it."""
        if info is not None:
            return False
        doc = st.doc
        first = doc[span.start]
        the = span.start > 0 and doc[span.start - 1].lower_ == "the"
        if not the and not self._gazetteer_place(span.text):
            return False
        root = span.root
        if root.dep_ in ("nsubj", "nsubjpass") and \
                root.head.lemma_.lower() in self.vocab.person_cue_verbs:
            return False
        head = root
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        if head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE_PREPOSITIONS:
            return True  # "state authority in Goma and *Bukavu*, he added": where, not who
        # A he/she later in the sentence, or in the next one before any other name.
        sent_end = first.sent.end
        nxt = doc[sent_end].sent.end if sent_end < len(doc) else sent_end
        for k in range(span.end, nxt):
            if doc[k].lower_ in self.vocab.person_cue_pronouns:
                return False
            if k >= sent_end and doc[k].pos_ == "PROPN":
                break
        return True

    def _gazetteer_place(self, name: str) -> bool:
        """The gazetteer knows ``name`` by that very name (not an alternate spelling of
        another place: GeoNames lists "Zia" for Trento)."""
        hit = self.places(name) if self.places is not None else None
        return hit is not None and normalize(hit.name) == normalize(name)

    def _place_like(self, span: Any) -> bool:
        tok = span.root
        for _ in range(3):
            if tok.dep_ in ("compound", "amod", "conj", "nmod") and tok.head is not tok:
                tok = tok.head
                if tok.lemma_.lower() in self.vocab.place_nouns:
                    return True
            else:
                break
        return False

    def _new_person(self, st: _DocState, span: Any, info: dict[str, Any] | None) -> Target | None:
        words = [w.text for w in span if not w.is_punct]
        if not words or len(words) > 4:
            return None
        name = " ".join(words)
        if len(words) == 1:
            # A lone surname of a new person named earlier in full.
            for t in self._persons_in_doc(st):
                if t.kb_id is None and t.name.split()[-1] == name:
                    return t
        key = f"new:{slug(name)}"
        if key in st.targets:
            return st.targets[key]
        target = Target(key=key, kind="person", name=name, titled=bool(info))
        if info and not info["blocked"]:
            target.role = info["title"]
            target.role_key = target.doc_role = info["key"]
            org = info.get("org")
            if info["country"]:
                target.country = info["country"]
            elif org is not None and org.kind == "group" and org.code:
                # "Hamas official Omar Haddad": a member speaks for the group and takes its
                # code, as a KB person leading an armed or political group does.
                target.affiliation = org.name
                target.country, target.sector, target.code = org.country, org.sector, org.code
                return target
            elif org is not None and org.kind != "state":
                target.affiliation = org.name
                target.country = org.country
            spec = self.vocab.titles.get(info["key"], {})
            target.sector = spec.get("sector") if target.country else None
            if target.country:
                target.code = f"{target.country}{target.sector or ''}"
                target.affiliation = target.affiliation or target.country
            elif org is not None and org.sector == "IGO":
                # "Kofi Annan, UN secretary-general": an official of the organisation.
                target.sector = "IGO"
                target.code = org.code or "IGO"
        return target

    # States, organisations, metonyms -------------------------------------------------------

    def _metonyms_states_orgs(self, st: _DocState, matches: list[_Match]) -> None:
        doc = st.doc
        for m in matches:
            if m.i in st.used or m.kind not in ("A", "M", "D"):
                continue
            span = doc[m.i:m.j]
            root = span.root
            if m.kind == "A":
                entries = self.kb.lookup(m.norm)
                if len(entries) != 1 or entries[0].kind == "person":
                    continue
                e = entries[0]
                if self._is_qualifier(st, root, e.kind == "state") or \
                        (e.kind == "state" and self._region_named(st, root, e)):
                    continue
                st.add(m.i, m.j, self._entry_target(e, st.date),
                       "state" if e.kind == "state" else "org")
            elif m.kind == "M":
                hit = self.kb.metonym(m.norm)
                # "a *Kremlin* spokesman said": the seat speaks through its spokesperson
                spokes = root.dep_ == "compound" and \
                    self.title_keys.get(root.head.lower_) == "spokesperson" and \
                    self._subject_like(root.head)
                if hit is None or hit[2] or not (self._subject_like(root) or spokes) or \
                        _dateline(span):
                    continue
                e, sector, _ = hit
                if e.kind == "state":
                    target = Target(key=f"{e.code}{sector}", kind="state",
                                    name=f"{e.name} ({sector})", country=e.code, sector=sector,
                                    code=f"{e.code}{sector}", kb_id=e.id)
                else:
                    target = self._entry_target(e, st.date)
                st.add(m.i, m.j, target, "metonym")
            elif m.kind == "D" and root.tag_ in ("NNPS", "NNS"):  # ("Sierra Leoneans")
                e = self.kb.demonym(m.norm)
                nxt = doc[m.j] if m.j < len(doc) else None
                if e is not None and (nxt is None or nxt.pos_ not in ("NOUN", "PROPN")):
                    start, home = self._residence(st, m, e)
                    st.add(start, m.j, self._group_target(home.code, None, home.name)
                           if home is not e else self._group_target(e.code, None, e.name),
                           "group")

    def _region_named(self, st: _DocState, root: Any, e: Entry) -> bool:
        """A state's name used for a region: "Greek Macedonia" (another state's adjective on
        it), "the Macedonia region" (a place noun after it)."""
        if root.dep_ == "compound" and root.head.lemma_.lower() in self.vocab.region_nouns:
            return True
        for c in root.children:
            m = st.covered.get(c.i) if c.dep_ in ("amod", "compound", "nmod") else None
            other = self._qualifying_entry(m) if m is not None else None
            if other is not None and other.kind == "state" and other.id != e.id:
                return True
        return False

    def _residence(self, st: _DocState, m: _Match, e: Entry) -> tuple[int, Entry]:
        """Residence over ethnicity (the CAMEO/PLOVER convention): "Bosnian Serbs" are
        Bosnia's, "ethnic Albanians in Serbia" Serbia's. Returns the mention start and the
        state the people group belongs to (``e`` when the text names no other)."""
        doc = st.doc
        prev = doc[m.i - 1] if m.i > 0 else None
        if prev is not None and prev.dep_ in ("amod", "compound") and prev.head.i == m.i \
                and prev.i not in st.used:
            home = self.kb.country_of(prev.text)
            if home is not None and home.id != e.id:
                return m.i - 1, home
        # "the Albanians of southern Serbia"; "in" only for an explicit "ethnic X" (Russians in
        # Ukraine may be visitors), where the parse often hangs "in" on the verb.
        ethnic = prev is not None and prev.lower_ == "ethnic"
        preps = ("in", "of") if ethnic else ("of",)
        for k in range(m.j, min(m.j + 2, len(doc) - 1)):
            if doc[k].lower_ in preps and (doc[k].head.i == m.i or (ethnic and k == m.j)):
                home = self._place_country(st, doc[k])
                if home is not None and home.id != e.id:
                    return m.i, home
        home = self._lives_in(st, doc[m.j - 1])
        if home is not None and home.id != e.id:
            return m.i, home
        return m.i, e

    def _place_country(self, st: _DocState, prep: Any) -> Entry | None:
        """The state of the place a preposition's object names ("in southeastern Serbia",
        "in Tetovo"): a state, capital or demonym of the KB, else a gazetteer place."""
        for g in prep.children:
            if g.dep_ != "pobj":
                continue
            home = self.kb.country_of(g.text)
            if home is None and g.pos_ == "PROPN":
                hit = self.places(g.text) if self.places is not None else None
                home = self.kb.get(hit.country) if hit is not None and hit.country else None
            if home is not None and home.kind == "state":
                return home
        return None

    def _lives_in(self, st: _DocState, noun: Any) -> Entry | None:
        """"guerrillas operating in Macedonia", "Kurds living in Iraq": the state a group
        noun's participle of residence (``residence_verbs``) places it in."""
        for v in noun.children:
            if v.dep_ not in ("acl", "relcl") or v.lemma_.lower() not in self.vocab.residence_verbs:
                continue
            for p in v.children:
                if p.dep_ == "prep" and p.lower_ in ("in", "inside", "within"):
                    home = self._place_country(st, p)
                    if home is not None:
                        return home
        return None

    def _is_qualifier(self, st: _DocState, root: Any, is_state: bool = True) -> bool:
        """A state name modifying a title, group or person ("U.S. envoy", "U.S. officials")."""
        if root.dep_ not in ("compound", "amod", "nmod", "poss"):
            return False
        if not is_state:
            return False  # organisations stay mentions ("NATO allies", "NATO Secretary General")
        head = root.head
        if head.i in st.covered and st.covered[head.i].kind in ("A", "S"):
            found = self.kb.lookup(st.covered[head.i].norm)
            # "Sudan's Rapid Support Forces": the state only places its own group.
            own = len(found) == 1 and found[0].kind == "group" and \
                self._qualifying_entry(st.covered[root.i]) is not None and \
                found[0].country == self._qualifying_entry(st.covered[root.i]).country \
                if root.i in st.covered else False
            return head.ent_type_ == "PERSON" or found == [] or own
        lemma = head.lemma_.lower()
        return (lemma in self.vocab.group_nouns or lemma in self.vocab.anonymous_nouns
                or head.lower_ in self.title_keys)

    @staticmethod
    def _subject_like(tok: Any) -> bool:
        """Subject, possessor or passive agent: where a place name stands for its government."""
        for _ in range(3):
            if tok.dep_ in SUBJECT_DEPS:
                return True
            if tok.dep_ == "pobj" and tok.head.lower_ == "by" and tok.head.dep_ == "agent":
                return True
            if tok.dep_ == "conj":
                tok = tok.head
                continue
            return False
        return False

    def _leftover_qualifiers(self, st: _DocState, matches: list[_Match]) -> None:
        """A state name or demonym left over modifying a noun names its state as a party:
        "an Indian proposal", "Ukrainian troop withdrawal", "Iraqi Kurds", "a top U.S.
        official", "a French minister". Runs after groups, titles and anonymous sources, so
        "Ukrainian forces" (group) and "Ukrainian President X" (title) keep their readings."""
        doc = st.doc
        for m in matches:
            if m.kind not in ("A", "D") or not st.used.isdisjoint(range(m.i, m.j)):
                continue
            e = self._qualifying_entry(m)
            if e is None or e.kind != "state":
                continue
            root = doc[m.i:m.j].root
            if m.kind == "A" and self._region_named(st, root, e):
                continue
            if m.kind == "D" and m.j < len(doc) and doc[m.j].lower_ in ("and", "or"):
                # "Sierra Leonean and Liberian refugees" whatever the parse (two-word
                # demonyms are often parsed as the subject, the noun as their conjunct).
                group = next((x for x in st.mentions if x.i == m.j + 1
                              and x.target.kind == "group"), None)
                if group is not None:
                    self._coordinated_group(st, m, e, doc[group.j - 1])
                    continue
            head = root.head
            if head.lower_ in self.vocab.leading_participles and head.head.pos_ == "NOUN" and \
                    st.used.isdisjoint(range(m.i, head.head.i + 1)):
                # "Vietnamese-led forces": the leading state's group.
                noun = head.head
                sector = self.vocab.group_nouns.get(noun.lemma_.lower())
                st.add(m.i, noun.i + 1, self._group_target(
                    e.country, sector, f"{e.name}-led {noun.lemma_.lower()}"), "group")
                continue
            if root.dep_ not in ("amod", "compound", "nmod", "poss") or head.i == root.i or \
                    head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ == "PERSON":
                continue
            if head.i in st.used:
                self._coordinated_group(st, m, e, head)
                continue
            # A title in front of a name is the person's ("U.S. envoy Steve Witkoff").
            if head.lower_ in self.title_keys and (head.head.ent_type_ == "PERSON"
                                                   or head.head.i in st.used):
                continue
            lemma = head.lemma_.lower()
            # A role with the name in apposition ("Ukraine's lead negotiator, Rustem Umerov,
            # said") is a named person's, not an unnamed source: the state stays a qualifier.
            named = any(c.dep_ == "appos" and (c.ent_type_ == "PERSON" or c.i in st.used)
                        for c in head.children)
            if lemma in self.vocab.anonymous_nouns and not named and \
                    st.used.isdisjoint(range(m.i, head.i + 1)):
                # "a senior U.S. official said": one unnamed source of that country.
                start = self._count_start(doc, self._qualifier(st, head.i)[0], head.i)
                sector = self.vocab.anonymous_nouns.get(lemma)
                st.add(start, head.i + 1, Target(
                    key=f"anon:q{head.i}", kind="anonymous", name=doc[start:head.i + 1].text,
                    country=e.country, sector=sector, code=f"{e.country}{sector or ''}",
                    count=None if head.tag_ == "NNS" else 1, affiliation=e.name), "anonymous")
                continue
            st.add(m.i, m.j, self._entry_target(e, st.date), "qualifier")

    def _coordinated_group(self, st: _DocState, m: _Match, e: Entry, head: Any) -> None:
        """"US and British forces": the group mention starts at the last qualifier ("British
        forces"); a state coordinated with it ("US and") names a group of its own."""
        doc = st.doc
        k = m.j
        while k < len(doc) and doc[k].lower_ in ("and", "or", ","):
            k += 1
        other = next((x for x in st.mentions if x.i <= head.i < x.j), None)
        if other is None or other.i != k or other.target.kind != "group":
            return
        t = other.target
        lemma = head.lemma_.lower()
        st.add(m.i, m.j, self._group_target(e.country, t.sector, f"{e.name} {lemma}"), "group")

    def _domestic_titles(self, st: _DocState) -> None:
        """A titled person the KB does not know ("President Yoweri Museveni", "Judge Alejandro
        Rivera") takes the country of the one state named alongside them, when every sentence
        that mentions them names exactly that one country; otherwise the country stays unknown."""
        doc = st.doc
        by_sent: dict[int, set[str]] = {}
        sent_of = {}
        for sent in doc.sents:
            for i in range(sent.start, sent.end):  # (indices: no Token objects needed)
                sent_of[i] = sent.start
        for m in st.mentions:
            if m.target.kind in ("state", "group") and m.target.country:
                by_sent.setdefault(sent_of.get(m.i, -1), set()).add(m.target.country)
        # States named as qualifiers, demonyms or capitals count too ("the Zambian people",
        # "in Abidjan"): they place the sentence in one country.
        for m in {id(m): m for m in st.covered.values()}.values():
            e = self._qualifying_entry(m)
            if e is not None and e.kind == "state" and e.country:
                by_sent.setdefault(sent_of.get(m.i, -1), set()).add(e.country)
        for target in list(st.targets.values()):
            if target.kind != "person" or target.kb_id or target.country or target.sector:
                continue  # (a sector without a country: an IGO official)
            sector = self.vocab.titles.get(target.role_key or "", {}).get("sector")
            if sector not in ("GOV", "MIL", "JUD", "LEG"):
                # "former President X" (no longer in office), "X, Algeria's leading activist":
                # the country without a sector.
                if not target.titled and not self._apposed_state(st, target):
                    continue
                sector = None
            countries = set()
            for m in st.mentions:
                if m.target is target:
                    countries |= by_sent.get(sent_of.get(m.i, -1), set())
            # A bare "spokesman" may speak for a rebel group, so it needs the word "government".
            official = sector in ("GOV", "MIL") and (
                target.role_key != "spokesperson" or self._government_titled(st, target))
            if not countries and official:
                # "Government spokesman Abebe Kebede said" in a story naming one state only
                # (Ethiopia's government): that state's official.
                countries = set().union(*by_sent.values())
            if len(countries) != 1 and official:
                # "government spokesman Colonel X", "Foreign Minister X" in a story naming
                # several states: the one state whose government the document names ("Mali's
                # military-led government", "the federal government" of the story's state).
                countries = self._governments_named(st) or countries
            if len(countries) != 1 and official:
                # ... else the state the story was filed from ("ADDIS ABABA — ... government
                # spokesman Legesse Tulu said" in a story naming Ethiopia and Eritrea)
                countries = self._dateline_state(st) or countries
            if len(countries) == 1:
                target.country = countries.pop()
                target.sector = sector
                target.code = f"{target.country}{sector or ''}"
                target.affiliation = target.affiliation or target.country

    def _dateline_state(self, st: _DocState) -> set[str]:
        """The state of the place a story's dateline names ("ADDIS ABABA —"), as a set of one;
        empty with no dateline or a place of no known state."""
        for m in {id(m): m for m in st.covered.values()}.values():
            if m.i < 6 and _dateline(st.doc[m.i:m.j]):
                e = self._qualifying_entry(m)
                if e is not None and e.kind == "state" and e.country:
                    return {e.country}
        return set()

    @staticmethod
    def _governments_named(st: _DocState) -> set[str]:
        """The states whose government the document names as a body ("Mali's government", "the
        army-led government"), when that is exactly one; else the empty set."""
        states = {m.target.country for m in st.mentions
                  if m.target.kind == "group" and m.target.sector == "GOV" and m.target.country
                  and m.target.name.lower().endswith(" government")}
        return states if len(states) == 1 else set()

    def _government_titled(self, st: _DocState, target: Target) -> bool:
        """The word "government" in a person's title ("Government spokesman Abebe Kebede"),
        within the few words before a mention of the name."""
        doc = st.doc
        return "government" in (target.role or "").lower() or any(
            doc[k].lower_ == "government"
            for m in st.mentions if m.target is target
            for k in range(max(m.i - 3, 0), m.i))

    def _apposed_affiliations(self, st: _DocState) -> None:
        """A new person described by a role in an apposition that names one side: "Ahmed Salem,
        *the Polisario Front's representative* at the UN", "Ali Karti, *an adviser to the
        RSF commander*", "*a senior official of the group*, Omar Haddad" (the group named
        before). The person speaks for that side and takes its code; a state's official is
        its government's (GOV)."""
        roles = self.vocab.affiliation_roles
        if not roles:
            return
        doc = st.doc
        for target in list(st.targets.values()):
            if target.kind != "person" or target.kb_id or target.code or target.country:
                continue
            sides: dict[str, Target] = {}
            for m in [m for m in st.mentions if m.target is target]:
                name = doc[m.j - 1]
                phrases = [(c.left_edge.i, c.right_edge.i + 1, c) for c in name.children
                           if c.dep_ == "appos"]
                if name.dep_ == "appos" and name.head.i < m.i:
                    head = name.head  # "a senior official of the group, Omar Haddad"
                    phrases.append((head.left_edge.i, m.i, head))
                for a, b, root in phrases:
                    if root.lemma_.lower() not in roles:
                        continue
                    # The side the role noun itself attaches ("the Polisario Front's
                    # representative at the UN": the Front, not the UN), else the phrase's.
                    attached = [root.i] + [c.i for c in root.children if c.dep_ == "poss"] + [
                        g.i for c in root.children if c.dep_ == "prep"
                        and c.lower_ in ("of", "to", "for") for g in c.children
                        if g.dep_ == "pobj"]
                    inside = [o for o in st.mentions if a <= o.i < b
                              and o.target is not target and o.target.code
                              and o.target.kind != "anonymous"
                              and (o.target.kind != "person" or o.target.kb_id)]
                    near = [o for o in inside if any(o.i <= k < o.j for k in attached)]
                    for o in near or inside:
                        sides[o.target.code or ""] = o.target
            if len(sides) != 1:
                continue
            side = next(iter(sides.values()))
            if side.kind == "state" or (side.kind == "group" and not side.sector):
                target.country, target.sector = side.country, "GOV"
                target.code = f"{side.country}GOV"
            else:
                target.country, target.sector, target.code = side.country, side.sector, side.code
            target.affiliation = side.affiliation if side.kind == "person" else \
                side.name if side.kind != "state" else side.country

    def _apposed_state(self, st: _DocState, target: Target) -> bool:
        """A person's name with an apposition that names a state ("Salaheddine Sidhoum,
        Algeria's leading human rights activist")."""
        for m in st.mentions:
            if m.target is not target:
                continue
            for c in st.doc[m.j - 1].children:
                if c.dep_ == "appos" and any(
                        k in st.covered and (e := self._qualifying_entry(st.covered[k]))
                        is not None and e.kind == "state"
                        for k in range(c.left_edge.i, c.right_edge.i + 1)):
                    return True
        return False

    # Groups and anonymous sources -----------------------------------------------------------

    def _group_target(self, country: str | None, sector: str | None, name: str,
                      region: str | None = None) -> Target:
        code = f"{country or region or ''}{sector or ''}" or None
        return Target(key=f"group:{code or slug(name)}", kind="group", name=name,
                      country=country, sector=sector, code=code,
                      affiliation=country or region)

    def _groups_and_anonymous(self, st: _DocState, skip: list[tuple[int, int]]) -> None:
        doc = st.doc
        anon_n = 0
        for t in (doc[i] for i in st.with_pos("NOUN", "PROPN")):
            if t.i in st.used or t.i in st.covered:
                continue
            lemma = t.lemma_.lower()
            many = t.tag_ == "NNS"
            if t.pos_ == "PROPN":
                # The tagger takes institutions for names ("Egypt's foreign ministry" as NNP),
                # and a capitalised group noun opening a sentence ("Guerrillas operating ...").
                if t.is_sent_start and t.lower_ in self.group_forms:
                    lemma = self.group_forms[t.lower_]
                    many = t.lower_ != lemma
                elif lemma not in self.vocab.institution_nouns or (
                        doc[t.i - 1].pos_ == "PROPN" and t.i - 1 not in st.covered
                        and not doc[t.i - 1].is_sent_start
                        # (no name: "the defence ministry", "the Foreign Ministry" as PROPN)
                        and not self._unnamed_modifiers(doc[t.i - 1:t.i])):
                    continue
            if lemma not in self.vocab.group_nouns and lemma not in self.vocab.anonymous_nouns:
                continue
            if any(s <= t.idx < e for s, e in skip):
                continue
            if _before_participle(doc, t.i + 1, self.vocab.compound_participles):
                continue  # "Mali's military-led government": the government is the body
            start, entry, region, blocked = self._qualifier(st, t.i)
            count = self._count(doc, start, t.i)
            end, affil_entry, has_post = self._postmodifier(st, t.i)
            # "a senior U.S. official said" is a source; "not a diplomat" is not.
            sourcey = t.dep_ in ("nsubj", "nsubjpass") or entry is not None or region is not None
            anonymous = lemma in self.vocab.anonymous_nouns and (
                has_post or lemma in ("source", "insider") or (count is not None and sourcey))
            if lemma in ("people", "person") and not (count is not None or has_post):
                continue
            if anonymous:
                anon_n += 1
                ent = entry or affil_entry
                sector = self.vocab.anonymous_nouns.get(lemma)
                if affil_entry is not None and entry is None:
                    hit = self.kb.metonym(doc[end - 1].text)
                    sector = hit[1] if hit else sector
                country = ent.country if ent is not None else None
                first = min(start, self._count_start(doc, start, t.i))
                st.add(first, end, Target(
                    key=f"anon:{anon_n}", kind="anonymous", name=doc[first:end].text,
                    country=country, sector=sector if country else None,
                    code=f"{country}{sector or ''}" if country else None,
                    count=None if count in (None, -1) else count,
                    affiliation=(ent.name if ent is not None else region)), "anonymous")
                continue
            if lemma not in self.vocab.group_nouns or blocked:
                continue
            sector = self.vocab.group_nouns[lemma]
            home = self._lives_in(st, t) if many else None
            if home is not None and (sector in self.vocab.residence_sectors
                                     or any(doc[k].lower_ == "ethnic" for k in range(start, t.i))):
                # Residence over ethnicity: "ethnic Albanian guerrillas operating in Macedonia"
                # are Macedonia's (an army abroad keeps its state: "Russian troops based in
                # Syria").
                entry, region = home, None
            plural = many or lemma in self.vocab.institution_nouns
            if not many and lemma in self.vocab.institution_nouns and entry is None and \
                    region is None and self._armed_modifier(doc[start:t.i]):
                # "the rebel delegation", "the insurgent leadership": the armed group's own,
                # the one named last, not the document state's
                before = sorted((m for m in st.mentions if m.i < start), key=lambda m: m.i)
                target = self._recent_fitting(st, doc[start], _ARMED_GROUP, before)
                if target is not None:
                    st.add(start, t.i + 1, target, "description")
                continue
            if not many and lemma in self.vocab.institution_nouns and entry is None and \
                    region is None and self._unnamed_modifiers(doc[start:t.i]):
                # "the army of Chad"; else "the army" of the document's state ("leaders of
                # India and Pakistan" are left to the events stage, conjunct by conjunct).
                entry = self._of_state(st, t.i + 1)
                if entry is None and lemma in self.vocab.document_owned_nouns:
                    entry = self._ownerless(st, t)
            if not plural or (entry is None and region is None):
                continue
            if entry is not None and entry.kind != "state":
                continue
            name = f"{entry.name if entry is not None else self.regions_name(region)} {lemma}"
            st.add(start, t.i + 1,
                   self._group_target(entry.country if entry is not None else None, sector,
                                      name, region), "group")

    def _seated_governments(self, st: _DocState, skip: list[tuple[int, int]]) -> None:
        """A government named by its seat or by who installed it, with no state qualifier:
        "the (internationally recognised) government in Aden", "the authorities in Tripoli"
        (the place's state), "the Aden-based government" (``seat_participles`` "place"), "the
        Kremlin-installed administration" ("owner": the installing state). Runs before the
        ownerless "the government" rule, which would give the document's main state."""
        nouns = self.vocab.seat_nouns
        if not nouns:
            return
        doc = st.doc
        forms = [f for n in nouns for f in _plurals(n)]
        for t in (doc[i] for i in st.having(1, forms)):
            if t.pos_ not in ("NOUN", "PROPN") or t.lemma_.lower() not in nouns or \
                    t.i in st.used or t.i in st.covered or t.dep_ == "compound" or \
                    any(s <= t.idx < e for s, e in skip):
                continue
            first, owner = self._hyphen_seat(st, t)
            if owner is None:
                start, entry, region, blocked = self._qualifier(st, t.i)
                if start != t.i or entry is not None or region is not None or blocked:
                    continue
                first, owner = t.i, self._seat_place(st, t)
            if owner is None:
                continue
            sector = self.vocab.group_nouns.get(t.lemma_.lower()) or "GOV"
            if not st.used.isdisjoint(range(first, t.i)):
                first = t.i
            st.add(first, t.i + 1, self._group_target(
                owner.country, sector, f"{owner.name} {t.lemma_.lower()}"), "seat")

    def _hyphen_seat(self, st: _DocState, t: Any) -> tuple[int, Entry | None]:
        """"the Aden-based government", "the Kremlin-installed administration": (first token of
        the modifier, the state it names) or (t.i, None)."""
        doc = st.doc
        k = t.i - 1
        how = self.vocab.seat_participles.get(doc[k].lower_) if k >= 2 else None
        if how is None or doc[k - 1].text != "-":
            return t.i, None
        # The name before the hyphen, one or more capitalised words ("Port Sudan-based").
        end = k - 1
        first = end - 1
        while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].text[:1].isupper() \
                and end - first < 3:
            first -= 1
        if not doc[end - 1].text[:1].isupper():
            return t.i, None
        m = st.covered.get(end - 1)
        entry = self._qualifying_entry(m) if m is not None else None
        if entry is None:
            name = doc[first:end].text
            entry = self.kb.country_of(name) or self.kb.country_of(doc[end - 1].text)
            if entry is None and how == "place" and self.places is not None:
                hit = self.places(name) or self.places(doc[end - 1].text)
                entry = self.kb.get(hit.country) if hit is not None and hit.country else None
        if entry is None or entry.kind != "state":
            return t.i, None
        return (m.i if m is not None else first), entry

    def _seat_place(self, st: _DocState, t: Any) -> Entry | None:
        """The state of the place after a seat noun: "government in Aden", "authorities
        based in Tripoli"."""
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "in":
                home = self._place_country(st, c)
                if home is not None:
                    return home
            if c.dep_ == "acl" and self.vocab.seat_participles.get(c.lower_) == "place":
                for p in c.children:
                    if p.dep_ == "prep" and p.lower_ == "in":
                        home = self._place_country(st, p)
                        if home is not None:
                            return home
        return None

    def _ownerless(self, st: _DocState, t: Any) -> Entry | None:
        """"the army", "the government" with no owner ("of X", a qualifier) belong to the state
        the document is about: the one state named most often in this and the four sentences
        before (names, demonyms, capitals), counted up to the noun; None on a tie or none."""
        doc = st.doc
        if t.i == 0 or (t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "of"):
            return None
        # "the army", also with unnamed modifiers between ("the army-aligned government", "the
        # internationally recognised government"); a capitalised or named modifier is an owner
        # of its own ("the Taliban government") and is left alone.
        det = next((c for c in t.children if c.dep_ == "det" and c.i < t.i), None)
        if det is None or det.lower_ != "the" or any(
                k in st.covered or k in st.used for k in range(det.i + 1, t.i)) or \
                not self._unnamed_modifiers(doc[det.i + 1:t.i]):
            return None
        reporter = self._reporting_state(st, t)
        if reporter is not None:
            return reporter
        floor = t.sent.start
        for _ in range(4):
            if floor == 0:
                break
            floor = doc[floor - 1].sent.start
        named = [m for m in {id(m): m for m in st.covered.values()}.values()
                 if floor <= m.i < t.i]
        # A dateline names where the story was filed ("NAIROBI — The UN proposed ... The
        # SPLM-N ... the army"): it counts only when nothing else names a state.
        window = [m for m in named if not _dateline(doc[m.i:m.j])]
        found = self._most_named(window, groups=False)
        if found is None:
            # No state stands out ("The RSF said ... proposed by the United States, Saudi
            # Arabia, Egypt and the UAE. The army said"): the document's own armed and political
            # groups and national bodies name their state too.
            found = self._most_named(window, groups=True)
        found = found or (self._most_named(named, groups=False) if len(named) > len(window)
                          else None)
        return self._home_state(st, found)

    def _reporting_state(self, st: _DocState, t: Any) -> Entry | None:
        """A governing body with no owner that is the subject of what a state or its official
        reports is that state's: "Prime Minister Nawaf Salam's office said *the cabinet* would
        study the text" (Lebanon's, however often Israel is named around it). Only the bodies
        that govern (``governing_nouns``): "the army" a foreign envoy speaks of is not his."""
        if t.lemma_.lower() not in self.vocab.governing_nouns or \
                t.dep_ not in ("nsubj", "nsubjpass") or t.head.dep_ != "ccomp":
            return None
        subject = next((c for c in t.head.head.children if c.dep_ == "nsubj"), None)
        if subject is None:
            return None
        span = range(subject.left_edge.i, subject.i + 1)
        for m in st.mentions:
            if m.i in span and m.target.country and m.target.kind in ("person", "state"):
                entry = self.kb.get(m.target.country)
                return entry if entry is not None and entry.kind == "state" else None
        return None

    def _home_state(self, st: _DocState, found: Entry | None) -> Entry | None:
        """The state whose own armed or political groups the story names ("the ELN", "the
        Houthis"), rather than ``found`` when ``found`` has no armed body in the story: a
        mediator or host named often ("talks in Muscat", "the Saudi invitation") owns no
        ownerless "government" there. Only one such state, and one the story names."""
        sectors = ("REB", "INS", "OPP")
        named_entries = [e for m in {id(m): m for m in st.covered.values()}.values()
                         if (e := self._qualifying_entry(m)) is not None]
        entries = [e for e in named_entries if e.kind != "state" and e.country]
        homes = {e.country for e in entries if e.sector in sectors}
        if len(homes) != 1 or (found is not None and found.country in homes):
            return found
        armed = {e.country for e in entries if e.sector in (*sectors, "MIL")} | {
            m.target.country for m in st.mentions if m.target.sector in (*sectors, "MIL")}
        if found is not None and found.country in armed:
            return found  # a side in the fighting itself ("Israeli troops", "the IDF")
        home = self.kb.get(next(iter(homes)))
        # ... and only a state the story names itself (a dateline too): "Hamas" alone does not
        # make "the government" of a Gaza story Palestinian
        named = {e.id for e in named_entries if e.kind == "state"} | {
            e.country for e in entries if e.sector in ("GOV", "MIL")}  # ("Sudan's army")
        return home if home is not None and home.id in named else found

    def _armed_modifier(self, words: Any) -> bool:
        """Whether a modifier before an institution noun names an armed non-state side
        ("the *rebel* delegation"): group nouns of the armed sectors."""
        return any(w.text.islower() and self.vocab.group_nouns.get(w.lemma_.lower())
                   in _ARMED_GROUP["sectors"] for w in words)

    def _unnamed_modifiers(self, words: Any) -> bool:
        """Words before an institution noun that name no owner of their own: lowercase words
        and punctuation ("the army-backed government", "the defence ministry"), or a
        ministry's portfolio, capitalised or not ("the Foreign Ministry")."""
        return all(w.text.islower() or w.is_punct or w.lower_ in self.vocab.portfolio_words
                   for w in words)

    def _most_named(self, window: list[_Match], groups: bool) -> Entry | None:
        """The state named most often by ``window``'s names (with ``groups``, also through
        the country of a KB group or national organisation named); None on a tie or none."""
        counts: dict[str, int] = {}
        states: dict[str, Entry] = {}
        for m in window:
            e = self._qualifying_entry(m)
            if e is not None and e.kind != "state" and groups and e.country:
                e = self.kb.get(e.country)
            if e is not None and e.kind == "state":
                counts[e.id] = counts.get(e.id, 0) + 1
                states[e.id] = e
        if not counts:
            return None
        top = sorted(counts.values(), reverse=True)
        if len(top) > 1 and top[0] == top[1]:
            return None
        return states[max(counts, key=lambda k: counts[k])]

    def _described_groups(self, st: _DocState) -> None:
        """"Sudan's paramilitary group", "Yemen's rebels": a state and a word that describes
        exactly one of its KB groups name that group, not the state."""
        doc = st.doc
        for t in (doc[i] for i in st.with_pos("NOUN")):
            if t.i in st.used or t.i in st.covered:
                continue
            words = [t.lemma_.lower()] + [c.lower_ for c in t.children
                                          if c.dep_ in ("amod", "compound") and c.i < t.i]
            start, entry, _region, blocked = self._qualifier(st, t.i)
            if entry is None or entry.kind != "state" or blocked or \
                    not st.used.isdisjoint(range(start, t.i + 1)):
                continue
            found = {e.id: e for w in words for e in self.kb.described(entry.country, w)}
            if len(found) == 1:
                e = next(iter(found.values()))
                st.add(start, t.i + 1, self._entry_target(e, st.date), "described")

    def regions_name(self, code: str | None) -> str:
        for spec in self.regions.values():
            if spec.get("code") == code:
                return str(spec.get("name"))
        return code or ""

    def _count_start(self, doc: Any, start: int, i: int) -> int:
        k = start - 1
        while k >= 0 and (doc[k].lower_ in self.vocab.count_words or doc[k].like_num):
            k -= 1
        return k + 1

    def _count(self, doc: Any, start: int, i: int) -> int | None:
        for k in range(self._count_start(doc, start, i), i):
            w = doc[k].lower_
            if w in self.vocab.count_words:
                return self.vocab.count_words[w]
            if doc[k].like_num and w.isdigit():
                return int(w)
        return None

    def _postmodifier(self, st: _DocState, i: int) -> tuple[int, Entry | None, bool]:
        """"close to the Kremlin", "familiar with the talks": (end token, affiliation, found)."""
        doc = st.doc
        window = " ".join(t.lower_ for t in doc[i + 1:i + 7])
        close_before = i > 0 and doc[i - 1].lower_ in ("close", "familiar")
        hit = next((p for p in self.vocab.anonymous_postmodifiers if window.startswith(p)), None)
        if hit is None and not (close_before and i + 1 < len(doc)
                                and doc[i + 1].lower_ in ("to", "with")):
            return i + 1, None, False
        n_words = len(hit.split()) if hit else 1
        k = i + 1 + n_words
        end = k
        affil = None
        while k < len(doc) and k < i + 1 + n_words + 5 and not doc[k].is_punct:
            if k in st.covered and affil is None:
                affil = self._qualifying_entry(st.covered[k])
            if doc[k].pos_ in ("VERB", "AUX", "SCONJ", "CCONJ"):
                break
            k += 1
            end = k
        return end, affil, True

    # Pronouns ---------------------------------------------------------------------------------

    def _pronouns(self, st: _DocState, skip: list[tuple[int, int]]) -> None:
        doc = st.doc
        persons = sorted((m for m in st.mentions if m.target.kind == "person"),
                         key=lambda m: m.i)
        starts = [m.i for m in persons]
        candidates = st.having(1, (*self.vocab.pronouns, "former", "latter"))
        for t in (doc[i] for i in candidates):
            lower = t.lower_
            spec = self.vocab.pronouns.get(lower)
            former = lower in ("former", "latter") and t.i > 0 and doc[t.i - 1].lower_ == "the" \
                and (t.i + 1 >= len(doc) or doc[t.i + 1].pos_ not in ("NOUN", "PROPN", "ADJ",
                                                                      "NUM"))
            if (spec is None and not former) or t.i in st.used:
                continue
            if any(s <= t.idx < e for s, e in skip):
                continue
            k = bisect.bisect_left(starts, t.i)
            if former:
                target = self._former_latter(persons[:k], lower == "former")
                if target:
                    m = st.add(t.i - 1, t.i + 1, target, "former")
                    bisect.insort(persons, m, key=lambda x: x.i)
                    starts.insert(bisect.bisect_left(starts, m.i), m.i)
                continue
            target = self._antecedent(st, t, spec, persons[:k])
            if target is not None:
                m = st.add(t.i, t.i + 1, target, "pronoun")
                pos = bisect.bisect_left(starts, t.i)
                persons.insert(pos, m)
                starts.insert(pos, t.i)

    def _antecedent(self, st: _DocState, pron: Any, spec: dict[str, Any],
                    before: list[Mention]) -> Target | None:
        doc = st.doc
        gender = spec.get("gender")
        sent_start = pron.sent.start
        pron_quoted = st.in_quote(pron.idx)
        if spec.get("reflexive"):
            # Binding: a reflexive takes the subject of its own clause.
            for child in pron.head.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    for m in reversed(before):
                        if m.i <= child.i < m.j:
                            return m.target if m.target.gender in (None, gender) else None
            return None
        own_subjects = set()
        if pron.dep_ in OBJECT_DEPS:
            verb = pron.head if pron.dep_ != "pobj" else pron.head.head
            own_subjects = {c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}
        limit_sent = None
        sents_seen = 0

        def fits(m: Mention) -> bool:
            return m.target.gender in (None, gender) \
                and not any(m.i <= s < m.j for s in own_subjects) \
                and not (st.in_quote(doc[m.i].idx) and not pron_quoted)

        for m in reversed(before):
            tok = doc[m.i]
            if tok.sent.start != sent_start and tok.sent.start != limit_sent:
                limit_sent = tok.sent.start
                sents_seen += 1
                if sents_seen > 3:
                    return None
            if not fits(m):
                continue
            if pron.dep_ in ("nsubj", "nsubjpass") and tok.sent.start != sent_start:
                # A subject pronoun opening a sentence continues the topic: the main subject
                # of the sentence before, not its last-named person ("Ushakov said a meeting
                # between Putin and Zelensky was possible. *He* rejected ...").
                same = [c for c in before if doc[c.i].sent.start == tok.sent.start and fits(c)]
                return _main_subject(doc, same, m).target
            return m.target
        return None

    # Organisation anaphors ------------------------------------------------------------------------

    def _fits(self, target: Target, spec: dict[str, Any]) -> bool:
        """The target is an actor the description or pronoun can stand for."""
        if spec["described"]:
            entry = self.kb.get(target.kb_id) if target.kb_id else None
            if entry is None or spec["described"] not in entry.descriptors:
                return False
        if spec.get("named") and spec["named"] not in target.name.lower().split():
            return False  # "the council": a body whose name says council
        return (target.kind in spec["kinds"]
                and (not spec["kb_only"] or target.kb_id is not None)
                and (not spec["sectors"] or target.sector in spec["sectors"]))

    def _description_start(self, st: _DocState, head: Any, spec: dict[str, Any]) -> int | None:
        """First token of "the [armed|militant ...] <head>" when it is a bare anaphoric
        description; None for "the group of seven", "the group leader", "the Lebanese movement"
        (a named qualifier makes it a description of its own) or a number mismatch."""
        doc = st.doc
        # A lower-case head the tagger took for a name ("the bloc" as NNP) is still a noun.
        if head.pos_ not in ("NOUN", "PROPN") or not head.text.islower() \
                or head.dep_ == "compound":
            return None
        if (head.tag_ in ("NNS", "NNPS")) != spec["plural"]:
            return None
        if head.i + 1 < len(doc) and doc[head.i + 1].lower_ == "of":
            return None
        k = head.i - 1
        while k >= 0 and doc[k].head.i == head.i and doc[k].dep_ in ("amod", "compound") \
                and doc[k].pos_ in ("ADJ", "NOUN") and k not in st.covered and k not in st.used:
            k -= 1
        if k < 0 or doc[k].lower_ != "the" or doc[k].head.i != head.i or k in st.used:
            return None
        return k

    def _org_descriptions(self, st: _DocState, skip: list[tuple[int, int]]) -> None:
        descs = self.vocab.org_descriptions
        if not descs:
            return
        doc = st.doc
        forms = {form: lemma for lemma in descs for form in _plurals(lemma)}
        before = sorted(st.mentions, key=lambda m: m.i)
        for t in (doc[i] for i in st.having(1, forms)):
            spec = descs[forms[t.lower_]]
            if t.i in st.used or any(s <= t.idx < e for s, e in skip):
                continue
            start = self._description_start(st, t, spec)
            if start is None:
                continue
            k = bisect.bisect_left([m.i for m in before], start)
            if spec["unique"]:
                target = self._unique_state(st, doc[start], spec["described"])
            else:
                target = self._recent_fitting(st, doc[start], spec, before[:k])
            if target is not None:
                m = st.add(start, t.i + 1, target, "description")
                before.insert(k, m)

    def _recent_fitting(self, st: _DocState, tok: Any, spec: dict[str, Any],
                        before: list[Mention]) -> Target | None:
        """The most recent earlier actor that fits ``spec``, within three sentences; a
        mention inside a quotation does not count for a description outside it."""
        quoted = st.in_quote(tok.idx)
        sents: set[int] = {tok.sent.start}
        for m in reversed(before):
            first = st.doc[m.i]
            sents.add(first.sent.start)
            if len(sents) > 4:
                return None
            if st.in_quote(first.idx) and not quoted:
                continue
            if self._fits(m.target, spec) or (spec.get("named") and self._fits(
                    m.target, {**spec, "named": None}) and spec["named"] in _name_after(st, m)):
                return m.target
        return None

    def _unique_state(self, st: _DocState, tok: Any, word: str) -> Target | None:
        """"the kingdom", "the island": the one state of the whole document that ``word``
        describes (its `descriptors`), counting names, demonyms and seats of power whether or
        not they became mentions ("a Saudi official ... the kingdom"). None when two such states
        are named or the state is named only after the description (no guess)."""
        quoted = st.in_quote(tok.idx)
        found: dict[str, bool] = {}  # state id -> named before the description
        for m in {id(m): m for m in st.covered.values()}.values():
            e = self._qualifying_entry(m)
            if e is None or e.kind != "state" or word not in e.descriptors:
                continue
            before = m.i < tok.i and (quoted or not st.in_quote(st.doc[m.i].idx))
            found[e.id] = found.get(e.id, False) or before
        if len(found) != 1:
            return None
        state_id, before = next(iter(found.items()))
        entry = self.kb.get(state_id)
        return self._entry_target(entry, st.date) if before and entry is not None else None

    def _org_possessives(self, st: _DocState, skip: list[tuple[int, int]]) -> None:
        poss = self.vocab.org_possessives
        if not poss:
            return
        doc = st.doc
        at: dict[int, Mention] = {}
        # Shorter mentions last, so a token maps to the narrowest mention holding it.
        for m in sorted(st.mentions, key=lambda m: m.i - m.j):
            for k in range(m.i, m.j):
                at[k] = m
        for t in (doc[i] for i in st.having(1, poss)):
            if t.tag_ != "PRP$" or t.i in st.used or any(s <= t.idx < e for s, e in skip):
                continue
            subject = self._governing_subject(t)
            m = at.get(subject.i) if subject is not None else None
            # "Russian and Ukrainian negotiators ... their": coordinated, not one antecedent
            if m is not None and not any(x.dep_ == "conj" for x in subject.subtree) \
                    and self._fits(m.target, poss[t.lower_]):
                st.add(t.i, t.i + 1, m.target, "possessive")

    @staticmethod
    def _governing_subject(pron: Any) -> Any | None:
        """The subject of the nearest clause above ``pron`` that is not the pronoun's own
        phrase ("Hamas said its negotiators would travel" -> Hamas); with none above (the
        pronoun is in the main subject), the nearest earlier subject in this or the previous
        sentence. A relative pronoun subject stands for the noun its clause modifies. None
        when the parse gives neither (no guess from a broken parse)."""
        def own(subj: Any) -> bool:
            return subj.left_edge.i <= pron.i <= subj.right_edge.i

        in_subject = False
        for a in pron.ancestors:
            subjects = [c for c in a.children if c.dep_ in ("nsubj", "nsubjpass")]
            in_subject = in_subject or any(own(c) for c in subjects)
            subjects = [c for c in subjects if not own(c)]
            if subjects:
                subj = subjects[0]
                if subj.tag_ in ("WDT", "WP") and a.dep_ == "relcl":
                    return a.head
                return subj
        if not in_subject:
            return None
        doc = pron.doc
        for k in range(pron.i - 1, pron.sent.start - 1, -1):
            if doc[k].dep_ in ("nsubj", "nsubjpass") and not own(doc[k]):
                return doc[k]
        if pron.sent.start == 0:
            return None
        # Opening a sentence, it continues the topic: the main subject of the sentence before,
        # not a subject inside its condition ("The SPLM-N said it would agree if *the army*
        # stopped bombing. *Its* leader rejected ..."), else that sentence's last subject.
        prev = doc[pron.sent.start - 1].sent
        main = next((c for c in prev.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if main is not None and main.tag_ not in ("WDT", "WP", "PRP"):
            return main
        for k in range(pron.sent.start - 1, prev.start - 1, -1):
            if doc[k].dep_ in ("nsubj", "nsubjpass"):
                return doc[k]
        return None

    @staticmethod
    def _former_latter(before: list[Mention], former: bool) -> Target | None:
        distinct: list[Target] = []
        for m in reversed(before):
            if m.rule in ("pronoun", "former"):
                continue  # "the former"/"the latter" count people as they were named
            if m.target not in distinct:
                distinct.append(m.target)
            if len(distinct) == 2:
                break
        if len(distinct) < 2:
            return None
        return distinct[1] if former else distinct[0]

    # Output -------------------------------------------------------------------------------------

    def _actors(self, st: _DocState) -> list[Actor]:
        doc = st.doc
        by_key: dict[str, list[Span]] = {}
        for m in sorted(st.mentions, key=lambda m: m.i):
            span = doc[m.i:m.j]
            by_key.setdefault(m.target.key, []).append(
                Span(span.start_char, span.end_char, span.text))
        out = []
        for key, spans in by_key.items():
            t = st.targets[key]
            out.append(Actor(id=t.key, name=t.name, kind=t.kind, country=t.country,
                             sector=t.sector, code=self._governing_code(t, st.date),
                             mentions=tuple(spans), kb_id=t.kb_id, role=t.role, count=t.count,
                             affiliation=t.affiliation))
        return out

    def _governing_code(self, t: Target, date: str | None) -> str | None:
        """A state's government ("Kabul", "Afghan officials", the foreign minister) coded as the
        group governing it at the date, where the KB names one (``governs``)."""
        if not t.code or t.sector != "GOV" or t.code != f"{t.country}GOV":
            return t.code
        group = self.kb.de_facto_government(t.country, date)
        return group.code if group is not None and group.code else t.code



def _main_subject(doc: Any, mentions: list[Mention], default: Mention) -> Mention:
    """Of one sentence's mentions, the subject nearest its root (the speaker of "X said Y
    would ..." before Y), else ``default``. A name in apposition to a subject is that subject
    ("The junta's spokesman, Major General Zaw Min Tun, said ...")."""
    best, depth = default, None
    for m in mentions:
        for tok in doc[m.i:m.j]:
            if tok.dep_ == "appos" and tok.head.dep_ in ("nsubj", "nsubjpass"):
                tok = tok.head
            elif tok.dep_ not in ("nsubj", "nsubjpass"):
                continue
            d, t = 0, tok
            while t.head.i != t.i:  # spaCy makes a new Token object on each access
                t, d = t.head, d + 1
            if depth is None or d < depth:
                best, depth = m, d
    return best
