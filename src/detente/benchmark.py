"""`detente bench`: the full pipeline against bare spaCy on the same texts, in one run."""

from __future__ import annotations

import resource
import statistics
import time
from typing import Any

from detente.config import Config
from detente.ingest.document import make_document
from detente.ingest.sources import IngestOptions, iter_drafts
from detente.nlp.backbone import load_nlp
from detente.pipeline.runner import Pipeline, iter_results

# Alternating rounds of each run (``detente bench``): the fastest of each is compared.
ROUNDS = 3


def sample_texts(n_docs: int) -> list[str]:
    """``n_docs`` texts: the bundled sample corpus repeated, each copy made distinct."""
    from detente.cli.main import SAMPLE_GLOB, sample_corpus_path

    options = IngestOptions(globs=tuple(SAMPLE_GLOB))
    docs = [make_document(d) for d in iter_drafts([str(sample_corpus_path())], options)
            if not hasattr(d, "code")]
    base = [d.text for d in docs]
    # A suffix keeps every document's content hash distinct without changing the words much.
    return [f"{base[i % len(base)]}\n(copy {i})" for i in range(n_docs)]


def _cpu_seconds() -> float:
    """CPU seconds used so far by this process (all threads) and its finished workers: unlike
    wall time, barely moved by other processes competing for the cores."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def _peak_rss_mb() -> dict[str, float]:
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"self": round(self_kb / 1024, 1), "children": round(children_kb / 1024, 1)}


def run_benchmark(config: Config, *, n_docs: int = 200, n_process: int = 1,
                  rounds: int = ROUNDS) -> dict[str, Any]:
    """Time bare ``nlp.pipe`` and the full pipeline over the same texts; report the ratio.

    The two runs alternate for ``rounds`` rounds (spaCy, pipeline, spaCy, pipeline, ...), so
    a burst of load from another process on a shared machine hits one round of each rather
    than a whole run. The headline ratio (``ratio_pipeline_to_spacy``) compares the fastest
    round of each, as ``timeit`` does: noise only ever adds time, so the minimum is the best
    estimate of the cost itself. The ratio of the median rounds is reported beside it
    (``ratio_median``), as are all round times.

    The texts repeat the sample articles, so per-process memos of results keyed by text would
    hit on the copies and flatter the figure: the issue-embedding memo is switched off
    (``negotiation.embedding_cache = 0``), so each document pays its own model calls."""
    rounds = max(1, rounds)
    config = config.with_overrides(**{"negotiation.embedding_cache": 0})
    texts = sample_texts(n_docs)
    words = sum(len(t.split()) for t in texts)
    nlp = load_nlp(config)
    batch = int(config.get("nlp.batch_size"))

    # Warm-up so neither run pays for first-call costs the other does not.
    list(nlp.pipe(texts[:4], batch_size=batch))
    pipeline = None
    if n_process <= 1:
        # Load every resource (models, knowledge bases, gazetteer) and warm up, as for spaCy
        # above, so both runs measure steady-state throughput. With n_process > 1 both runs
        # pay their workers' start-up.
        pipeline = Pipeline(config)
        list(iter_results([f"{t}\n(warm-up)" for t in texts[:4]], pipeline=pipeline))
        if "positions" in pipeline.names:
            # The issue embedder loads on the first clause that needs it, which the warm-up
            # may not reach. Load it now: onnxruntime starts a thread, and any second thread
            # slows spaCy's parse by about a sixth (docs/PERFORMANCE.md), so a spaCy round
            # timed before it loads would be flattered.
            pipeline.context.get("issue_embedder")

    spacy_times: list[float] = []
    full_times: list[float] = []
    spacy_cpu: list[float] = []
    full_cpu: list[float] = []
    stage_rounds: list[dict[str, float]] = []
    failures = 0
    rss_after_spacy: dict[str, float] = {}
    for n in range(rounds):
        t0, c0 = time.perf_counter(), _cpu_seconds()
        for _ in nlp.pipe(texts, batch_size=batch, n_process=n_process):
            pass
        spacy_times.append(time.perf_counter() - t0)
        spacy_cpu.append(_cpu_seconds() - c0)
        if n == 0:
            rss_after_spacy = _peak_rss_mb()
        if pipeline is not None:
            pipeline.timings = dict.fromkeys(pipeline.timings, 0.0)  # this round only
        failures = 0
        t0, c0 = time.perf_counter(), _cpu_seconds()
        for result in iter_results(texts, config=config, n_process=n_process,
                                   pipeline=pipeline):
            failures += result.error is not None
        full_times.append(time.perf_counter() - t0)
        full_cpu.append(_cpu_seconds() - c0)
        if pipeline is not None:
            stage_rounds.append(dict(pipeline.timings))
    rss = _peak_rss_mb()
    spacy_best, full_best = min(spacy_times), min(full_times)
    spacy_median, full_median = statistics.median(spacy_times), statistics.median(full_times)
    # Stage seconds of the fastest pipeline round (the round the headline ratio uses).
    best_round = full_times.index(full_best)
    stage_seconds = ({name: round(s, 2) for name, s in stage_rounds[best_round].items()}
                     if stage_rounds else {})
    return {
        "documents": n_docs,
        "words": words,
        "processes": n_process,
        "rounds": rounds,
        "stages": ", ".join(config.get("pipeline.stages")),
        "embedding_cache": config.get("negotiation.embedding_cache"),
        "spacy_words_per_s": round(words / spacy_best),
        "pipeline_words_per_s": round(words / full_best),
        "ratio_pipeline_to_spacy": round(spacy_best / full_best, 3),
        "ratio_median": round(spacy_median / full_median, 3),
        # The same from CPU seconds (fastest rounds): the check to read on a busy machine.
        "ratio_cpu": round(min(spacy_cpu) / max(min(full_cpu), 1e-9), 3),
        "spacy_seconds_per_round": [round(t, 2) for t in spacy_times],
        "pipeline_seconds_per_round": [round(t, 2) for t in full_times],
        "spacy_cpu_seconds_per_round": [round(t, 2) for t in spacy_cpu],
        "pipeline_cpu_seconds_per_round": [round(t, 2) for t in full_cpu],
        "failed_documents": failures,
        "peak_rss_mb_main": rss["self"],
        "peak_rss_mb_workers": rss["children"],
        "peak_rss_mb_main_after_spacy_run": rss_after_spacy["self"],
        "stage_seconds": stage_seconds,
    }
