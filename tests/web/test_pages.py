"""Server-rendered pages in process, and the article highlighting."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from detente.facts import Actor, Analysis, Document, Event, Quality, QualityFlag, Span
from detente.web.highlight import render


@pytest.mark.parametrize(("path", "expected"), [
    ("/", ["Corpus overview", "timeline-data", "Steve Witkoff"]),
    ("/documents", ["Witkoff meets Putin", "Quiet week", "3 articles"]),
    ("/documents/doc1aaaaaaaaaaaaaaaa", ['data-f="a:steve_witkoff e:e1 genre:report"', 'id="e-e1"',
                                          "k-flag", "special", "Genre segments"]),
    ("/documents/doc3cccccccccccccccc", ["No events recorded.", "No quotes recorded."]),
    ("/events", ["/events/doc1aaaaaaaaaaaaaaaa/e1", "4 events"]),
    ("/events?type=REJECT&outlet=Harbor+Gazette", ["1 events", "Ukraine rejected neutrality"]),
    ("/events/doc1aaaaaaaaaaaaaaaa/e1", ["All reporting sources", "Harbor Gazette",
                                         "/documents/doc1aaaaaaaaaaaaaaaa#e-e1"]),
    ("/actors", ["Vladimir Putin", "Anonymous sources"]),
    ("/actors/steve_witkoff", ["special envoy", "network-data", "As actor (2)"]),
    ("/quotes", ["We will never give up Donbas"]),
    ("/proposals", ["US 28-point plan", "territory.status", "conditional", "2 changes"]),
    ("/proposals/compare?a=us_28_point_plan&b=european_counterproposal",
     ["alignment.nato_neutrality", "security.guarantees"]),
    ("/search?q=Donbas", ["Witkoff meets Putin"]),
    ("/search?q=%22open", ["bad search query"]),
    ("/ingest", ["Paste text", "Upload files", "Add a URL or feed"]),
])
def test_page_shows_stored_data(client: TestClient, path: str, expected: list[str]) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text[:300]
    for text in expected:
        assert text in r.text, text


def test_missing_record_is_an_html_404(client: TestClient) -> None:
    r = client.get("/documents/nope")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    assert "no document" in r.text


def test_pages_use_only_local_assets(client: TestClient) -> None:
    for path in ("/", "/actors/steve_witkoff", "/documents/doc1aaaaaaaaaaaaaaaa"):
        html = client.get(path).text
        assert "http://" not in html.replace("http://www.w3.org", "")
        assert "https://" not in html.replace("https://example.org/1", "")
    assert client.get("/static/uPlot.iife.min.js").status_code == 200


def _analysis(text: str, **facts) -> Analysis:
    return Analysis(document=Document(id="d", text=text, quality=facts.pop("quality", Quality())),
                    **facts)


@pytest.mark.parametrize(("analysis", "expected"), [
    (_analysis("a < b"), "a &lt; b"),
    (_analysis("Putin met Trump", actors=(Actor("p", "Putin", "person",
                                                 mentions=(Span(0, 5, "Putin"),)),),
               events=(Event("e1", "CONSULT", Span(0, 15, "Putin met Trump")),)),
     '<span id="a-p"></span><span class="hl k-actor k-event" id="e-e1" data-f="a:p e:e1">Putin</span>'
     '<span class="hl k-event" data-f="e:e1"> met Trump</span>'),
    (_analysis("ok. Read more", quality=Quality(0.5, (QualityFlag("boilerplate", 4, 13,
                                                                  "Read more"),))),
     'ok. <span class="hl k-flag k-flag-boilerplate" id="flag-boilerplate" '
     'data-f="flag:boilerplate">Read more</span>'),
    (_analysis("abc", actors=(Actor("x", "X", "person", mentions=(Span(2, 99, "c"),)),)),
     'ab<span class="hl k-actor" id="a-x" data-f="a:x">c</span>'),
])
def test_render_marks_overlapping_facts(analysis: Analysis, expected: str) -> None:
    assert str(render(analysis)) == expected
