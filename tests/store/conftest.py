"""Storage tests run on SQLite and, when $DETENTE_TEST_PG_URL is set, on PostgreSQL too.

scripts/ci-postgres.sh starts a throwaway server and prints the URL to set.
"""

from store.helpers import backend, target

__all__ = ["backend", "target"]
