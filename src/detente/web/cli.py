"""The ``serve`` command, for the lead to register on the main Typer app:

    from detente.web.cli import serve_command
    app.command("serve")(serve_command)
"""

from __future__ import annotations

from typing import Annotated

import typer

from detente.web.server import DEFAULT_HOST, DEFAULT_PORT


def serve_command(
    host: Annotated[str | None, typer.Option(
        help=f"Address to bind (default: web.host in the config, {DEFAULT_HOST}).")] = None,
    port: Annotated[int | None, typer.Option(
        help=f"Port (default: web.port in the config, {DEFAULT_PORT}).")] = None,
    db: Annotated[str | None, typer.Option("--db", help="SQLite database file.")] = None,
    config: Annotated[str | None, typer.Option("--config", help="Config file (TOML).")] = None,
    token: Annotated[str | None, typer.Option(
        help="Write token (default: $DETENTE_TOKEN); without one the server is read-only.")] = None,
) -> None:
    """Serve the REST API and web dashboard over the store."""
    from detente.web.server import serve

    serve(host=host, port=port, db=db, config=config, token=token)
