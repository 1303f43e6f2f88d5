"""JSON API routes (``/api``). Listings share one set of filters, pagination and downloads."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field

from detente.errors import DetenteError, NotFoundError, StoreError
from detente.ingest.document import Draft
from detente.web import queries
from detente.web.app import WebState, envelope
from detente.web.download import file_response
from detente.web.queries import Filters

router = APIRouter(prefix="/api")

DATE = r"^\d{4}(-\d{2}(-\d{2}([T ][0-9:.+\-Z]*)?)?)?$"
KEY = Annotated[str | None, Query(max_length=200)]
DOWNLOAD_MAX = 100_000


class BadQueryError(DetenteError):
    """A full-text query FTS5 cannot parse."""

    code = "bad_query"


class ErrorBody(BaseModel):
    code: str
    message: str
    detail: Any = None


class ErrorEnvelope(BaseModel):
    ok: Literal[False] = False
    error: ErrorBody


class Envelope(BaseModel):
    ok: bool = True
    data: Any = None
    meta: dict[str, Any] = Field(default_factory=dict)


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorEnvelope} for status in (400, 404, 422, 503)}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorEnvelope} for status in (400, 401, 403, 411, 413, 422)}

# Documents the bearer scheme in OpenAPI; WriteGuard does the actual check before routing.
bearer = HTTPBearer(auto_error=False, description="the server's write token")


def state(request: Request) -> WebState:
    return request.app.state.web


def store(request: Request):
    return state(request).store()


def filters(
    since: Annotated[str | None, Query(pattern=DATE, description="published on or after")] = None,
    until: Annotated[str | None, Query(pattern=DATE, description="published on or before")] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    genre: Annotated[str | None, Query(max_length=40)] = None,
    actor: Annotated[str | None, Query(max_length=200, description="actor id")] = None,
    recipient: Annotated[str | None, Query(max_length=200, description="actor id")] = None,
    type: Annotated[str | None, Query(max_length=40, description="PLOVER event type")] = None,
    proposal: Annotated[str | None, Query(max_length=200)] = None,
    issue: Annotated[str | None, Query(max_length=200)] = None,
    quality: Annotated[float | None, Query(ge=0, le=1, description="minimum quality")] = None,
) -> Filters:
    return Filters(since=since, until=until, outlet=outlet, genre=genre, actor=actor,
                   recipient=recipient, type=type, proposal=proposal, issue=issue, quality=quality)


FiltersDep = Annotated[Filters, Depends(filters)]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Format = Annotated[Literal["json", "csv", "parquet"], Query(
    description="json: one page in the envelope; csv or parquet: every matching row as a file")]


def _listing(name: str):
    func = queries.LISTINGS[name]

    def handler(request: Request, f: FiltersDep, limit: Limit = 50, offset: Offset = 0,
                format: Format = "json",
                download: Annotated[bool, Query(description="json: every matching row as a "
                                                "file")] = False):
        if format != "json" or download:
            rows, _ = func(store(request), f, limit=DOWNLOAD_MAX, offset=0)
            return file_response(rows, format, name)
        rows, total = func(store(request), f, limit=limit, offset=offset)
        nxt = offset + limit if offset + limit < total else None
        return envelope(rows, total=total, limit=limit, offset=offset, next_offset=nxt,
                        filters=f.as_params())

    handler.__name__ = f"list_{name}"
    handler.__doc__ = (f"List {name}, filtered and paginated; `format=csv|parquet` (or "
                       "`download=true`) returns every matching row as a file.")
    return handler


for _name in queries.LISTINGS:
    router.add_api_route(f"/{_name}", _listing(_name), methods=["GET"], response_model=Envelope,
                         responses={**ERRORS, 200: {"content": {
                             "text/csv": {}, "application/vnd.apache.parquet": {}}}},
                         tags=["listings"], summary=f"List {_name}")


@router.get("/overview", response_model=Envelope, responses=ERRORS, tags=["corpus"])
def overview(request: Request, f: FiltersDep):
    """Corpus counts, events per week by type, top actors and dyads."""
    s = store(request)
    return envelope({"counts": queries.counts(s), "timeline": queries.timeline(s, f),
                     "top_actors": queries.top_actors(s, f), "dyads": queries.dyads(s, f)})


@router.get("/facets", response_model=Envelope, responses=ERRORS, tags=["corpus"])
def facets(request: Request):
    """Values the filters can take (outlets, genres, event types, actors, proposals, issues)."""
    return envelope(queries.facets(store(request)))


@router.get("/documents/{doc_id}", response_model=Envelope, responses=ERRORS, tags=["records"])
def document(request: Request, doc_id: str):
    """One document's full `detente.analysis/1` object (id or unique id prefix)."""
    return envelope(queries.get_analysis(store(request), doc_id).to_dict())


def event_detail(s, doc_id: str, event_id: str) -> dict[str, Any]:
    row = queries.get_event(s, doc_id, event_id)
    analysis = queries.get_analysis(s, doc_id)
    fact = next((e.to_dict() for e in analysis.events if e.id == event_id), {})
    return {**fact, **row, "sources": queries.reporting_sources(s, row)}


@router.get("/events/{doc_id}/{event_id}", response_model=Envelope, responses=ERRORS,
            tags=["records"])
def event(request: Request, doc_id: str, event_id: str):
    """One event with its evidence and every other report of it (same type and participants,
    within 7 days)."""
    return envelope(event_detail(store(request), doc_id, event_id))


def actor_detail(s, key: str) -> dict[str, Any]:
    profile = queries.actor_profile(s, key)
    as_actor, n_actor = queries.list_events(s, Filters(actor=key), limit=50)
    as_recipient, n_recipient = queries.list_events(s, Filters(recipient=key), limit=50)
    quotes, n_quotes = queries.list_quotes(s, Filters(actor=key), limit=50)
    return {**profile, "roles_recorded": queries.actor_roles(s, key),
            "activity": queries.actor_activity(s, key),
            "dyads": queries.dyads(s, Filters(), limit=25, around=key),
            "events_as_actor": as_actor, "events_as_actor_total": n_actor,
            "events_as_recipient": as_recipient, "events_as_recipient_total": n_recipient,
            "quotes": quotes, "quotes_total": n_quotes}


@router.get("/actors/{key}", response_model=Envelope, responses=ERRORS, tags=["records"])
def actor(request: Request, key: str):
    """One actor across documents: names and roles, quotes, events as actor and as recipient,
    activity per week, dyads."""
    return envelope(actor_detail(store(request), key))


@router.get("/proposals", response_model=Envelope, responses=ERRORS, tags=["proposals"])
def proposals(request: Request):
    """Proposals named in the corpus, with how many positions refer to each."""
    return envelope(queries.proposals(store(request)))


@router.get("/proposals/compare", response_model=Envelope, responses=ERRORS, tags=["proposals"])
def compare(request: Request, a: Annotated[str, Query(max_length=200)],
            b: Annotated[str, Query(max_length=200)]):
    """Two proposals side by side, issue by issue, with each party's position on each."""
    return envelope(queries.compare(store(request), a, b, state(request).sides))


By = Annotated[Literal["side", "actor"], Query(description="side: group parties by country or "
                                                  "organisation; actor: keep speakers apart")]


@router.get("/matrix", response_model=Envelope, responses=ERRORS, tags=["proposals"])
def matrix(request: Request, f: FiltersDep, by: By = "side"):
    """Party x issue matrix: latest value per cell, its evidence and its history of changes."""
    return envelope(queries.matrix(store(request), f, by, state(request).sides))


@router.get("/timeline", response_model=Envelope, responses=ERRORS, tags=["proposals"])
def proposal_timeline(request: Request, proposal: KEY = None, by: By = "side"):
    """Positions and negotiation events on one proposal (or on all), oldest first."""
    from detente.negotiation.views import timeline

    rows = timeline(store(request).iter_analyses(), proposal, by=by, sides=state(request).sides)
    if proposal and not rows:
        raise NotFoundError(f"no timeline for proposal {proposal!r}")
    return envelope(rows, total=len(rows))


@router.get("/changes", response_model=Envelope, responses=ERRORS, tags=["proposals"])
def position_changes(request: Request, by: By = "side"):
    """Changes of a party's stance on one (proposal, issue), oldest first, with both
    evidences; opinion segments and one statement reported twice make no change."""
    from detente.negotiation.views import position_changes as changes

    rows = changes(store(request).iter_analyses(), by=by, sides=state(request).sides)
    return envelope(rows, total=len(rows))


def run_search(request: Request, q: str, mode: str, limit: int, offset: int) -> list[dict]:
    s = store(request)
    if mode == "semantic":
        hits = state(request).semantic.search(s, q, limit=limit + offset)[offset:]
        meta = queries.document_meta(s, [h["id"] for h in hits])
        return [{**meta.get(h["id"], {}), **h} for h in hits]
    try:
        return queries.fulltext(s, q, limit=limit, offset=offset)
    except StoreError as exc:
        raise BadQueryError(f"bad search query {q!r}: use words, \"a phrase\", OR, NEAR, "
                           f"prefix* ({exc.message})") from None


@router.get("/search", response_model=Envelope, responses=ERRORS, tags=["search"])
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=500)],
           mode: Literal["fulltext", "semantic"] = "fulltext", limit: Limit = 20,
           offset: Offset = 0):
    """Full-text (FTS5 syntax) or semantic (MiniLM embeddings over passages) search."""
    return envelope(run_search(request, q, mode, limit, offset), mode=mode, limit=limit,
                    offset=offset)


# --- writes (token required; see WriteGuard) ----------------------------------------------------


class DocumentIn(BaseModel):
    text: str = Field(min_length=1, description="the article text")
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=200, description="the outlet")
    author: str | None = Field(None, max_length=500)
    published: str | None = Field(None, max_length=64, description="ISO date or datetime")


class UrlIn(BaseModel):
    url: str = Field(min_length=1, max_length=2000, description="an http(s) page or feed")


def _created(result: dict[str, Any]) -> JSONResponse:
    status = 201 if result["stored"] else (200 if result["unchanged"] else 400)
    body = envelope(result)
    if status == 400:
        first = result["errors"][0] if result["errors"] else {"code": "nothing_stored",
                                                              "message": "nothing to store"}
        body = {"ok": False, "error": {"code": first["code"], "message": first["message"],
                                       "detail": result}}
    return JSONResponse(body, status_code=status)


Auth = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


@router.post("/documents", response_model=Envelope, status_code=201, responses=WRITE_ERRORS,
             tags=["ingest"])
def post_document(request: Request, body: DocumentIn, _auth: Auth):
    """Analyse and store one text (JSON body with `text` and metadata). Needs the token."""
    draft = Draft(text=body.text, origin="api", title=body.title, url=body.url,
                  source=body.source, author=body.author, published=body.published)
    st = state(request)
    return _created(st.ingestor.store_drafts(st.store(), [draft]))


@router.post("/uploads", response_model=Envelope, status_code=201, responses=WRITE_ERRORS,
             tags=["ingest"])
def post_uploads(request: Request, files: Annotated[list[UploadFile], File()], _auth: Auth):
    """Analyse and store uploaded files (text, Markdown, HTML, JSONL, CSV, RSS/Atom)."""
    st = state(request)
    drafts: list = []
    for upload in files:
        drafts += st.ingestor.from_bytes(upload.file.read(), upload.filename or "upload")
    return _created(st.ingestor.store_drafts(st.store(), drafts))


@router.post("/urls", response_model=Envelope, status_code=201, responses=WRITE_ERRORS,
             tags=["ingest"])
def post_url(request: Request, body: UrlIn, _auth: Auth):
    """Fetch a page or feed and store its articles. Private and loopback addresses are refused."""
    st = state(request)
    return _created(st.ingestor.store_drafts(st.store(), st.ingestor.from_url(body.url)))
