"""SQLite store: one file, WAL, FTS5, migrations, one transaction per batch."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from detente.errors import (
    ErrorRecord,
    NotFoundError,
    SchemaVersionError,
    StoreError,
    StoreLockedError,
    StoreUnwritableError,
)
from detente.facts import Analysis, Document
from detente.store.schema import LATEST, MIGRATIONS

DOC_COLUMNS = ("id", "title", "published", "url", "source", "author", "language", "genre",
               "quality_score", "duplicate_of", "origin", "ingested_at")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _translate(exc: sqlite3.Error, path: str) -> StoreError:
    msg = str(exc)
    if "locked" in msg or "busy" in msg:
        return StoreLockedError("database is locked by another process (try again, or raise "
                                "store.busy_timeout)", source=path)
    if "unable to open" in msg or "readonly" in msg or "read-only" in msg or "disk I/O" in msg:
        return StoreUnwritableError(f"cannot write the database ({msg})", source=path)
    return StoreError(msg, source=path)


class SQLiteStore:
    """Documents, analyses and fact rows in one SQLite file."""

    def __init__(self, path: str | Path, *, busy_timeout: float = 10.0) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            parent = Path(self.path).expanduser().resolve().parent
            try:
                parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreUnwritableError(f"cannot create folder {parent} ({exc.strerror})",
                                           source=self.path) from None
        try:
            self.conn = sqlite3.connect(self.path, timeout=busy_timeout, isolation_level=None,
                                        check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys=ON")
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None

    # --- lifecycle ----------------------------------------------------------------------------

    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > LATEST:
            raise SchemaVersionError(f"database schema v{version} is newer than this detente "
                                     f"(v{LATEST}); upgrade detente", source=self.path)
        for number, sql in MIGRATIONS:
            if number > version:
                with self.transaction():
                    for statement in _statements(sql):
                        self.conn.execute(statement)
                    self.conn.execute(f"PRAGMA user_version={number}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT; any error rolls the whole batch back."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self.conn.execute("ROLLBACK")
            raise _translate(exc, self.path) from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
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
            rows = self.conn.execute(
                f"SELECT document_id FROM analyses WHERE document_id IN ({marks})", chunk)
            found.update(r[0] for r in rows)
        return found

    def save_batch(self, analyses: Iterable[Analysis], *, signatures: dict[str, np.ndarray] | None
                   = None, stages: Iterable[str] = ()) -> int:
        """Store analyses (document + facts) in one transaction; returns how many were new."""
        signatures = signatures or {}
        stage_list = json.dumps(list(stages))
        stored = 0
        try:
            with self.transaction() as conn:
                for analysis in analyses:
                    stored += self._save_one(conn, analysis, signatures.get(analysis.document.id),
                                             stage_list)
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None
        return stored

    def _save_one(self, conn: sqlite3.Connection, analysis: Analysis, sig: np.ndarray | None,
                  stage_list: str) -> int:
        doc = analysis.document
        cur = conn.execute(
            "INSERT INTO documents (id, title, text, published, url, source, author, language, "
            "genre, quality_score, duplicate_of, origin, ingested_at, minhash) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING",
            (doc.id, doc.title, doc.text, doc.published, doc.url, doc.source, doc.author,
             doc.language, doc.genre, doc.quality.score, doc.duplicate_of, doc.origin, _now(),
             None if sig is None else np.asarray(sig, dtype=np.uint64).tobytes()),
        )
        new = cur.rowcount == 1
        conn.execute(
            "INSERT INTO analyses (document_id, schema, stages, data, analyzed_at) "
            "VALUES (?,?,?,?,?) ON CONFLICT(document_id) DO UPDATE SET schema=excluded.schema, "
            "stages=excluded.stages, data=excluded.data, analyzed_at=excluded.analyzed_at",
            (doc.id, analysis.schema, stage_list, json.dumps(analysis.to_dict(),
                                                             ensure_ascii=False), _now()),
        )
        for table in ("actors", "quotes", "events", "positions"):
            conn.execute(f"DELETE FROM {table} WHERE document_id=?", (doc.id,))
        conn.executemany(
            "INSERT INTO actors VALUES (?,?,?,?,?,?,?,?,?)",
            [(doc.id, a.id, a.name, a.kind, a.country, a.sector, a.code, a.kb_id, len(a.mentions))
             for a in analysis.actors])
        conn.executemany(
            "INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(doc.id, q.id, q.kind, q.content, q.start, q.end, q.speaker.actor, q.speaker.name,
              q.speaker.source_type, q.stance) for q in analysis.quotes])
        conn.executemany(
            "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(doc.id, e.id, e.type, e.cameo, e.modality, e.date.value if e.date else None,
              int(e.historical), json.dumps(list(e.actor)), json.dumps(list(e.recipient)),
              e.evidence.start, e.evidence.end) for e in analysis.events])
        conn.executemany(
            "INSERT INTO positions VALUES (?,?,?,?,?,?,?)",
            [(doc.id, i, p.party, p.proposal, p.issue, p.value, p.modality)
             for i, p in enumerate(analysis.positions)])
        return int(new)

    def start_run(self, inputs: Iterable[str]) -> int:
        with self.transaction() as conn:
            cur = conn.execute("INSERT INTO runs (started_at, status, inputs) VALUES (?,?,?)",
                               (_now(), "running", json.dumps(list(inputs))))
            return int(cur.lastrowid)

    def finish_run(self, run_id: int, status: str, *, stored: int, skipped: int, failed: int
                   ) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE runs SET finished_at=?, status=?, stored=?, skipped=?, failed=? "
                         "WHERE id=?", (_now(), status, stored, skipped, failed, run_id))

    def record_errors(self, errors: Iterable[ErrorRecord], run_id: int | None = None) -> None:
        rows = [(run_id, e.source, e.code, e.message, _now()) for e in errors]
        if rows:
            with self.transaction() as conn:
                conn.executemany("INSERT INTO errors (run_id, source, code, message, created_at) "
                                 "VALUES (?,?,?,?,?)", rows)

    # --- reading ------------------------------------------------------------------------------

    def iter_signatures(self) -> Iterator[tuple[str, np.ndarray]]:
        rows = self.conn.execute("SELECT id, minhash FROM documents WHERE minhash IS NOT NULL "
                                 "ORDER BY ingested_at, rowid")
        for doc_id, blob in rows:
            yield doc_id, np.frombuffer(blob, dtype=np.uint64)

    def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        """Run a read query (``?`` placeholders) and return rows as dicts.

        Read-side modules (web views, corpus views) go through this rather than ``conn``, so a
        PostgreSQL backend only has to provide the same method.
        """
        try:
            return [dict(r) for r in self.conn.execute(sql, list(params))]
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None

    def count(self, table: str) -> int:
        return int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def list_documents(self, *, limit: int = 50, offset: int = 0, source: str | None = None,
                       since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
        where, args = _filters(source=source, since=since, until=until)
        rows = self.conn.execute(
            f"SELECT {', '.join(DOC_COLUMNS)}, length(text) AS chars FROM documents {where} "
            "ORDER BY published DESC, id LIMIT ? OFFSET ?", [*args, limit, offset])
        return [dict(r) for r in rows]

    def resolve_id(self, ref: str) -> str:
        """A full document id from an id or a unique prefix of one (like git)."""
        rows = self.conn.execute("SELECT id FROM documents WHERE substr(id, 1, ?) = ? LIMIT 2",
                                 (len(ref), ref)).fetchall()
        if not rows:
            raise NotFoundError(f"no document with id {ref!r}")
        if len(rows) > 1:
            raise NotFoundError(f"id prefix {ref!r} is ambiguous; give more characters")
        return rows[0][0]

    def get_analysis(self, ref: str) -> Analysis:
        doc_id = self.resolve_id(ref)
        row = self.conn.execute("SELECT data FROM analyses WHERE document_id=?",
                                (doc_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"document {doc_id} has no stored analysis")
        return Analysis.from_dict(json.loads(row[0]))

    def get_document(self, ref: str) -> Document:
        return self.get_analysis(ref).document

    def iter_analyses(self, *, source: str | None = None, since: str | None = None,
                      until: str | None = None) -> Iterator[Analysis]:
        where, args = _filters(source=source, since=since, until=until, alias="d")
        rows = self.conn.execute(
            f"SELECT a.data FROM analyses a JOIN documents d ON d.id = a.document_id {where} "
            "ORDER BY d.published, d.id", args)
        for (data,) in rows:
            yield Analysis.from_dict(json.loads(data))

    def search(self, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search (FTS5 syntax: words, "phrases", OR, NEAR, prefix*), best first."""
        try:
            rows = self.conn.execute(
                "SELECT d.id, d.title, d.published, d.source, "
                "snippet(documents_fts, 1, '[', ']', ' … ', 12) AS snippet, bm25(documents_fts) "
                "AS score FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
                "WHERE documents_fts MATCH ? ORDER BY score LIMIT ?", (query, limit))
            return [dict(r) for r in rows]
        except sqlite3.OperationalError as exc:
            raise StoreError(f"bad search query {query!r} ({exc})") from None

    def stats(self) -> dict[str, Any]:
        out: dict[str, Any] = {t: self.count(t) for t in
                               ("documents", "actors", "quotes", "events", "positions", "errors")}
        out["analyses"] = self.count("analyses")
        out["duplicates"] = int(self.conn.execute(
            "SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL").fetchone()[0])
        row = self.conn.execute("SELECT min(published), max(published) FROM documents").fetchone()
        out["published_range"] = [row[0], row[1]]
        out["sources"] = [dict(r) for r in self.conn.execute(
            "SELECT source, count(*) AS documents FROM documents GROUP BY source "
            "ORDER BY documents DESC, source")]
        out["languages"] = {r[0] or "?": r[1] for r in self.conn.execute(
            "SELECT language, count(*) FROM documents GROUP BY language")}
        out["events_by_type"] = {r[0]: r[1] for r in self.conn.execute(
            "SELECT type, count(*) FROM events GROUP BY type ORDER BY 2 DESC")}
        out["top_actors"] = [dict(r) for r in self.conn.execute(
            "SELECT name, country, sector, sum(mentions) AS mentions, count(*) AS documents "
            "FROM actors GROUP BY coalesce(kb_id, name) ORDER BY mentions DESC LIMIT 10")]
        return out

    def errors(self, limit: int = 50) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(
            "SELECT run_id, source, code, message, created_at FROM errors ORDER BY id DESC "
            "LIMIT ?", (limit,))]


def _filters(*, source=None, since=None, until=None, alias: str = "") -> tuple[str, list]:
    p = f"{alias}." if alias else ""
    clauses, args = [], []
    if source:
        clauses.append(f"{p}source = ?")
        args.append(source)
    if since:
        clauses.append(f"{p}published >= ?")
        args.append(since)
    if until:
        # Dates compare as text; "until 2025-11-30" must include that whole day.
        clauses.append(f"substr({p}published, 1, {len(until)}) <= ?")
        args.append(until)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", args


def _statements(script: str) -> list[str]:
    """Split a migration into statements (executescript would commit our transaction)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    return [s for s in out if s]


def open_store(path: str | Path, *, busy_timeout: float = 10.0) -> SQLiteStore:
    """Open (creating and migrating if needed) the store at ``path``."""
    return SQLiteStore(path, busy_timeout=busy_timeout)
