"""SQLite-only behaviour: file locking, unwritable paths, PRAGMA user_version."""

import sqlite3

import pytest

from detente.errors import SchemaVersionError, StoreLockedError, StoreUnwritableError
from detente.store import SQLiteStore, open_store
from store.helpers import analysis


def test_a_path_opens_sqlite(db_path) -> None:
    assert isinstance(open_store(db_path), SQLiteStore)


def test_locked_database(db_path) -> None:
    open_store(db_path).close()
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreLockedError, match="locked by another process") as info:
            open_store(db_path, busy_timeout=0.2).save_batch([analysis(1)])
        assert str(db_path) in str(info.value)
    finally:
        holder.execute("ROLLBACK")


def test_unwritable_path(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreUnwritableError) as info:
        open_store(blocker / "sub" / "x.db")
    assert "x.db" in str(info.value)


def test_newer_schema_is_refused(db_path) -> None:
    open_store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version=999")
    conn.close()
    with pytest.raises(SchemaVersionError):
        open_store(db_path)
