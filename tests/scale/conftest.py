"""Engine tests that load a store run on SQLite and, when a test server is set, PostgreSQL."""

from store.helpers import backend, target

__all__ = ["backend", "target"]
