"""How run time grows with the number of documents, end to end, for either engine.

Each size is a JSONL shard of ``sample_texts(n)`` (the `detente bench` texts); a run reads it,
analyses every document, runs the global stages (near-duplicate marking) and writes Parquet, so
a stage that is quadratic in the corpus shows up as per-document time rising with ``n``.
"""

from __future__ import annotations

import json
import math
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from detente.benchmark import sample_texts
from detente.config import Config


def _write_shard(texts: list[str], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(texts):
            fh.write(json.dumps({"text": text, "title": f"Bench {i}", "source": "bench",
                                 "published": "2025-11-27"}) + "\n")


def _run(engine: str, shard: Path, out: Path, config: Config, n_process: int):
    if engine == "ray":
        from detente.scale.ray_engine import run_ray

        return run_ray([str(shard)], str(out), config, concurrency=n_process)
    from detente.scale.local_engine import run_local

    return run_local([str(shard)], str(out), config, n_process=n_process)


def measure_growth(config: Config, sizes: Iterable[int] = (100, 1000), *, engine: str = "local",
                   n_process: int = 1) -> dict[str, Any]:
    """Seconds per run and per document at each size, and the fitted exponent of time against
    document count (1.0 is linear; 2.0 would be quadratic) between the smallest and largest.

    A one-document run first measures the fixed start-up (model and knowledge-base loading,
    worker start); the exponent is fitted on time minus that, so start-up does not flatter it.
    """
    points = []
    with tempfile.TemporaryDirectory(prefix="detente-growth-") as tmp:
        startup = None
        for n in [1, *sizes]:
            shard = Path(tmp) / f"docs-{n}.jsonl"
            texts = sample_texts(n)
            _write_shard(texts, shard)
            t0 = time.perf_counter()
            report = _run(engine, shard, Path(tmp) / f"out-{n}", config, n_process)
            seconds = time.perf_counter() - t0
            if startup is None:
                startup = seconds
                continue
            points.append({"documents": n, "words": sum(len(t.split()) for t in texts),
                           "seconds": round(seconds, 2),
                           "ms_per_document": round(1000 * seconds / n, 2),
                           "ms_per_document_after_startup": round(
                               1000 * max(seconds - startup, 1e-9) / n, 2),
                           "analysed": report.documents, "duplicates": report.duplicates,
                           "failed": len(report.errors)})
    first, last = points[0], points[-1]
    exponent = None
    if last["documents"] > first["documents"]:
        work = [max(p["seconds"] - startup, 1e-9) for p in (first, last)]
        exponent = round(math.log(work[1] / work[0])
                         / math.log(last["documents"] / first["documents"]), 3)
    return {"engine": engine, "processes": n_process, "startup_seconds": round(startup, 2),
            "stages": ", ".join(config.get("pipeline.stages")), "points": points,
            "growth_exponent": exponent}
