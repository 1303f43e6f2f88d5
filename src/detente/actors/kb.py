"""The actor knowledge base: the one loader for states, organisations, persons and user files.

Bundled data lives in ``knowledge/data/actors/`` (states.yaml, organizations.yaml, persons/*.yaml,
and the resolver's own ``resolver_*.yaml`` vocabularies). Users add or override entries with
extra YAML files (config ``knowledge.actor_files``) in the same schema, or import PETRARCH/TABARI
dictionaries with :func:`detente.actors.petrarch.import_actors`.

Lookups are by *normalised* alias (casefold, diacritics stripped, straight apostrophes), by
surname, by transliteration key (Zelenskiy/Zelenskyy/Zelensky -> one key) and by role at a date.
Aliases that two different entries claim are reported at load time (``KnowledgeBase.conflicts``,
or a :class:`KnowledgeError` with ``strict=True``) and are then never resolved by alias alone.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from detente.errors import KnowledgeError
from detente.knowledge import data_path

log = logging.getLogger(__name__)

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})


def normalize(text: str) -> str:
    """Casefold, strip diacritics, straighten apostrophes and collapse whitespace."""
    if text.isascii():  # most names: no diacritics to strip, only the backtick to straighten
        return " ".join(text.replace("`", "'").casefold().split())
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


# Transliteration folding: Ukrainian/Russian names reach English news through several systems
# (Zelenskiy/Zelenskyy/Zelensky/Zelenskij, Podolyak/Podoliak, Yermak/Iermak, Witkoff/Witkov).
# The rules map those spellings to one key; they are deliberately few so that distinct names
# stay distinct.
_TRANSLIT_RULES: tuple[tuple[str, str], ...] = (
    (r"[^a-z]", ""),
    (r"^ie", "ye"), (r"^iu", "yu"), (r"^ia", "ya"), (r"^i(?=[aeou])", "y"),
    (r"kh", "h"), (r"w", "v"), (r"ff", "v"), (r"ph", "f"),
    (r"(?<=[aeiou])i(?=[aeou])", "y"), (r"(?<=[bcdfghklmnprstvz])i(?=[aou])", "y"),
    (r"(ij|iy|yi|yy|ii|y)$", "y"), (r"ks", "x"), (r"(.)\1", r"\1"),
)
_TRANSLIT_COMPILED = tuple((re.compile(p), r) for p, r in _TRANSLIT_RULES)


def translit_key(name: str) -> str:
    """A spelling-insensitive key for one name word ("Zelenskyy" and "Zelenskiy" -> "zelensky")."""
    key = normalize(name)
    for pattern, repl in _TRANSLIT_COMPILED:
        key = pattern.sub(repl, key)
    return key


# --- entries ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    """A position held over a date range (ISO date strings; None = open)."""

    title: str
    key: str | None = None  # normalised role key from resolver_titles.yaml ("president")
    country: str | None = None
    sector: str | None = None
    organization: str | None = None
    start: str | None = None
    end: str | None = None
    titles: tuple[str, ...] = ()  # phrases that alone name the holder ("Kremlin spokesman")
    # Filled in by KnowledgeBase from ``organization`` (the entry in organizations.yaml), so a
    # person's code can follow the body they speak for (an EU official -> EU, the RSF's
    # commander -> SDNREBRSF) without the entry needing the whole knowledge base.
    org_code: str | None = None
    org_kind: str | None = None
    org_name: str | None = None

    def active(self, date: str | None) -> bool:
        if not date:
            return self.end is None
        day = date[:10]
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Entry:
    """One knowledge-base actor: a person, a state or an organisation."""

    id: str
    kind: str  # person | state | organization | group
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    roles: tuple[Role, ...] = ()
    gender: str | None = None  # "m" | "f" | None
    demonyms: tuple[str, ...] = ()
    # Demonyms shared with another entry that this one claims ("Dominican": the Dominican
    # Republic, far more frequent in news than Dominica).
    preferred_demonyms: tuple[str, ...] = ()
    metonyms: tuple[tuple[str, str, bool], ...] = ()  # (text, sector, ambiguous)
    source: str = ""  # file:line, for error messages
    # Surnames from the data file; None when the entry gives none (then derived from names), ()
    # when it says there are none (``surnames: []``: Gulf royals, Chinese and Korean names).
    surname_forms: tuple[str, ...] | None = None
    ambiguous_surnames: tuple[str, ...] = ()  # resolved only from document context
    # Words that alone describe this group within its country ("Sudan's paramilitary group"
    # is the Rapid Support Forces): organisations and groups only.
    descriptors: tuple[str, ...] = ()
    # Groups that are a state's de facto government over a period, (country, start, end):
    # the Taliban for Afghanistan since 2021-08-15. The state's government is then coded as the
    # group ("Kabul said" -> AFGGOVTAL), as the group's own statements are.
    governs: tuple[tuple[str, str | None, str | None], ...] = ()

    def role_at(self, date: str | None) -> Role | None:
        """The role valid at ``date`` (latest-starting one); with no date, the latest role."""
        if not self.roles:
            return None
        if date:
            live = [r for r in self.roles if r.active(date)]
        else:
            live = [r for r in self.roles if r.end is None] or list(self.roles)
        if not live:
            return None
        return max(live, key=lambda r: (r.start or "", r.end or "9999"))

    def at(self, date: str | None) -> tuple[str | None, str | None, str | None, str | None]:
        """(country, sector, code, role title) of this actor at ``date``.

        A person is e.g. USA GOV only while a GOV role is valid; out of office they keep
        their country and lose the sector. The office held at ``date`` decides alone: an
        international official (a role with no country, of an organisation) has no country
        even when an earlier office had one (Kallas as EU foreign policy chief is EU, not
        Estonia), and the leader of an armed or political group takes the group's code.
        """
        if self.kind != "person":
            return self.country, self.sector, self.code, None
        role = self.role_at(date)
        if role is None:
            country = self.country
            return country, None, country, None
        if role.country is None and role.organization:
            return None, role.sector, role.org_code or role.sector, role.title
        country = role.country or self.country
        if role.org_kind == "group" and role.org_code:
            return country, role.sector, role.org_code, role.title
        code = f"{country or ''}{role.sector or ''}" or None
        return country, role.sector, code, role.title

    def affiliation_at(self, date: str | None) -> str | None:
        """The organisation a person acts for at ``date``: that of the office that sets their
        code, else that of another office held then (a head of state who also commands the
        army). None when no office at the date names an organisation."""
        if self.kind != "person":
            return None
        role = self.role_at(date)
        if role is not None and role.org_name:
            return role.org_name
        live = [r for r in self.roles if r.org_name and (r.active(date) if date
                                                          else r.end is None)]
        return live[-1].org_name if live else None

    @property
    def surnames(self) -> tuple[str, ...]:
        """Surnames given in the data, else the last words of multi-word names."""
        if self.kind != "person":
            return ()
        if self.surname_forms is not None:
            return self.surname_forms
        out: list[str] = []
        for n in (self.name, *self.aliases):
            words = n.replace(".", ". ").split()
            if len(words) >= 2 and words[-1] not in out and words[-1][:1].isupper():
                out.append(words[-1])
        return tuple(out)


@dataclass
class Vocabulary:
    """Resolver word lists from resolver_*.yaml (titles, group nouns, anonymous cues...)."""

    titles: dict[str, dict[str, Any]] = field(default_factory=dict)  # role key -> spec
    head_words: list[str] = field(default_factory=list)
    head_roles: list[str] = field(default_factory=list)
    leader_roles: dict[str, str] = field(default_factory=dict)  # country -> role key
    group_nouns: dict[str, str | None] = field(default_factory=dict)  # lemma -> sector
    anonymous_nouns: dict[str, str | None] = field(default_factory=dict)
    anonymous_postmodifiers: list[str] = field(default_factory=list)
    count_words: dict[str, int] = field(default_factory=dict)
    regions: dict[str, dict[str, Any]] = field(default_factory=dict)  # "European" -> {...}
    pronouns: dict[str, dict[str, Any]] = field(default_factory=dict)
    not_names: set[str] = field(default_factory=set)
    place_nouns: set[str] = field(default_factory=set)
    # Cues that a name NER tagged PERSON is a person even when it is also a place name.
    person_cue_verbs: set[str] = field(default_factory=set)
    person_cue_pronouns: set[str] = field(default_factory=set)
    institution_nouns: set[str] = field(default_factory=set)  # "the army": singular groups
    document_owned_nouns: set[str] = field(default_factory=set)  # ownerless -> document state
    # Of those, the governing bodies: reported by a state's official, they are that state's.
    governing_nouns: set[str] = field(default_factory=set)
    # A ministry's portfolio, capitalised or not ("the Foreign Ministry"): no name of its own.
    portfolio_words: set[str] = field(default_factory=set)
    # Role nouns whose apposition gives a new person their side ("X, the group's envoy").
    affiliation_roles: set[str] = field(default_factory=set)
    residence_verbs: set[str] = field(default_factory=set)  # "guerrillas operating in X"
    region_nouns: set[str] = field(default_factory=set)  # "the Macedonia region": not the state
    residence_sectors: set[str] = field(default_factory=set)  # residence beats the qualifier
    stance_prefixes: set[str] = field(default_factory=set)  # "anti-Syria": not a party
    leading_participles: set[str] = field(default_factory=set)  # "Vietnamese-led forces"
    backing_participles: set[str] = field(default_factory=set)  # "Libyan-backed rebels"
    compound_participles: set[str] = field(default_factory=set)  # "the army-led government"
    # Offices held by one person per state at a time: a known person given one they never
    # held is a namesake ("Defence Minister Pedro Sánchez" of Colombia, not Spain's premier).
    single_holder_roles: set[str] = field(default_factory=set)
    # "the government in Aden", "the Aden-based government": nouns naming a government by
    # its seat, and "<X>-<participle>" words that name its state (place or installer).
    seat_nouns: set[str] = field(default_factory=set)
    seat_participles: dict[str, str] = field(default_factory=dict)  # participle -> place|owner
    # Ethnic-group demonyms that follow the state of residence ("Bosnian Serb leaders").
    ethnonyms: set[str] = field(default_factory=set)
    # "the group" / "its": words referring back to an organisation (see resolver_titles.yaml)
    org_descriptions: dict[str, dict[str, Any]] = field(default_factory=dict)
    org_possessives: dict[str, dict[str, Any]] = field(default_factory=dict)

    def title_phrases(self) -> dict[str, str]:
        """Normalised title phrase -> role key."""
        out: dict[str, str] = {}
        for key, spec in self.titles.items():
            for phrase in spec.get("phrases", []):
                out[normalize(phrase)] = key
        return out

    def role_key(self, title: str) -> str | None:
        """The role key a free-text title names ("Kremlin spokesman" -> "spokesperson").

        Deputies and former holders get no key, so "deputy foreign minister" never stands in
        for the foreign minister.
        """
        text = f" {normalize(title)} "
        if re.search(r"\b(deputy|vice|former|ex|acting|first deputy)\b", text):
            return None
        best: tuple[int, str] | None = None
        for phrase, key in self.title_phrases().items():
            if f" {phrase} " in text and (best is None or len(phrase) > best[0]):
                best = (len(phrase), key)
        return best[1] if best else None


# --- YAML with line numbers ---------------------------------------------------------------------


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that records each mapping's 1-based line as ``__line__``."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: str | Path) -> dict[str, Any]:
    """Read an actor YAML file keeping entry line numbers; errors name file and line."""
    p = Path(path)
    try:
        data = yaml.load(p.read_text("utf-8"), Loader=_LineLoader)
    except FileNotFoundError:
        raise KnowledgeError("actor file not found", source=str(p)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{p}:{mark.line + 1}" if mark else str(p)
        raise KnowledgeError(f"invalid YAML: {getattr(exc, 'problem', None) or exc}",
                             source=where) from None
    if not isinstance(data, dict):
        raise KnowledgeError("top level must be a mapping", source=str(p))
    if data.get("version") != 1:
        raise KnowledgeError(f"unsupported version {data.get('version')!r} (expected 1)",
                             source=str(p))
    return data


def _strs(value: Any, where: str, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise KnowledgeError(f"{name!r} must be a list of strings", source=where)
    return tuple(str(v) for v in value)


def _date(value: Any, *, end: bool = False) -> str | None:
    """ISO date string; partial dates ("2008-05", "1994") widen to the whole period."""
    if value in (None, ""):
        return None
    text = str(value)[:10]
    if len(text) == 4:
        return f"{text}-12-31" if end else f"{text}-01-01"
    if len(text) == 7:
        return f"{text}-31" if end else f"{text}-01"  # "-31" compares as the month's end
    return text


_GENDERS = {"m": "m", "male": "m", "man": "m", "f": "f", "female": "f", "woman": "f"}


def _person(raw: dict[str, Any], where: str, vocab: Vocabulary) -> Entry:
    roles = []
    for r in raw.get("roles") or []:
        if not isinstance(r, dict) or not (r.get("title") or r.get("role")):
            raise KnowledgeError("each role needs a title", source=where)
        title = str(r.get("title") or r.get("role"))
        key = r.get("role") if r.get("title") and r.get("role") else vocab.role_key(title)
        roles.append(Role(title=title, key=key, country=r.get("country"), sector=r.get("sector"),
                          organization=r.get("organization"), start=_date(r.get("start")),
                          end=_date(r.get("end"), end=True),
                          titles=_strs(r.get("titles"), where, "titles")))
    gender = _GENDERS.get(str(raw.get("gender") or "").casefold())
    country = raw.get("country") or next((r.country for r in reversed(roles) if r.country), None)
    return Entry(id=str(raw["id"]), kind="person", name=str(raw["name"]),
                 aliases=_strs(raw.get("aliases", raw.get("names")), where, "aliases"),
                 country=country, sector=raw.get("sector"), code=raw.get("code"),
                 roles=tuple(roles), gender=gender, source=where,
                 surname_forms=None if raw.get("surnames") is None
                 else _strs(raw.get("surnames"), where, "surnames"))


def _metonyms(raw: dict[str, Any], where: str) -> tuple[tuple[str, str, bool], ...]:
    out = []
    for m in raw.get("metonyms") or []:
        if isinstance(m, str):
            out.append((m, "GOV", False))
        elif isinstance(m, dict) and "__line__" in m and m.get("text"):
            out.append((str(m["text"]), str(m.get("sector") or "GOV"), bool(m.get("ambiguous"))))
        else:
            raise KnowledgeError("metonyms must be strings or {text, sector}", source=where)
    return tuple(out)


def _entry(raw: Any, section: str, path: Path, vocab: Vocabulary) -> Entry:
    if not isinstance(raw, dict):
        raise KnowledgeError(f"each entry of {section!r} must be a mapping", source=str(path))
    where = f"{path}:{raw.get('__line__', '?')}"
    if section == "states":
        if not raw.get("code") or not raw.get("name"):
            raise KnowledgeError("state entries need code and name", source=where)
        code = str(raw["code"])
        return Entry(id=code, kind="state", name=str(raw["name"]),
                     aliases=_strs(raw.get("names"), where, "names"), country=code, code=code,
                     demonyms=_strs(raw.get("demonyms"), where, "demonyms"),
                     preferred_demonyms=_strs(raw.get("preferred_demonyms"), where,
                                              "preferred_demonyms"),
                     metonyms=_metonyms(raw, where), source=where,
                     descriptors=tuple(w.lower() for w in _strs(raw.get("descriptors"), where,
                                                                "descriptors")))
    if not raw.get("id") or not raw.get("name"):
        raise KnowledgeError(f"{section} entries need id and name", source=where)
    if section == "persons":
        return _person(raw, where, vocab)
    sector = raw.get("sector")
    country = raw.get("country")
    return Entry(id=str(raw["id"]), kind=str(raw.get("kind") or "organization"),
                 name=str(raw["name"]), aliases=_strs(raw.get("names"), where, "names"),
                 country=country, sector=sector,
                 code=raw.get("code") or (f"{country or ''}{sector or ''}" or None),
                 metonyms=_metonyms(raw, where), source=where,
                 descriptors=tuple(w.lower() for w in _strs(raw.get("descriptors"), where,
                                                            "descriptors")),
                 governs=_governs(raw, where))


def _governs(raw: dict[str, Any], where: str) -> tuple[tuple[str, str | None, str | None], ...]:
    out = []
    for g in raw.get("governs") or []:
        if not isinstance(g, dict) or not g.get("country"):
            raise KnowledgeError("governs must be a list of {country, start, end}", source=where)
        out.append((str(g["country"]), _date(g.get("start")), _date(g.get("end"), end=True)))
    return tuple(out)


_VOCAB_KEYS = ("titles", "head_words", "head_roles", "leader_roles", "group_nouns",
               "anonymous_nouns", "anonymous_postmodifiers", "count_words", "regions", "pronouns",
               "place_nouns", "person_cue_verbs", "person_cue_pronouns", "institution_nouns",
               "document_owned_nouns", "governing_nouns", "portfolio_words", "affiliation_roles",
               "residence_verbs",
               "residence_sectors",
               "region_nouns", "not_names",
               "stance_prefixes", "leading_participles", "backing_participles",
               "compound_participles", "ethnonyms", "org_descriptions", "org_possessives",
               "seat_nouns", "seat_participles", "single_holder_roles")
_ANAPHOR_KINDS = frozenset({"organization", "group", "state"})


def _anaphor_specs(data: dict[str, Any], key: str, path: Path) -> dict[str, dict[str, Any]]:
    """``org_descriptions``/``org_possessives``: word -> {kinds, sectors, kb_only, plural,
    described (the word an entry's ``descriptors`` must list), unique, named (the word the
    actor's own name must contain)},
    checked so a typo in a kind fails loudly with file and line."""
    out: dict[str, dict[str, Any]] = {}
    for word, spec in (data.get(key) or {}).items():
        if word == "__line__":
            continue
        where = f"{path}:{spec.get('__line__', '?') if isinstance(spec, dict) else '?'}"
        if not isinstance(spec, dict):
            raise KnowledgeError(f"{key}.{word} must be a mapping", source=where)
        kinds = set(_strs(spec.get("kinds"), where, "kinds"))
        if not kinds or not kinds <= _ANAPHOR_KINDS:
            raise KnowledgeError(f"{key}.{word}: kinds must be some of "
                                 f"{sorted(_ANAPHOR_KINDS)}", source=where)
        out[str(word).lower()] = {"kinds": frozenset(kinds),
                                  "sectors": frozenset(_strs(spec.get("sectors"), where,
                                                             "sectors")),
                                  "kb_only": bool(spec.get("kb_only")),
                                  "plural": bool(spec.get("plural")),
                                  "described": str(word).lower() if spec.get("described")
                                  else None,
                                  "unique": bool(spec.get("unique")),
                                  "named": str(word).lower() if spec.get("named") else None}
    return out


def _has_vocabulary(path: Path) -> bool:
    return any(key in read_yaml(path) for key in _VOCAB_KEYS)


def _vocabulary(paths: Iterable[Path]) -> Vocabulary:
    vocab = Vocabulary()
    for path in paths:
        data = read_yaml(path)
        vocab.titles.update({k: v for k, v in (data.get("titles") or {}).items()
                             if k != "__line__"})
        vocab.head_words += _strs(data.get("head_words"), str(path), "head_words")
        vocab.head_roles += _strs(data.get("head_roles"), str(path), "head_roles")
        vocab.leader_roles.update({k: v for k, v in (data.get("leader_roles") or {}).items()
                                   if k != "__line__"})
        for key, attr in (("group_nouns", "group_nouns"), ("anonymous_nouns", "anonymous_nouns")):
            table = data.get(key) or {}
            getattr(vocab, attr).update({k: v for k, v in table.items() if k != "__line__"})
        vocab.anonymous_postmodifiers += _strs(data.get("anonymous_postmodifiers"), str(path),
                                               "anonymous_postmodifiers")
        vocab.count_words.update({k: int(v) for k, v in (data.get("count_words") or {}).items()
                                  if k != "__line__"})
        vocab.regions.update({k: v for k, v in (data.get("regions") or {}).items()
                              if k != "__line__"})
        vocab.pronouns.update({k: v for k, v in (data.get("pronouns") or {}).items()
                               if k != "__line__"})
        vocab.place_nouns |= set(_strs(data.get("place_nouns"), str(path), "place_nouns"))
        for key in ("person_cue_verbs", "person_cue_pronouns", "institution_nouns",
                    "document_owned_nouns", "governing_nouns", "portfolio_words",
                    "affiliation_roles", "residence_verbs", "region_nouns"):
            getattr(vocab, key).update(w.lower() for w in _strs(data.get(key), str(path), key))
        vocab.residence_sectors |= set(_strs(data.get("residence_sectors"), str(path),
                                             "residence_sectors"))
        for key in ("stance_prefixes", "leading_participles", "backing_participles",
                    "compound_participles", "ethnonyms", "seat_nouns", "single_holder_roles"):
            getattr(vocab, key).update(w.lower() for w in _strs(data.get(key), str(path), key))
        vocab.not_names |= {normalize(w) for w in _strs(data.get("not_names"), str(path),
                                                        "not_names")}
        for word, how in (data.get("seat_participles") or {}).items():
            if word == "__line__":
                continue
            if how not in ("place", "owner"):
                raise KnowledgeError(f"seat_participles.{word} must be place or owner",
                                     source=str(path))
            vocab.seat_participles[str(word).lower()] = how
        vocab.org_descriptions.update(_anaphor_specs(data, "org_descriptions", path))
        vocab.org_possessives.update(_anaphor_specs(data, "org_possessives", path))
    return vocab


# --- the knowledge base -------------------------------------------------------------------------


def bundled_files() -> list[Path]:
    """The bundled actor files, in load order (states, organisations, persons)."""
    root = data_path("actors")
    files = [root / "states.yaml", root / "organizations.yaml"]
    files += sorted((root / "persons").glob("*.yaml")) if (root / "persons").is_dir() else []
    return [f for f in files if f.is_file()]


def resolver_files() -> list[Path]:
    return sorted(data_path("actors").glob("resolver_*.yaml"))


_SECTIONS = ("states", "organizations", "persons", "actors")


class KnowledgeBase:
    """Indexes over actor entries, built once per process (the ``actor_kb`` resource)."""

    def __init__(self, entries: Iterable[Entry], vocab: Vocabulary | None = None,
                 *, strict: bool = False) -> None:
        self.vocab = vocab or Vocabulary()
        self.entries: dict[str, Entry] = {}
        for e in entries:
            # Later files override earlier ones with the same id (user files come last).
            self.entries[e.id] = e
        self.conflicts: list[str] = []
        self._link_organizations()
        self.by_alias: dict[str, list[str]] = defaultdict(list)
        self.by_surname: dict[str, list[str]] = defaultdict(list)
        self.by_translit: dict[str, list[str]] = defaultdict(list)
        self.demonyms: dict[str, str] = {}
        self.metonyms: dict[str, tuple[str, str, bool]] = {}  # norm text -> (entry id, sector, amb)
        self.by_role: dict[tuple[str, str | None], list[str]] = defaultdict(list)
        self.by_title: dict[str, list[str]] = defaultdict(list)  # "kremlin spokesman" -> ids
        self._index()
        for msg in self.conflicts:
            log.warning("actor knowledge conflict: %s", msg)
        if strict and self.conflicts:
            raise KnowledgeError(f"{len(self.conflicts)} conflicting aliases: "
                                 + "; ".join(self.conflicts[:5]))

    def de_facto_government(self, country: str | None, date: str | None) -> Entry | None:
        """The group governing ``country`` at ``date`` (an entry's ``governs``), if any; with
        no date, one whose period is still open."""
        for e in self._governments.get(country or "", ()):
            for c, start, end in e.governs:
                day = (date or "")[:10]
                if c == country and ((not day and end is None) or (
                        day and (start is None or start <= day) and (end is None or day <= end))):
                    return e
        return None

    @cached_property
    def _governments(self) -> dict[str, list[Entry]]:
        out: dict[str, list[Entry]] = defaultdict(list)
        for e in self.entries.values():
            for country, _, _ in e.governs:
                out[country].append(e)
        return out

    # Building ------------------------------------------------------------------------------

    def _link_organizations(self) -> None:
        """Copy each role's organisation (code, kind, name) into the role; unknown ids are
        reported as conflicts rather than guessed."""
        for e in list(self.entries.values()):
            if e.kind != "person" or not any(r.organization for r in e.roles):
                continue
            roles = []
            for r in e.roles:
                org = self.entries.get(r.organization) if r.organization else None
                if r.organization and (org is None or org.kind in ("person", "state")):
                    self.conflicts.append(f"role organization {r.organization!r} of {e.id} "
                                          f"({e.source}) is not an organisation entry")
                    org = None
                roles.append(replace(r, org_code=org.code, org_kind=org.kind, org_name=org.name)
                             if org is not None else r)
            self.entries[e.id] = replace(e, roles=tuple(roles))

    def _claim(self, table: dict[str, Any], key: str, entry: Entry, what: str) -> None:
        owners = table[key]
        if entry.id in owners:
            return
        if owners:
            other = self.entries[owners[0]]
            self.conflicts.append(f"{what} {key!r} claimed by {other.id} ({other.source}) "
                                  f"and {entry.id} ({entry.source})")
        owners.append(entry.id)

    def _index(self) -> None:
        for e in self.entries.values():
            for alias in (e.name, *e.aliases):
                self._claim(self.by_alias, normalize(alias), e, "alias")
            for s in e.surnames:
                if s in e.ambiguous_surnames:
                    continue  # only resolvable from a full mention earlier in the document
                # Surnames may be shared (two Trumps): that is ambiguity, not a data error.
                if e.id not in self.by_surname[normalize(s)]:
                    self.by_surname[normalize(s)].append(e.id)
                if e.id not in self.by_translit[translit_key(s)]:
                    self.by_translit[translit_key(s)].append(e.id)
            preferred = {normalize(d) for d in e.preferred_demonyms}
            for d in e.demonyms:
                n = normalize(d)
                if n in self.demonyms and self.demonyms[n] != e.id and n not in preferred:
                    # A shared demonym goes to the entry that prefers it, else the first entry.
                    continue
                self.demonyms[n] = e.id
            for text, sector, amb in e.metonyms:
                n = normalize(text)
                if n in self.metonyms and self.metonyms[n][0] != e.id:
                    self.conflicts.append(f"metonym {text!r} claimed by {self.metonyms[n][0]} "
                                          f"and {e.id} ({e.source})")
                    continue
                self.metonyms[n] = (e.id, sector, amb)
            for role in e.roles:
                for phrase in role.titles:
                    if e.id not in self.by_title[normalize(phrase)]:
                        self.by_title[normalize(phrase)].append(e.id)
                if role.key:
                    self.by_role[(role.key, role.country or e.country)].append(e.id)
                    self.by_role[(role.key, None)].append(e.id)

    @classmethod
    def load(cls, extra_files: Iterable[str | Path] = (), *, bundled: bool = True,
             strict: bool = False) -> KnowledgeBase:
        """Bundled entries, then each extra file (same ids override). Errors name file:line."""
        extra = [Path(p) for p in extra_files]
        # A user file may carry resolver vocabulary (group nouns, titles...) as well as entries.
        vocab = _vocabulary([*resolver_files(), *(p for p in extra if _has_vocabulary(p))])
        paths = [*(bundled_files() if bundled else []), *extra]
        entries: list[Entry] = []
        for path in paths:
            entries.extend(load_entries(path, vocab))
        return cls(entries, vocab, strict=strict)

    # Lookups --------------------------------------------------------------------------------

    def get(self, entry_id: str) -> Entry | None:
        return self.entries.get(entry_id)

    def described(self, country: str, word: str) -> list[Entry]:
        """Groups and organisations of ``country`` that ``word`` describes ("paramilitary")."""
        return self._described.get((country, word.lower()), [])

    @cached_property
    def _described(self) -> dict[tuple[str | None, str], list[Entry]]:
        # (country, descriptor) -> entries, in entry order: a scan of every entry per call
        # was one of the actors stage's larger costs.
        out: dict[tuple[str | None, str], list[Entry]] = defaultdict(list)
        for e in self.entries.values():
            if e.kind != "state":
                for d in dict.fromkeys(e.descriptors):
                    out[(e.country, d)].append(e)
        return dict(out)

    def lookup(self, alias: str) -> list[Entry]:
        """Entries whose name or alias normalises like ``alias`` (several = ambiguous)."""
        return [self.entries[i] for i in self.by_alias.get(normalize(alias), ())]

    def surname(self, word: str) -> list[Entry]:
        """Persons with this surname (exact after normalisation, else same transliteration)."""
        ids = self.by_surname.get(normalize(word)) or self.by_translit.get(translit_key(word), ())
        return [self.entries[i] for i in ids]

    def holders(self, role_key: str, country: str | None, date: str | None) -> list[Entry]:
        """Persons holding ``role_key`` (for ``country``, any if None) at ``date``."""
        out = []
        for i in dict.fromkeys(self.by_role.get((role_key, country), ())):
            e = self.entries[i]
            for r in e.roles:
                right_country = country is None or (r.country or e.country) == country
                if r.key == role_key and right_country and r.active(date):
                    out.append(e)
                    break
        return out

    def titled(self, phrase: str, date: str | None) -> list[Entry]:
        """Persons whose role valid at ``date`` lists ``phrase`` among its titles."""
        norm = normalize(phrase)
        out = []
        for i in self.by_title.get(norm, ()):
            e = self.entries[i]
            if any(norm in {normalize(t) for t in r.titles} and r.active(date) for r in e.roles):
                out.append(e)
        return out

    def head_of(self, country: str, date: str | None) -> Entry | None:
        """The leader "the Kremlin chief" / "the Ukrainian leader" refers to."""
        override = self.vocab.leader_roles.get(country)
        for key in ([override] if override else self.vocab.head_roles):
            found = self.holders(key, country, date)
            if len(found) == 1:
                return found[0]
        return None

    def metonym(self, text: str) -> tuple[Entry, str, bool] | None:
        hit = self.metonyms.get(normalize(text))
        return (self.entries[hit[0]], hit[1], hit[2]) if hit else None

    def demonym(self, text: str) -> Entry | None:
        i = self.demonyms.get(normalize(text))
        return self.entries[i] if i else None

    def country_of(self, text: str) -> Entry | None:
        """A state named, qualified or stood for by ``text`` (Russia, Russian, Kremlin, U.S.)."""
        for e in self.lookup(text):
            if e.kind == "state":
                return e
        d = self.demonym(text)
        if d:
            return d
        m = self.metonym(text)
        if m and m[0].kind == "state":
            return m[0]
        return None


def load_entries(path: str | Path, vocab: Vocabulary | None = None) -> list[Entry]:
    """Parse one actor YAML file (any of the sections states/organizations/persons/actors)."""
    p = Path(path)
    data = read_yaml(p)
    vocab = vocab or Vocabulary()
    entries = []
    for section in _SECTIONS:
        items = data.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            raise KnowledgeError(f"{section!r} must be a list", source=str(p))
        kind_section = section
        ambiguous = {normalize(x) for x in _strs(data.get("ambiguous_surnames"), str(p),
                                                 "ambiguous_surnames")}
        for raw in items:
            if section == "actors":  # user files: kind decides the schema
                kind = raw.get("kind", "person") if isinstance(raw, dict) else "person"
                kind_section = {"person": "persons", "state": "states"}.get(kind, "organizations")
            entry = _entry(raw, kind_section, p, vocab)
            if ambiguous and entry.kind == "person":
                entry = replace(entry, ambiguous_surnames=tuple(
                    s for s in entry.surnames if normalize(s) in ambiguous))
            entries.append(entry)
    return entries


def canonical_key(actor: Any) -> str:
    """The cross-document merge key of an actor (an ``Actor`` fact or its dict).

    Knowledge-base actors merge by KB id; new people by their normalised name
    ("new:mykhailo_podolyak" in every document that names them); groups by code and kind;
    anonymous sources never merge (each report is its own source) so their key includes the
    document-local id.
    """
    get = actor.get if isinstance(actor, dict) else lambda k, d=None: getattr(actor, k, d)
    if get("kb_id"):
        return f"kb:{get('kb_id')}"
    kind = get("kind")
    if kind == "anonymous":
        return f"anon:{get('id')}"
    if kind == "group":
        return f"group:{get('code') or ''}:{slug(get('name') or '')}"
    return f"name:{slug(get('name') or get('id') or '')}"


def slug(text: str) -> str:
    """ASCII snake_case of a name ("Mykhailo Podolyak" -> "mykhailo_podolyak")."""
    return re.sub(r"[^a-z0-9]+", "_", normalize(text)).strip("_")
