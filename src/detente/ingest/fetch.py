"""HTTP(S) fetching with timeouts, a size cap, content-type checks and an SSRF guard."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from detente.errors import (
    BlockedAddressError,
    FetchError,
    FetchTimeoutError,
    InputTooLargeError,
    UnsupportedInputError,
)

# Content types we know how to read, mapped to the reader's format name.
CONTENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/json": "jsonl",
    "text/csv": "csv",
}


@dataclass(frozen=True)
class FetchPolicy:
    timeout: float = 15.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = "detente/0.1"


@dataclass(frozen=True)
class Fetched:
    url: str
    data: bytes
    format: str


def check_address(url: str, allow_private: bool) -> None:
    """Refuse URLs whose host resolves to a private, loopback, link-local or reserved address.

    The check resolves the name itself, so "localhost" or a name pointing at 10.x is caught too.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UnsupportedInputError(f"only http and https URLs are fetched, not {parts.scheme!r}",
                                    source=url)
    host = parts.hostname
    if not host:
        raise FetchError("URL has no host", source=url)
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve host {host!r} ({exc.strerror})", source=url) from None
    for info in infos:
        addr = ipaddress.ip_address(info[4][0].split("%")[0])
        if (addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_reserved
                or addr.is_multicast or addr.is_unspecified):
            raise BlockedAddressError(
                f"refused: {host} resolves to non-public address {addr} "
                "(set ingest.allow_private_addresses to allow)",
                source=url,
            )


def fetch(url: str, policy: FetchPolicy | None = None) -> Fetched:
    """GET ``url``; follow redirects one hop at a time, re-checking each address."""
    policy = policy or FetchPolicy()
    current = url
    with httpx.Client(timeout=policy.timeout, follow_redirects=False,
                      headers={"User-Agent": policy.user_agent}) as client:
        for _ in range(policy.max_redirects + 1):
            check_address(current, policy.allow_private)
            try:
                with client.stream("GET", current) as response:
                    if response.is_redirect:
                        current = urljoin(current, response.headers.get("location", ""))
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}",
                                         source=url)
                    fmt = _format_of(response.headers.get("content-type", ""), url)
                    declared = response.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > policy.max_bytes:
                        raise InputTooLargeError(
                            f"response of {declared} bytes exceeds the {policy.max_bytes}-byte cap",
                            source=url)
                    chunks, size = [], 0
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > policy.max_bytes:
                            raise InputTooLargeError(
                                f"response exceeds the {policy.max_bytes}-byte cap", source=url)
                        chunks.append(chunk)
                    return Fetched(url=str(response.url), data=b"".join(chunks), format=fmt)
            except httpx.TimeoutException:
                raise FetchTimeoutError(f"timed out after {policy.timeout:g}s", source=url) from None
            except httpx.HTTPError as exc:
                raise FetchError(f"request failed ({type(exc).__name__}: {exc})", source=url) from None
    raise FetchError(f"more than {policy.max_redirects} redirects", source=url)


def _format_of(content_type: str, url: str) -> str:
    mime = content_type.split(";")[0].strip().lower()
    if mime in CONTENT_TYPES:
        return CONTENT_TYPES[mime]
    raise UnsupportedInputError(f"unsupported content type {mime or 'none'!r}", source=url)
