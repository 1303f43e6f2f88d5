"""Listings as downloadable CSV, JSON or Parquet files."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from fastapi.responses import Response

MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json",
         "parquet": "application/vnd.apache.parquet"}


def _flat(value: Any) -> Any:
    """Nested values as JSON text so CSV cells and Parquet columns stay scalar."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    names: dict[str, None] = {}
    for r in rows:
        names.update(dict.fromkeys(r))
    return list(names)


def encode(rows: list[dict[str, Any]], fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, default=str).encode("utf-8")
    flat = [{k: _flat(v) for k, v in r.items()} for r in rows]
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=_columns(flat), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(flat)
        return buf.getvalue().encode("utf-8")
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        columns = _columns(flat)
        table = pa.table({c: [r.get(c) for r in flat] for c in columns}) if columns else pa.table({})
        sink = io.BytesIO()
        pq.write_table(table, sink)
        return sink.getvalue()
    raise ValueError(f"unknown format {fmt!r}")


def file_response(rows: list[dict[str, Any]], fmt: str, name: str) -> Response:
    return Response(encode(rows, fmt), media_type=MEDIA[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})
