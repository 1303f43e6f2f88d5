"""Writing from the web: pasted or posted text, uploaded files, and URLs or feeds.

All three end in the same place as ``detente ingest``: Drafts, the configured pipeline, and one
``save_batch`` transaction (then the passage vectors semantic search reads, when
``store.semantic_index`` is on). URLs go through the fetcher's SSRF guard, which the web always
applies (private, loopback and link-local addresses are refused whatever the config says: a
server fetching on a client's behalf is exactly what the guard is for).
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterable
from typing import Any

from detente.config import Config
from detente.errors import DetenteError, ErrorRecord
from detente.ingest.document import Draft
from detente.ingest.fetch import check_address
from detente.ingest.formats import read_bytes
from detente.ingest.sources import IngestOptions
from detente.jobs import dedup_index
from detente.pipeline.runner import Pipeline, iter_results
from detente.search.passages import index_analyses


class Ingestor:
    """Analyses and stores documents; the pipeline (spaCy) loads on first use, once."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._pipeline: Pipeline | None = None
        # One write at a time: the pipeline is not thread-safe and SQLite has one writer anyway.
        self._lock = threading.Lock()

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline(self.config)
        return self._pipeline

    def options(self) -> IngestOptions:
        opts = IngestOptions.from_config(self.config)
        return dataclasses.replace(opts, fetch=dataclasses.replace(opts.fetch, allow_private=False))

    def store_drafts(self, store, drafts: Iterable[Draft | ErrorRecord]) -> dict[str, Any]:
        """Analyse and store drafts; returns ids stored, ids already present, and errors."""
        with self._lock:
            drafts = list(drafts)
            errors = [d.to_dict() for d in drafts if isinstance(d, ErrorRecord)]
            good = [d for d in drafts if isinstance(d, Draft)]
            analyses = []
            for result in iter_results(good, pipeline=self.pipeline):
                if result.error is not None:
                    errors.append(result.error.to_dict())
                else:
                    assert result.analysis is not None
                    analyses.append(result.analysis)
            index = dedup_index(store, self.config)
            known = store.known_ids(a.document.id for a in analyses)
            fresh, signatures = [], {}
            for a in analyses:
                if a.document.id in known:
                    continue
                sig = index.signature(a.document.text)
                duplicate_of = index.add(a.document.id, sig)
                if duplicate_of:
                    a = a.replace(document=a.document.replace(duplicate_of=duplicate_of))
                signatures[a.document.id] = sig
                fresh.append(a)
            store.save_batch(fresh, signatures=signatures, stages=self.pipeline.names)
            if self.config.get("store.semantic_index"):
                index_analyses(store, fresh)
            return {"stored": [a.document.id for a in fresh],
                    "unchanged": sorted(known),
                    "documents": [_summary(a) for a in analyses],
                    "errors": errors}

    def from_bytes(self, data: bytes, name: str, fmt: str | None = None
                   ) -> list[Draft | ErrorRecord]:
        opts = self.options()
        try:
            return list(read_bytes(data, name, fmt, max_bytes=opts.max_bytes))
        except DetenteError as exc:
            return [ErrorRecord.from_exception(name, exc)]

    def from_url(self, url: str) -> list[Draft | ErrorRecord]:
        """Fetch a page or feed; the address check runs first so a refusal is immediate."""
        from detente.ingest.sources import iter_drafts

        opts = self.options()
        check_address(url, allow_private=False)  # raises BlockedAddressError
        return list(iter_drafts([url], opts))


def _summary(analysis) -> dict[str, Any]:
    doc = analysis.document
    return {"id": doc.id, "title": doc.title, "published": doc.published, "language": doc.language,
            "actors": len(analysis.actors), "quotes": len(analysis.quotes),
            "events": len(analysis.events), "positions": len(analysis.positions)}
