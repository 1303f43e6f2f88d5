"""A bounded load test on loopback against the live server: no errors, latency recorded."""

from __future__ import annotations

import pytest

from detente.web.loadtest import run_load

pytestmark = pytest.mark.slow


def test_load_2000_requests_20_clients(live_server) -> None:
    result = run_load(live_server.url, total=2000, concurrency=20)
    print("\n" + result.markdown())
    assert result.errors == 0
    assert result.requests == 2000
    assert result.p95_ms < 5000  # generous: CI machines vary; the figures go to the docs


@pytest.mark.parametrize("url", ["http://10.0.0.1:8000", "http://example.org"])
def test_load_refuses_non_loopback_targets(url: str) -> None:
    with pytest.raises(ValueError, match="loopback"):
        run_load(url, total=1, concurrency=1)
