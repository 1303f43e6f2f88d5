"""Storage of documents and their analyses (SQLite by default)."""

from detente.store.sqlite import SQLiteStore, open_store

__all__ = ["SQLiteStore", "open_store"]
