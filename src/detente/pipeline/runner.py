"""Running stages over documents: in-process, in worker processes, with an error policy."""

from __future__ import annotations

import concurrent.futures as cf
import logging
import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from detente.config import Config
from detente.errors import AnalysisError, DetenteError, ErrorRecord
from detente.facts import Analysis, Document
from detente.ingest.document import Draft, make_document
from detente.pipeline.registry import Context, StageSpec, WorkItem, resolve_stages

log = logging.getLogger("detente")

Input = str | dict[str, Any] | Document | Draft
ErrorPolicy = str | Callable[[ErrorRecord], None]


class Pipeline:
    """An ordered, checked list of stages with the per-process resources they share."""

    def __init__(self, config: Config | None = None, stages: Iterable[str] | None = None) -> None:
        self.config = config or Config()
        names = list(stages) if stages is not None else list(self.config.get("pipeline.stages"))
        self.stages: list[StageSpec] = resolve_stages(names)
        self.context = Context(self.config)
        # Seconds spent in each stage (this process), for `detente bench` and profiling.
        self.timings: dict[str, float] = dict.fromkeys(self.names, 0.0)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def process(self, documents: list[Document]) -> list[Analysis | ErrorRecord]:
        """Run every stage over one batch. A document that makes a stage fail is set aside
        with its error; the rest of the batch goes on."""
        items = [WorkItem(d) for d in documents]
        failed: dict[int, ErrorRecord] = {}
        for spec in self.stages:
            live = [i for i in range(len(items)) if i not in failed]
            if not live:
                break
            started = time.perf_counter()
            try:
                spec.func([items[i] for i in live], self.context)
            except Exception:
                # Find the culprit(s): rerun the stage one document at a time.
                for i in live:
                    try:
                        spec.func([items[i]], self.context)
                    except Exception as exc:
                        origin = items[i].document.origin or items[i].document.id
                        failed[i] = _stage_error(origin, spec.name, exc)
            self.timings[spec.name] += time.perf_counter() - started
        return [failed.get(i) or item.to_analysis() for i, item in enumerate(items)]


def _stage_error(origin: str, stage_name: str, exc: BaseException) -> ErrorRecord:
    record = ErrorRecord.from_exception(origin, exc)
    return ErrorRecord(record.source, record.code, f"stage {stage_name!r}: {record.message}")


# --- inputs --------------------------------------------------------------------------------------

def to_document(item: Input, index: int = 0) -> Document:
    """Accept a text, a dict with ``text`` and metadata, a Draft or a Document."""
    if isinstance(item, Document):
        return item
    if isinstance(item, Draft):
        return make_document(item)
    if isinstance(item, str):
        return make_document(Draft(text=item, origin=f"input[{index}]"))
    if isinstance(item, dict):
        if not isinstance(item.get("text"), str):
            raise AnalysisError("item has no 'text' string", source=f"input[{index}]")
        known = {k: item.get(k) for k in ("title", "url", "source", "author", "published")}
        if isinstance(known["published"], date | datetime):
            known["published"] = known["published"]
        return make_document(Draft(text=item["text"], origin=item.get("origin")
                                   or f"input[{index}]", **known))
    raise AnalysisError(f"cannot analyse a {type(item).__name__}", source=f"input[{index}]")


# --- batching and processes ----------------------------------------------------------------------

_WORKER: Pipeline | None = None


def _init_worker(config_data: dict[str, Any], stage_names: list[str]) -> None:
    global _WORKER
    _WORKER = Pipeline(Config(config_data), stage_names)


def _work(batch: list[Document]) -> list[Analysis | ErrorRecord]:
    assert _WORKER is not None
    return _WORKER.process(batch)


@dataclass(frozen=True)
class Result:
    """One input's outcome, in input order: an analysis or the error that stopped it."""

    index: int
    analysis: Analysis | None = None
    error: ErrorRecord | None = None


def _batches(items: Iterable[Input], size: int) -> Iterator[list[tuple[int, Document | ErrorRecord]]]:
    batch: list[tuple[int, Document | ErrorRecord]] = []
    for i, item in enumerate(items):
        try:
            batch.append((i, to_document(item, i)))
        except DetenteError as exc:
            batch.append((i, ErrorRecord.from_exception(f"input[{i}]", exc)))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _merge(batch, outcomes: list[Analysis | ErrorRecord]) -> Iterator[Result]:
    it = iter(outcomes)
    for index, doc in batch:
        if isinstance(doc, ErrorRecord):
            yield Result(index, error=doc)
            continue
        out = next(it)
        yield Result(index, error=out) if isinstance(out, ErrorRecord) else Result(index, out)


def iter_results(items: Iterable[Input], *, config: Config | None = None, n_process: int = 1,
                 batch_size: int | None = None, stages: Iterable[str] | None = None,
                 pipeline: Pipeline | None = None) -> Iterator[Result]:
    """Analyse ``items`` lazily, in order, yielding a :class:`Result` for every input."""
    config = config or (pipeline.config if pipeline else Config())
    size = batch_size or int(config.get("pipeline.batch_size"))
    names = list(stages) if stages is not None else (
        pipeline.names if pipeline else list(config.get("pipeline.stages")))
    batches = _batches(items, size)
    if n_process <= 1:
        pipe = pipeline or Pipeline(config, names)
        for batch in batches:
            docs = [d for _, d in batch if isinstance(d, Document)]
            yield from _merge(batch, pipe.process(docs) if docs else [])
        return
    resolve_stages(names)  # fail fast in the parent on a bad stage list
    ctx = multiprocessing.get_context("spawn")
    with cf.ProcessPoolExecutor(n_process, mp_context=ctx, initializer=_init_worker,
                                initargs=(config.data, names)) as pool:
        pending: deque = deque()
        for batch in batches:
            docs = [d for _, d in batch if isinstance(d, Document)]
            pending.append((batch, pool.submit(_work, docs)))
            # Keep a bounded number of batches in flight so memory stays flat on long streams.
            while len(pending) > 2 * n_process:
                done_batch, fut = pending.popleft()
                yield from _merge(done_batch, fut.result())
        while pending:
            done_batch, fut = pending.popleft()
            yield from _merge(done_batch, fut.result())


def analyze_many(items: Iterable[Input], n_process: int = 1, *, config: Config | None = None,
                 batch_size: int | None = None, on_error: ErrorPolicy = "raise",
                 stages: Iterable[str] | None = None) -> Iterator[Analysis]:
    """Yield an :class:`Analysis` per input (texts, dicts with ``text`` and metadata, Documents).

    ``on_error``: ``"raise"`` stops at the first failing document, ``"skip"`` logs and goes on,
    or a callable that receives each :class:`ErrorRecord`.
    """
    for result in iter_results(items, config=config, n_process=n_process,
                               batch_size=batch_size, stages=stages):
        if result.analysis is not None:
            yield result.analysis
            continue
        assert result.error is not None
        if on_error == "raise":
            raise AnalysisError(f"[{result.error.code}] {result.error.message}",
                                source=result.error.source)
        if callable(on_error):
            on_error(result.error)
        else:
            log.warning("skipped %s", result.error)


_DEFAULT_PIPELINE: Pipeline | None = None


def analyze(text: str, *, title: str | None = None, published: str | date | datetime | None = None,
            url: str | None = None, source: str | None = None, config: Config | None = None
            ) -> Analysis:
    """Analyse one text; ``.to_dict()`` on the result gives the ``detente.analysis/1`` object."""
    global _DEFAULT_PIPELINE
    if config is None:
        if _DEFAULT_PIPELINE is None:
            _DEFAULT_PIPELINE = Pipeline(Config())
        pipe = _DEFAULT_PIPELINE
    else:
        pipe = Pipeline(config)
    doc = make_document(Draft(text=text, origin="input", title=title, published=published,
                              url=url, source=source))
    out = pipe.process([doc])[0]
    if isinstance(out, ErrorRecord):
        raise AnalysisError(f"[{out.code}] {out.message}", source=out.source)
    return out
