"""PostgreSQL store: the same schema, migrations and answers as SQLite, for teams.

Selected by a ``postgresql://`` URL (``--db``, ``$DETENTE_DB`` or ``store.db``). Several ingest
processes and the API server can share one database: document ids are content hashes, writes are
upserts, and each batch is one transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import count
from typing import Any

from detente.errors import SchemaVersionError, StoreError, StoreLockedError, StoreUnwritableError
from detente.store.base import Store
from detente.store.schema import LATEST, PG_MIGRATIONS

try:
    import psycopg
    from psycopg import errors as pg_errors
    from psycopg.rows import dict_row
except ImportError:  # pragma: no cover - depends on the installation
    psycopg = None

# Any constant: serialises concurrent first-time migrations of one database.
_MIGRATION_LOCK = 7_246_031
_cursor_names = count()


_QUOTED = re.compile(r"""('[^']*'|"[^"]*")""")
_LIKE = re.compile(r"(?<![\w])LIKE(?![\w])", re.I)


def qmark_to_pyformat(sql: str) -> str:
    """Make a query written for SQLite run the same on PostgreSQL: ``?`` placeholders become
    ``%s`` (a literal ``%`` becomes ``%%``), and ``LIKE``, case-insensitive in SQLite, becomes
    ``ILIKE``. Quoted strings and identifiers are left alone."""
    parts = _QUOTED.split(sql)
    for i in range(0, len(parts), 2):  # even parts are outside quotes
        parts[i] = _LIKE.sub("ILIKE", parts[i].replace("%", "%%").replace("?", "%s"))
    return "".join(p.replace("%", "%%") if i % 2 else p for i, p in enumerate(parts))


_FTS_TOKEN = re.compile(r'"([^"]*)"|(\()|(\))|([^\s()"]+)')
_WORD = re.compile(r"\w+")


def fts_to_tsquery(query: str) -> str:
    """Translate the FTS5 query syntax the SQLite store accepts into a ``to_tsquery`` string.

    Supported on both: words (all must match), ``"phrases"``, ``OR``, ``NOT``, ``AND``,
    parentheses and ``prefix*``. ``NEAR`` has no PostgreSQL equivalent and is refused.
    """
    if query.count('"') % 2:
        raise StoreError(f"bad search query {query!r} (unterminated string)")
    parts: list[str] = []
    pending_op: str | None = None

    def emit(term: str) -> None:
        nonlocal pending_op
        if parts and parts[-1] not in ("(", "!"):
            parts.append(pending_op or "&")
        elif pending_op == "!":
            parts.append("!")
        pending_op = None
        parts.append(term)

    for phrase, lpar, rpar, word in _FTS_TOKEN.findall(query):
        if lpar:
            emit("(")
            continue
        if rpar:
            parts.append(")")
            continue
        if word in ("OR", "AND"):
            pending_op = "|" if word == "OR" else "&"
            continue
        if word == "NOT":
            pending_op = "& !" if parts else "!"
            continue
        if word.startswith("NEAR"):
            raise StoreError(f"bad search query {query!r} (NEAR is not supported on PostgreSQL)")
        text = phrase if phrase else word
        prefix = not phrase and text.endswith("*")
        words = [w.lower() for w in _WORD.findall(text)]
        if not words:
            continue
        lexemes = [f"'{w}'" for w in words]
        if prefix:
            lexemes[-1] += ":*"
        emit(lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")")
    if not parts:
        raise StoreError(f"bad search query {query!r} (no words)")
    return " ".join(parts)


def _public(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


class PostgresStore(Store):
    """Documents, analyses and fact rows in a PostgreSQL database."""

    _ORDER_COLUMN = "seq"

    def __init__(self, url: str, *, busy_timeout: float = 10.0) -> None:
        if psycopg is None:
            raise StoreError('PostgreSQL needs psycopg: pip install "psycopg[binary]"',
                             source=_public(url))
        self.url = url
        self.path = _public(url)
        self._options = f"-c lock_timeout={int(busy_timeout * 1000)}"
        self.conn = self._connect()
        self._migrate()

    def _connect(self) -> psycopg.Connection:
        try:
            return psycopg.connect(self.url, autocommit=True, options=self._options,
                                   connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreUnwritableError(f"cannot connect to PostgreSQL ({_first_line(exc)})",
                                       source=self.path) from None

    # --- lifecycle ----------------------------------------------------------------------------

    def _migrate(self) -> None:
        with self.transaction() as tx:
            tx.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            tx.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = tx.execute("SELECT max(version) FROM schema_version").fetchone()
            version = row[0] or 0
            if version > LATEST:
                raise SchemaVersionError(f"database schema v{version} is newer than this "
                                         f"detente (v{LATEST}); upgrade detente", source=self.path)
            for number, sql in PG_MIGRATIONS:
                if number > version:
                    tx.execute(sql)
                    tx.execute("INSERT INTO schema_version (version) VALUES (%s)", (number,))

    @contextmanager
    def transaction(self) -> Iterator[psycopg.Connection]:
        """One transaction; any error rolls the whole batch back."""
        try:
            with self.conn.transaction():
                yield self.conn
        except psycopg.Error as exc:
            raise self._translate(exc) from None

    def _translate(self, exc: psycopg.Error) -> StoreError:
        if isinstance(exc, pg_errors.LockNotAvailable | pg_errors.DeadlockDetected):
            return StoreLockedError("database is locked by another process (try again, or "
                                    "raise store.busy_timeout)", source=self.path)
        if isinstance(exc, pg_errors.InsufficientPrivilege | pg_errors.ReadOnlySqlTransaction):
            return StoreUnwritableError(f"cannot write the database ({_first_line(exc)})",
                                        source=self.path)
        return StoreError(_first_line(exc), source=self.path)

    def close(self) -> None:
        self.conn.close()

    # --- backend hooks ------------------------------------------------------------------------

    def _execute(self, tx: psycopg.Connection, sql: str, params: Iterable[Any] = ()
                 ) -> psycopg.Cursor:
        return tx.execute(qmark_to_pyformat(sql), tuple(params))

    def _executemany(self, tx: psycopg.Connection, sql: str, rows: list[tuple]) -> None:
        with tx.cursor() as cur:
            cur.executemany(qmark_to_pyformat(sql), rows)

    def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        """Run a read query (``?`` placeholders, as for SQLite) and return rows as dicts."""
        try:
            with self.conn.cursor(row_factory=dict_row) as cur:
                cur.execute(qmark_to_pyformat(sql), list(params))
                return cur.fetchall()
        except psycopg.Error as exc:
            raise self._translate(exc) from None

    def _iter(self, sql: str, params: Iterable[Any] = ()) -> Iterator[tuple]:
        # A server-side cursor on its own connection: rows stream in pages, and the main
        # connection stays free for writes while the caller iterates.
        try:
            with self._connect() as conn, conn.transaction(), conn.cursor(
                    name=f"detente_iter_{next(_cursor_names)}") as cur:
                cur.itersize = 500
                cur.execute(qmark_to_pyformat(sql), list(params))
                yield from cur
        except psycopg.Error as exc:
            raise self._translate(exc) from None

    def search(self, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search with the SQLite store's query syntax (minus NEAR), best first.

        ``score`` is the negated ``ts_rank`` so that, as with SQLite's bm25, lower is better.
        """
        tsq = fts_to_tsquery(query)
        try:
            with self.conn.cursor(row_factory=dict_row) as cur:
                cur.execute(
                    "SELECT d.id, d.title, d.published, d.source, ts_headline('simple', d.text, q, "
                    "'StartSel=[, StopSel=], MaxWords=12, MinWords=4, MaxFragments=1, "
                    "FragmentDelimiter=\" … \"') AS snippet, -ts_rank(d.fts, q) AS score "
                    "FROM documents d, to_tsquery('simple', %s) q WHERE d.fts @@ q "
                    "ORDER BY score, d.id LIMIT %s", (tsq, limit))
                return cur.fetchall()
        except psycopg.Error as exc:
            raise StoreError(f"bad search query {query!r} ({_first_line(exc)})") from None


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
