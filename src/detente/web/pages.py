"""Server-rendered pages. Each shows what the store holds, with an honest empty state."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from detente.errors import DetenteError
from detente.web import queries
from detente.web.api import (
    FiltersDep,
    Offset,
    actor_detail,
    event_detail,
    run_search,
    state,
    store,
)
from detente.web.app import page
from detente.web.highlight import render
from detente.web.queries import Filters

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 50


def _listing_context(request: Request, name: str, f: Filters, offset: int) -> dict:
    s = store(request)
    rows, total = queries.LISTINGS[name](s, f, limit=PAGE_SIZE, offset=offset)
    params = f.as_params()

    def link(**extra) -> str:
        return f"?{urlencode({**params, **extra})}"

    return {"rows": rows, "total": total, "offset": offset, "filters": params,
            "facets": queries.facets(s),
            "prev": link(offset=max(0, offset - PAGE_SIZE)) if offset > 0 else None,
            "next": link(offset=offset + PAGE_SIZE) if offset + PAGE_SIZE < total else None,
            "downloads": {fmt: f"/api/{name}?{urlencode({**params, 'format': fmt})}"
                          for fmt in ("csv", "parquet")}
            | {"json": f"/api/{name}?{urlencode({**params, 'download': 'true'})}"}}


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, f: FiltersDep):
    s = store(request)
    return page(request, "overview.html", counts=queries.counts(s),
                timeline=queries.timeline(s, f), top_actors=queries.top_actors(s, f),
                dyads=queries.dyads(s, f), filters=f.as_params(), facets=queries.facets(s))


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request, f: FiltersDep, offset: Offset = 0):
    return page(request, "documents.html", **_listing_context(request, "documents", f, offset))


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def article(request: Request, doc_id: str):
    analysis = queries.get_analysis(store(request), doc_id)
    actors = {a.id: a for a in analysis.actors}
    return page(request, "article.html", a=analysis, doc=analysis.document, actors=actors,
                text=render(analysis))


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, f: FiltersDep, offset: Offset = 0):
    return page(request, "events.html", **_listing_context(request, "events", f, offset))


@router.get("/events/{doc_id}/{event_id}", response_class=HTMLResponse)
def event(request: Request, doc_id: str, event_id: str):
    return page(request, "event.html", e=event_detail(store(request), doc_id, event_id))


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, f: FiltersDep, offset: Offset = 0):
    return page(request, "actors.html", **_listing_context(request, "actors", f, offset))


@router.get("/actors/{key}", response_class=HTMLResponse)
def actor(request: Request, key: str):
    return page(request, "actor.html", actor=actor_detail(store(request), key))


@router.get("/quotes", response_class=HTMLResponse)
def quotes(request: Request, f: FiltersDep, offset: Offset = 0):
    return page(request, "quotes.html", **_listing_context(request, "quotes", f, offset))


@router.get("/proposals", response_class=HTMLResponse)
def proposals(request: Request, f: FiltersDep):
    s = store(request)
    return page(request, "proposals.html", proposals=queries.proposals(s),
                matrix=queries.matrix(s, f, sides=state(request).sides), filters=f.as_params(),
                facets=queries.facets(s))


@router.get("/proposals/compare", response_class=HTMLResponse)
def compare(request: Request, a: Annotated[str | None, Query(max_length=200)] = None,
            b: Annotated[str | None, Query(max_length=200)] = None):
    s = store(request)
    listed = queries.proposals(s)
    result = queries.compare(s, a, b, state(request).sides) if a and b else None
    return page(request, "compare.html", proposals=listed, result=result, a=a, b=b)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: Annotated[str, Query(max_length=500)] = "",
           mode: Annotated[str, Query(pattern="^(fulltext|semantic)$")] = "fulltext"):
    hits, error = [], None
    if q.strip():
        try:
            hits = run_search(request, q, mode, 30, 0)
        except DetenteError as exc:
            error = exc.message
    return page(request, "search.html", q=q, mode=mode, hits=hits, error=error)


@router.get("/ingest", response_class=HTMLResponse)
def ingest(request: Request):
    st = request.app.state.web
    return page(request, "ingest.html", writable=bool(st.token),
                max_upload_bytes=st.max_upload_bytes)
