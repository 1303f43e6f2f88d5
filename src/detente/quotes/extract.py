"""Quote extraction over a parsed document: direct, indirect and mixed speech with speakers.

The work is per sentence over the dependency parse, in three passes:

1. Cues: speech verbs from the lexicon ("said", "warned", "blasted ... as"), "according to X",
   any verb with "in a statement", and "declined to comment". Each cue gets a speaker (its
   subject, the by-agent of a passive, or the subject a participle or conjunct shares) and,
   when it has one, a content span from the parse (clausal complement, "as"-phrase, object).
2. Quotation marks: a content span that lies inside one quotation is direct speech; one that
   holds quoted fragments is mixed; one without marks is indirect. Quotations that no content
   claimed attach to a cue right after them ("..., he said") or right before them ("said: ...").
3. Orphans: a stand-alone quoted sentence with no cue of its own takes the speaker of the cue in
   the same or the previous sentence or two (continuation quotes); otherwise it keeps no speaker.

Speakers are mapped to actors only through ``detente.actors.lookup.actor_at``; when no actor
resolves, ``actor`` stays None and ``name``/``text`` keep the surface words (never a guess).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from spacy.attrs import IDX, LOWER, POS, TAG

from detente.actors.lookup import actor_at, is_dateline_subject
from detente.facts import Quote, Span, Speaker
from detente.nlp.backbone import doc_text
from detente.pipeline.registry import WorkItem
from detente.quotes.lexicon import CueLexicon
from detente.quotes.marks import Mark, MarkIndex, find_marks

Token = Any  # spaCy Token (kept loose so this module imports without spaCy types)

_MODALS = {"would", "could", "might", "may", "should", "can", "must"}
_SUBJECTS = {"nsubj", "csubj"}
# Children of a cue verb that are never part of what was said.
_NOT_CONTENT = {"punct", "cc", "conj", "advcl", "dative", "npadvmod", "advmod", "agent", "mark",
                "aux", "auxpass", "neg", "nsubj", "nsubjpass", "prt", "parataxis", "ccomp"}
_CONTENT_HEADS = {"dobj", "attr", "oprd", "prep", "xcomp", "acomp", "ccomp", "pobj"}
_NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
_EDGE_PUNCT = " \t\n,;:-–—"
_SENTENCE_END = ".!?"
# Reported content that is a clause has at least a subject and a predicate ("Russia agreed");
# anything shorter ("will") is a parse fragment, not something said.
_MIN_CLAUSE_WORDS = 2
# Dependents that make an auxiliary a predicate of its own (a copula: "it is unacceptable",
# "there was no deal", "the talks are over"), unlike a stranded modal ("someone else will").
_COPULA_COMPLEMENTS = {"attr", "acomp", "expl", "prep", "oprd", "advmod", "ccomp", "xcomp"}


@dataclass
class Cue:
    """A reporting cue found in the parse, before it becomes one or more quotes."""

    token: Token
    span: tuple[int, int]
    speaker: Token | None
    content: tuple[int, int] | None = None  # character offsets, from the parse
    # A verb that also describes things ("it suggests") with no clear speaker: it reports
    # speech only when quotation marks show it.
    weak: bool = False
    # (kind, start, end, stance) of each quote this cue introduces.
    quotes: list[tuple[str, int, int, str | None]] = field(default_factory=list)
    # (start, end, reason) of content this cue seemed to report but that was left out.
    skipped: list[tuple[int, int, str]] = field(default_factory=list)


def extract_quotes(item: WorkItem, lex: CueLexicon) -> list[Quote]:
    """All quotes of one parsed work item, in document order with ids q1..qN."""
    doc = item.doc
    text: str = doc_text(doc)
    marks = [m for m in find_marks(text) if not item.excluded(m.start, m.end)]
    scare = {m for m in marks if _is_scare(text, m, lex)}
    index = MarkIndex(marks)
    sentences = list(doc.sents)
    excluded = item.document.excluded_spans()
    cue_tokens: dict[int, Cue] = {}
    blockers: set[int] = set()  # thought verbs and hypothetical cues: their quotes are not speech

    candidates, starts = _cue_candidates(doc, lex)
    for sent in sentences:
        skip_some = any(s < sent.end_char and sent.start_char < e for s, e in excluded)
        lo, hi = bisect_left(candidates, sent.start), bisect_left(candidates, sent.end)
        for tok in (doc[i] for i in candidates[lo:hi]):
            if tok.is_punct or tok.is_space or index.at(tok.idx):
                continue
            if skip_some and any(s <= tok.idx < e for s, e in excluded):
                continue
            kind = _cue_kind(tok, lex)
            if kind is None:
                if tok.lemma_.lower() in lex.thought_verbs and tok.pos_ == "VERB":
                    blockers.add(tok.i)
                continue
            if kind != "according" and _hypothetical(tok, lex):
                blockers.add(tok.i)
                continue
            cue = _make_cue(tok, kind, lex)
            if cue.speaker is not None and cue.speaker.lower_ in lex.generic_speakers:
                blockers.add(tok.i)  # "anyone who calls this a 'basis'": no one said it
                continue
            cue.weak = not _plausible_speaker(cue, lex) or _missing_particle(tok, lex)
            cue_tokens[tok.i] = cue

    claimed: set[Mark] = set()
    for cue in cue_tokens.values():
        _fill_content(cue, cue_tokens, index, scare, claimed, blockers, lex)

    for m in marks:
        if m in claimed or m in scare:
            continue
        cue, blocked = _adjacent_cue(doc, starts, m, index, cue_tokens, blockers)
        if cue is not None:
            start, end = _inner(text, m)
            cue.quotes.append(("direct", start, end, _stance(cue, text[start:end], lex)))
            claimed.add(m)
        elif blocked:
            claimed.add(m)

    orphans = [m for m in marks if m not in claimed and m not in scare and _stands_alone(text, m)]
    return _build(item, text, list(cue_tokens.values()), orphans, sentences, lex)


# --- cues ----------------------------------------------------------------------------------------


_VERB_TAGS = ("VBD", "VBZ", "VBP", "VBG", "VBN")


def _cue_candidates(doc: Any, lex: CueLexicon) -> tuple[list[int], list[int]]:
    """Indices of the tokens that can be cues or blockers ("according", verbs and verb tags:
    see ``_cue_kind``), and every token's start offset. Read from arrays: making a Token object
    for every word cost more than the cue tests."""
    if not len(doc):
        return [], []
    strings = doc.vocab.strings
    rows = doc.to_array([IDX, LOWER, POS, TAG])

    def ids(words: Iterable[str]) -> np.ndarray:
        return np.array([strings[w] for w in words], dtype=rows.dtype)

    mask = (np.isin(rows[:, 1], ids(lex.according_to)) | np.isin(rows[:, 2], ids(("VERB", "AUX")))
            | np.isin(rows[:, 3], ids(_VERB_TAGS)))
    return np.flatnonzero(mask).tolist(), rows[:, 0].tolist()


def _cue_kind(tok: Token, lex: CueLexicon) -> str | None:
    """What makes ``tok`` a cue: "verb", "according", "statement", "decline", or None."""
    low = tok.lower_
    if low in lex.according_to:
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        return "according" if nxt is not None and nxt.lower_ == "to" else None
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in _VERB_TAGS:
        return None
    lemma = tok.lemma_.lower()
    if lemma in lex.decline_verbs and any(
            c.dep_ == "xcomp" and c.lemma_.lower() in lex.comment_verbs for c in tok.children):
        return "decline"
    if lemma in lex.comment_verbs and _negated(tok):
        return "decline"
    if any(_statement_prep(c, lex) for c in tok.children):
        return "statement"
    spec = lex.verbs.get(lemma)
    if spec is not None and tok.pos_ != "AUX":
        return "verb"
    return None


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _hypothetical(tok: Token, lex: CueLexicon) -> bool:
    """Cues that report no actual statement: "to say", "would say", "like saying", "did not say"."""
    if _cue_kind(tok, lex) == "decline":
        return False
    if any(c.dep_ == "aux" and (c.lower_ == "to" or c.lower_ in _MODALS) for c in tok.children):
        return True
    if tok.dep_ == "pcomp" and tok.head.lower_ in ("like", "without", "before", "instead"):
        return True
    if tok.dep_ in ("xcomp", "ccomp") and tok.tag_ == "VB":
        return True
    return _negated(tok)


def _make_cue(tok: Token, kind: str, lex: CueLexicon) -> Cue:
    if kind == "according":
        to = tok.nbor(1)
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        return Cue(tok, (tok.idx, to.idx + len(to)), pobj)
    spec = lex.verbs.get(tok.lemma_.lower())
    end = tok.idx + len(tok)
    if spec and spec.needs:
        part = next((c for c in tok.children if c.lower_ in spec.needs and c.i > tok.i), None)
        if part is not None and part.i == tok.i + 1:
            end = part.idx + len(part)
    return Cue(tok, (tok.idx, end), _on_cue_line(_subject(tok, lex), tok))


def _on_cue_line(head: Token | None, cue: Token) -> Token | None:
    """The parse may run a headline into the next line ("Backing ... Podolyak said"): keep the
    subject's last noun on the cue's own line."""
    if head is None or _same_line(head, cue):
        return head
    nouns = [t for t in head.subtree if t.pos_ in ("PROPN", "NOUN", "PRON") and _same_line(t, cue)]
    return nouns[-1] if nouns else None


def _missing_particle(tok: Token, lex: CueLexicon) -> bool:
    """ "call" reports speech as "called for"/"called on", or with quoted words."""
    spec = lex.verbs.get(tok.lemma_.lower())
    return bool(spec and spec.needs) and not any(
        c.lower_ in spec.needs and c.dep_ in ("prep", "prt") for c in tok.children)


def _plausible_speaker(cue: Cue, lex: CueLexicon) -> bool:
    """Verbs that also describe things ("it suggests", "the data indicate") need a speaker
    that can speak: a name, a personal pronoun or a speaker noun."""
    spec = lex.verbs.get(cue.token.lemma_.lower())
    if spec is None or not spec.person_only or cue.speaker is None:
        return True
    head = cue.speaker
    if head.lower_ in lex.personal_pronouns:
        return True
    if head.ent_type_ in _NAME_LABELS:
        return True
    lemma = head.lemma_.lower()
    return lemma in lex.anonymous_heads or lemma in lex.role_nouns


def _subject(v: Token, lex: CueLexicon, depth: int = 0) -> Token | None:
    """The speaker token of cue verb ``v``: subject, by-agent, or the subject it shares."""
    subjects = [c for c in v.children if c.dep_ in _SUBJECTS]
    # "NAIROBI — The RSF said": the parser can make the dateline a second subject; the place
    # is where the story was filed, the other subject is the speaker.
    for c in (c for c in subjects if not is_dateline_subject(c)):
        if v.dep_ == "relcl" and c.lower_ in ("who", "which", "that"):
            return v.head
        return c
    for c in v.children:
        if c.dep_ == "agent":
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    for c in v.children:
        if c.dep_ == "nsubjpass" and v.lemma_.lower() in ("quote", "cite"):
            return c
    if depth >= 3 or v.head is v:
        return None
    head = v.head
    if v.dep_ == "pcomp" and head.dep_ == "prep":
        return _subject(head.head, lex, depth + 1)
    if v.dep_ in ("conj", "advcl", "xcomp") or (v.dep_ == "relcl" and v.head.pos_ != "VERB"):
        # A participle inside reported content ("said Russia used ..., admitting ...") reports
        # the reporter's act, not the content subject's.
        if v.dep_ in ("advcl", "conj") and head.dep_ == "ccomp" and _cue_kind(
                head.head, lex) == "verb":
            return _subject(head.head, lex, depth + 1)
        if v.dep_ == "advcl" and any(c.dep_ == "mark" for c in v.children):
            return None
        return _subject(head, lex, depth + 1)
    return None


# --- content -------------------------------------------------------------------------------------


def _fill_content(cue: Cue, cues: dict[int, Cue], index: MarkIndex, scare: set[Mark],
                  claimed: set[Mark], blockers: set[int], lex: CueLexicon) -> None:
    text = doc_text(cue.token.doc)
    tok = cue.token
    rng = _content_range(cue, cues, index, scare, lex)
    if rng is None:
        return
    lo, hi = _paragraph(text, tok.idx)
    start = max(tok.doc[rng[0]].idx, lo)
    end = min(tok.doc[rng[1]].idx + len(tok.doc[rng[1]]), hi)
    if start < tok.idx < end and index.within(start, end):
        # The parse put the cue inside its own content ("'..., ...,' he said"): keep the part
        # before the speaker.
        spk = cue.speaker.left_edge.idx if cue.speaker is not None else tok.idx
        end = min(tok.idx, spk) if min(tok.idx, spk) > start else end
    start, end = _trim(text, start, end)
    if (start, end) == (tok.idx, tok.idx + len(tok)) and _cue_kind(tok, lex) != "decline":
        return
    if end <= start or (cue.speaker is None and _cue_kind(tok, lex) != "according"
                        and not index.within(start, end)):
        # Reported content with no one reporting it is not attributable: leave it out.
        return
    cue.content = (start, end)
    kind = "indirect"
    if _cue_kind(tok, lex) == "according" and any(m in claimed for m in index.within(start, end)):
        return  # "'...,' he said, according to a readout": the quote is already attributed
    quoted = [m for m in index.within(start, end) if m not in scare and m not in claimed
              and not _governed_by(tok.doc, m, blockers)]
    if cue.weak and not quoted:
        return
    if not quoted and not _reportable(cue, start, end, lex):
        cue.skipped.append((start, end, "indirect content is not a clause"))
        return
    if quoted:
        whole = next((m for m in quoted if _covers(m, start, end, text)), None)
        if whole is not None:
            kind, (start, end) = "direct", _inner(text, whole)
            claimed.add(whole)
        else:
            kind = "mixed"
            start = min(start, *(m.start for m in quoted))
            end = max(end, *(m.end for m in quoted))
            claimed.update(quoted)
    cue.quotes.append((kind, start, end, _stance(cue, text[start:end], lex)))


def _reportable(cue: Cue, start: int, end: int, lex: CueLexicon) -> bool:
    """Indirect content is something said: a clause with a predicate ("sanctions would fail"),
    or a noun phrase where the cue takes one as its object ("denied the report", "called for
    a ceasefire", "in a statement"); never a stranded fragment ("I promise you someone else
    will" -> "will")."""
    tok = cue.token
    kind = _cue_kind(tok, lex)
    if kind == "decline":
        return True
    span = tok.doc.char_span(start, end, alignment_mode="expand")
    words = [t for t in span if not (t.is_punct or t.is_space)] if span is not None else []
    if not any(t.pos_ in ("VERB", "AUX") for t in words):
        spec = lex.verbs.get(tok.lemma_.lower())
        return bool(words) and (kind == "statement" or (spec is not None and bool(
            spec.object or spec.needs)))
    return len(words) >= _MIN_CLAUSE_WORDS and any(
        t.pos_ == "VERB" or (t.pos_ == "AUX" and any(
            c.dep_ in _COPULA_COMPLEMENTS for c in t.children)) for t in words)


def _content_range(cue: Cue, cues: dict[int, Cue], index: MarkIndex, scare: set[Mark],
                   lex: CueLexicon) -> tuple[int, int] | None:
    """Token range [a, b] of what the cue reports, from the parse, or None."""
    tok = cue.token
    kind = _cue_kind(tok, lex)
    if kind == "according":
        return _according_range(tok)
    if kind == "decline":
        # "declined to comment", "did not respond to a request for comment": the act itself.
        rest = [c for c in tok.children if c.dep_ not in _SUBJECTS and c.dep_ not in (
            "punct", "cc", "conj", "advcl") and _same_line(tok, c)]
        a = min([tok.i, *(c.left_edge.i for c in rest)])
        b = max([tok.i, *(c.right_edge.i for c in rest)])
        return (a, b)
    spec = lex.verbs.get(tok.lemma_.lower())
    comps = [c for c in tok.children if c.dep_ == "ccomp"
             and (c.i not in cues or not _follows_mark(c, index))
             and _same_line(tok, c)
             and (spec is None or spec.object != "claim" or any(
                 m.dep_ == "mark" for m in c.children))]
    later = [c for c in comps if c.i > tok.i]
    comps = later or comps  # "X happened; officials said Y": Y is what was said
    if comps:
        a = min(c.left_edge.i for c in comps)
        b = max(c.right_edge.i for c in comps)
        return _cut_nested(tok, a, b, cues)
    if tok.dep_ == "parataxis" and _same_line(tok, tok.head):
        if tok.head.i < tok.i:
            return (tok.head.left_edge.i, tok.left_edge.i - 1)
        # A parenthetical cue inside the clause it reports: the whole clause is the content.
        return (tok.head.left_edge.i, tok.head.right_edge.i)
    right = [c for c in tok.children if c.i > tok.i and c.dep_ in _CONTENT_HEADS
             and not _statement_prep(c, lex) and c.i not in cues and _same_line(tok, c)]
    if not right:
        return None
    a, b = right[0].left_edge.i, right[-1].right_edge.i
    has_marks = any(m not in scare for m in index.within(tok.doc[a].idx, tok.doc[b].idx + 1))
    if has_marks:
        return _cut_nested(tok, a, b, cues)
    if spec is not None and spec.infinitive:
        inf = [c for c in right if c.dep_ == "xcomp"]
        if inf:
            return _cut_nested(tok, inf[0].left_edge.i, inf[-1].right_edge.i, cues)
    if kind == "statement" or (spec is not None and (spec.object or spec.needs)):
        objs = [c for c in right if c.dep_ in ("dobj", "prep", "xcomp", "attr")]
        if spec is not None and spec.needs:
            objs = [c for c in right if c.dep_ == "prep" and c.lower_ in spec.needs]
        if spec is not None and spec.object == "claim":
            objs = [c for c in right if c.dep_ == "dobj" and c.lemma_.lower() in lex.claim_nouns]
        if objs and (kind == "statement" or spec is None or not spec.marked_only):
            return _cut_nested(tok, objs[0].left_edge.i, objs[-1].right_edge.i, cues)
    return None


def _follows_mark(tok: Token, index: MarkIndex) -> bool:
    """A cue right after a closing quotation mark ("..., he said") attributes that quotation."""
    doc = tok.doc
    first = tok.left_edge
    prev = doc[first.i - 1] if first.i > 0 else None
    while prev is not None and prev.is_punct and prev.i > 0 and not index.at(prev.idx):
        prev = doc[prev.i - 1]
    return prev is not None and index.at(prev.idx) is not None


def _same_line(a: Token, b: Token) -> bool:
    """No line break between two tokens: the parse often runs across headlines and bullets."""
    lo, hi = sorted((a.idx, b.idx))
    return "\n" not in doc_text(a.doc)[lo:hi]


def _statement_prep(tok: Token, lex: CueLexicon) -> bool:
    """ "in a statement", "during an interview", "via a readout" (not "not in a communiqué",
    which says where something is not done)."""
    return (tok.dep_ == "prep" and tok.lower_ in ("in", "during", "via") and not _negated(tok)
            and any(p.lemma_.lower() in lex.statement_nouns
                    for p in tok.children if p.dep_ == "pobj"))


def _according_range(tok: Token) -> tuple[int, int] | None:
    """The clause an "according to X" phrase attributes, minus the phrase itself."""
    head = tok.head
    # spaCy makes a new Token object on every access, so compare indices, not identity:
    # an identity test never sees the root and loops for ever on verbless sentences.
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    a, b = head.left_edge.i, head.right_edge.i
    pa, pb = tok.left_edge.i, tok.right_edge.i
    if not (a <= pa and pb <= b):
        return None
    before, after = (a, pa - 1), (pb + 1, b)
    best = after if after[1] - after[0] >= before[1] - before[0] else before
    return best if best[1] >= best[0] else None


def _cut_nested(tok: Token, a: int, b: int, cues: dict[int, Cue]) -> tuple[int, int]:
    """End the content before a later cue of its own ("said X, admitting Y" -> X)."""
    for i in range(a + 1, b + 1):
        other = cues.get(i)
        if other is not None and other.token is not tok and other.token.dep_ in (
                "advcl", "conj", "parataxis") and other.token.left_edge.i > a:
            return (a, other.token.left_edge.i - 1)
    return (a, b)


def _governed_by(doc: Any, m: Mark, blockers: set[int]) -> bool:
    """The quotation follows a thought verb or a hypothetical cue ("occasion to say '...'")."""
    if not blockers:
        return False
    first = _tok_index(doc, m.start)
    return any(i in blockers for i in range(max(0, first - 3), first))


def _tok_index(doc: Any, offset: int) -> int:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span.start if span is not None else 0


def _paragraph(text: str, offset: int) -> tuple[int, int]:
    """Character bounds of the line (paragraph) holding ``offset``."""
    end = text.find("\n", offset)
    return text.rfind("\n", 0, offset) + 1, len(text) if end < 0 else end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip edge punctuation, spaces, a leading "that" and a dangling conjunction."""
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    if text[start:start + 5].lower() == "that ":
        start += 5
    while True:
        while end > start and text[end - 1] in _EDGE_PUNCT + ".":
            end -= 1
        tail = text[start:end].rsplit(None, 1)
        if len(tail) == 2 and tail[1].lower() in ("but", "and", "or", "while", "as"):
            end = start + len(tail[0])
            continue
        return start, end


def _covers(m: Mark, start: int, end: int, text: str) -> bool:
    """The quotation holds (nearly) all of the content: it is direct speech."""
    if m.start <= start and end <= m.end:
        return True
    outside = text[start:max(start, m.start)] + text[min(end, m.end):end]
    # Only punctuation or a "that" outside the marks: what was said is all quoted.
    return re.sub(r"[\W_]+|\bthat\b", "", outside.lower()) == ""


def _inner(text: str, m: Mark) -> tuple[int, int]:
    start, end = m.inner_start, m.inner_end
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    return start, end


def _stance(cue: Cue, content: str, lex: CueLexicon) -> str | None:
    """denies | confirms | declines_comment from the cue verb, its object and the content."""
    if _cue_kind(cue.token, lex) == "decline":
        return "declines_comment"
    spec = lex.verbs.get(cue.token.lemma_.lower())
    if spec is None:
        return None
    if spec.stance:
        return spec.stance
    if spec.claim_stance:
        objs = [c for c in cue.token.children if c.dep_ == "dobj"]
        if any(o.lemma_.lower() in lex.claim_nouns for o in objs) or _has_denial(content, lex):
            return spec.claim_stance
    return None


def _has_denial(content: str, lex: CueLexicon) -> bool:
    low = content.lower()
    return any(re.search(rf"\b{re.escape(w)}\b", low) for w in lex.denial_words)


# --- quotation marks without a parse-level cue -----------------------------------------------------


def _is_scare(text: str, m: Mark, lex: CueLexicon) -> bool:
    """Scare quotes and titles: "so-called 'peace'", a book title in Title Case."""
    inner = text[m.inner_start:m.inner_end].strip()
    words = inner.split()
    before = text[max(0, m.start - 30):m.start].split()
    prev = before[-1].lower().strip(",") if before else ""
    if len(words) <= 4 and prev in lex.scare_markers:
        return True
    content_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    at_sentence_start = not before or before[-1][-1:] in _SENTENCE_END + ":"
    return (len(words) >= 2 and bool(content_words) and not at_sentence_start
            and all(w[0].isupper() for w in content_words) and inner[-1:] not in ".!?,")


def _adjacent_cue(doc: Any, starts: list[int], m: Mark, index: MarkIndex,
                  cues: dict[int, Cue], blockers: set[int]) -> tuple[Cue | None, bool]:
    """A cue right after ("..., he said") or right before ("told us: ...") a quotation."""
    after = _token_at_or_after(starts, m.end)
    inner = doc_text(doc)[m.inner_start:m.inner_end].rstrip()
    nxt = doc_text(doc)[m.end:m.end + 1]
    inverted = inner[-1:] in ",!?…—-" or nxt == ","
    for step, tok in enumerate(_walk(doc, after, +1, index)):
        if step > 6 or not inverted:
            break
        if tok.i in blockers:
            return None, True
        if tok.i in cues and not cues[tok.i].quotes:
            return cues[tok.i], False
        if tok.pos_ == "VERB" or (tok.text in _SENTENCE_END and not index.at(tok.idx)):
            break
    before = _token_at_or_after(starts, m.start) - 1
    for step, tok in enumerate(_walk(doc, before, -1, index)):
        if step > 8:
            break
        if tok.i in blockers:
            return None, True
        if tok.i in cues:
            return cues[tok.i], False
        if tok.pos_ == "VERB" or tok.text in _SENTENCE_END:
            break
    return None, False


def _walk(doc: Any, i: int, step: int, index: MarkIndex):
    """Tokens from ``i`` in one direction, stopping at a paragraph break or another quote."""
    while 0 <= i < len(doc):
        tok = doc[i]
        if "\n" in tok.text or (not tok.is_punct and index.at(tok.idx)):
            return
        if not tok.is_space:
            yield tok
        i += step


def _token_at_or_after(starts: list[int], offset: int) -> int:
    """Index of the first token starting at or after ``offset`` (``starts``: token offsets)."""
    k = bisect_right(starts, offset - 1)
    return k


def _stands_alone(text: str, m: Mark) -> bool:
    """A quotation that is a sentence (or more) of its own, not a phrase inside one."""
    inner = text[m.inner_start:m.inner_end]
    if len(inner.split()) < 3:
        return False
    before = text[:m.start].rstrip(" \t")
    after = text[m.end:].lstrip(" \t")
    opens = not before or before[-1] in "\n:" + _SENTENCE_END or before[-1] in "”\"»"
    closes = (not after or after[0] in "\n“\"«" or after[0].isupper()
              or (inner.rstrip()[-1:] in _SENTENCE_END and after[0] not in ",;"))
    return opens and closes


# --- building facts ------------------------------------------------------------------------------


def _build(item: WorkItem, text: str, cues: list[Cue], orphans: list[Mark],
           sentences: list[Any], lex: CueLexicon) -> list[Quote]:
    raw: list[tuple[int, int, str, Cue | None, str | None]] = []
    for cue in cues:
        for kind, start, end, stance in cue.quotes:
            raw.append((start, end, kind, cue, stance))
    anchors = sorted((c for c in cues if c.speaker is not None and (c.quotes or not c.weak)),
                     key=lambda c: c.span[0])
    anchor_starts = [c.span[0] for c in anchors]
    sent_starts = [s.start_char for s in sentences]
    for m in orphans:
        k = bisect_right(anchor_starts, m.start) - 1
        cue = anchors[k] if k >= 0 else None
        if cue is not None and not _near(text, cue.span[0], m.start, sent_starts):
            cue = None
        start, end = _inner(text, m)
        raw.append((start, end, "direct", cue, None))
    raw.sort(key=lambda r: (r[0], r[1]))
    quotes: list[Quote] = []
    skips = [(s, e, why) for cue in cues for s, e, why in cue.skipped]
    seen: set[tuple[int, int]] = set()
    for start, end, kind, cue, stance in raw:
        if (start, end) in seen or end <= start:
            continue
        seen.add((start, end))
        speaker = _speaker(item, cue, lex) if cue else Speaker(None, None, None, "unattributed")
        if speaker is None:
            skips.append((start, end, "first-person speech of an author the document does "
                                      "not name"))
            continue
        quotes.append(Quote(
            id=f"q{len(quotes) + 1}", kind=kind, content=text[start:end], start=start, end=end,
            speaker=speaker,
            cue=Span(cue.span[0], cue.span[1], text[cue.span[0]:cue.span[1]]) if cue else None,
            stance=stance))
    # Left-out content with its reason, for inspection (``detente analyze`` debugging, tests).
    item.scratch["quote_skips"] = [{"start": s, "end": e, "reason": why}
                                   for s, e, why in sorted(skips)]
    return quotes


def _near(text: str, anchor: int, start: int, sent_starts: list[int]) -> bool:
    """The anchor cue is at most two sentences back and at most one paragraph back."""
    between = bisect_right(sent_starts, start) - bisect_right(sent_starts, anchor)
    return between <= 2 and text.count("\n\n", anchor, start) + _lines(text, anchor, start) <= 1


def _lines(text: str, a: int, b: int) -> int:
    # Paragraphs separated by single newlines (as in many scraped texts) count as well.
    return max(text.count("\n", a, b) - 2 * text.count("\n\n", a, b), 0)


def _speaker(item: WorkItem, cue: Cue, lex: CueLexicon) -> Speaker | None:
    """Who the cue credits; None when that is the unnamed author of the document ("I argued"),
    who is no speaker to record (cues inside quotation marks never reach here)."""
    head = cue.speaker
    if head is None:
        return Speaker(None, None, None, "unattributed")
    a, b = _phrase(head)
    doc = head.doc
    start, end = doc[a].idx, doc[b].idx + len(doc[b])
    phrase = doc_text(doc)[start:end]
    if head.lower_ in lex.author_pronouns:
        author = (item.document.author or "").strip()
        return Speaker(None, author, phrase, "named") if author else None
    actor = actor_at(item, head.idx, head.idx + len(head)) if item.actors else None
    if actor is None and item.actors and head.lower_ in lex.spokesperson_nouns:
        actor = _body_spoken_for(item, head) or _spokesperson_before(item, head, lex)
    source = _source_type(head, actor, lex)
    if actor is not None:
        return Speaker(actor.id, actor.name, phrase, source, count=actor.count,
                       affiliation=actor.affiliation or (actor.country if source == "anonymous"
                                                         else None))
    ent = next((e for e in doc.ents if e.start <= head.i < e.end and e.label_ in _NAME_LABELS),
               None)
    name = ent.text if ent is not None and source == "named" else phrase
    return Speaker(None, name, phrase, source)


def _body_spoken_for(item: WorkItem, head: Token) -> Any:
    """The organisation or state an unnamed spokesperson speaks for ("a spokesman *for the
    Presidential Leadership Council*", "the spokeswoman *of the European Commission*", "a
    *State Department* spokesperson"), or None."""
    if head.left_edge.i < head.i:
        # Only a body itself: in "Qatar's foreign ministry spokesman" the state is not the
        # body the spokesman speaks for.
        before = head.doc[head.i - 1]
        body = actor_at(item, head.left_edge.idx, before.idx + len(before))
        # a seat of government is a body too ("a *Kremlin* spokesman", "a *State Department*
        # spokesperson"), the country itself is not
        if body is not None and (body.kind in ("organization", "group") or (
                body.kind == "state" and body.code and body.code != body.country)):
            return body
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("for", "of", "at"):
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            body = actor_at(item, obj.left_edge.idx, obj.idx + len(obj))
            if body is not None and body.kind in ("organization", "state", "group"):
                return body
    return None


def _spokesperson_before(item: WorkItem, head: Token, lex: CueLexicon) -> Any:
    """The body of the spokesperson named last before a bare "the spokesperson" ("a State
    Department spokesperson said ... *the spokesperson* added"): the same person. None when
    the phrase says more than "the spokesperson", or the one before speaks for no body."""
    if [c.lower_ for c in head.children if c.dep_ != "punct"] != ["the"]:
        return None
    for t in reversed(head.doc[:head.i]):
        if t.lower_ in lex.spokesperson_nouns:
            return _body_spoken_for(item, t)
    return None


def _phrase(head: Token) -> tuple[int, int]:
    """Token range of the speaker phrase: the subject's subtree without relative clauses."""
    skip: set[int] = set()
    for t in head.subtree:
        if t.dep_ == "relcl" and t is not head:
            skip.update(x.i for x in t.subtree)
    a = b = head.i
    while a - 1 >= head.left_edge.i and a - 1 not in skip:
        a -= 1
    while b + 1 <= head.right_edge.i and b + 1 not in skip:
        b += 1
    doc = head.doc
    while a < head.i and ("\n" in doc_text(doc)[doc[a].idx:head.idx]):
        a += 1
    while b > head.i and ("\n" in doc_text(doc)[head.idx:doc[b].idx]):
        b -= 1
    while a < head.i and (doc[a].is_punct or doc[a].is_space or doc[a].lower_ in ("but", "and")):
        a += 1
    while b > head.i and doc[b].is_punct:
        b -= 1
    return a, b


def _source_type(head: Token, actor: Any, lex: CueLexicon) -> str:
    """named | anonymous | document | unattributed, from the actor kind or the head noun."""
    if actor is not None and actor.kind == "anonymous":
        return "anonymous"
    lemma = head.lemma_.lower()
    low = head.lower_
    if actor is None and (lemma in lex.document_heads or low in lex.document_heads):
        return "document"
    if (low in lex.unattributed_heads and head.dep_ != "pobj") or low in ("someone", "somebody"):
        return "unattributed"
    if actor is None and (lemma in lex.anonymous_heads or low in lex.anonymous_heads
                          ) and _unnamed(head, lex):
        return "anonymous"
    return "named"


def _unnamed(head: Token, lex: CueLexicon) -> bool:
    """ "a senior official", "three people", "officials" (no name, no owner, or a marker)."""
    if any(e.label_ == "PERSON" for e in head.doc.ents
           if e.start >= head.left_edge.i and e.end <= head.right_edge.i + 1):
        return False
    dets = {c.lower_ for c in head.children if c.dep_ in ("det", "nummod")}
    plural = head.tag_ in ("NNS", "NNPS")
    has_poss = any(c.dep_ == "poss" for c in head.children)
    sent = head.sent.text.lower()
    return bool(dets & lex.anonymous_determiners
                or any(c.dep_ == "nummod" for c in head.children)
                or (plural and not dets and not has_poss)
                or any(mk in sent for mk in lex.anonymity_markers))
