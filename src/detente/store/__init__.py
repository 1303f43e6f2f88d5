"""Storage of documents and their analyses: SQLite by default, PostgreSQL for a
``postgresql://`` URL (:func:`open_store` chooses)."""

from detente.store.base import Store, is_postgres_url, open_store
from detente.store.sqlite import SQLiteStore

__all__ = ["SQLiteStore", "Store", "is_postgres_url", "open_store"]
