"""What both engines share: result rows, the global stages after the map, and the writers."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from detente.clean.dedup import NearDuplicateIndex, signature
from detente.config import Config
from detente.errors import ErrorRecord
from detente.facts import Analysis
from detente.store import is_postgres_url, open_store

# One row per input document; ``data`` is the detente.analysis/1 object as JSON.
OUTPUT_SCHEMA = pa.schema([("document_id", pa.string()), ("published", pa.string()),
                           ("source", pa.string()), ("data", pa.string())])
# What the map stage hands to the global stages (adds the MinHash signature and errors).
ROW_SCHEMA = pa.schema([*OUTPUT_SCHEMA, ("minhash", pa.binary()), ("error", pa.string())])
PART_ROWS = 10_000


@dataclass
class RunReport:
    """Counts for one `detente run`; ``errors`` lists every input that failed, with its reason."""

    output: str
    engine: str
    documents: int = 0
    duplicates: int = 0
    stored: int = 0
    errors: list[ErrorRecord] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def is_store_target(output: str) -> bool:
    """A PostgreSQL URL or a SQLite file (``.db``/``.sqlite``) is loaded; anything else is a
    folder for Parquet files."""
    return is_postgres_url(output) or Path(output).suffix in (".db", ".sqlite", ".sqlite3")


def result_row(outcome: Analysis | ErrorRecord, dedup: dict[str, Any]) -> dict[str, Any]:
    """The row for one document's outcome, with its MinHash signature (computed in the worker,
    where it parallelises)."""
    if isinstance(outcome, ErrorRecord):
        return {"document_id": None, "published": None, "source": None, "data": None,
                "minhash": None, "error": json.dumps(outcome.to_dict())}
    doc = outcome.document
    sig = signature(doc.text, int(dedup["num_perm"]), int(dedup["shingle_size"]))
    return {"document_id": doc.id, "published": doc.published, "source": doc.source,
            "data": json.dumps(outcome.to_dict(), ensure_ascii=False),
            "minhash": np.asarray(sig, dtype=np.uint64).tobytes(), "error": None}


def finish(rows: Iterable[dict[str, Any]], output: str, config: Config, engine: str,
           stages: list[str]) -> RunReport:
    """Global stages over the mapped rows, in input order, then write them.

    Near-duplicates are judged here, not per worker, so a copy is caught whichever worker read
    the original. Exact duplicates (same content id) keep the first occurrence only.
    """
    report = RunReport(output, engine)
    d = config.section("dedup")
    index = NearDuplicateIndex(float(d["threshold"]), int(d["num_perm"]), int(d["shingle_size"]))

    def marked() -> Iterator[tuple[Analysis, np.ndarray]]:
        for row in rows:
            if row["error"] is not None:
                e = json.loads(row["error"])
                report.errors.append(ErrorRecord(e["source"], e["code"], e["message"]))
                continue
            if row["document_id"] in index:
                continue
            sig = np.frombuffer(row["minhash"], dtype=np.uint64)
            analysis = Analysis.from_dict(json.loads(row["data"]))
            duplicate_of = index.add(row["document_id"], sig)
            if duplicate_of:
                report.duplicates += 1
                analysis = analysis.replace(
                    document=analysis.document.replace(duplicate_of=duplicate_of))
            report.documents += 1
            yield analysis, sig

    if is_store_target(output):
        _to_store(marked(), output, config, report, stages)
    else:
        _to_parquet(marked(), Path(output), report)
    return report


def _chunks(it: Iterable, size: int) -> Iterator[list]:
    it = iter(it)
    while chunk := list(islice(it, size)):
        yield chunk


def _to_store(items: Iterator[tuple[Analysis, np.ndarray]], target: str, config: Config,
              report: RunReport, stages: list[str]) -> None:
    with open_store(target, busy_timeout=float(config.get("store.busy_timeout"))) as store:
        run_id = store.start_run([f"detente run --engine {report.engine}"])
        for chunk in _chunks(items, int(config.get("pipeline.batch_size"))):
            report.stored += store.save_batch(
                [a for a, _ in chunk], signatures={a.document.id: s for a, s in chunk},
                stages=stages)
        store.record_errors(report.errors, run_id)
        store.finish_run(run_id, "done", stored=report.stored,
                         skipped=report.documents - report.stored, failed=len(report.errors))


def _to_parquet(items: Iterator[tuple[Analysis, np.ndarray]], folder: Path,
                report: RunReport) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("analyses-*.parquet"):
        old.unlink()  # a rerun replaces the previous output rather than mixing with it
    for n, chunk in enumerate(_chunks(items, PART_ROWS)):
        rows = [{"document_id": a.document.id, "published": a.document.published,
                 "source": a.document.source, "data": json.dumps(a.to_dict(), ensure_ascii=False)}
                for a, _ in chunk]
        path = folder / f"analyses-{n:05d}.parquet"
        pq.write_table(pa.Table.from_pylist(rows, OUTPUT_SCHEMA), path)
        report.files.append(str(path))
    with (folder / "errors.jsonl").open("w", encoding="utf-8") as fh:
        for e in report.errors:
            fh.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")


def read_output(folder: str | Path) -> list[Analysis]:
    """The analyses a run wrote to ``folder``, in order."""
    out = []
    for path in sorted(Path(folder).glob("analyses-*.parquet")):
        out.extend(Analysis.from_dict(json.loads(d))
                   for d in pq.read_table(path, columns=["data"]).column("data").to_pylist())
    return out
