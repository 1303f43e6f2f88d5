"""`detente run --engine ray`: the pipeline on a Ray cluster with Ray Data.

JSONL and Parquet shards are read by Ray Data's readers (in parallel, on the cluster); other
inputs are read on the driver by detente's readers. The pipeline runs in ``map_batches`` on an
actor pool: each actor builds the Pipeline once, so the spaCy model and the knowledge bases load
once per worker. Near-duplicate marking runs after the map, on the driver, in input order, then
the cross-article event merge (see :func:`detente.scale.output.finish`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from detente.config import Config
from detente.errors import ErrorRecord
from detente.facts import Document
from detente.ingest.sources import IngestOptions
from detente.pipeline.runner import Pipeline
from detente.scale.inputs import RECORD_KEYS, local_records, shard_record, split_inputs, to_document
from detente.scale.output import ROW_SCHEMA, RunReport, finish, result_row

READ_CPUS = 0.25


class Analyzer:
    """A Ray actor: one Pipeline per worker process, reused for every batch."""

    def __init__(self, config_data: dict[str, Any], stages: list[str]) -> None:
        self.config = Config(config_data)
        self.pipeline = Pipeline(self.config, stages)
        self.dedup = self.config.section("dedup")

    def __call__(self, batch):
        import pyarrow as pa

        outcomes: list[Document | ErrorRecord] = [to_document(r) for r in batch.to_pylist()]
        analysed = iter(self.pipeline.process([d for d in outcomes if isinstance(d, Document)]))
        rows = [result_row(next(analysed) if isinstance(o, Document) else o, self.dedup)
                for o in outcomes]
        return pa.Table.from_pylist(rows, ROW_SCHEMA)


def _canonical(options: IngestOptions):
    def convert(batch):
        import pyarrow as pa

        return pa.Table.from_pylist([shard_record(r, options) for r in batch.to_pylist()])
    return convert


def build_dataset(inputs: list[str], options: IngestOptions, block_rows: int = 64):
    """One Ray Dataset of canonical records (origin, text, metadata, error), in input order."""
    import pyarrow as pa
    import ray.data

    shards, rest = split_inputs(inputs, options)
    parts = []
    # Reading and renaming columns is light work: a fraction of a CPU each, so the reads are
    # never starved by the analysis actors holding every whole CPU (Ray Data would stall).
    light = {"num_cpus": READ_CPUS}
    readers = {"json": lambda p: ray.data.read_json(p, lines=True, include_paths=True, **light),
               "parquet": lambda p: ray.data.read_parquet(p, include_paths=True, **light)}
    for kind, paths in shards.items():
        if paths:
            parts.append(readers[kind](paths).map_batches(_canonical(options),
                                                          batch_format="pyarrow", **light))
    if rest:
        records = list(local_records(rest, options))
        if records:
            table = pa.Table.from_pylist(records, pa.schema([(k, pa.string()) for k in RECORD_KEYS]))
            # Several blocks, so every actor in the pool gets work.
            parts.append(ray.data.from_arrow([table.slice(i, block_rows)
                                              for i in range(0, len(table), block_rows)]))
    if not parts:
        return None
    return parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]


def run_ray(inputs: list[str], output: str, config: Config, *,
            options: IngestOptions | None = None, concurrency: int = 2,
            batch_size: int | None = None, address: str | None = None) -> RunReport:
    """Analyse ``inputs`` on Ray with ``concurrency`` pipeline actors; write Parquet to a folder
    or load a store. Connects to ``address`` (or $RAY_ADDRESS) unless Ray is already up."""
    import ray

    if not ray.is_initialized():
        local = address is None and not os.environ.get("RAY_ADDRESS")
        # A cluster started here listens on loopback only.
        ray.init(address=address, include_dashboard=False, log_to_driver=False,
                 **({"_node_ip_address": "127.0.0.1"} if local else {}))
    # Input order in, input order out: near-duplicate marking then matches the local engine.
    ray.data.DataContext.get_current().execution_options.preserve_order = True
    options = options or IngestOptions.from_config(config)
    stages = list(config.get("pipeline.stages"))
    size = batch_size or int(config.get("pipeline.batch_size"))
    ds = build_dataset(inputs, options, block_rows=size)

    def rows() -> Iterator[dict[str, Any]]:
        if ds is None:
            return
        mapped = ds.map_batches(
            Analyzer, fn_constructor_kwargs={"config_data": config.data, "stages": stages},
            batch_size=size,
            batch_format="pyarrow",
            # Start with one actor and grow to ``concurrency``: a fixed pool would hold every
            # CPU and starve the reads on a small cluster.
            compute=ray.data.ActorPoolStrategy(min_size=1, max_size=concurrency))
        for batch in mapped.iter_batches(batch_format="pyarrow", batch_size=1024):
            yield from batch.to_pylist()

    return finish(rows(), output, config, "ray", stages)
