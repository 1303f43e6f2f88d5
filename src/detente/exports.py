"""Exports of stored data: whole analyses or one fact table, as JSONL, CSV or Parquet."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from detente.errors import DetenteError
from detente.store.sqlite import SQLiteStore

TABLES = ("analyses", "documents", "actors", "quotes", "events", "positions")


def iter_rows(store: SQLiteStore, table: str, *, source: str | None = None,
              since: str | None = None, until: str | None = None) -> Iterator[dict[str, Any]]:
    """Rows of ``table`` as flat dicts (``analyses``: whole contract objects)."""
    if table not in TABLES:
        raise DetenteError(f"unknown table {table!r} (choose from {', '.join(TABLES)})")
    for analysis in store.iter_analyses(source=source, since=since, until=until):
        data = analysis.to_dict()
        doc = data["document"]
        if table == "analyses":
            yield data
        elif table == "documents":
            yield {k: doc.get(k) for k in ("id", "title", "published", "url", "source", "author",
                                           "language", "genre", "duplicate_of")} | {
                "quality_score": doc["quality"]["score"], "text": doc["text"]}
        else:
            for row in data[table]:
                yield {"document_id": doc["id"], "published": doc.get("published"), **row}


def export_rows(store: SQLiteStore, *, table: str = "analyses", fmt: str = "jsonl",
                output: str | None = None, **filters: Any) -> int:
    """Write rows to ``output`` (stdout when None, except Parquet); returns the row count."""
    rows = iter_rows(store, table, **filters)
    if table == "analyses" and fmt != "jsonl":
        # Whole objects do not fit columns: one row per document with its JSON.
        rows = ({"document_id": r["document"]["id"], "data": json.dumps(r, ensure_ascii=False)}
                for r in rows)
    return write_rows(rows, fmt, output)


def flat(value: Any) -> Any:
    """Nested values as JSON text, so CSV and Parquet columns stay scalar."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


FORMATS = ("jsonl", "csv", "parquet")


def write_rows(rows: Iterable[dict[str, Any]], fmt: str, output: str | None = None, *,
               stream: TextIO | None = None) -> int:
    """Write dict rows as JSONL, CSV (columns: the union of keys) or Parquet; returns the count.

    Text formats go to ``output``, else ``stream``, else stdout; Parquet needs ``output``.
    """
    if fmt not in FORMATS:
        raise DetenteError(f"unknown export format {fmt!r} ({', '.join(FORMATS)})")
    if fmt == "parquet":
        if not output:
            raise DetenteError("Parquet export needs --output FILE")
        import pyarrow as pa
        import pyarrow.parquet as pq

        data = [{k: flat(v) for k, v in r.items()} for r in rows]
        pq.write_table(pa.Table.from_pylist(data), output)
        return len(data)
    if output is not None:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            return write_rows(rows, fmt, stream=fh)
    fh = stream or sys.stdout
    if fmt == "jsonl":
        n = 0
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
        return n
    data = [{k: flat(v) for k, v in r.items()} for r in rows]
    writer = csv.DictWriter(fh, fieldnames=list(dict.fromkeys(k for r in data for k in r)),
                            lineterminator="\n")
    writer.writeheader()
    writer.writerows(data)
    return len(data)
