"""Inputs as canonical records (origin, text, metadata) both engines can map over."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from detente.errors import DetenteError, ErrorRecord
from detente.facts import Document
from detente.ingest.document import METADATA_KEYS, Draft, make_document
from detente.ingest.formats import _record_draft
from detente.ingest.sources import IngestOptions, iter_drafts, walk

RECORD_KEYS = ("origin", "text", *METADATA_KEYS, "error")
SHARD_FORMATS = {".jsonl": "json", ".ndjson": "json", ".parquet": "parquet"}


def draft_record(draft: Draft | ErrorRecord) -> dict[str, Any]:
    """A Draft (or a reader's error) as a flat record of strings."""
    if isinstance(draft, ErrorRecord):
        return {**dict.fromkeys(RECORD_KEYS), "origin": draft.source,
                "error": json.dumps(draft.to_dict())}
    rec = {k: getattr(draft, k) for k in ("origin", "text", *METADATA_KEYS)}
    if isinstance(rec["published"], date | datetime):
        # isoformat round-trips through normalize_published to the same value
        rec["published"] = rec["published"].isoformat()
    elif rec["published"] is not None:
        rec["published"] = str(rec["published"])
    return {**rec, "error": None}


def shard_record(row: Mapping[str, Any], options: IngestOptions) -> dict[str, Any]:
    """A JSONL/Parquet row (columns named as for `detente ingest`) as a canonical record."""
    origin = str(row.get("path") or "shard")
    fields = {k: v for k, v in row.items() if k != "path"}
    for key, value in fields.items():
        if isinstance(value, date | datetime):
            fields[key] = value.isoformat()
    return draft_record(_record_draft(fields, origin, options.mapping, options.max_bytes))


def to_document(record: Mapping[str, Any]) -> Document | ErrorRecord:
    """The Document for a canonical record, or why there is none."""
    if record.get("error"):
        e = json.loads(record["error"])
        return ErrorRecord(e["source"], e["code"], e["message"])
    draft = Draft(**{k: record.get(k) for k in ("origin", "text", *METADATA_KEYS)})
    try:
        return make_document(draft)
    except DetenteError as exc:
        return ErrorRecord.from_exception(draft.origin, exc)


def split_inputs(inputs: Iterable[str], options: IngestOptions
                 ) -> tuple[dict[str, list[str]], list[str]]:
    """Shard files for Ray Data's readers (by format), and the rest for detente's readers."""
    shards: dict[str, list[str]] = {"json": [], "parquet": []}
    rest: list[str] = []
    globs = (*options.globs, "*.parquet")
    for item in inputs:
        path = Path(item)
        files = list(walk(path, globs)) if path.is_dir() else [path]
        for f in files:
            kind = SHARD_FORMATS.get(f.suffix.lower()) if options.format is None else None
            if kind and f.is_file():
                shards[kind].append(str(f))
            else:  # detente's readers report missing files and URLs as usual
                rest.append(str(f) if path.is_dir() else item)
    return shards, rest


def local_records(inputs: Iterable[str], options: IngestOptions) -> Iterator[dict[str, Any]]:
    """Canonical records read by detente's own readers (folders, Markdown, HTML, feeds...)."""
    for draft in iter_drafts(inputs, options):
        yield draft_record(draft)
