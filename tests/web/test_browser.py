"""Browser tests: Debian's Chromium driven by Playwright, one browser for the session.

Every page is loaded on the bundled sample corpus (analysed with every stage available), and on
the hand-built corpus the click-through from an event to its evidence in the article is checked.
Screenshots go to artifacts/screenshots/ (CI keeps them). Never `playwright install`: the
browser comes from `apt-get install chromium`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from detente.config import Config
from detente.ingest.sources import IngestOptions
from detente.jobs import ingest
from detente.pipeline.registry import STAGES
from detente.store.sqlite import SQLiteStore
from detente.web.app import create_app

CHROMIUM = Path(os.environ.get("DETENTE_CHROMIUM", "/usr/bin/chromium"))
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
ORDER = ["clean", "language", "nlp", "actors", "quotes", "events", "docanalysis", "positions"]

pytestmark = pytest.mark.slow
sync_api = pytest.importorskip("playwright.sync_api")
if not CHROMIUM.exists():
    pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)",
                allow_module_level=True)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.js_errors = errors
    yield pg
    context.close()


@pytest.fixture(scope="session")
def sample_server(tmp_path_factory, server_class) -> Iterator:
    """The sample corpus analysed with every registered stage, served on loopback."""
    import detente.stages  # noqa: F401  (registers the stages present in this checkout)
    from detente.cli.main import SAMPLE_GLOB, sample_corpus_path
    stages = [s for s in ORDER if s in STAGES]
    config = Config().with_overrides(**{"pipeline.stages": stages})
    db = tmp_path_factory.mktemp("sample") / "sample.db"
    with SQLiteStore(db) as store:
        report = ingest([str(sample_corpus_path())], store, config,
                        options=IngestOptions.from_config(config, globs=tuple(SAMPLE_GLOB)))
        assert report.stored > 0 and not report.errors
    with server_class(create_app(str(db), config, "sample-token")) as server:
        yield server


def _first_href(page, selector: str) -> str | None:
    link = page.query_selector(selector)
    return link.get_attribute("href") if link else None


def test_every_page_on_the_sample_corpus(page, sample_server) -> None:
    base = sample_server.url
    visited = []

    def visit(path: str, name: str) -> None:
        response = page.goto(base + path)
        assert response is not None and response.status == 200, path
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=name != "article")
        visited.append(name)

    visit("/", "overview")
    if page.query_selector("#timeline"):
        page.wait_for_selector("#timeline .uplot")  # the chart rendered from vendored uPlot
    visit("/documents", "documents")
    doc = _first_href(page, "table.list a[href^='/documents/']")
    assert doc, "the sample corpus has articles"
    visit(doc, "article")
    visit("/events", "events")
    event = _first_href(page, "a.event-link")
    if event:
        visit(event, "event")
    visit("/actors", "actors")
    actor = _first_href(page, "table.list a[href^='/actors/']")
    if actor:
        visit(actor, "actor")
    visit("/quotes", "quotes")
    visit("/proposals", "proposals")
    visit("/proposals/compare", "compare")
    visit("/search?q=ceasefire", "search")
    visit("/ingest", "ingest")
    assert page.js_errors == []
    assert len(visited) >= 10


def test_event_click_through_to_evidence(page, live_server) -> None:
    page.goto(live_server.url + "/events?outlet=Baltic+Wire&type=CONSULT")
    page.click("a.event-link")
    page.wait_for_url("**/events/doc1aaaaaaaaaaaaaaaa/e1")
    assert "Harbor Gazette" in page.inner_text("body")  # the other reporting source
    page.screenshot(path=str(SHOTS / "clickthrough-event.png"), full_page=True)
    page.click("#to-article")
    page.wait_for_url("**/documents/doc1aaaaaaaaaaaaaaaa#e-e1")
    focused = page.eval_on_selector_all(".hl.focus", "els => els.map(e => e.textContent).join('')")
    assert focused == "Steve Witkoff met Vladimir Putin in Moscow on Tuesday"
    assert page.is_visible(".fact.on[data-t='e:e1']")  # the side panel marks it too
    page.screenshot(path=str(SHOTS / "clickthrough-article.png"))
    # Clicking another fact in the side panel moves the highlight to it.
    page.click(".fact[data-t='q:q1']")
    focused = page.eval_on_selector_all(".hl.focus", "els => els.map(e => e.textContent).join('')")
    assert focused == "We will never give up Donbas"
    assert page.js_errors == []


def test_matrix_cell_shows_evidence(page, live_server) -> None:
    page.goto(live_server.url + "/proposals")
    cell = page.locator("button.cell.v-conditional")
    box_id = cell.get_attribute("data-cell")
    assert page.is_hidden(f"#{box_id}")
    cell.click()
    assert "Moscow could accept the territorial clauses" in page.inner_text(f"#{box_id}")
    page.screenshot(path=str(SHOTS / "matrix.png"), full_page=True)


def test_paste_form_uses_the_token(page, tmp_path, server_class, corpus_db, token) -> None:
    config = Config().with_overrides(**{"pipeline.stages": ["clean", "language"]})
    with server_class(create_app(str(corpus_db(tmp_path / "w.db")), config, token)) as server:
        page.goto(server.url + "/ingest")
        page.fill("#paste textarea[name=text]", "Talks on a prisoner exchange resumed in Doha.")
        page.fill("#paste input[name=title]", "Doha talks")
        page.fill("#token", "wrong")
        page.click("#paste button")
        page.wait_for_function("document.getElementById('result').textContent.includes('refused')")
        page.fill("#token", token)
        page.click("#paste button")
        page.wait_for_selector("#result a")
        assert "Doha talks" in page.inner_text("#result")

