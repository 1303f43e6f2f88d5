import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detente.errors import ErrorRecord, MalformedInputError
from detente.ingest.document import Draft, content_id, make_document, normalize_published
from detente.ingest.formats import read_bytes, sniff_format

HTML = b"""<!doctype html><html><head><title>Envoys meet in Geneva</title>
<meta name="author" content="Ana Petrova"><meta property="article:published_time"
content="2025-11-24T08:00:00+01:00"></head><body>
<nav>Home | World | Subscribe</nav>
<article><h1>Envoys meet in Geneva</h1>
<p>U.S. and Ukrainian negotiators met in Geneva on Sunday to revise a draft peace plan, officials
said, in talks that ran late into the night and ended with a joint statement on next steps.</p>
<p>Rustem Umerov said the talks were productive and that a revised framework would be presented
to the leaders of both countries in the coming days after further consultations.</p>
</article><footer>Share this article. Copyright 2025.</footer></body></html>"""

FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Baltic Wire</title>
<item><title>Talks resume</title><link>https://bw.example/1</link>
<pubDate>Tue, 25 Nov 2025 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Talks resumed in Abu Dhabi on Tuesday.&lt;/p&gt;</description></item>
<item><title>Empty entry</title><link>https://bw.example/2</link></item>
</channel></rss>"""


def drafts(results):
    return [r for r in results if isinstance(r, Draft)]


def errors(results):
    return [r for r in results if isinstance(r, ErrorRecord)]


@pytest.mark.parametrize(
    ("name", "head", "fmt"),
    [("a.txt", b"x", "text"), ("a.md", b"x", "markdown"), ("a.html", b"x", "html"),
     ("a.jsonl", b"x", "jsonl"), ("a.csv", b"x", "csv"), ("a.rss", b"x", "feed"),
     ("noext", b"<?xml version='1.0'?><rss>", "feed"), ("noext", b"<!DOCTYPE html><p>", "html"),
     ("noext", b'{"text": "x"}', "jsonl"), ("noext", b"---\ntitle: x\n---\n", "markdown"),
     ("noext", b"Plain words.", "text")],
)
def test_sniff_format(name, head, fmt) -> None:
    assert sniff_format(head, name) == fmt


def test_plain_text_headline_becomes_title() -> None:
    [d] = drafts(read_bytes(b"Putin Rejects a Possible Deal\nThe Kremlin said no.", "a.txt"))
    assert d.title == "Putin Rejects a Possible Deal"
    assert d.text.startswith("Putin Rejects")


def test_plain_text_dateline_is_not_a_title() -> None:
    [d] = drafts(read_bytes(b"Kyiv, Ukraine\nThe talks went on.", "a.txt"))
    assert d.title is None


def test_markdown_front_matter_and_markup() -> None:
    data = (b"---\ntitle: Geneva talks\noutlet: Baltic Wire\npublished: 2025-11-24\n"
            b"url: https://bw.example/x\nauthor: A. B.\n---\n# Heading\n\n"
            b"Talks **resumed** in [Geneva](https://x.example).\n")
    [d] = drafts(read_bytes(data, "a.md"))
    assert (d.title, d.source, d.url, d.author) == ("Geneva talks", "Baltic Wire",
                                                    "https://bw.example/x", "A. B.")
    assert "Talks resumed in Geneva." in d.text and "**" not in d.text and "# " not in d.text
    assert make_document(d).published == "2025-11-24"


def test_markdown_bad_front_matter() -> None:
    with pytest.raises(MalformedInputError, match="front matter"):
        list(read_bytes(b"---\ntitle: [unclosed\n---\nBody text.\n", "bad.md"))


def test_html_main_text_without_boilerplate() -> None:
    [d] = drafts(read_bytes(HTML, "page.html"))
    assert d.title == "Envoys meet in Geneva"
    assert d.author == "Ana Petrova"
    assert "Rustem Umerov said" in d.text
    assert "Subscribe" not in d.text and "Copyright" not in d.text
    assert make_document(d).published.startswith("2025-11-24")


@pytest.mark.parametrize("data", [b"<html><body><div></div></body></html>",
                                  b"<html><<<>>>/\x3c\x3e</html"])
def test_html_without_text_is_malformed(data: bytes) -> None:
    with pytest.raises(MalformedInputError):
        list(read_bytes(data, "broken.html"))


def test_malformed_but_recoverable_html() -> None:
    data = (b"<html><body><p>Unclosed <b>tags and <div>Talks resumed in Geneva on Monday after a "
            b"pause of several weeks, officials said.</html>")
    [d] = drafts(read_bytes(data, "c.html"))
    assert "Talks resumed in Geneva" in d.text


def test_jsonl_reports_bad_lines_and_goes_on() -> None:
    lines = [json.dumps({"text": "Kyiv said talks would go on.", "title": "A",
                         "date": "2025-11-01"}), "{not json", "[1, 2]",
             json.dumps({"title": "no text"}),
             json.dumps({"body": "Moscow said no.", "headline": "B"})]
    results = list(read_bytes("\n".join(lines).encode(), "dump.jsonl"))
    assert [d.title for d in drafts(results)] == ["A", "B"]
    assert [e.source for e in errors(results)] == ["dump.jsonl:2", "dump.jsonl:3", "dump.jsonl:4"]


def test_jsonl_column_mapping() -> None:
    line = json.dumps({"story": "The envoy arrived.", "when": "2025-12-01", "pub": "Wire"})
    [d] = drafts(read_bytes(line.encode(), "m.jsonl",
                            mapping={"text": "story", "published": "when", "source": "pub"}))
    assert (d.text, d.published, d.source) == ("The envoy arrived.", "2025-12-01", "Wire")


def test_csv_with_mapping_and_missing_text() -> None:
    data = b"headline,body,day\nTalks,Talks resumed.,2025-10-01\nEmpty,,2025-10-02\n"
    results = list(read_bytes(data, "x.csv", mapping={"title": "headline", "text": "body",
                                                       "published": "day"}))
    assert [d.title for d in drafts(results)] == ["Talks"]
    assert errors(results)[0].source == "x.csv:3"


def test_feed_entries_and_broken_entry() -> None:
    results = list(read_bytes(FEED, "feed.xml"))
    [d] = drafts(results)
    assert d.source == "Baltic Wire" and d.url == "https://bw.example/1"
    assert d.text == "Talks resumed in Abu Dhabi on Tuesday."
    assert errors(results)[0].code == "input_empty"


def test_feed_that_is_not_a_feed() -> None:
    with pytest.raises(MalformedInputError, match="feed"):
        list(read_bytes(b"<?xml version='1.0'?><rss><channel>", "broken.rss"))


def test_content_id_ignores_whitespace_and_metadata() -> None:
    a = make_document(Draft(text="Talks  resumed.\n", origin="a", title="X"))
    b = make_document(Draft(text="Talks resumed.", origin="b", title="Y"))
    assert a.id == b.id == content_id("Talks resumed.")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2025-11-27", "2025-11-27"), ("2025-11-27T14:05:00+03:00", "2025-11-27T14:05:00+03:00"),
     ("2025-11-27T14:05:00Z", "2025-11-27T14:05:00+00:00"),
     ("2025-11-27 14:05", "2025-11-27T14:05:00+00:00"), (None, None), ("", None)],
)
def test_published_is_iso_and_timezone_aware(value, expected) -> None:
    assert normalize_published(value) == expected


def test_unreadable_date_is_an_error() -> None:
    with pytest.raises(MalformedInputError, match="publication date"):
        normalize_published("not a date at all", "x.jsonl:3")


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
                max_size=8))
def test_jsonl_reader_never_raises_on_arbitrary_lines(lines) -> None:
    data = "\n".join(lines).encode()
    if not data.strip():
        return
    for r in read_bytes(data, "fuzz.jsonl"):
        assert isinstance(r, Draft | ErrorRecord)
