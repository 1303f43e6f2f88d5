"""Exports of stored data: whole analyses or one fact table, as JSONL, CSV or Parquet."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from typing import Any

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
                yield {"document_id": doc["id"], "published": doc.get("published"),
                       **{k: _flat(v) for k, v in row.items()}}


def _flat(value: Any) -> Any:
    """Nested values as JSON text, so CSV and Parquet columns stay scalar."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


def export_rows(store: SQLiteStore, *, table: str = "analyses", fmt: str = "jsonl",
                output: str | None = None, **filters: Any) -> int:
    """Write rows to ``output`` (stdout when None, except Parquet); returns the row count."""
    rows = iter_rows(store, table, **filters)
    if fmt == "jsonl":
        return _write_text(output, lambda fh: _jsonl(rows, fh))
    if fmt == "csv":
        return _write_text(output, lambda fh: _csv(rows, fh, table))
    if fmt == "parquet":
        if not output:
            raise DetenteError("Parquet export needs --output FILE")
        import pyarrow as pa
        import pyarrow.parquet as pq

        data = [r if table != "analyses" else {"document_id": r["document"]["id"],
                                               "data": json.dumps(r, ensure_ascii=False)}
                for r in rows]
        pq.write_table(pa.Table.from_pylist(data), output)
        return len(data)
    raise DetenteError(f"unknown export format {fmt!r} (jsonl, csv or parquet)")


def _write_text(output: str | None, write) -> int:
    if output is None:
        return write(sys.stdout)
    with open(output, "w", encoding="utf-8", newline="") as fh:
        return write(fh)


def _jsonl(rows, fh) -> int:
    n = 0
    for row in rows:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def _csv(rows, fh, table: str) -> int:
    if table == "analyses":
        rows = ({"document_id": r["document"]["id"], "data": json.dumps(r, ensure_ascii=False)}
                for r in rows)
    writer = None
    n = 0
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(fh, fieldnames=list(row), extrasaction="ignore")
            writer.writeheader()
        writer.writerow(row)
        n += 1
    return n
