"""Facts: frozen dataclasses with character offsets, and the ``detente.analysis/1`` contract.

Computing facts (pipeline stages) is separate from storing them (``detente.store``). Every fact
converts to plain JSON-ready dicts with ``to_dict()`` and back with ``from_dict()``; offsets are
Python string indices into ``Document.text``.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from functools import cache
from typing import Any, ClassVar, Literal, TypeVar, Union

SCHEMA = "detente.analysis/1"

Genre = Literal["report", "analysis", "opinion", "mixed"]
ActorKind = Literal["person", "organization", "state", "group", "anonymous"]
QuoteKind = Literal["direct", "indirect", "mixed"]
SourceType = Literal["named", "anonymous", "document", "unattributed"]
Modality = Literal["asserted", "negated", "possible", "future", "conditional", "hypothetical"]

F = TypeVar("F", bound="Fact")


class Fact:
    """Mixin giving dataclasses a recursive, lossless dict round trip."""

    __dataclass_fields__: ClassVar[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _encode(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_dict(cls: type[F], data: dict[str, Any]) -> F:
        hints = _hints(cls)
        kwargs = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.name in data:
                kwargs[f.name] = _decode(hints[f.name], data[f.name])
        return cls(**kwargs)

    def replace(self: F, **changes: Any) -> F:
        return dataclasses.replace(self, **changes)  # type: ignore[type-var]


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _encode(value: Any) -> Any:
    if isinstance(value, Fact):
        return value.to_dict()
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    return value


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        for arg in typing.get_args(hint):
            if arg is type(None):
                continue
            return _decode(arg, value)
    if origin is tuple:
        args = typing.get_args(hint)
        inner = args[0] if args else Any
        return tuple(_decode(inner, v) for v in value)
    if origin is dict:
        return dict(value)
    if isinstance(hint, type) and issubclass(hint, Fact) and isinstance(value, dict):
        return hint.from_dict(value)
    return value


# --- document ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Span(Fact):
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class QualityFlag(Fact):
    """A stretch of text that looks wrong (boilerplate, foreign-script debris, truncation...)."""

    kind: str
    start: int
    end: int
    text: str  # always document.text[start:end]
    note: str | None = None  # e.g. "also spelled Kozak", "for smoke screen"


@dataclass(frozen=True)
class Quality(Fact):
    score: float = 1.0
    flags: tuple[QualityFlag, ...] = ()


@dataclass(frozen=True)
class Segment(Fact):
    start: int
    end: int
    genre: str


@dataclass(frozen=True)
class Document(Fact):
    """One article. ``id`` is a hash of the normalised text, so the same content is one document."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO 8601 date ("2025-11-27") or tz-aware datetime
    url: str | None = None
    source: str | None = None  # the outlet
    author: str | None = None
    language: str | None = None
    genre: str | None = None
    segments: tuple[Segment, ...] = ()
    quality: Quality = field(default_factory=Quality)
    duplicate_of: str | None = None
    origin: str | None = None  # where it was read from: a path, a URL, "stdin", "file.jsonl:12"
    # Who the document relies on (named, anonymous, documents, hedges, denials): see docanalysis.
    sourcing: dict[str, Any] | None = None

    def excluded_spans(self) -> list[tuple[int, int]]:
        """Character ranges analysis stages must skip (boilerplate lines)."""
        return [(f.start, f.end) for f in self.quality.flags if f.kind == "boilerplate"]


# --- actors, quotes, events, positions -----------------------------------------------------------


@dataclass(frozen=True)
class Actor(Fact):
    id: str
    name: str
    kind: str  # ActorKind
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    mentions: tuple[Span, ...] = ()
    kb_id: str | None = None  # the knowledge-base entry, when resolved to one
    role: str | None = None
    count: int | None = None  # anonymous groups: "three people close to the Kremlin" -> 3
    affiliation: str | None = None
    # Experimental: tone of the document toward this actor {"label", "score", "evidence": [...]}.
    tone: dict[str, Any] | None = None


@dataclass(frozen=True)
class Speaker(Fact):
    actor: str | None
    name: str | None
    text: str | None
    source_type: str  # SourceType
    # Anonymous sources: "three people close to the Kremlin" -> count 3, affiliation RUS.
    count: int | None = None
    affiliation: str | None = None


@dataclass(frozen=True)
class Quote(Fact):
    id: str
    kind: str  # QuoteKind
    content: str
    start: int
    end: int
    speaker: Speaker
    cue: Span | None = None
    stance: str | None = None  # denies | confirms | declines_comment | None


@dataclass(frozen=True)
class EventDate(Fact):
    value: str
    granularity: str  # day | week | month | year | decade | century
    text: str | None = None


@dataclass(frozen=True)
class Location(Fact):
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Event(Fact):
    id: str
    type: str
    evidence: Span
    mode: str | None = None
    context: tuple[str, ...] = ()
    cameo: str | None = None
    actor: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    date: EventDate | None = None
    location: Location | None = None
    modality: str = "asserted"
    attributed_to: str | None = None
    historical: bool = False
    confidence: float = 0.5
    rule: str | None = None  # the pattern that fired, so every event explains itself
    segment_genre: str | None = None  # report | analysis | opinion: the segment it was found in


@dataclass(frozen=True)
class ProposalPart(Fact):
    """A point or provision of a proposal as an article enumerates it."""

    start: int
    end: int
    text: str
    issues: tuple[str, ...] = ()


@dataclass(frozen=True)
class Proposal(Fact):
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    date: str | None = None
    issues: tuple[str, ...] = ()
    proposer: str | None = None  # actor id or country/organisation code
    point_count: int | None = None  # "the 28-point plan" -> 28
    revises: str | None = None  # id of the proposal this version revises
    parts: tuple[ProposalPart, ...] = ()
    # What it is about (a ``conflicts`` key such as "rus-ukr"); None when the article does not
    # say, and in analyses stored before the field existed.
    conflict: str | None = None


@dataclass(frozen=True)
class Position(Fact):
    party: str
    value: str
    evidence: Span
    proposal: str | None = None
    issue: str | None = None
    modality: str = "asserted"
    quote: str | None = None
    segment_genre: str | None = None
    date: str | None = None  # when the party took the position (else the publication date)
    speaker: str | None = None  # actor id of who stated it, when not the party itself
    rule: str | None = None  # the cue that fired


@dataclass(frozen=True)
class Analysis(Fact):
    """The ``detente.analysis/1`` object for one document."""

    document: Document
    actors: tuple[Actor, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    positions: tuple[Position, ...] = ()
    schema: str = SCHEMA

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        # The contract puts "schema" first; readers of raw JSON look for it there.
        return {"schema": data.pop("schema"), **data}

    def actor(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)
