import pytest
from typer.testing import CliRunner

from detente.cli.main import app
from detente.errors import NotFoundError
from detente.facts import Actor, Analysis, Document, Event, EventDate, Quote, Span, Speaker
from detente.store import open_store
from detente.views import actor_detail, list_actors, list_events, list_quotes

TEXT = "Kremlin spokesman Dmitry Peskov said Russia would not attack NATO, and Russia struck Kyiv."


def putin_peskov(doc_id: str, published: str) -> Analysis:
    doc = Document(id=doc_id, text=TEXT, title=doc_id, source="Wire", published=published)
    peskov = Actor("dmitry_peskov", "Dmitry Peskov", "person", "RUS", "GOV", "RUSGOV",
                   (Span(18, 31, "Dmitry Peskov"),), kb_id="dmitry_peskov")
    russia = Actor("RUS", "Russia", "state", "RUS", "GOV", "RUSGOV", (Span(37, 43, "Russia"),),
                   kb_id="RUS")
    ukraine = Actor("UKR", "Ukraine", "state", "UKR", "GOV", "UKRGOV", (Span(84, 88, "Kyiv"),),
                    kb_id="UKR")
    quote = Quote("q1", "indirect", "Russia would not attack NATO", 37, 65,
                  Speaker("dmitry_peskov", "Dmitry Peskov", "Dmitry Peskov", "named"),
                  stance="denies")
    strike = Event("e1", "ASSAULT", Span(71, 89, "Russia struck Kyiv"), cameo="190",
                   actor=("RUS",), recipient=("UKR",), date=EventDate(published[:10], "day"))
    return Analysis(document=doc, actors=(peskov, russia, ukraine), quotes=(quote,),
                    events=(strike,))


@pytest.fixture()
def store(db_path):
    s = open_store(db_path)
    s.save_batch([putin_peskov("d1", "2025-11-01"), putin_peskov("d2", "2025-12-01")])
    return s


@pytest.mark.parametrize(
    ("filters", "expected"),
    [({}, ["d2", "d1"]), ({"speaker": "peskov"}, ["d2", "d1"]), ({"speaker": "Putin"}, []),
     ({"since": "2025-11-15"}, ["d2"]), ({"until": "2025-11-01"}, ["d1"]),
     ({"kind": "direct"}, [])],
)
def test_quotes_filters(store, filters, expected) -> None:
    assert [r["document_id"] for r in list_quotes(store, **filters)] == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [({"type": "assault"}, ["d2", "d1"]), ({"actor": "Russia"}, ["d2", "d1"]),
     ({"recipient": "Ukraine"}, ["d2", "d1"]), ({"recipient": "Russia"}, []),
     ({"actor": "nobody"}, []), ({"since": "2025-11-15"}, ["d2"])],
)
def test_events_filters(store, filters, expected) -> None:
    rows = list_events(store, **filters)
    assert [r["document_id"] for r in rows] == expected
    for r in rows:
        assert r["evidence"] == "Russia struck Kyiv"


def test_actors_merge_across_documents(store) -> None:
    rows = {r["name"]: r for r in list_actors(store)}
    assert rows["Dmitry Peskov"]["documents"] == 2 and rows["Russia"]["code"] == "RUSGOV"
    detail = actor_detail(store, "Russia")
    assert len(detail["events_as_actor"]) == 2 and detail["events_as_recipient"] == []
    with pytest.raises(NotFoundError):
        actor_detail(store, "Nobody At All")


def test_cli_views(store, db_path) -> None:
    runner = CliRunner()
    out = runner.invoke(app, ["quotes", "--speaker", "Peskov", "--db", str(db_path)]).output
    assert "Russia would not attack NATO" in out and "(denies)" in out
    out = runner.invoke(app, ["events", "--type", "ASSAULT", "--db", str(db_path)]).output
    assert "RUS -> UKR" in out
    out = runner.invoke(app, ["actors", "show", "Dmitry Peskov", "--db", str(db_path)]).output
    assert "RUSGOV" in out


def _with_genre(doc_id: str, genre: str, segments, score: float) -> Analysis:
    from detente.facts import Quality, Segment

    base = putin_peskov(doc_id, "2025-10-01")
    doc = base.document.replace(genre=genre, quality=Quality(score=score),
                                segments=tuple(Segment(0, 10, g) for g in segments),
                                source="Gazette" if genre == "opinion" else "Wire")
    return base.replace(document=doc)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [({"genre": "report"}, ["m1", "r1"]), ({"genre": "opinion"}, ["m1", "o1"]),
     ({"genre": "analysis"}, []), ({"min_quality": 0.8}, ["m1", "r1"]),
     ({"genre": "opinion", "min_quality": 0.8}, ["m1"])],
)
def test_document_genre_and_quality_filters(db_path, filters, expected) -> None:
    store = open_store(db_path)
    store.save_batch([_with_genre("r1", "report", ["report"], 0.9),
                      _with_genre("o1", "opinion", ["opinion"], 0.5),
                      _with_genre("m1", "mixed", ["report", "opinion"], 0.95)])
    from detente.views import list_documents

    assert sorted(r["id"] for r in list_documents(store, **filters)) == expected


def test_outlet_profiles(db_path) -> None:
    from detente.views import outlets

    store = open_store(db_path)
    store.save_batch([_with_genre("r1", "report", ["report"], 0.9),
                      _with_genre("o1", "opinion", ["opinion"], 0.5)])
    data = outlets(store)
    assert data["Wire"]["genres"] == {"report": 1} and data["Gazette"]["mean_quality"] == 0.5
