"""`detente run --engine local`: the pipeline in worker processes on this machine."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from detente.config import Config
from detente.facts import Document
from detente.ingest.sources import IngestOptions
from detente.pipeline.runner import iter_results
from detente.scale.inputs import local_records, to_document
from detente.scale.output import RunReport, finish, result_row


def run_local(inputs: list[str], output: str, config: Config, *,
              options: IngestOptions | None = None, n_process: int | None = None) -> RunReport:
    """Analyse ``inputs`` with ``n_process`` processes; write Parquet to a folder or load a
    store (``output`` is a folder, a ``.db`` file or a PostgreSQL URL)."""
    options = options or IngestOptions.from_config(config)
    n_process = n_process or int(config.get("pipeline.n_process"))
    stages = list(config.get("pipeline.stages"))
    dedup = config.section("dedup")
    read_errors: list[dict[str, Any]] = []

    def documents() -> Iterator[Document]:
        for record in local_records(inputs, options):
            doc = to_document(record)
            if isinstance(doc, Document):
                yield doc
            else:
                read_errors.append(result_row(doc, dedup))

    def rows() -> Iterator[dict[str, Any]]:
        for result in iter_results(documents(), config=config, n_process=n_process,
                                   stages=stages):
            yield from read_errors
            read_errors.clear()
            yield result_row(result.analysis or result.error, dedup)
        yield from read_errors

    return finish(rows(), output, config, "local", stages)
