"""The FastAPI application: JSON API under ``/api``, server-rendered pages elsewhere.

One JSON envelope for every API answer: ``{"ok": true, "data": ..., "meta": {...}}`` or
``{"ok": false, "error": {"code", "message"}}``. Reads need no token; every write (any method
other than GET/HEAD/OPTIONS) needs ``Authorization: Bearer <token>`` and a declared body size
under the upload limit, checked before the body is read.
"""

from __future__ import annotations

import hmac
import json
import logging
import threading
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from detente import __version__
from detente.config import Config
from detente.errors import (
    BlockedAddressError,
    DetenteError,
    InputTooLargeError,
    NotFoundError,
    StoreLockedError,
    UnsupportedInputError,
)
from detente.negotiation.knowledge import SideRules, side_rules
from detente.store import Store, open_store
from detente.web.ingest import Ingestor
from detente.web.semantic import SemanticIndex

log = logging.getLogger("detente.web")

DEFAULT_MAX_UPLOAD = 10_000_000
READ_METHODS = {"GET", "HEAD", "OPTIONS"}

# DetenteError codes that are the client's fault, and the HTTP status each one gets.
ERROR_STATUS = {
    NotFoundError: 404,
    BlockedAddressError: 400,
    UnsupportedInputError: 400,
    InputTooLargeError: 413,
    StoreLockedError: 503,
}


@dataclass
class WebState:
    """What request handlers share: settings, per-thread stores, the ingestor, search index."""

    db: str
    config: Config
    token: str | None
    max_upload_bytes: int
    busy_timeout: float
    ingestor: Ingestor
    sides: SideRules  # how parties group into sides (user proposal files included)
    semantic: SemanticIndex = field(default_factory=SemanticIndex)
    _local: threading.local = field(default_factory=threading.local)

    def store(self) -> Store:
        # One connection per worker thread: sqlite3 connections are not safe to share across
        # threads mid-query, and WAL lets the readers run side by side.
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.db, busy_timeout=self.busy_timeout)
            self._local.store = store
        return store


def envelope(data: Any, **meta: Any) -> dict[str, Any]:
    return {"ok": True, "data": data, "meta": meta}


def error_body(status: int, code: str, message: str, detail: Any = None) -> JSONResponse:
    error: dict[str, Any] = {"code": code, "message": message}
    if detail is not None:
        error["detail"] = detail
    return JSONResponse({"ok": False, "error": error}, status_code=status)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api")


class WriteGuard:
    """ASGI middleware: token and size checks on writes, before any body byte is read."""

    def __init__(self, app, state: WebState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] in READ_METHODS:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self._refusal(headers)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        await self.app(scope, self._capped(receive), send)

    def _refusal(self, headers: dict[str, str]) -> JSONResponse | None:
        expected = self.state.token
        if not expected:
            return error_body(403, "writes_disabled",
                              "this server is read-only: start it with a token (--token or "
                              "$DETENTE_TOKEN) to allow writes")
        scheme, _, given = headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(),
                                                                 expected.encode()):
            return error_body(401, "unauthorized", "missing or wrong token: send "
                              "'Authorization: Bearer <token>'")
        length = headers.get("content-length")
        if length is None:
            if headers.get("transfer-encoding"):
                return error_body(411, "length_required", "send a Content-Length header")
            return None
        if not length.isdigit():
            return error_body(400, "bad_request", "invalid Content-Length")
        if int(length) > self.state.max_upload_bytes:
            return error_body(413, "too_large", f"request body of {length} bytes exceeds the "
                              f"{self.state.max_upload_bytes}-byte limit")
        return None

    def _capped(self, receive):
        # Content-Length was checked; this guards a client that sends more than it declared.
        limit, seen = self.state.max_upload_bytes, 0

        async def wrapped():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise InputTooLargeError(f"request body exceeds the {limit}-byte limit")
            return message
        return wrapped


def _package_dir(name: str) -> str:
    return str(resources.files("detente.web").joinpath(name))


def create_app(db: str, config: Config | None = None, token: str | None = None, *,
               max_upload_bytes: int = DEFAULT_MAX_UPLOAD) -> FastAPI:
    """The app over the store at ``db`` (a SQLite file or a ``postgresql://`` URL).
    ``token`` None makes the server read-only."""
    from detente.web import api, pages

    config = config or Config()
    state = WebState(db=db, config=config, token=token or None, max_upload_bytes=max_upload_bytes,
                     busy_timeout=float(config.get("store.busy_timeout")),
                     ingestor=Ingestor(config), sides=side_rules(config))
    state.store()  # create and migrate now, so a bad path fails at start-up, not per request
    app = FastAPI(title="detente", version=__version__,
                  description="Sourced, structured data from news about wars and peace talks. "
                  "Every answer is an envelope: {ok, data, meta} or {ok, error}.",
                  docs_url="/api/docs", redoc_url=None, openapi_url="/api/openapi.json")
    app.state.web = state
    templates = Jinja2Templates(directory=_package_dir("templates"))
    templates.env.filters["tojson_compact"] = lambda v: json.dumps(v, ensure_ascii=False)
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=_package_dir("static")), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_middleware(WriteGuard, state=state)
    _error_handlers(app, templates)
    return app


def _error_handlers(app: FastAPI, templates: Jinja2Templates) -> None:
    def respond(request: Request, status: int, code: str, message: str, detail: Any = None):
        if _is_api(request):
            return error_body(status, code, message, detail)
        return templates.TemplateResponse(request, "error.html", {
            "status": status, "code": code, "message": message}, status_code=status)

    @app.exception_handler(DetenteError)
    async def detente_error(request: Request, exc: DetenteError):
        status = next((s for cls, s in ERROR_STATUS.items() if isinstance(exc, cls)), 400)
        return respond(request, status, exc.code, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return respond(request, exc.status_code, code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg")} for e in exc.errors()]
        return respond(request, 422, "invalid_request", "invalid request parameters", detail)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        return respond(request, 500, "internal_error", f"{type(exc).__name__}: {exc}")


def page(request: Request, template: str, **context: Any) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template, context)
