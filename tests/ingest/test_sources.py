"""Paths, directories, stdin, URLs (served on 127.0.0.1) and the bad-input cases of issue 2."""

import contextlib
import http.server
import io
import sys
import threading
import time
from pathlib import Path

import pytest

from detente.errors import ErrorRecord
from detente.ingest.fetch import FetchPolicy
from detente.ingest.formats import Draft
from detente.ingest.sources import IngestOptions, iter_drafts

ARTICLE = (b"<html><head><title>Strike on Kharkiv</title></head><body><article><p>A drone strike "
           b"hit Kharkiv overnight, the regional governor said on Tuesday, damaging homes and a "
           b"power line in the north of the city and injuring at least six people.</p>"
           b"</article></body></html>")


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output quiet
        pass

    def _send(self, code: int, body: bytes, ctype: str = "text/html") -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        routes = {
            "/article.html": lambda: self._send(200, ARTICLE),
            "/missing": lambda: self._send(404, b"no"),
            "/broken": lambda: self._send(500, b"oops"),
            "/image": lambda: self._send(200, b"\x89PNG", "image/png"),
            "/big": lambda: self._send(200, b"a " * 5000, "text/plain"),
        }
        if self.path == "/slow":
            time.sleep(1.5)
            with contextlib.suppress(BrokenPipeError):  # the client gave up, as intended
                self._send(200, b"late", "text/plain")
        elif self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article.html")
            self.end_headers()
        else:
            routes.get(self.path, lambda: self._send(404, b"no"))()


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def local(max_bytes: int = 10_000_000, timeout: float = 5.0) -> IngestOptions:
    return IngestOptions(max_bytes=max_bytes,
                         fetch=FetchPolicy(timeout=timeout, max_bytes=max_bytes,
                                           allow_private=True))


def only(results):
    assert len(results) == 1, results
    return results[0]


def test_url_is_fetched_and_parsed(server) -> None:
    d = only(list(iter_drafts([f"{server}/article.html"], local())))
    assert isinstance(d, Draft) and "drone strike hit Kharkiv" in d.text
    assert d.url == f"{server}/article.html"


def test_redirect_is_followed(server) -> None:
    assert isinstance(only(list(iter_drafts([f"{server}/redirect"], local()))), Draft)


@pytest.mark.parametrize(
    ("path", "code", "words"),
    [("/missing", "fetch_failed", "404"), ("/broken", "fetch_failed", "500"),
     ("/image", "input_unsupported", "image/png")],
)
def test_http_failures_are_named(server, path, code, words) -> None:
    e = only(list(iter_drafts([f"{server}{path}"], local())))
    assert isinstance(e, ErrorRecord) and e.code == code and words in e.message
    assert e.source == f"{server}{path}"


def test_timeout(server) -> None:
    e = only(list(iter_drafts([f"{server}/slow"], local(timeout=0.3))))
    assert e.code == "fetch_timeout"


def test_size_cap_on_responses(server) -> None:
    e = only(list(iter_drafts([f"{server}/big"], local(max_bytes=1000))))
    assert e.code == "input_too_large"


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/x", "http://localhost/x",
                                 "http://10.0.0.5/x", "http://[::1]/x", "http://169.254.169.254/"])
def test_private_addresses_are_refused_by_default(url) -> None:
    e = only(list(iter_drafts([url], IngestOptions())))
    assert e.code == "address_blocked" and "non-public" in e.message


def test_directory_walk_with_glob_and_bad_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Kyiv said the talks would resume on Friday.")
    (tmp_path / "sub" / "b.md").write_text("---\ntitle: B\n---\nMoscow said no.\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "skip.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.txt").write_text("hidden")
    results = list(iter_drafts([str(tmp_path)], IngestOptions(globs=("*.txt", "*.md"))))
    good = [r for r in results if isinstance(r, Draft)]
    bad = {Path(r.source).name: r.code for r in results if isinstance(r, ErrorRecord)}
    assert sorted(Path(d.origin).name for d in good) == ["a.txt", "b.md"]
    assert bad == {"empty.txt": "input_empty", "blob.txt": "input_binary"}


def test_large_file_is_refused_with_its_size(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # sparse-ish: 50 MB of text without holding it in memory
        chunk = b"The war went on. " * 60_000
        for _ in range(50):
            fh.write(chunk)
    e = only(list(iter_drafts([str(big)], IngestOptions(max_bytes=10_000_000))))
    assert e.code == "input_too_large" and "big.txt" in e.source and "bytes" in e.message


def test_missing_path(tmp_path: Path) -> None:
    e = only(list(iter_drafts([str(tmp_path / "nope.txt")])))
    assert e.code == "input_missing"


def test_stdin(monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Talks resumed in Doha.")))
    d = only(list(iter_drafts(["-"])))
    assert d.origin == "stdin" and d.text == "Talks resumed in Doha."


def test_jsonl_file_streams_with_line_numbers(tmp_path: Path) -> None:
    f = tmp_path / "dump.jsonl"
    f.write_text('{"text": "one"}\n\n{"text": 5}\n{"text": "three"}\n')
    results = list(iter_drafts([str(f)]))
    assert [r.text for r in results if isinstance(r, Draft)] == ["one", "three"]
    assert [r.source for r in results if isinstance(r, ErrorRecord)] == [f"{f}:3"]
