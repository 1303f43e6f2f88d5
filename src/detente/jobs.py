"""Jobs that tie sources, the pipeline and the store together (what `detente ingest` runs)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from detente.clean.dedup import NearDuplicateIndex
from detente.config import Config
from detente.errors import DetenteError, ErrorRecord
from detente.facts import Analysis, Document
from detente.ingest.document import make_document
from detente.ingest.sources import IngestOptions, iter_drafts
from detente.pipeline.runner import Pipeline, iter_results
from detente.search.passages import index_analyses
from detente.store.sqlite import SQLiteStore

log = logging.getLogger("detente")

Progress = Callable[["IngestReport"], None]


@dataclass
class IngestReport:
    """Counts for one run; ``errors`` lists every input that failed, with its reason."""

    run_id: int | None = None
    read: int = 0
    stored: int = 0
    unchanged: int = 0
    duplicates: int = 0
    errors: list[ErrorRecord] = field(default_factory=list)
    status: str = "running"

    @property
    def failed(self) -> int:
        return len(self.errors)


def dedup_index(store: SQLiteStore, config: Config) -> NearDuplicateIndex:
    d = config.section("dedup")
    index = NearDuplicateIndex(float(d["threshold"]), int(d["num_perm"]), int(d["shingle_size"]))
    for doc_id, sig in store.iter_signatures():
        index.add(doc_id, sig, check=False)
    return index


def _documents(inputs: Iterable[str], options: IngestOptions, report: IngestReport
               ) -> Iterator[Document]:
    for result in iter_drafts(inputs, options):
        if isinstance(result, ErrorRecord):
            report.errors.append(result)
            continue
        try:
            yield make_document(result)
        except DetenteError as exc:
            report.errors.append(ErrorRecord.from_exception(result.origin, exc))


def _chunks(it: Iterable, size: int) -> Iterator[list]:
    it = iter(it)
    while chunk := list(islice(it, size)):
        yield chunk


def ingest(inputs: list[str], store: SQLiteStore, config: Config, *,
           options: IngestOptions | None = None, n_process: int | None = None,
           progress: Progress | None = None) -> IngestReport:
    """Read ``inputs``, analyse new documents, and store them batch by batch.

    Each batch is one transaction: an interrupted run keeps every committed batch, and a rerun
    skips what is already stored (document ids are content hashes), so it resumes where it
    stopped.
    """
    options = options or IngestOptions.from_config(config)
    n_process = n_process or int(config.get("pipeline.n_process"))
    batch_size = int(config.get("pipeline.batch_size"))
    report = IngestReport(run_id=store.start_run(inputs))
    index = dedup_index(store, config)
    seen: set[str] = set()
    pipeline = Pipeline(config) if n_process <= 1 else None
    stage_names = pipeline.names if pipeline else list(config.get("pipeline.stages"))
    errors_saved = 0
    semantic = bool(config.get("store.semantic_index"))

    def new_documents() -> Iterator[Document]:
        for chunk in _chunks(_documents(inputs, options, report), 256):
            known = store.known_ids(d.id for d in chunk)
            for doc in chunk:
                report.read += 1
                if doc.id in known or doc.id in seen:
                    report.unchanged += 1
                    continue
                seen.add(doc.id)
                yield doc

    try:
        results = iter_results(new_documents(), config=config, n_process=n_process,
                               batch_size=batch_size, stages=stage_names, pipeline=pipeline)
        for chunk in _chunks(results, batch_size):
            analyses: list[Analysis] = []
            signatures = {}
            for result in chunk:
                if result.error is not None:
                    report.errors.append(result.error)
                    continue
                analysis = result.analysis
                doc = analysis.document
                sig = index.signature(doc.text)
                duplicate_of = index.add(doc.id, sig)
                if duplicate_of:
                    report.duplicates += 1
                    analysis = analysis.replace(document=doc.replace(duplicate_of=duplicate_of))
                signatures[doc.id] = sig
                analyses.append(analysis)
            report.stored += store.save_batch(analyses, signatures=signatures, stages=stage_names)
            if semantic:
                index_analyses(store, analyses)
            store.record_errors(report.errors[errors_saved:], report.run_id)
            errors_saved = len(report.errors)
            if progress:
                progress(report)
        report.status = "done"
    except KeyboardInterrupt:
        report.status = "interrupted"
        raise
    finally:
        if report.status == "running":
            report.status = "failed"
        try:
            store.record_errors(report.errors[errors_saved:], report.run_id)
            store.finish_run(report.run_id, report.status, stored=report.stored,
                             skipped=report.unchanged, failed=report.failed)
        except DetenteError as exc:  # the store itself may be what failed
            log.error("could not record the end of run %s: %s", report.run_id, exc)
    if progress:
        progress(report)
    return report
