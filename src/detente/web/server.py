"""Running the web app: ``serve()`` is what ``detente serve`` calls."""

from __future__ import annotations

import os

from detente.config import Config, load_config

ENV_TOKEN = "DETENTE_TOKEN"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def resolve_token(token: str | None, env_name: str = ENV_TOKEN) -> str | None:
    """The write token: the explicit one, else the environment variable named by the config
    (``$DETENTE_TOKEN`` by default); None means read-only. Read once at start-up."""
    return token or os.environ.get(env_name) or None


def build_app(db: str | None = None, config: Config | str | None = None,
              token: str | None = None, *, max_upload_bytes: int | None = None):
    """The FastAPI app for ``db`` (default: the config's store), token resolved as in serve()."""
    from detente.web.app import DEFAULT_MAX_UPLOAD, create_app

    cfg = config if isinstance(config, Config) else load_config(config)
    web = cfg.section("web")
    return create_app(cfg.db_path(db), cfg, resolve_token(token, web["token_env"]),
                      max_upload_bytes=max_upload_bytes or int(web["max_upload_bytes"])
                      or DEFAULT_MAX_UPLOAD)


def serve(host: str | None = None, port: int | None = None, db: str | None = None,
          config: Config | str | None = None, token: str | None = None) -> None:
    """Serve the API and dashboard until interrupted (loopback by default: binding another
    address exposes the data to the network, and writes to anyone holding the token)."""
    import uvicorn

    cfg = config if isinstance(config, Config) else load_config(config)
    host = host or cfg.get("web.host")
    port = port or int(cfg.get("web.port"))
    app = build_app(db, cfg, token)
    mode = "read-write (token set)" if app.state.web.token else "read-only (no token)"
    print(f"detente: serving {app.state.web.db} on http://{host}:{port}/ , {mode}; "
          f"API docs at /api/docs")
    uvicorn.run(app, host=host, port=port, log_level="warning")
