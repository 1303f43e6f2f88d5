"""Drafts (what a reader found) and their conversion to :class:`~detente.facts.Document`."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import dateparser

from detente.errors import EmptyInputError, MalformedInputError
from detente.facts import Document
from detente.ingest.decode import normalize_text

METADATA_KEYS = ("title", "url", "source", "author", "published")


@dataclass
class Draft:
    """Text and metadata as read, before normalisation and hashing."""

    text: str
    origin: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


def content_id(text: str) -> str:
    """Stable id: the same normalised text always gets the same id, whatever its metadata."""
    canonical = re.sub(r"\s+", " ", text).strip()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:20]


def normalize_published(value: Any, origin: str = "") -> str | None:
    """ISO date ("2025-11-27") or timezone-aware ISO datetime; naive datetimes are taken as UTC."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        return value.isoformat()
    else:
        raw = str(value).strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            return raw
        try:
            dt = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            parsed = dateparser.parse(raw, settings={"RETURN_AS_TIMEZONE_AWARE": True})
            if parsed is None:
                raise MalformedInputError(f"unreadable publication date {raw!r}",
                                          source=origin) from None
            dt = parsed
    if dt.tzinfo is None:
        from datetime import UTC

        dt = dt.replace(tzinfo=UTC)
    return dt.isoformat()


def make_document(draft: Draft) -> Document:
    """Normalise a draft into a Document (id from content, date normalised, blanks dropped)."""
    text = normalize_text(draft.text).strip("\n")
    if not text.strip():
        raise EmptyInputError("no text", source=draft.origin)
    meta = {k: (normalize_text(str(v)).strip() or None) if isinstance(v, str) else v
            for k, v in ((k, getattr(draft, k)) for k in ("title", "url", "source", "author"))}
    return Document(
        id=content_id(text),
        text=text,
        published=normalize_published(draft.published, draft.origin),
        origin=draft.origin,
        **meta,
    )
