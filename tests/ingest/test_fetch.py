"""The SSRF guard holds at connection time, not only before the request (DNS rebinding)."""

import re
import socket

import pytest

from detente.errors import BlockedAddressError
from detente.ingest.fetch import FetchPolicy, PinnedBackend, fetch, public_addresses

PUBLIC = "93.184.216.34"


def answers(*addresses: str):
    """A getaddrinfo stand-in that answers each successive call with the next address."""
    queue = list(addresses)

    def getaddrinfo(host, port, *args, **kwargs):
        addr = queue.pop(0) if len(queue) > 1 else queue[0]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (addr, port))]

    return getaddrinfo


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "169.254.169.254", "0.0.0.0"])
def test_non_public_addresses_are_refused(monkeypatch, address) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", answers(address))
    with pytest.raises(BlockedAddressError, match=re.escape(address)):
        public_addresses("rebind.example", 80)


def test_public_address_is_returned(monkeypatch) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", answers(PUBLIC))
    assert public_addresses("news.example", 443) == [PUBLIC]


def test_rebinding_between_check_and_connection_is_refused(monkeypatch) -> None:
    # The first resolution (the early check) is public, the second (the connection) is loopback:
    # the connection-time check must refuse before any socket is opened.
    monkeypatch.setattr(socket, "getaddrinfo", answers(PUBLIC, "127.0.0.1"))
    with pytest.raises(BlockedAddressError, match=re.escape("127.0.0.1")):
        fetch("http://rebind.example/article.html", FetchPolicy(timeout=2))


def test_backend_checks_before_connecting(monkeypatch) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", answers("192.168.0.10"))
    with pytest.raises(BlockedAddressError):
        PinnedBackend(allow_private=False).connect_tcp("intranet.example", 80, timeout=1)
