"""Readers for each input format. Each yields Drafts, or ErrorRecords for bad records it skips."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import PurePath

import yaml

from detente.errors import (
    EmptyInputError,
    ErrorRecord,
    InputTooLargeError,
    MalformedInputError,
    UnsupportedInputError,
)
from detente.ingest.decode import decode_bytes
from detente.ingest.document import Draft

Result = Draft | ErrorRecord

# Keys a JSONL/CSV record may use for each field when no explicit mapping is given.
DEFAULT_FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "maintext"),
    "title": ("title", "headline"),
    "url": ("url", "link", "source_url"),
    "source": ("source", "outlet", "publisher", "sitename", "domain"),
    "author": ("author", "byline", "authors"),
    "published": ("published", "date", "published_at", "date_publish", "pubdate", "datetime"),
}

EXTENSIONS = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}


def sniff_format(data: bytes, name: str = "") -> str:
    """Format from the file name, else from the first bytes."""
    ext = PurePath(name).suffix.lower()
    if ext in EXTENSIONS:
        return EXTENSIONS[ext]
    head = data[:2048].lstrip().lower()
    if head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head):
        return "feed"
    if head.startswith((b"<rss", b"<feed")):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"---\n"):
        return "markdown"
    return "text"


# --- single-document formats ---------------------------------------------------------------------

_HEADLINE_END = re.compile(r"[.!?:;,\"”’]$")


def read_text(data: bytes, origin: str) -> Iterator[Result]:
    """Plain text. A short first line without end punctuation followed by more text is the title."""
    text = decode_bytes(data, origin)
    first, _, rest = text.strip("\n").partition("\n")
    title = None
    if (rest.strip() and len(first) <= 200 and len(first.split()) >= 4
            and not _HEADLINE_END.search(first.strip())):
        title = first.strip()
    yield Draft(text=text, origin=origin, title=title)


_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^#{1,6}\s+", re.M)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def read_markdown(data: bytes, origin: str) -> Iterator[Result]:
    """Markdown with optional YAML front matter (title, outlet/source, published/date, url, author)."""
    text = decode_bytes(data, origin)
    meta: dict = {}
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError as exc:
            raise MalformedInputError(f"invalid YAML front matter: {exc}", source=origin) from None
        if not isinstance(loaded, dict):
            raise MalformedInputError("front matter is not a mapping", source=origin)
        meta = loaded
        text = text[match.end() :]
    # Markup becomes plain text; the stored text is this plain version, so offsets stay exact.
    body = _MD_EMPHASIS.sub(r"\2", _MD_HEADING.sub("", _MD_LINK.sub(r"\1", text)))
    title = meta.get("title")
    if title is None:
        heading = re.search(r"^#\s+(.+)$", text, re.M)
        title = heading.group(1).strip() if heading else None
    fields = _pick(meta, None)
    fields["title"] = title
    extra = {k: v for k, v in meta.items() if k not in ("title",)}
    yield Draft(text=body, origin=origin, extra=extra, **fields)


def read_html(data: bytes, origin: str) -> Iterator[Result]:
    """An HTML page: main text and metadata through trafilatura, boilerplate left out."""
    import trafilatura

    html = decode_bytes(data, origin)
    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, favor_precision=True,
        )
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        raise MalformedInputError(f"unparseable HTML ({type(exc).__name__})", source=origin) from None
    data_dict = doc.as_dict() if hasattr(doc, "as_dict") else (doc or {})
    text = (data_dict.get("text") or "").strip()
    if not re.search(r"[^\W\d_]{2,}", text):  # markup debris is not article text
        raise MalformedInputError("HTML page has no main text", source=origin)
    yield Draft(
        text=text,
        origin=origin,
        title=data_dict.get("title"),
        url=data_dict.get("url"),
        source=data_dict.get("sitename") or data_dict.get("hostname"),
        author=data_dict.get("author"),
        published=data_dict.get("date"),
    )


# --- record formats (one document per record) ---------------------------------------------------


def _pick(record: Mapping, mapping: Mapping[str, str] | None) -> dict:
    """Metadata fields from a record, by explicit mapping or by the usual names."""
    out: dict = {}
    for key in ("title", "url", "source", "author", "published"):
        if mapping and key in mapping:
            out[key] = record.get(mapping[key])
            continue
        for name in DEFAULT_FIELD_NAMES[key]:
            if record.get(name) not in (None, ""):
                out[key] = record[name]
                break
    if isinstance(out.get("author"), list):
        out["author"] = ", ".join(map(str, out["author"]))
    return out


def _record_text(record: Mapping, mapping: Mapping[str, str] | None) -> str | None:
    names = (mapping["text"],) if mapping and "text" in mapping else DEFAULT_FIELD_NAMES["text"]
    for name in names:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _record_draft(record: Mapping, origin: str, mapping, max_bytes: int) -> Result:
    text = _record_text(record, mapping)
    if text is None:
        wanted = mapping["text"] if mapping and "text" in mapping else "text"
        return ErrorRecord(origin, EmptyInputError.code, f"record has no {wanted!r} field with text")
    if len(text.encode("utf-8", "ignore")) > max_bytes:
        return ErrorRecord(origin, InputTooLargeError.code, f"record text over {max_bytes} bytes")
    return Draft(text=text, origin=origin, **_pick(record, mapping))


def read_jsonl(data: bytes, origin: str, *, mapping=None, max_bytes: int = 10_000_000
               ) -> Iterator[Result]:
    """JSON Lines: one object per line; a bad line is reported with its number and skipped."""
    if not data.strip():
        raise EmptyInputError("empty input (no text)", source=origin)
    yield from iter_jsonl(io.BytesIO(data), origin, mapping=mapping, max_bytes=max_bytes)


def iter_jsonl(lines: Iterable[bytes], origin: str, *, mapping=None,
               max_bytes: int = 10_000_000) -> Iterator[Result]:
    """Stream JSON Lines from an iterable of byte lines (a file object), one record at a time."""
    for lineno, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        where = f"{origin}:{lineno}"
        if len(raw) > max_bytes:
            yield ErrorRecord(where, InputTooLargeError.code, f"line over {max_bytes} bytes")
            continue
        try:
            record = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            yield ErrorRecord(where, "input_undecodable", "line is not UTF-8")
            continue
        except json.JSONDecodeError as exc:
            yield ErrorRecord(where, MalformedInputError.code, f"invalid JSON ({exc.msg})")
            continue
        if not isinstance(record, dict):
            yield ErrorRecord(where, MalformedInputError.code, "line is not a JSON object")
            continue
        yield _record_draft(record, where, mapping, max_bytes)


def read_csv(data: bytes, origin: str, *, mapping=None, max_bytes: int = 10_000_000
             ) -> Iterator[Result]:
    """CSV (or TSV) with a header row; columns chosen by mapping or by the usual names."""
    text = decode_bytes(data, origin)
    delimiter = "\t" if origin.lower().endswith(".tsv") else ","
    csv.field_size_limit(max(max_bytes, 131072))
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if not reader.fieldnames:
        raise MalformedInputError("CSV has no header row", source=origin)
    try:
        for row in reader:
            where = f"{origin}:{reader.line_num}"
            yield _record_draft(row, where, mapping, max_bytes)
    except csv.Error as exc:
        yield ErrorRecord(f"{origin}:{reader.line_num}", MalformedInputError.code, f"bad CSV: {exc}")


def read_feed(data: bytes, origin: str, **_: object) -> Iterator[Result]:
    """RSS/Atom: each entry's content (or summary) becomes a document; broken entries are reported."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None) or "no entries"
        raise MalformedInputError(f"not a readable RSS/Atom feed ({reason})", source=origin)
    feed_title = parsed.feed.get("title")
    for i, entry in enumerate(parsed.entries, 1):
        where = f"{origin}#entry{i}"
        html = ""
        if entry.get("content"):
            html = entry["content"][0].get("value", "")
        html = html or entry.get("summary", "") or entry.get("description", "")
        text = html_to_text(html)
        if not text.strip():
            yield ErrorRecord(where, EmptyInputError.code, "feed entry has no text")
            continue
        yield Draft(
            text=text,
            origin=where,
            title=entry.get("title"),
            url=entry.get("link"),
            source=feed_title,
            author=entry.get("author"),
            published=entry.get("published") or entry.get("updated"),
        )


_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(p|div|br|li|h[1-6]|blockquote)[^>]*>", re.I)


def html_to_text(fragment: str) -> str:
    """A feed entry's HTML fragment as paragraphs of text (no page chrome to strip here)."""
    import html as html_lib

    text = _BLOCK.sub("\n", fragment)
    text = html_lib.unescape(_TAG.sub("", text))
    lines = [re.sub(r"[ \t]+", " ", ln).strip() for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln)


READERS = {
    "text": read_text,
    "markdown": read_markdown,
    "html": read_html,
    "jsonl": read_jsonl,
    "csv": read_csv,
    "feed": read_feed,
}


def read_bytes(data: bytes, origin: str, fmt: str | None = None, *, mapping=None,
               max_bytes: int = 10_000_000) -> Iterator[Result]:
    """Dispatch ``data`` to the reader for ``fmt`` (sniffed from name and content when None)."""
    fmt = fmt or sniff_format(data, origin)
    if fmt not in READERS:
        raise UnsupportedInputError(f"unknown format {fmt!r}", source=origin)
    if fmt in ("jsonl", "csv"):
        yield from READERS[fmt](data, origin, mapping=mapping, max_bytes=max_bytes)
    else:
        yield from READERS[fmt](data, origin)
