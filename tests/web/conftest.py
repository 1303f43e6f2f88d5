"""A small hand-built corpus (facts placed at known offsets) and app/server fixtures.

The corpus does not depend on the extraction stages: every actor, quote, event, position and
proposal is built here, so the web layer is tested on its own.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from detente.config import Config
from detente.facts import (
    Actor,
    Analysis,
    Document,
    Event,
    EventDate,
    Position,
    Proposal,
    Quality,
    QualityFlag,
    Quote,
    Segment,
    Span,
    Speaker,
)
from detente.store import open_store
from detente.store.sqlite import SQLiteStore
from detente.web.app import create_app
from live_server import LiveServer

TOKEN = "test-token-123"

TEXT_1 = ("Steve Witkoff met Vladimir Putin in Moscow on Tuesday. Russia rejected the territorial "
          "clauses of the 28-point plan. \"We will never give up Donbas,\" Putin said.\n"
          "Read the original article here")
TEXT_2 = ("Envoy Steve Witkoff held talks with Vladimir Putin again, officials said. In my view "
          "Moscow could accept the territorial clauses if sanctions are lifted. Ukraine rejected "
          "neutrality outright under the European counter-proposal.")
TEXT_3 = "A quiet week in Geneva: no meetings were announced and nothing was signed."


def _span(text: str, phrase: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span(start, start + len(phrase), phrase)


def _actor(text: str, actor_id: str, name: str, kind: str, country: str, sector: str,
           phrases: list[str], role: str | None = None) -> Actor:
    return Actor(id=actor_id, name=name, kind=kind, country=country, sector=sector,
                 code=f"{country}{sector}", kb_id=actor_id, role=role,
                 mentions=tuple(_span(text, p) for p in phrases))


def corpus() -> list[Analysis]:
    """Three articles: one full of facts, one that reports the same meeting and changes a
    position, one with no facts at all (empty states)."""
    t1, t2 = TEXT_1, TEXT_2
    plan = Proposal(id="us_28_point_plan", name="US 28-point plan", aliases=("28-point plan",),
                    date="2025-11-20", issues=("territory.status", "alignment.nato_neutrality"))
    euro = Proposal(id="european_counterproposal", name="European counter-proposal",
                    issues=("alignment.nato_neutrality", "security.guarantees"))
    boiler = _span(t1, "Read the original article here")
    a1 = Analysis(
        document=Document(id="doc1aaaaaaaaaaaaaaaa", text=t1, title="Witkoff meets Putin",
                          published="2025-11-25", source="Baltic Wire", language="en",
                          genre="report", url="https://example.org/1",
                          segments=(Segment(0, boiler.start, "report"),),
                          quality=Quality(0.9, (QualityFlag("boilerplate", boiler.start,
                                                            boiler.end, boiler.text),))),
        actors=(
            _actor(t1, "steve_witkoff", "Steve Witkoff", "person", "USA", "GOV",
                   ["Steve Witkoff"], role="special envoy"),
            _actor(t1, "vladimir_putin", "Vladimir Putin", "person", "RUS", "GOV",
                   ["Vladimir Putin"], role="president"),
            _actor(t1, "RUSGOV", "Russia (GOV)", "state", "RUS", "GOV", ["Russia"]),
        ),
        quotes=(Quote(id="q1", kind="direct", content="We will never give up Donbas",
                      start=_span(t1, "We will never").start,
                      end=_span(t1, "Donbas").end,
                      speaker=Speaker("vladimir_putin", "Vladimir Putin", "Putin", "named"),
                      cue=_span(t1, "said"), stance=None),),
        events=(
            Event(id="e1", type="CONSULT", cameo="040", actor=("steve_witkoff",),
                  recipient=("vladimir_putin",), date=EventDate("2025-11-25", "day", "Tuesday"),
                  evidence=_span(t1, "Steve Witkoff met Vladimir Putin in Moscow on Tuesday"),
                  rule="meet_obj", confidence=0.8),
            Event(id="e2", type="REJECT", cameo="120", actor=("RUSGOV",), recipient=(),
                  evidence=_span(t1, "Russia rejected the territorial clauses of the 28-point "
                                 "plan"), confidence=0.7),
        ),
        proposals=(plan,),
        positions=(Position(party="RUSGOV", value="rejects", proposal=plan.id,
                            issue="territory.status",
                            evidence=_span(t1, "Russia rejected the territorial clauses")),),
    )
    a2 = Analysis(
        document=Document(id="doc2bbbbbbbbbbbbbbbb", text=t2, title="Witkoff and Putin, again",
                          published="2025-11-27T10:00:00+00:00", source="Harbor Gazette",
                          language="en", genre="mixed",
                          segments=(Segment(0, _span(t2, "In my view").start, "report"),
                                    Segment(_span(t2, "In my view").start, len(t2), "opinion"))),
        actors=(
            _actor(t2, "steve_witkoff", "Steve Witkoff", "person", "USA", "GOV",
                   ["Steve Witkoff"]),
            _actor(t2, "vladimir_putin", "Vladimir Putin", "person", "RUS", "GOV",
                   ["Vladimir Putin"]),
            _actor(t2, "RUSGOV", "Russia (GOV)", "state", "RUS", "GOV", ["Moscow"]),
            _actor(t2, "UKRGOV", "Ukraine (GOV)", "state", "UKR", "GOV", ["Ukraine"]),
            Actor(id="anon:1", name="officials", kind="anonymous",
                  mentions=(_span(t2, "officials"),)),
        ),
        events=(
            Event(id="e1", type="CONSULT", cameo="040", actor=("steve_witkoff",),
                  recipient=("vladimir_putin",),
                  evidence=_span(t2, "Envoy Steve Witkoff held talks with Vladimir Putin again"),
                  attributed_to="anon:1"),
            Event(id="e2", type="REJECT", cameo="120", actor=("UKRGOV",), recipient=("RUSGOV",),
                  evidence=_span(t2, "Ukraine rejected neutrality outright")),
        ),
        proposals=(plan, euro),
        positions=(
            Position(party="RUSGOV", value="conditional", proposal=plan.id,
                     issue="territory.status", modality="possible",
                     evidence=_span(t2, "Moscow could accept the territorial clauses if "
                                    "sanctions are lifted")),
            Position(party="UKRGOV", value="rejects", proposal=euro.id,
                     issue="alignment.nato_neutrality",
                     evidence=_span(t2, "Ukraine rejected neutrality outright")),
        ),
    )
    a3 = Analysis(document=Document(id="doc3cccccccccccccccc", text=TEXT_3, title="Quiet week",
                                    published="2025-12-01", source="Baltic Wire", language="en"))
    return [a1, a2, a3]


def build_store(path: Path) -> Path:
    with SQLiteStore(path) as store:
        store.save_batch(corpus())
    return path


@pytest.fixture(scope="session")
def token() -> str:
    return TOKEN


@pytest.fixture(scope="session")
def server_class() -> type[LiveServer]:
    """LiveServer, for tests that start a server over their own app."""
    return LiveServer


@pytest.fixture(scope="session")
def corpus_db():
    """build_store, for tests that need a fresh copy of the corpus."""
    return build_store


@pytest.fixture(scope="session")
def auth() -> dict[str, str]:
    """Headers carrying the test servers' write token."""
    return {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="session")
def web_db(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("web") / "web.db")


@pytest.fixture(scope="session")
def web_config() -> Config:
    # Writes in tests run the cheap stages only: the API is under test, not spaCy.
    return Config().with_overrides(**{"pipeline.stages": ["clean", "language"]})


def postgres_corpus_url() -> str:
    """The hand-built corpus in its own PostgreSQL database (skips without a test server)."""
    import psycopg

    base = os.environ.get("DETENTE_TEST_PG_URL")
    if not base:
        pytest.skip("DETENTE_TEST_PG_URL not set (see scripts/ci-postgres.sh)")
    # A database of its own, so the storage suite's resets never touch it.
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS detente_web_test")
        conn.execute("CREATE DATABASE detente_web_test")
    url = base.rsplit("/", 1)[0] + "/detente_web_test"
    with open_store(url) as store:
        store.save_batch(corpus())
    return url


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def client(request, web_db: Path, web_config: Config) -> TestClient:
    """A read-write app over the hand-built corpus, on SQLite and (when a test server is set
    up) on PostgreSQL: the API must answer the same on both."""
    db = str(web_db) if request.param == "sqlite" else postgres_corpus_url()
    return TestClient(create_app(db, web_config, TOKEN))


@pytest.fixture()
def write_client(tmp_path: Path, web_config: Config) -> Iterator[TestClient]:
    """An app over a fresh copy of the corpus, for tests that add documents."""
    db = build_store(tmp_path / "write.db")
    yield TestClient(create_app(str(db), web_config, TOKEN, max_upload_bytes=20_000))


@pytest.fixture(scope="session")
def live_server(web_db: Path, web_config: Config) -> Iterator[LiveServer]:
    with LiveServer(create_app(str(web_db), web_config, TOKEN)) as server:
        yield server
