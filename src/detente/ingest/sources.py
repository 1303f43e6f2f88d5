"""Where inputs come from: paths, directories, URLs and stdin, each turned into Drafts."""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from detente.errors import (
    DetenteError,
    ErrorRecord,
    IngestError,
    InputTooLargeError,
)
from detente.ingest.fetch import FetchPolicy, fetch
from detente.ingest.formats import Result, iter_jsonl, read_bytes, sniff_format


@dataclass(frozen=True)
class IngestOptions:
    """What the readers need from the config, plus per-run choices (column mapping, format)."""

    max_bytes: int = 10_000_000
    globs: tuple[str, ...] = ("*.txt", "*.md", "*.html", "*.htm", "*.jsonl", "*.csv", "*.xml")
    mapping: Mapping[str, str] | None = None
    format: str | None = None
    fetch: FetchPolicy = field(default_factory=FetchPolicy)

    @classmethod
    def from_config(cls, config, **overrides) -> IngestOptions:
        ing = config.section("ingest")
        opts = cls(
            max_bytes=int(ing["max_bytes"]),
            globs=tuple(ing["glob"]),
            fetch=FetchPolicy(
                timeout=float(ing["timeout"]),
                max_bytes=int(ing["max_bytes"]),
                max_redirects=int(ing["max_redirects"]),
                allow_private=bool(ing["allow_private_addresses"]),
                user_agent=ing["user_agent"],
            ),
        )
        return _replace(opts, **{k: v for k, v in overrides.items() if v is not None})


def _replace(opts: IngestOptions, **changes) -> IngestOptions:
    import dataclasses

    return dataclasses.replace(opts, **changes)


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def iter_drafts(inputs: Iterable[str], options: IngestOptions | None = None) -> Iterator[Result]:
    """Every Draft (or ErrorRecord) from every input; one bad input never stops the rest."""
    options = options or IngestOptions()
    for item in inputs:
        try:
            if item == "-":
                yield from read_bytes(sys.stdin.buffer.read(), "stdin", options.format,
                                      mapping=options.mapping, max_bytes=options.max_bytes)
            elif is_url(item):
                got = fetch(item, options.fetch)
                yield from _tag_url(read_bytes(got.data, item, options.format or got.format,
                                               mapping=options.mapping,
                                               max_bytes=options.max_bytes), got.url)
            else:
                path = Path(item)
                if path.is_dir():
                    for child in walk(path, options.globs):
                        yield from _guarded(str(child), lambda c=child: read_source(c, options))
                elif path.exists():
                    yield from read_source(path, options)
                else:
                    yield ErrorRecord(item, "input_missing", "no such file or directory")
        except DetenteError as exc:
            yield ErrorRecord.from_exception(item, exc)
        except OSError as exc:
            yield ErrorRecord(item, IngestError.code, f"cannot read ({exc.strerror or exc})")


def _guarded(origin: str, produce) -> Iterator[Result]:
    try:
        yield from produce()
    except DetenteError as exc:
        yield ErrorRecord.from_exception(origin, exc)
    except OSError as exc:
        yield ErrorRecord(origin, IngestError.code, f"cannot read ({exc.strerror or exc})")


def _tag_url(results: Iterable[Result], url: str) -> Iterator[Result]:
    for r in results:
        if not isinstance(r, ErrorRecord) and r.url is None:
            r.url = url
        yield r


def walk(root: Path, globs: Iterable[str]) -> Iterator[Path]:
    """Files under ``root`` (recursively, sorted, hidden ones skipped) matching any glob."""
    patterns = tuple(globs)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or not any(fnmatch.fnmatch(name, p) for p in patterns):
                continue
            yield Path(dirpath) / name


def read_source(path: Path, options: IngestOptions) -> Iterator[Result]:
    """One file. Record formats (JSONL) stream; single documents are capped at ``max_bytes``."""
    origin = str(path)
    with path.open("rb") as fh:
        head = fh.read(2048)
        fmt = options.format or sniff_format(head, origin)
        if fmt == "jsonl":
            fh.seek(0)
            yield from iter_jsonl(fh, origin, mapping=options.mapping, max_bytes=options.max_bytes)
            return
    size = path.stat().st_size
    # CSV dumps hold many documents: allow them a larger whole-file size than one article.
    cap = options.max_bytes * (100 if fmt == "csv" else 1)
    if size > cap:
        raise InputTooLargeError(f"file is {size:,} bytes, over the {cap:,}-byte limit "
                                 "(ingest.max_bytes)", source=origin)
    yield from read_bytes(path.read_bytes(), origin, fmt, mapping=options.mapping,
                          max_bytes=options.max_bytes)
