"""What both engines share: result rows, the global stages after the map, and the writers.

The global stages run on the driver after the per-document map, in input order: near-duplicate
marking, then (for Parquet output) cross-article event merging over the run's own output. A store
needs no merge here: `detente events merged` recomputes the corpus events from it on demand.
"""

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
from detente.events.merge import MergedEvent, merge_events, merged_to_row
from detente.facts import Analysis
from detente.search.passages import index_analyses
from detente.store import is_postgres_url, open_store

# One row per input document; ``data`` is the detente.analysis/1 object as JSON.
OUTPUT_SCHEMA = pa.schema([("document_id", pa.string()), ("published", pa.string()),
                           ("source", pa.string()), ("data", pa.string())])
# What the map stage hands to the global stages (adds the MinHash signature and errors).
ROW_SCHEMA = pa.schema([*OUTPUT_SCHEMA, ("minhash", pa.binary()), ("error", pa.string())])
PART_ROWS = 10_000
MERGED_FILE = "merged_events.parquet"
# One row per corpus event: the columns of merged_to_row (lists as JSON text) and ``data``, the
# whole merged event with every source as JSON.
MERGED_SCHEMA = pa.schema([
    ("id", pa.string()), ("type", pa.string()), ("cameo", pa.string()),
    ("modality", pa.string()), ("date", pa.string()), ("first_reported", pa.string()),
    ("actor", pa.string()), ("recipient", pa.string()), ("sources", pa.int64()),
    ("outlets", pa.string()), ("evidence", pa.string()), ("data", pa.string())])


@dataclass
class RunReport:
    """Counts for one `detente run`; ``errors`` lists every input that failed, with its reason."""

    output: str
    engine: str
    documents: int = 0
    duplicates: int = 0
    stored: int = 0
    merged_events: int = 0  # corpus events in merged_events.parquet (Parquet output only)
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
    the original. Exact duplicates (same content id) keep the first occurrence only. Parquet
    output then gets ``merged_events.parquet``: the events of all its analyses merged across
    articles (read back from the files just written, so the map's rows are never all in memory).
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
        _merge_parquet(Path(output), report)
    return report


def _chunks(it: Iterable, size: int) -> Iterator[list]:
    it = iter(it)
    while chunk := list(islice(it, size)):
        yield chunk


def _to_store(items: Iterator[tuple[Analysis, np.ndarray]], target: str, config: Config,
              report: RunReport, stages: list[str]) -> None:
    with open_store(target, busy_timeout=float(config.get("store.busy_timeout"))) as store:
        run_id = store.start_run([f"detente run --engine {report.engine}"])
        semantic = bool(config.get("store.semantic_index"))
        for chunk in _chunks(items, int(config.get("pipeline.batch_size"))):
            analyses = [a for a, _ in chunk]
            report.stored += store.save_batch(
                analyses, signatures={a.document.id: s for a, s in chunk}, stages=stages)
            if semantic:  # the same passage vectors `detente ingest` builds, for search
                index_analyses(store, analyses)
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


def iter_output(folder: str | Path) -> Iterator[Analysis]:
    """The analyses a run wrote to ``folder``, in order, one file in memory at a time."""
    for path in sorted(Path(folder).glob("analyses-*.parquet")):
        for d in pq.read_table(path, columns=["data"]).column("data").to_pylist():
            yield Analysis.from_dict(json.loads(d))


def read_output(folder: str | Path) -> list[Analysis]:
    """The analyses a run wrote to ``folder``, in order."""
    return list(iter_output(folder))


def _event_bearing(analyses: Iterable[Analysis]) -> Iterator[Analysis]:
    # The merge keeps a reference to each analysis with events; drop what it never reads
    # (quotes, proposals, positions) so the driver holds as little as possible.
    for a in analyses:
        if a.events:
            yield a.replace(quotes=(), proposals=(), positions=())


def merged_row(event: MergedEvent) -> dict[str, Any]:
    """The Parquet row of one merged event: merged_to_row with lists as JSON text, plus the
    whole event (sources included) as ``data``."""
    row = {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v
           for k, v in merged_to_row(event).items()}
    return {**row, "data": json.dumps(event.to_dict(), ensure_ascii=False)}


def _merge_parquet(folder: Path, report: RunReport) -> None:
    merged = merge_events(_event_bearing(iter_output(folder)))
    path = folder / MERGED_FILE
    # Written even when empty, so a reader can tell "no events" from "not merged".
    pq.write_table(pa.Table.from_pylist([merged_row(m) for m in merged], MERGED_SCHEMA), path)
    report.merged_events = len(merged)
    report.files.append(str(path))


def read_merged(folder: str | Path) -> list[dict[str, Any]]:
    """The merged-event rows a run wrote to ``folder`` (lists decoded from JSON text)."""
    rows = pq.read_table(Path(folder) / MERGED_FILE).to_pylist()
    return [{k: json.loads(v) if k in ("actor", "recipient", "outlets", "data") else v
             for k, v in r.items()} for r in rows]
