"""What every store backend provides, the code they share, and ``open_store`` choosing one.

Backends differ only in connecting, migrating, full-text search and error translation; every
other method is written once here in portable SQL with ``?`` placeholders (the PostgreSQL store
rewrites them to ``%s``). Read-side modules use the public methods and :meth:`Store.fetchall`, so
they work on either database.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from detente.errors import ErrorRecord, NotFoundError
from detente.facts import Analysis, Document

DOC_COLUMNS = ("id", "title", "published", "url", "source", "author", "language", "genre",
               "quality_score", "duplicate_of", "origin", "ingested_at")
FACT_TABLES = ("actors", "quotes", "events", "positions")
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def is_postgres_url(target: str | Path) -> bool:
    return str(target).startswith(POSTGRES_SCHEMES)


class Store(ABC):
    """Documents, analyses and one row per fact, in a SQL database.

    Subclasses provide ``transaction()`` (one atomic unit; yields a handle for ``_execute``),
    ``_execute``/``_executemany`` inside it, ``fetchall``/``_iter`` for reads, ``search`` and
    ``close``. Everything else is shared so both backends give the same answers.
    """

    path: str
    """Where the data lives, for messages: a file path, or a URL without its password."""

    # --- backend hooks ------------------------------------------------------------------------

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Any]:
        """One atomic unit; any error rolls all of it back."""

    @abstractmethod
    def _execute(self, tx: Any, sql: str, params: Iterable[Any] = ()) -> Any:
        """Run one statement inside ``transaction()``; returns the cursor."""

    @abstractmethod
    def _executemany(self, tx: Any, sql: str, rows: list[tuple]) -> None:
        """Run one statement per row inside ``transaction()``."""

    @abstractmethod
    def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        """Run a read query (``?`` placeholders) and return rows as dicts."""

    @abstractmethod
    def _iter(self, sql: str, params: Iterable[Any] = ()) -> Iterator[tuple]:
        """Stream the rows of a read query as tuples (large exports stay flat in memory)."""

    @abstractmethod
    def search(self, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search, best first: dicts with id, title, published, source, snippet, score."""

    @abstractmethod
    def close(self) -> None: ...

    _ORDER_COLUMN = "rowid"
    """The column giving insertion order of documents (SQLite's rowid, PostgreSQL's seq)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ------------------------------------------------------------------------------

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are already stored with an analysis (re-ingesting them is a no-op)."""
        ids = list(ids)
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._iter(f"SELECT document_id FROM analyses WHERE document_id IN ({marks})",
                              chunk)
            found.update(r[0] for r in rows)
        return found

    def save_batch(self, analyses: Iterable[Analysis], *, signatures: dict[str, np.ndarray] | None
                   = None, stages: Iterable[str] = ()) -> int:
        """Store analyses (document + facts) in one transaction; returns how many were new."""
        signatures = signatures or {}
        stage_list = json.dumps(list(stages))
        # A fixed order means two writers sharing documents lock rows in the same order
        # (PostgreSQL would otherwise abort one of them as a deadlock).
        ordered = sorted(analyses, key=lambda a: a.document.id)
        stored = 0
        with self.transaction() as tx:
            for analysis in ordered:
                stored += self._save_one(tx, analysis, signatures.get(analysis.document.id),
                                         stage_list)
        return stored

    def _save_one(self, tx: Any, analysis: Analysis, sig: np.ndarray | None, stage_list: str
                  ) -> int:
        doc = analysis.document
        cur = self._execute(
            tx,
            "INSERT INTO documents (id, title, text, published, url, source, author, language, "
            "genre, quality_score, duplicate_of, origin, ingested_at, minhash) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING",
            (doc.id, doc.title, doc.text, doc.published, doc.url, doc.source, doc.author,
             doc.language, doc.genre, doc.quality.score, doc.duplicate_of, doc.origin, now(),
             None if sig is None else np.asarray(sig, dtype=np.uint64).tobytes()),
        )
        new = cur.rowcount == 1
        self._execute(
            tx,
            "INSERT INTO analyses (document_id, schema, stages, data, analyzed_at) "
            "VALUES (?,?,?,?,?) ON CONFLICT(document_id) DO UPDATE SET schema=excluded.schema, "
            "stages=excluded.stages, data=excluded.data, analyzed_at=excluded.analyzed_at",
            (doc.id, analysis.schema, stage_list, json.dumps(analysis.to_dict(),
                                                             ensure_ascii=False), now()),
        )
        for table in FACT_TABLES:
            self._execute(tx, f"DELETE FROM {table} WHERE document_id=?", (doc.id,))
        for table, rows in fact_rows(analysis).items():
            if rows:
                marks = ",".join("?" * len(rows[0]))
                self._executemany(tx, f"INSERT INTO {table} VALUES ({marks})", rows)
        return int(new)

    def start_run(self, inputs: Iterable[str]) -> int:
        with self.transaction() as tx:
            cur = self._execute(tx, "INSERT INTO runs (started_at, status, inputs) VALUES (?,?,?) "
                                "RETURNING id", (now(), "running", json.dumps(list(inputs))))
            return int(cur.fetchone()[0])

    def finish_run(self, run_id: int, status: str, *, stored: int, skipped: int, failed: int
                   ) -> None:
        with self.transaction() as tx:
            self._execute(tx, "UPDATE runs SET finished_at=?, status=?, stored=?, skipped=?, "
                          "failed=? WHERE id=?", (now(), status, stored, skipped, failed, run_id))

    def record_errors(self, errors: Iterable[ErrorRecord], run_id: int | None = None) -> None:
        rows = [(run_id, e.source, e.code, e.message, now()) for e in errors]
        if rows:
            with self.transaction() as tx:
                self._executemany(tx, "INSERT INTO errors (run_id, source, code, message, "
                                  "created_at) VALUES (?,?,?,?,?)", rows)

    def save_passages(self, doc_id: str, rows: Iterable[tuple[int, int, np.ndarray]], *,
                      model: str, tx: Any = None) -> None:
        """Replace a document's passage vectors with ``rows`` of (start, end, vector).

        Pass ``tx`` to write inside a transaction already open (a whole batch at once); without
        it the write is its own transaction.
        """
        if tx is None:
            with self.transaction() as own:
                self.save_passages(doc_id, rows, model=model, tx=own)
            return
        self._execute(tx, "DELETE FROM passages WHERE document_id=?", (doc_id,))
        values = [(doc_id, int(start), int(end), model,
                   np.asarray(vector, dtype=np.float32).tobytes()) for start, end, vector in rows]
        if values:
            self._executemany(tx, "INSERT INTO passages (document_id, start_char, end_char, "
                              "model, vector) VALUES (?,?,?,?,?)", values)

    # --- reading ------------------------------------------------------------------------------

    def iter_signatures(self) -> Iterator[tuple[str, np.ndarray]]:
        """Stored MinHash signatures, oldest first (the order near-duplicates were judged in)."""
        rows = self._iter("SELECT id, minhash FROM documents WHERE minhash IS NOT NULL "
                          f"ORDER BY ingested_at, {self._ORDER_COLUMN}")
        for doc_id, blob in rows:
            yield doc_id, np.frombuffer(bytes(blob), dtype=np.uint64)

    def iter_passages(self, model: str) -> Iterator[tuple[str, int, int, np.ndarray]]:
        """Stored passage vectors of one embedding model: (document_id, start, end, float32)."""
        rows = self._iter("SELECT document_id, start_char, end_char, vector FROM passages "
                          "WHERE model=? ORDER BY document_id, start_char", (model,))
        for doc_id, start, end, blob in rows:
            yield doc_id, int(start), int(end), np.frombuffer(bytes(blob), dtype=np.float32)

    def documents_without_passages(self, model: str) -> list[str]:
        """Ids of documents with no passage vectors of ``model`` (stored before the index
        existed, with ``store.semantic_index`` off, or under another model)."""
        return [r["id"] for r in self.fetchall(
            "SELECT id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM passages p "
            "WHERE p.document_id = d.id AND p.model = ?) ORDER BY id", (model,))]

    def count(self, table: str) -> int:
        return int(self.fetchall(f"SELECT count(*) AS n FROM {table}")[0]["n"])

    def list_documents(self, *, limit: int | None = 50, offset: int = 0,
                       source: str | None = None, since: str | None = None,
                       until: str | None = None, genres: Iterable[str] = (),
                       min_quality: float | None = None) -> list[dict[str, Any]]:
        """Documents, newest first; ``genres`` keeps those whose document genre is one of them,
        ``min_quality`` those scoring at least that; ``limit=None`` returns every match."""
        where, args = _filters(source=source, since=since, until=until, genres=genres,
                               min_quality=min_quality)
        page, page_args = ("LIMIT ? OFFSET ?", [limit, offset]) if limit is not None else ("", [])
        return self.fetchall(
            f"SELECT {', '.join(DOC_COLUMNS)}, length(text) AS chars FROM documents {where} "
            f"ORDER BY published DESC, id {page}", [*args, *page_args])

    def resolve_id(self, ref: str) -> str:
        """A full document id from an id or a unique prefix of one (like git)."""
        rows = self.fetchall("SELECT id FROM documents WHERE substr(id, 1, length(?)) = ? "
                             "ORDER BY id LIMIT 2", (ref, ref))
        if not rows:
            raise NotFoundError(f"no document with id {ref!r}")
        if len(rows) > 1:
            raise NotFoundError(f"id prefix {ref!r} is ambiguous; give more characters")
        return rows[0]["id"]

    def get_analysis(self, ref: str) -> Analysis:
        doc_id = self.resolve_id(ref)
        rows = self.fetchall("SELECT data FROM analyses WHERE document_id=?", (doc_id,))
        if not rows:
            raise NotFoundError(f"document {doc_id} has no stored analysis")
        return Analysis.from_dict(json.loads(rows[0]["data"]))

    def get_document(self, ref: str) -> Document:
        return self.get_analysis(ref).document

    def iter_analyses(self, *, source: str | None = None, since: str | None = None,
                      until: str | None = None) -> Iterator[Analysis]:
        where, args = _filters(source=source, since=since, until=until, alias="d")
        rows = self._iter(
            f"SELECT a.data FROM analyses a JOIN documents d ON d.id = a.document_id {where} "
            "ORDER BY d.published, d.id", args)
        for (data,) in rows:
            yield Analysis.from_dict(json.loads(data))

    def stats(self) -> dict[str, Any]:
        out: dict[str, Any] = {t: self.count(t) for t in
                               ("documents", "actors", "quotes", "events", "positions", "errors")}
        out["analyses"] = self.count("analyses")
        out["duplicates"] = self.fetchall(
            "SELECT count(*) AS n FROM documents WHERE duplicate_of IS NOT NULL")[0]["n"]
        row = self.fetchall("SELECT min(published) AS lo, max(published) AS hi FROM documents")[0]
        out["published_range"] = [row["lo"], row["hi"]]
        out["sources"] = self.fetchall(
            "SELECT source, count(*) AS documents FROM documents GROUP BY source "
            "ORDER BY documents DESC, source")
        out["languages"] = {r["language"] or "?": r["n"] for r in self.fetchall(
            "SELECT language, count(*) AS n FROM documents GROUP BY language")}
        out["events_by_type"] = {r["type"]: r["n"] for r in self.fetchall(
            "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC, type")}
        # min() rather than bare columns: PostgreSQL requires aggregates, and it makes the
        # representative name deterministic on both databases.
        out["top_actors"] = self.fetchall(
            "SELECT min(name) AS name, min(country) AS country, min(sector) AS sector, "
            "sum(mentions) AS mentions, count(*) AS documents FROM actors "
            "GROUP BY coalesce(kb_id, name) ORDER BY mentions DESC, name LIMIT 10")
        return out

    def errors(self, limit: int = 50) -> list[dict[str, Any]]:
        return self.fetchall("SELECT run_id, source, code, message, created_at FROM errors "
                             "ORDER BY id DESC LIMIT ?", (limit,))


def fact_rows(analysis: Analysis) -> dict[str, list[tuple]]:
    """The narrow-table rows of one analysis, in each table's column order."""
    doc_id = analysis.document.id
    return {
        "actors": [(doc_id, a.id, a.name, a.kind, a.country, a.sector, a.code, a.kb_id,
                    len(a.mentions)) for a in analysis.actors],
        "quotes": [(doc_id, q.id, q.kind, q.content, q.start, q.end, q.speaker.actor,
                    q.speaker.name, q.speaker.source_type, q.stance) for q in analysis.quotes],
        "events": [(doc_id, e.id, e.type, e.cameo, e.modality, e.date.value if e.date else None,
                    int(e.historical), json.dumps(list(e.actor)), json.dumps(list(e.recipient)),
                    e.evidence.start, e.evidence.end) for e in analysis.events],
        "positions": [(doc_id, i, p.party, p.proposal, p.issue, p.value, p.modality)
                      for i, p in enumerate(analysis.positions)],
    }


def _filters(*, source=None, since=None, until=None, genres: Iterable[str] = (),
             min_quality: float | None = None, alias: str = "") -> tuple[str, list]:
    p = f"{alias}." if alias else ""
    clauses, args = [], []
    if source:
        clauses.append(f"{p}source = ?")
        args.append(source)
    genres = list(genres)
    if genres:
        clauses.append(f"{p}genre IN ({', '.join('?' * len(genres))})")
        args += genres
    if min_quality is not None:
        clauses.append(f"{p}quality_score >= ?")
        args.append(min_quality)
    date_clauses(clauses, args, f"{p}published", since, until)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", args


def date_clauses(clauses: list[str], args: list, column: str, since: str | None,
                 until: str | None) -> None:
    """Append a date-range filter on ``column`` (an ISO date/datetime column or expression).

    ISO strings compare as text; only as many characters as given are compared for ``until``,
    so ``until="2025-11-30"`` includes that whole day.
    """
    if since:
        clauses.append(f"{column} >= ?")
        args.append(since)
    if until:
        clauses.append(f"substr({column}, 1, {len(until)}) <= ?")
        args.append(until)


def open_store(target: str | Path, *, busy_timeout: float = 10.0) -> Store:
    """Open (creating and migrating if needed) the store at a file path or a PostgreSQL URL.

    ``postgresql://user@host:port/db`` selects PostgreSQL; anything else is a SQLite file.
    """
    if is_postgres_url(target):
        from detente.store.postgres import PostgresStore

        return PostgresStore(str(target), busy_timeout=busy_timeout)
    from detente.store.sqlite import SQLiteStore

    return SQLiteStore(target, busy_timeout=busy_timeout)
