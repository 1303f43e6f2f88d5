"""PostgreSQL-specific behaviour; the server tests need $DETENTE_TEST_PG_URL."""

import re

import pytest

from detente.errors import SchemaVersionError, StoreError, StoreLockedError, StoreUnwritableError
from detente.store import is_postgres_url, open_store
from detente.store.postgres import fts_to_tsquery, qmark_to_pyformat
from detente.store.schema import BACKEND_ONLY_COLUMNS, MIGRATIONS, PG_MIGRATIONS
from store.helpers import PG_URL, analysis, reset_postgres

needs_pg = pytest.mark.skipif(not PG_URL, reason="DETENTE_TEST_PG_URL not set")


@pytest.mark.parametrize(("sql", "expected"), [
    ("SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = %s AND b = %s"),
    ("SELECT '?', a FROM t WHERE b LIKE 'x%' AND c = ?",
     "SELECT '?', a FROM t WHERE b ILIKE 'x%%' AND c = %s"),
    ('SELECT "odd?col" FROM t', 'SELECT "odd?col" FROM t'),
    ("SELECT a FROM t WHERE name LIKE ? OR b NOT like 'LIKE'",
     "SELECT a FROM t WHERE name ILIKE %s OR b NOT ILIKE 'LIKE'"),
])
def test_placeholders_are_translated(sql, expected) -> None:
    assert qmark_to_pyformat(sql) == expected


@pytest.mark.parametrize(("query", "expected"), [
    ("truce", "'truce'"),
    ('"Dmitry Peskov" talks', "('dmitry' <-> 'peskov') & 'talks'"),
    ("(Cairo OR Doha) truce", "( 'cairo' | 'doha' ) & 'truce'"),
    ("Kreml*", "'kreml':*"),
    ("talks NOT truce", "'talks' & ! 'truce'"),
])
def test_fts5_queries_become_tsqueries(query, expected) -> None:
    assert fts_to_tsquery(query) == expected


@pytest.mark.parametrize("query", ["NEAR(a b)", '""', "   ", '"unbalanced'])
def test_unsupported_queries_are_refused(query) -> None:
    with pytest.raises(StoreError, match="bad search query"):
        fts_to_tsquery(query)


@pytest.mark.parametrize(("target", "expected"), [
    ("postgresql://u@h/db", True), ("postgres://h/db", True), ("detente.db", False),
    ("/tmp/postgresql.db", False)])
def test_url_selects_postgres(target, expected) -> None:
    assert is_postgres_url(target) is expected


def _columns(script: str) -> set[tuple[str, str]]:
    cols = set()
    for table, body in re.findall(r"CREATE TABLE (\w+) \((.*?)\n\);", script, re.S):
        for line in body.splitlines():
            name = line.strip().split(" ")[0]
            if name and name.isidentifier() and name.islower():
                cols.add((table, name))
    return cols


def test_both_backends_have_the_same_columns() -> None:
    for (n1, lite), (n2, pg) in zip(MIGRATIONS, PG_MIGRATIONS, strict=True):
        assert n1 == n2
        assert _columns(lite) - BACKEND_ONLY_COLUMNS["sqlite"] == \
            _columns(pg) - BACKEND_ONLY_COLUMNS["postgres"]


@needs_pg
def test_newer_schema_is_refused() -> None:
    import psycopg

    reset_postgres(PG_URL)
    open_store(PG_URL).close()
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute("INSERT INTO schema_version VALUES (999)")
    with pytest.raises(SchemaVersionError):
        open_store(PG_URL)


@needs_pg
def test_locked_table_reports_locked() -> None:
    import psycopg

    reset_postgres(PG_URL)
    open_store(PG_URL).close()
    with psycopg.connect(PG_URL) as holder:
        holder.execute("LOCK TABLE documents IN ACCESS EXCLUSIVE MODE")
        with pytest.raises(StoreLockedError, match="locked by another process"):
            open_store(PG_URL, busy_timeout=0.2).save_batch([analysis(1)])


@needs_pg
def test_password_is_not_shown() -> None:
    host_part = PG_URL.split("@", 1)[1].rsplit("/", 1)[0]
    url = f"postgresql://nobody:secret@{host_part}/no_such_db"
    with pytest.raises(StoreUnwritableError) as info:
        open_store(url)
    assert "secret" not in str(info.value) and "***" in str(info.value)
