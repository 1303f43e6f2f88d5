"""SQLite store: one file, WAL, FTS5, migrations, one transaction per batch."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from detente.errors import (
    SchemaVersionError,
    StoreError,
    StoreLockedError,
    StoreUnwritableError,
)
from detente.store.base import DOC_COLUMNS, Store
from detente.store.schema import LATEST, MIGRATIONS

__all__ = ["DOC_COLUMNS", "SQLiteStore", "open_store"]


def _translate(exc: sqlite3.Error, path: str) -> StoreError:
    msg = str(exc)
    if "locked" in msg or "busy" in msg:
        return StoreLockedError("database is locked by another process (try again, or raise "
                                "store.busy_timeout)", source=path)
    if "unable to open" in msg or "readonly" in msg or "read-only" in msg or "disk I/O" in msg:
        return StoreUnwritableError(f"cannot write the database ({msg})", source=path)
    return StoreError(msg, source=path)


class SQLiteStore(Store):
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
        except sqlite3.Error as exc:
            self.conn.execute("ROLLBACK")
            raise _translate(exc, self.path) from None
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

    # --- backend hooks ------------------------------------------------------------------------

    def _execute(self, tx: sqlite3.Connection, sql: str, params: Iterable[Any] = ()
                 ) -> sqlite3.Cursor:
        return tx.execute(sql, tuple(params))

    def _executemany(self, tx: sqlite3.Connection, sql: str, rows: list[tuple]) -> None:
        tx.executemany(sql, rows)

    def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        """Run a read query (``?`` placeholders) and return rows as dicts.

        Read-side modules (web views, corpus views) go through this rather than ``conn``, so the
        PostgreSQL backend only has to provide the same method.
        """
        try:
            return [dict(r) for r in self.conn.execute(sql, list(params))]
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None

    def _iter(self, sql: str, params: Iterable[Any] = ()) -> Iterator[tuple]:
        try:
            cursor = self.conn.execute(sql, list(params))
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None
        for row in cursor:
            yield tuple(row)

    def search(self, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search (FTS5 syntax: words, "phrases", OR, NOT, NEAR, prefix*), best first."""
        try:
            rows = self.conn.execute(
                "SELECT d.id, d.title, d.published, d.source, "
                "snippet(documents_fts, 1, '[', ']', ' … ', 12) AS snippet, bm25(documents_fts) "
                "AS score FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
                "WHERE documents_fts MATCH ? ORDER BY score, d.id LIMIT ?", (query, limit))
            return [dict(r) for r in rows]
        except sqlite3.OperationalError as exc:
            raise StoreError(f"bad search query {query!r} ({exc})") from None


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
    """Open (creating and migrating if needed) the SQLite store at ``path``."""
    return SQLiteStore(path, busy_timeout=busy_timeout)
