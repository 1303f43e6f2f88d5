"""HTTP(S) fetching with timeouts, a size cap, content-type checks and an SSRF guard."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
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
    It runs before each request for a clear early error; the connection itself is guarded again
    by :class:`PinnedBackend`, which connects only to an address it has just checked.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UnsupportedInputError(f"only http and https URLs are fetched, not {parts.scheme!r}",
                                    source=url)
    host = parts.hostname
    if not host:
        raise FetchError("URL has no host", source=url)
    if not allow_private:
        public_addresses(host, parts.port or 443, source=url)


def public_addresses(host: str, port: int, source: str | None = None) -> list[str]:
    """Resolve ``host`` and return its addresses, refusing the name if any is not public.

    Refusing when *any* address is private (not just the first) keeps a name that resolves to
    both a public and an internal address from slipping through on a later connection attempt.
    """
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve host {host!r} ({exc.strerror})", source=source) from None
    addresses = []
    for info in infos:
        addr = ipaddress.ip_address(info[4][0].split("%")[0])
        if (addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_reserved
                or addr.is_multicast or addr.is_unspecified):
            raise BlockedAddressError(
                f"refused: {host} resolves to non-public address {addr} "
                "(set ingest.allow_private_addresses to allow)",
                source=source or host,
            )
        addresses.append(str(addr))
    return addresses


class PinnedBackend(httpcore.SyncBackend):
    """A network backend that connects to an address checked at connection time.

    Checking the name before the request and letting the HTTP library resolve it again leaves a
    window for DNS rebinding (the name answers with a public address to the check and a private
    one to the connection). Here the resolution that is checked is the one that is used: the
    socket goes to the checked IP, while TLS still verifies the certificate against the host
    name (httpcore passes the origin's name as server_hostname).
    """

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        if not self.allow_private:
            host = public_addresses(host, port)[0]
        return super().connect_tcp(host, port, timeout=timeout, local_address=local_address,
                                   socket_options=socket_options)


class PinnedTransport(httpx.HTTPTransport):
    """httpx's default transport with its connection pool on a :class:`PinnedBackend`."""

    def __init__(self, allow_private: bool) -> None:
        super().__init__()
        # httpx has no public hook for the network backend; its pool keeps it in one attribute.
        self._pool._network_backend = PinnedBackend(allow_private)


def fetch(url: str, policy: FetchPolicy | None = None) -> Fetched:
    """GET ``url``; follow redirects one hop at a time, re-checking each address."""
    policy = policy or FetchPolicy()
    current = url
    with httpx.Client(timeout=policy.timeout, follow_redirects=False,
                      transport=PinnedTransport(policy.allow_private),
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
