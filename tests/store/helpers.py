"""Hand-built analyses, and fixtures that run a test on SQLite and (when
$DETENTE_TEST_PG_URL is set) on PostgreSQL: ``from store.helpers import backend, target``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from detente.facts import Actor, Analysis, Document, Event, EventDate, Quote, Span, Speaker

PG_URL = os.environ.get("DETENTE_TEST_PG_URL")


def reset_postgres(url: str) -> None:
    """Empty the test database (every table, and the schema version with them)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def analysis(i: int, text: str | None = None, **doc) -> Analysis:
    text = text or f"Talks round {i}: Kremlin spokesman Dmitry Peskov said talks would go on."
    d = Document(id=f"doc{i:03d}", text=text, title=f"Round {i}", source="Wire",
                 published=f"2025-11-{i + 1:02d}", **doc)
    peskov = Actor("dmitry_peskov", "Dmitry Peskov", "person", "RUS", "GOV", "RUSGOV",
                   (Span(0, 6, "Peskov"),), kb_id="dmitry_peskov")
    q = Quote("q1", "indirect", "talks would go on", 10, 27,
              Speaker("dmitry_peskov", "Dmitry Peskov", "Peskov", "named"))
    e = Event("e1", "CONSULT", Span(0, 10, text[:10]), date=EventDate("2025-11-01", "day"),
              actor=("dmitry_peskov",))
    return Analysis(document=d, actors=(peskov,), quotes=(q,), events=(e,))


# Fixtures for any suite that should run on both databases: import them into its conftest.
@pytest.fixture(params=["sqlite", "postgres"])
def backend(request) -> str:
    if request.param == "postgres" and not PG_URL:
        pytest.skip("DETENTE_TEST_PG_URL not set (see scripts/ci-postgres.sh)")
    return request.param


@pytest.fixture()
def target(backend: str, tmp_path: Path) -> str:
    """A fresh, empty store location on the backend under test: a file path or a URL."""
    if backend == "postgres":
        assert PG_URL
        reset_postgres(PG_URL)
        return PG_URL
    return str(tmp_path / "test.db")
