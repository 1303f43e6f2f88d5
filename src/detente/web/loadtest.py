"""A bounded load test on loopback: N requests from C concurrent clients, latency percentiles.

``python -m detente.web.loadtest --db detente.db`` starts the app on a free loopback port,
sends the requests (a fixed mix of pages and API calls), prints a Markdown table and stops.
Only 127.0.0.1 is ever targeted.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

DEFAULT_PATHS = ("/", "/documents", "/events", "/actors", "/quotes", "/proposals",
                 "/api/overview", "/api/events?limit=50", "/api/documents?limit=50",
                 "/api/actors?limit=50", "/api/search?q=ceasefire", "/api/events?type=CONSULT")


@dataclass
class LoadResult:
    requests: int
    concurrency: int
    errors: int
    seconds: float
    p50_ms: float
    p95_ms: float
    max_ms: float

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def markdown(self) -> str:
        return ("| requests | concurrent clients | errors | req/s | p50 ms | p95 ms | max ms |\n"
                "|---:|---:|---:|---:|---:|---:|---:|\n"
                f"| {self.requests} | {self.concurrency} | {self.errors} | {self.rate:.0f} | "
                f"{self.p50_ms:.1f} | {self.p95_ms:.1f} | {self.max_ms:.1f} |")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _run(base_url: str, paths: list[str], total: int, concurrency: int,
               timeout: float) -> LoadResult:
    latencies: list[float] = []
    errors = 0
    counter = iter(range(total))

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal errors
        for i in counter:  # shared iterator: the clients split the total between them
            start = time.perf_counter()
            try:
                r = await http.get(paths[i % len(paths)])
                if r.status_code >= 400:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            latencies.append((time.perf_counter() - start) * 1000)

    limits = httpx.Limits(max_connections=concurrency)
    began = time.perf_counter()
    async with httpx.AsyncClient(base_url=base_url, timeout=timeout, limits=limits) as http:
        await asyncio.gather(*(client(http) for _ in range(concurrency)))
    seconds = time.perf_counter() - began
    return LoadResult(total, concurrency, errors, seconds, statistics.median(latencies),
                      _percentile(latencies, 0.95), max(latencies))


def run_load(base_url: str, paths: list[str] | tuple[str, ...] = DEFAULT_PATHS, *,
             total: int = 2000, concurrency: int = 20, timeout: float = 30.0) -> LoadResult:
    """Send ``total`` GETs cycling through ``paths`` from ``concurrency`` clients."""
    host = urlsplit(base_url).hostname or ""
    if not (host == "localhost" or host.startswith("127.") or host == "::1"):
        raise ValueError(f"load tests only target loopback, not {host!r}")
    # A thread of its own: the caller may already run an event loop (Playwright's sync API does).
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, _run(base_url, list(paths), total, concurrency,
                                             timeout)).result()


def main(argv: list[str] | None = None) -> None:
    import threading

    import uvicorn

    from detente.web.server import build_app

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=20)
    args = parser.parse_args(argv)
    server = uvicorn.Server(uvicorn.Config(build_app(args.db), host="127.0.0.1", port=0,
                                           log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        result = run_load(f"http://127.0.0.1:{port}", total=args.requests,
                          concurrency=args.concurrency)
    finally:
        server.should_exit = True
        thread.join(10)
    print(result.markdown())


if __name__ == "__main__":
    main()
