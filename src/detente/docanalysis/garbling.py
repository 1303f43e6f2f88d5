"""Garbling detectors beyond the foundation's (:mod:`detente.clean.quality`).

Machine-rewritten ("spun") articles betray themselves in three ways detected here, each returned
as :class:`~detente.facts.QualityFlag` objects with offsets (the stage merges them into
``document.quality`` and rescores with :func:`detente.clean.quality.score`):

- **one entity spelled several ways** (kind ``name_variant``): a near-spelling of a name used in
  the same text (Witkoff / Witkov, a truncated Koza for Kozak), or a lone surname standing where
  the document binds another one: after the same given name ("Dmitry X" beside a dominant
  "Dmitry Y" when X gets no role of its own), after the same multi-word role ("deputy chief of
  staff X"), or as the subject of a section whose heading names the dominant person who then
  never appears in it. The NER label does not matter (a substitute name is often tagged ORG).
- **tortured phrases** (kind ``tortured_phrase``): a common idiom (``idioms.yaml``) with one
  content word swapped for a look-alike word (same first two letters, about the same length),
  plus an optional user list of known synonym garbles (``tortured_phrases``).
- **truncated sentences** (kind ``truncated_sentence``) inside the text.

Everything is one pass over regex tokens plus dictionary look-ups: linear in the text length,
with the knowledge compiled once per :class:`Knowledge` instance.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import numpy as np
from rapidfuzz.distance import Levenshtein

from detente.docanalysis.genre import Paragraph, split_paragraphs
from detente.docanalysis.knowledge import Knowledge
from detente.errors import KnowledgeError
from detente.facts import Actor, QualityFlag

# Capitalised words not at the start of a sentence or line: candidate names.
_NAME = re.compile(r"(?<=[\w,;:)’”\-–—] )[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?|(?<=\()[A-Z][a-z]{2,}")
_ANY_CAP = re.compile(r"\b[A-Z][a-z]{2,}\b")
_LAST_WORD = re.compile(r"[a-z]{2,}[,;]?$")
_LOWER_WORD = re.compile(r"\b[a-z]{3,}\b")
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_CAP = re.compile(r"[A-Z][a-z]+")
_SENTENCE_END = re.compile(r"[.!?](?:[\"”’)]*)(?=\s)|\n")
_POSSESSIVE = re.compile(r"['’]s$")
# A comma and a description after a name: "X, the deputy...", "X, head of...", "X, Sweden's..."
_APPOSITION = re.compile(r",\s+(?:[a-z]|[A-Z][a-z]+['’]s\b)")
_PRONOUN = re.compile(r"\b(?:he|she|his|her|him)\b", re.I)
# Endings that make an inflected form of the same word (screen / screens), not a substitute.
_INFLECTIONS = ("s", "es", "d", "ed", "ing", "'s", "’s")
# Fewest words for a heading-like line to be read as a cut-off sentence instead.
_MIN_SENTENCE_WORDS = 8
# Most letters that may differ when the swapped word is the head of a two-word idiom.
_HEAD_EDITS = 2


# --- tokens ---------------------------------------------------------------------------------


class _Tok(NamedTuple):
    # A named tuple, not a frozen dataclass: documents have thousands of tokens and tuples
    # are several times cheaper to build.
    start: int
    end: int
    text: str
    joined: bool  # only a space or hyphen separates it from the next token


def _tokens(text: str) -> list[_Tok]:
    found = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    out = []
    for i, (start, end, word) in enumerate(found):
        # The gap to the next token is one space or hyphen (the last token is never joined).
        joined = i + 1 < len(found) and found[i + 1][0] == end + 1 and text[end] in " -‑"
        out.append(_Tok(start, end, word, joined))
    return out


def _words(entry: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[\s\-‑]+", entry.casefold().replace("’", "'")) if w)


# --- idioms with a look-alike word swapped in -----------------------------------------------


@dataclass(frozen=True)
class _Idioms:
    exact: frozenset[tuple[str, ...]]
    # (length, swapped position, the other words) -> the idiom words at the swapped position
    slots: dict[tuple[int, int, tuple[str, ...]], tuple[str, ...]]
    vocabulary: frozenset[str]
    lengths: tuple[int, ...]
    allowed: frozenset[tuple[str, ...]]


@cache
def _idioms(kb: Knowledge) -> _Idioms:
    """The idiom list compiled into wildcard slots, once per knowledge instance."""
    cfg = kb.section("garbling")
    function = frozenset(str(w) for w in cfg.get("function_words", []))
    exact: set[tuple[str, ...]] = set()
    slots: dict[tuple[int, int, tuple[str, ...]], set[str]] = defaultdict(set)
    for entry in cfg.get("idioms", []):
        if not isinstance(entry, str):
            raise KnowledgeError(f"idiom {entry!r} is not a string", source=", ".join(kb.sources))
        words = _words(entry)
        if len(words) < 2:
            continue
        exact.add(words)
        for i, word in enumerate(words):
            rest = words[:i] + words[i + 1:]
            # A swapped function word, or an idiom anchored only by function words, would match
            # ordinary text everywhere.
            if word in function or len(word) < 3 or all(w in function for w in rest):
                continue
            slots[(len(words), i, rest)].add(word)
    return _Idioms(exact=frozenset(exact),
                   slots={k: tuple(sorted(v)) for k, v in slots.items()},
                   vocabulary=frozenset(w for words in exact for w in words),
                   lengths=tuple(sorted({len(w) for w in exact})),
                   allowed=frozenset(_words(str(c)) for c in cfg.get("allowed_collocations", [])))


def look_alike(found: str, expected: str, max_edits: int | None = None) -> bool:
    """``found`` is a different word shaped like ``expected``: both at least four letters, length
    within one, not an inflection of it, and either the same first two letters with at most
    ``max_edits`` (default: about 60% of the letters) changed, or the same first letter and
    length with one letter changed."""
    if found == expected or found[0] != expected[0] or abs(len(found) - len(expected)) > 1 \
            or min(len(found), len(expected)) < 4:
        return False
    if found[1] != expected[1]:
        # Only the first letter shared: a single changed letter ("lane" for "line").
        return len(found) == len(expected) and Levenshtein.distance(found, expected) == 1
    short, long_ = sorted((found, expected), key=len)
    if long_.startswith(short) and long_[len(short):] in _INFLECTIONS:
        return False
    if short.endswith("e") and long_.startswith(short[:-1]) and long_[len(short) - 1:] in (
            "ing", "ed"):
        return False
    limit = max_edits if max_edits is not None else round(0.6 * len(expected))
    if len(expected) <= 4:
        limit = 1
    return Levenshtein.distance(found, expected) <= limit


def idiom_substitution_flags(text: str, kb: Knowledge,
                             tokens: Sequence[_Tok] | None = None) -> list[QualityFlag]:
    """Idioms with one content word replaced by a look-alike word ("sm... screen" read as a
    mangled "smoke screen"). The garbled form need not be listed anywhere."""
    idioms = _idioms(kb)
    toks = _tokens(text) if tokens is None else tokens
    words = [t.text.casefold().replace("’", "'") for t in toks]
    flags: list[QualityFlag] = []
    last_end = -1
    for j, n in _idiom_windows(words, toks, idioms):
        window = words[j:j + n]
        key = tuple(window)
        if key in idioms.exact or key in idioms.allowed:
            continue
        # With one word outside the idiom vocabulary, only that word can be the swap (the
        # others must be the idiom's own words); with none, any of them can.
        outside = [i for i, w in enumerate(window) if w not in idioms.vocabulary]
        hit = _swapped(window, idioms, outside or range(n))
        if hit is None:
            continue
        start, end = toks[j].start, toks[j + n - 1].end
        if start < last_end:  # overlaps a flag already made
            continue
        flags.append(QualityFlag("tortured_phrase", start, end, text[start:end],
                                 note=f"for {hit}"))
        last_end = end
    return flags


def _idiom_windows(words: list[str], toks: Sequence[_Tok], idioms: _Idioms
                   ) -> list[tuple[int, int]]:
    """(start token, length) of the windows that may mangle an idiom, by start then length:
    all but one word belong to some idiom and no punctuation splits them. Tested with array
    arithmetic on running counts: one window in ten passes, and a Python test of every token
    and idiom length was the garbling checks' main cost."""
    if not words:
        return []
    known = np.concatenate(([0], np.cumsum([w in idioms.vocabulary for w in words])))
    split = np.concatenate(([0], np.cumsum([not t.joined for t in toks])))
    starts: list[np.ndarray] = []
    lengths: list[np.ndarray] = []
    for n in idioms.lengths:
        j = np.arange(len(words) - n + 1)
        ok = (known[j + n] - known[j] >= n - 1) & (split[j + n - 1] == split[j])
        starts.append(j[ok])
        lengths.append(np.full(int(ok.sum()), n))
    j, n = np.concatenate(starts), np.concatenate(lengths)
    order = np.lexsort((n, j))  # by start, then length
    return list(zip(j[order].tolist(), n[order].tolist(), strict=True))


def _swapped(window: list[str], idioms: _Idioms, positions: Iterable[int] | None = None
             ) -> str | None:
    """The idiom ``window`` mangles by one look-alike word (at one of ``positions``, default
    any), or None."""
    n = len(window)
    for i in range(n) if positions is None else positions:
        word = window[i]
        # The head noun of a two-word idiom takes many modifiers in ordinary text ("peace
        # process" / "peace proposal"): a swap there must be closer in spelling.
        edits = _HEAD_EDITS if n == 2 and i == 1 else None
        for expected in idioms.slots.get((n, i, tuple(window[:i] + window[i + 1:])), ()):
            if look_alike(word, expected, edits):
                return " ".join([*window[:i], expected, *window[i + 1:]])
    return None


def tortured_phrase_flags(text: str, kb: Knowledge, tokens: Sequence[_Tok] | None = None
                          ) -> list[QualityFlag]:
    """Garbled phrases listed in the knowledge (``tortured_phrases``: synonym swaps such as
    "crimson lines" that no spelling rule can see), plus look-alike idiom substitutions."""
    flags = []
    # Case-insensitive regex matching is at least as loose as casefolding, except that it
    # also equates dotless ı with i.
    folded = text.casefold().replace("ı", "i")
    for first, pattern, means in _tortured_patterns(kb):
        # A phrase whose first word is nowhere in the text cannot match: skip its regex scan.
        if first not in folded:
            continue
        for m in pattern.finditer(text):
            flags.append(QualityFlag("tortured_phrase", m.start(), m.end(), m.group(),
                                     note=f"for {means}"))
    listed = [(f.start, f.end) for f in flags]
    flags += [f for f in idiom_substitution_flags(text, kb, tokens)
              if not any(s < f.end and f.start < e for s, e in listed)]
    return sorted(flags, key=lambda f: f.start)


@cache
def _tortured_patterns(kb: Knowledge) -> list[tuple[str, re.Pattern[str], str]]:
    """(first word casefolded, compiled pattern, meaning) per tortured phrase, once per kb."""
    out = []
    for entry in kb.section("garbling").get("tortured_phrases", []):
        words = str(entry["phrase"]).split()
        pattern = re.compile(r"\b" + r"\s+".join(map(re.escape, words)) + r"\b", re.I)
        out.append((words[0].casefold() if words else "", pattern,
                    str(entry.get("means", "?"))))
    return out


# --- one entity, several spellings ----------------------------------------------------------


@dataclass(frozen=True)
class _NameRules:
    min_chars: int
    suffixes: tuple[str, ...]
    distinct: frozenset[frozenset[str]]
    titles: frozenset[str]
    not_given: frozenset[str]
    subject_verbs: frozenset[str]
    role_stop: frozenset[str]
    dominant_min: int


@cache
def _name_rules(kb: Knowledge) -> _NameRules:
    cfg = kb.section("garbling")
    return _NameRules(
        min_chars=int(cfg.get("min_name_chars", 5)),
        suffixes=tuple(cfg.get("related_suffixes", [])),
        distinct=frozenset(frozenset(pair) for pair in cfg.get("distinct_names", [])),
        titles=frozenset(map(str, cfg.get("titles", []))),
        not_given=frozenset(map(str, cfg.get("not_given_names", []))),
        subject_verbs=frozenset(map(str, cfg.get("subject_verbs", []))),
        role_stop=frozenset(map(str, cfg.get("role_stop_words", []))),
        dominant_min=int(cfg.get("dominant_min_mentions", 3)))


def known_names(actors: Iterable[Actor]) -> frozenset[str]:
    """Capitalised words of the mentions the actors stage resolved to knowledge-base entries:
    a known person or place named once is not a substitute for another name."""
    return frozenset(w for a in actors if a.kb_id for m in a.mentions
                     for w in _CAP.findall(m.text))


def name_variant_flags(text: str, kb: Knowledge, paragraphs: Iterable[Paragraph] | None = None,
                       known: Iterable[str] = (), tokens: Sequence[_Tok] | None = None
                       ) -> list[QualityFlag]:
    """Every occurrence of a rarer spelling of a name used in the same document, and lone names
    standing where the document binds a different, dominant name (see the module docstring).
    Names in ``known`` (see :func:`known_names`) are never taken for substitutes."""
    paras = list(split_paragraphs(text) if paragraphs is None else paragraphs)
    flags = _near_spelling_flags(text, paras, _name_rules(kb))
    taken = {(f.start, f.end) for f in flags}
    known = frozenset(known)
    toks = _tokens(text) if tokens is None else tokens
    flags += [f for f in _substitute_name_flags(text, paras, _name_rules(kb), toks)
              if (f.start, f.end) not in taken and f.text not in known]
    return sorted(flags, key=lambda f: f.start)


def _near_spelling_flags(text: str, paragraphs: Sequence[Paragraph], rules: _NameRules
                         ) -> list[QualityFlag]:
    # Names: capitalised words used mid-sentence at least once. A rarer spelling may stand only
    # at sentence starts, so every capitalised word that is never an ordinary lowercase word is
    # compared with them. Title-case headings capitalise every word: they are left out.
    prose = "\n".join(p.text for p in paragraphs if p.kind != "heading")
    names = {m.group() for m in _NAME.finditer(prose)}
    lowered = {w.capitalize() for w in _LOWER_WORD.findall(text)}
    counts = Counter(m.group() for m in _ANY_CAP.finditer(prose) if m.group() not in lowered)
    variants: dict[str, str] = {}  # rarer spelling -> the spelling it varies
    # Variants share their first two letters (see _is_variant), so only names in one bucket
    # are compared; each bucket keeps the frequency order (all pairs cost ~500 calls a doc).
    buckets: dict[str, list[str]] = defaultdict(list)
    for name in sorted(counts, key=lambda n: (-counts[n], n)):
        buckets[name[:2]].append(name)
    for ordered in buckets.values():
        for i, main in enumerate(ordered):
            if main not in names or main in variants:
                continue
            for other in ordered[i + 1:]:
                if other not in variants and _is_variant(main, other, rules):
                    variants[other] = main
    return [QualityFlag("name_variant", m.start(), m.end(), m.group(),
                        note=f"also spelled {variants[m.group()]}")
            for m in _ANY_CAP.finditer(text) if m.group() in variants]


def _is_variant(a: str, b: str, rules: _NameRules) -> bool:
    if a == b or frozenset((a, b)) in rules.distinct or \
            min(len(a), len(b)) < rules.min_chars - 1:
        return False
    short, long_ = sorted((a, b), key=len)
    if long_.startswith(short) and long_[len(short):] in rules.suffixes:
        return False
    if a[:2] != b[:2]:
        return False
    # A truncated name (Koza for Kozak) or a one- or two-letter respelling (Witkov, Uschakov).
    if long_.startswith(short) and len(long_) - len(short) <= 2 and len(short) >= 4:
        return True
    if min(len(a), len(b)) < rules.min_chars:
        return False
    limit = 1 if len(short) < 6 else 2
    return Levenshtein.distance(a, b) <= limit


@dataclass(frozen=True, slots=True)
class _Mention:
    """A capitalised word with what surrounds it."""

    index: int  # token index
    start: int
    end: int
    name: str
    given: str | None  # the capitalised word right before it ("Dmitry" in "Dmitry Kozak")
    followed: bool  # a capitalised word follows (part of a longer name)
    initial: bool  # first word of a sentence or line
    role: tuple[str, ...]  # lowercase role words before the name ("deputy chief of staff")
    role_owner: str | None  # a capitalised word before the role ("Russian", "Kremlin")
    titled: bool  # has a role, title or apposition of its own


def _mentions(text: str, toks: Sequence[_Tok], rules: _NameRules) -> list[_Mention]:
    out = []
    for i, t in enumerate(toks):
        if not "A" <= t.text[0] <= "Z":  # what _CAP needs first: skips most tokens cheaply
            continue
        name = _POSSESSIVE.sub("", t.text)  # "Kozak’s" is a mention of Kozak
        if not _CAP.fullmatch(name):
            continue
        prev = toks[i - 1] if i else None
        adjacent_prev = prev is not None and prev.joined and prev.end < t.start
        given = prev.text if adjacent_prev and _CAP.fullmatch(prev.text) else None
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        followed = t.joined and nxt is not None and bool(_CAP.fullmatch(nxt.text))
        lead = text[max(0, t.start - 3):t.start].rstrip(" \t“\"‘'(-—–•*")
        initial = not lead or lead[-1] in ".!?:\n" or (i == 0)
        # The role and title are read before the full name: before the given name if any.
        first = i - 1 if given else i
        role, owner = _role_before(toks, first, rules)
        titled = bool(role) or owner is not None or (given is not None and given in rules.titles)
        if not titled:
            titled = _APPOSITION.match(text, t.end) is not None
        out.append(_Mention(i, t.start, t.start + len(name), name, given, followed, initial,
                            role, owner,
                            titled))
    return out


def _role_before(toks: Sequence[_Tok], i: int, rules: _NameRules
                 ) -> tuple[tuple[str, ...], str | None]:
    """Role words right before token ``i`` (up to four, lowercased; capitalised titles such as
    "Deputy" count), and the capitalised word that owns them (a nationality or organisation:
    "Russian", "Kremlin"), which makes two holders of one role different people."""
    words: list[str] = []
    k = i - 1
    while k >= 0 and len(words) < 4 and toks[k].joined:
        word = toks[k].text
        if (word.islower() and word not in rules.role_stop) or word in rules.titles:
            words.insert(0, word.lower())
            k -= 1
            continue
        if _CAP.fullmatch(word) and words:
            return tuple(words), word
        break
    while words and words[0] == "of":
        words.pop(0)
    return tuple(words), None


def _role_keys(role: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The role's endings of two words or more, longest first ("chief of staff" in "deputy
    chief of staff")."""
    return [role[k:] for k in range(len(role) - 1)]


def _substitute_name_flags(text: str, paragraphs: Sequence[Paragraph], rules: _NameRules,
                           toks: Sequence[_Tok]) -> list[QualityFlag]:
    mentions = _mentions(text, toks, rules)
    lowered = {t.text for t in toks if t.text.islower()}
    counts = Counter(m.name for m in mentions)
    # A person's surname, by the newsroom convention: introduced after a given name, then
    # used alone. The dominant ones are the people a substitute could stand for.
    bare = Counter(m.name for m in mentions if m.given is None)
    full = {m.name for m in mentions if m.given and m.given not in rules.not_given
            and m.given not in rules.titles and not m.followed}
    dominant = {n for n in full if counts[n] >= rules.dominant_min and bare[n] >= 2}
    if not dominant:
        return []

    def lone(m: _Mention) -> bool:
        # Used once, never as an ordinary lowercase word, not part of a longer name.
        return (counts[m.name] == 1 and m.name.lower() not in lowered and not m.followed
                and m.name not in rules.titles and m.name not in rules.not_given
                and len(m.name) >= 4)

    flags = []
    by_given = defaultdict(set)
    by_role = defaultdict(set)
    for m in mentions:
        if m.name in dominant and m.given:
            by_given[m.given].add(m.name)
        if m.name in dominant:
            for key in _role_keys(m.role):
                by_role[key].add(m.name)
    para_starts = [p.start for p in paragraphs]
    for m in mentions:
        if not lone(m) or m.name in dominant:
            continue
        note = None
        if m.given and not m.titled and m.given not in rules.not_given:
            same = sorted(by_given.get(m.given, ()))
            if same:
                note = f"same given name as {m.given} {same[0]}"
        if note is None and len(m.role) >= 2 and m.role_owner is None and m.given is None:
            key = next((k for k in _role_keys(m.role) if k in by_role), None)
            if key:
                note = f"same role ({' '.join(key)}) as {sorted(by_role[key])[0]}"
        if note is None and m.given is None and not m.initial and not m.titled:
            topic = _section_topic(paragraphs, para_starts, m, dominant)
            if topic and _subject_slot(text, toks, m, rules):
                note = f"under a heading naming {topic}, in a paragraph that never does"
        if note:
            flags.append(QualityFlag("name_variant", m.start, m.end, m.name, note=note))
    return flags


def _section_topic(paragraphs: Sequence[Paragraph], starts: list[int], m: _Mention,
                   dominant: set[str]) -> str | None:
    """The dominant name that the heading right above ``m``'s paragraph names, when that
    paragraph never uses it: the one mention the rewriter replaced."""
    k = bisect_right(starts, m.start) - 1
    if k < 1 or paragraphs[k].kind != "body" or paragraphs[k - 1].kind != "heading":
        return None
    named = [n for n in dominant if re.search(rf"\b{re.escape(n)}\b", paragraphs[k - 1].text)]
    if len(named) != 1 or re.search(rf"\b{re.escape(named[0])}\b", paragraphs[k].text):
        return None
    return named[0]


def _subject_slot(text: str, toks: Sequence[_Tok], m: _Mention, rules: _NameRules) -> bool:
    """``m`` is a sentence's subject ("X has represented...") and a he/she pronoun follows in
    the same or the next sentence: it stands for a person."""
    nxt = toks[m.index + 1] if m.index + 1 < len(toks) else None
    if nxt is None or not toks[m.index].joined:
        return False
    if nxt.text not in rules.subject_verbs and not nxt.text.endswith("ed"):
        return False
    ends = [e.end() for e in _SENTENCE_END.finditer(text, m.end)][:2]
    limit = ends[-1] if ends else len(text)
    return _PRONOUN.search(text, m.end, limit) is not None


# --- truncated sentences and the whole set --------------------------------------------------


def truncated_sentence_flags(paragraphs: Iterable[Paragraph], text: str,
                             kb: Knowledge | None = None) -> list[QualityFlag]:
    """Body paragraphs inside the text that stop without end punctuation after a lowercase word
    (the foundation already flags a truncated last line). A cut-off sentence short enough to
    pass for a heading counts too when it reads as a sentence (mostly lowercase words, no
    colon) and ends in a word no sentence ends in ("within", "the"): needs ``kb``."""
    dangling = frozenset(kb.section("garbling").get("dangling_words", [])) if kb else frozenset()
    tail = len(text.rstrip())
    flags = []
    for p in paragraphs:
        if p.end >= tail or not (p.kind == "body" or _cut_heading(p, dangling)):
            continue
        if not p.text.endswith(('.', '!', '?', '"', '”', '’', ')', '»', '…', ':')) and \
                _LAST_WORD.search(p.text):
            start = max(p.start, p.end - 40)
            flags.append(QualityFlag("truncated_sentence", start, p.end, text[start:p.end]))
    return flags


def _cut_heading(p: Paragraph, dangling: frozenset[str]) -> bool:
    words = p.text.split()
    if p.kind != "heading" or len(words) < _MIN_SENTENCE_WORDS or ":" in p.text:
        return False
    capitals = sum(1 for w in words if w[:1].isupper())
    return capitals / len(words) <= 0.25 and words[-1] in dangling


def garbling_flags(text: str, paragraphs: Iterable[Paragraph], kb: Knowledge,
                   known: Iterable[str] = ()) -> list[QualityFlag]:
    """All docanalysis garbling flags for ``text``; ``known``: names resolved to the actor
    knowledge base (:func:`known_names`), never flagged as substitutes."""
    paras = list(paragraphs)
    toks = _tokens(text)  # shared by the name and idiom checks (tokenising was a hot spot)
    return [*name_variant_flags(text, kb, paras, known, toks),
            *tortured_phrase_flags(text, kb, toks),
            *truncated_sentence_flags(paras, text, kb)]
