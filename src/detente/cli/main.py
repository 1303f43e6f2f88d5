"""`detente` command line: a thin layer over the library; each command's docstring is its help."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from detente.config import Config, load_config
from detente.errors import DetenteError, ErrorRecord

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="detente: sourced, structured data from news about wars and peace talks.")
docs_app = typer.Typer(no_args_is_help=True, help="Browse stored documents.")
app.add_typer(docs_app, name="docs")
actors_app = typer.Typer(no_args_is_help=True, help="Actors across the stored corpus.")
app.add_typer(actors_app, name="actors")
# The callbacks' docstrings are the groups' help (they also list with no subcommand).
proposals_app = typer.Typer(invoke_without_command=True)
app.add_typer(proposals_app, name="proposals")
positions_app = typer.Typer(invoke_without_command=True)
app.add_typer(positions_app, name="positions")
ByOpt = Annotated[str, typer.Option("--by", help="side (group parties by country or "
                                    "organisation) or actor (keep speakers apart).")]

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOpt = Annotated[str | None, typer.Option("--db", help="SQLite database file or "
                                           "postgresql:// URL (default: $DETENTE_DB or "
                                           "store.db in the config).")]
ConfigOpt = Annotated[str | None, typer.Option("--config", help="Config file (TOML).")]


class State:
    config: Config | None = None


def _config(path: str | None = None) -> Config:
    if State.config is None or path:
        State.config = load_config(path)
    return State.config


def _store(db: str | None, config: Config):
    from detente.store import open_store

    return open_store(config.db_path(db), busy_timeout=float(config.get("store.busy_timeout")))


def _print_rows(rows: list[dict[str, Any]], as_json: bool, line: Callable[[dict[str, Any]], str],
                what: str) -> None:
    """Print each row as one JSON object or as ``line(row)``; say so when nothing matched."""
    for r in rows:
        out.print(json.dumps(r, ensure_ascii=False, default=str) if as_json else line(r),
                  markup=False)
    if not rows and not as_json:
        out.print(f"no {what} match")


def _fail(exc: DetenteError) -> typer.Exit:
    err.print(f"[red]error:[/red] {exc}", markup=True)
    return typer.Exit(2)


def _print_errors(errors: list[ErrorRecord], limit: int = 50) -> None:
    for e in errors[:limit]:
        err.print(f"[yellow]skipped[/yellow] {e.source}: {e.message} [{e.code}]", markup=True)
    if len(errors) > limit:
        err.print(f"... and {len(errors) - limit} more (see `detente errors`)")


SAMPLE_GLOB = ["[0-9]*.md"]  # the articles, not the folder's README


def sample_corpus_path() -> Path:
    """The bundled sample corpus folder."""
    return Path(str(resources.files("detente").joinpath("data", "sample")))


def _parse_mapping(pairs: list[str] | None) -> dict[str, str] | None:
    if not pairs:
        return None
    mapping = {}
    for pair in pairs:
        key, sep, column = pair.partition("=")
        if not sep or key not in ("text", "title", "url", "source", "author", "published"):
            raise DetenteError(f"bad --map {pair!r}: use FIELD=COLUMN with FIELD one of text, "
                               "title, url, source, author, published")
        mapping[key] = column
    return mapping


# --- ingest / analyze ----------------------------------------------------------------------------


def _run_ingest(inputs: list[str], db: str | None, config: Config, *, glob: list[str] | None,
                fmt: str | None, mapping: dict[str, str] | None, n_process: int | None,
                allow_private: bool, progress: bool):
    from detente.ingest.sources import IngestOptions
    from detente.jobs import ingest

    options = IngestOptions.from_config(config, format=fmt, mapping=mapping,
                                        globs=tuple(glob) if glob else None)
    if allow_private:
        import dataclasses

        options = dataclasses.replace(
            options, fetch=dataclasses.replace(options.fetch, allow_private=True))
    store = _store(db, config)
    show = progress and err.is_terminal
    bar = None
    if show:
        from rich.progress import MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        bar = Progress(TextColumn("ingest"), MofNCompleteColumn(), TextColumn(
            "read · {task.fields[stored]} stored · {task.fields[failed]} failed · "
            "{task.fields[rate]:.1f} docs/s"), TimeElapsedColumn(), console=err)
        task = bar.add_task("ingest", total=None, stored=0, failed=0, rate=0.0)
        bar.start()

    def on_progress(report) -> None:
        if bar is not None:
            elapsed = bar.tasks[0].elapsed or 1e-9
            bar.update(task, completed=report.read, stored=report.stored, failed=report.failed,
                       rate=report.stored / elapsed)

    try:
        report = ingest(inputs, store, config, options=options, n_process=n_process,
                        progress=on_progress)
    except KeyboardInterrupt:
        err.print("interrupted: every committed batch is kept; rerun the same command to resume")
        raise typer.Exit(130) from None
    finally:
        if bar is not None:
            bar.stop()
    _print_errors(report.errors)
    return store, report


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, http(s) URLs, or - "
                                                "for stdin.")],
    db: DbOpt = None,
    config: ConfigOpt = None,
    glob: Annotated[list[str] | None, typer.Option(help="Only files matching this glob when "
                                                   "walking directories (repeatable).")] = None,
    fmt: Annotated[str | None, typer.Option("--format", help="Force the input format: text, "
                                            "markdown, html, jsonl, csv, feed.")] = None,
    map_: Annotated[list[str] | None, typer.Option("--map", help="JSONL/CSV column mapping, "
                                                   "e.g. --map text=body --map published=date."
                                                   )] = None,
    n_process: Annotated[int | None, typer.Option(help="Worker processes.")] = None,
    allow_private: Annotated[bool, typer.Option(help="Allow URLs on private/loopback "
                                                "addresses.")] = False,
    progress: Annotated[bool, typer.Option(help="Show a progress bar on a terminal.")] = True,
) -> None:
    """Read articles, analyse the new ones and store them.

    Inputs may be text, Markdown (with YAML front matter), HTML, JSONL, CSV, RSS/Atom feeds,
    directories (recursive), URLs or stdin. Content already stored is skipped, so rerunning an
    interrupted ingest resumes it. Bad inputs are reported one line each and the rest go on;
    the exit code is 1 when any input failed.
    """
    try:
        cfg = _config(config)
        store, report = _run_ingest(inputs, db, cfg, glob=glob, fmt=fmt,
                                    mapping=_parse_mapping(map_), n_process=n_process,
                                    allow_private=allow_private, progress=progress)
    except DetenteError as exc:
        raise _fail(exc) from None
    out.print(f"{report.read} read, {report.stored} stored, {report.unchanged} already stored, "
              f"{report.duplicates} near-duplicates, {report.failed} failed -> {store.path}")
    raise typer.Exit(1 if report.failed else 0)


@app.command("run")
def run_cmd(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, JSONL/Parquet shards, URLs.")],
    output: Annotated[str, typer.Option("--output", "-o", help="A folder for Parquet files, or a "
                                        "store to load: a .db file or a postgresql:// URL.")],
    engine: Annotated[str, typer.Option(help="local (worker processes here) or ray (a Ray "
                                        "cluster: $RAY_ADDRESS or --ray-address, else a local "
                                        "one).")] = "local",
    config: ConfigOpt = None,
    glob: Annotated[list[str] | None, typer.Option(help="Only files matching this glob when "
                                                   "walking directories (repeatable).")] = None,
    n_process: Annotated[int | None, typer.Option(help="Worker processes (local) or pipeline "
                                                  "actors (ray).")] = None,
    ray_address: Annotated[str | None, typer.Option(help="Ray cluster address (ray engine).")
                           ] = None,
) -> None:
    """Analyse a corpus in bulk and write Parquet (or load a store), locally or on Ray.

    Near-duplicates are marked after the per-document map, across the whole run.
    """
    from detente.ingest.sources import IngestOptions

    cfg = _config(config)
    if engine not in ("local", "ray"):
        raise typer.BadParameter("--engine must be local or ray")
    options = IngestOptions.from_config(cfg, globs=tuple(glob) if glob else None)
    try:
        if engine == "ray":
            from detente.scale.ray_engine import run_ray

            report = run_ray(inputs, output, cfg, options=options,
                             concurrency=n_process or 2, address=ray_address)
        else:
            from detente.scale.local_engine import run_local

            report = run_local(inputs, output, cfg, options=options, n_process=n_process)
    except DetenteError as exc:
        raise _fail(exc) from None
    _print_errors(report.errors)
    out.print(f"{report.documents} analysed, {report.duplicates} near-duplicates, "
              f"{len(report.errors)} failed -> {output} ({engine})")


@app.command()
def analyze(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, URLs or - for stdin.")],
    fmt: Annotated[str, typer.Option("--format", help="json (one object per line) or table.")
                   ] = "json",
    config: ConfigOpt = None,
    indent: Annotated[int | None, typer.Option(help="Pretty-print JSON with this indent.")
                      ] = None,
) -> None:
    """Analyse inputs and print `detente.analysis/1` objects (no database involved)."""
    from detente.ingest.sources import IngestOptions, iter_drafts
    from detente.pipeline.runner import iter_results

    try:
        cfg = _config(config)
        errors: list[ErrorRecord] = []
        drafts = []
        for r in iter_drafts(inputs, IngestOptions.from_config(cfg)):
            (errors if isinstance(r, ErrorRecord) else drafts).append(r)
        for result in iter_results(drafts, config=cfg):
            if result.error:
                errors.append(result.error)
                continue
            data = result.analysis.to_dict()
            if fmt == "table":
                _print_analysis_table(data)
            else:
                out.print(json.dumps(data, ensure_ascii=False, indent=indent), markup=False)
    except DetenteError as exc:
        raise _fail(exc) from None
    _print_errors(errors)
    raise typer.Exit(1 if errors else 0)


def _print_analysis_table(data: dict) -> None:
    doc = data["document"]
    out.rule(f"{doc.get('title') or doc['id']}")
    out.print(f"id {doc['id']} · {doc.get('source') or '?'} · {doc.get('published') or 'undated'}"
              f" · lang {doc.get('language')} · genre {doc.get('genre') or '-'} · quality "
              f"{doc['quality']['score']:.2f}")
    for flag in doc["quality"]["flags"]:
        out.print(f"  flag {flag['kind']} @{flag['start']}: {flag['text'][:70]!r}", markup=False)
    sections = (
        ("actors", lambda a: f"{a['name']} ({a['kind']}, {a.get('code') or '-'}) "
                             f"x{len(a['mentions'])}"),
        ("quotes", lambda q: f"[{q['kind']}] {q['speaker'].get('name') or '?'}: "
                             f"{q['content'][:80]}"),
        ("events", lambda e: f"{e['type']} {e.get('cameo') or ''} {e['modality']}: "
                             f"{e['evidence']['text'][:80]}"),
        ("positions", lambda p: f"{p['party']} {p['value']} {p.get('issue') or ''}"),
    )
    for key, fmt_row in sections:
        rows = data.get(key) or []
        out.print(f"{key}: {len(rows)}")
        for row in rows[:15]:
            out.print(f"  {fmt_row(row)}", markup=False)


# --- the main job on the sample corpus -------------------------------------------------------------


@app.command()
def demo(db: DbOpt = None, config: ConfigOpt = None) -> None:
    """Ingest the bundled sample corpus, analyse and store it, and print a summary."""
    try:
        cfg = _config(config)
        store, report = _run_ingest([str(sample_corpus_path())], db, cfg, glob=SAMPLE_GLOB,
                                    fmt=None,
                                    mapping=None, n_process=None, allow_private=False,
                                    progress=True)
        out.print(f"sample corpus: {report.read} read, {report.stored} newly stored, "
                  f"{report.unchanged} already stored, {report.duplicates} near-duplicates, "
                  f"{report.failed} failed")
        _print_stats(store)
    except DetenteError as exc:
        raise _fail(exc) from None


def _print_stats(store) -> None:
    s = store.stats()
    from detente.store import is_postgres_url

    where = store.path if is_postgres_url(store.path) else Path(store.path).resolve()
    table = Table(title=f"detente store: {where}", show_header=False)
    for key in ("documents", "duplicates", "actors", "quotes", "events", "positions", "errors"):
        table.add_row(key, str(s[key]))
    lo, hi = s["published_range"]
    table.add_row("published", f"{lo or '?'} .. {hi or '?'}")
    table.add_row("outlets", ", ".join(f"{r['source'] or '?'} ({r['documents']})"
                                       for r in s["sources"][:8]))
    table.add_row("languages", ", ".join(f"{k} ({v})" for k, v in s["languages"].items()))
    if s["events_by_type"]:
        table.add_row("events by type", ", ".join(f"{k} {v}" for k, v in
                                                  s["events_by_type"].items()))
    if s["top_actors"]:
        table.add_row("top actors", ", ".join(f"{a['name']} ({a['mentions']})"
                                              for a in s["top_actors"]))
    out.print(table)


@app.command()
def stats(db: DbOpt = None, config: ConfigOpt = None,
          as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Counts of what the store holds: documents, actors, quotes, events, outlets, dates."""
    try:
        store = _store(db, _config(config))
        if as_json:
            out.print(json.dumps(store.stats(), ensure_ascii=False, indent=2), markup=False)
        else:
            _print_stats(store)
    except DetenteError as exc:
        raise _fail(exc) from None


@app.command()
def errors(db: DbOpt = None, config: ConfigOpt = None,
           limit: Annotated[int, typer.Option(help="How many, newest first.")] = 50) -> None:
    """Inputs that failed in earlier runs, with file and reason."""
    try:
        rows = _store(db, _config(config)).errors(limit)
    except DetenteError as exc:
        raise _fail(exc) from None
    for r in rows:
        out.print(f"run {r['run_id']} {r['source']}: {r['message']} [{r['code']}]", markup=False)
    if not rows:
        out.print("no errors recorded")


# --- browsing ---------------------------------------------------------------------------------------


@docs_app.command("list")
def docs_list(db: DbOpt = None, config: ConfigOpt = None,
              source: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
              since: Annotated[str | None, typer.Option(help="Published on/after (ISO).")] = None,
              until: Annotated[str | None, typer.Option(help="Published on/before (ISO).")] = None,
              genre: Annotated[str | None, typer.Option(
                  help="report, analysis or opinion (mixed documents with such a segment "
                       "count).")] = None,
              min_quality: Annotated[float | None, typer.Option(
                  help="Only documents with at least this quality score (0..1).")] = None,
              limit: int = 50, offset: int = 0) -> None:
    """List stored documents, newest first."""
    from detente.views import list_documents

    try:
        rows = list_documents(_store(db, _config(config)), limit=limit, offset=offset,
                              source=source, since=since, until=until, genre=genre,
                              min_quality=min_quality)
    except DetenteError as exc:
        raise _fail(exc) from None
    table = Table("id", "published", "outlet", "title", "genre", "quality", "dup of")
    for r in rows:
        table.add_row(r["id"][:12], (r["published"] or "")[:10], r["source"] or "",
                      (r["title"] or "")[:60], r["genre"] or "", f"{r['quality_score']:.2f}",
                      (r["duplicate_of"] or "")[:12])
    out.print(table)


@docs_app.command("show")
def docs_show(doc_id: Annotated[str, typer.Argument(help="Document id or a unique prefix.")],
              db: DbOpt = None, config: ConfigOpt = None,
              as_json: Annotated[bool, typer.Option("--json", help="Print the analysis JSON.")
                                 ] = False) -> None:
    """Show one stored document with its analysis."""
    try:
        analysis = _store(db, _config(config)).get_analysis(doc_id)
    except DetenteError as exc:
        raise _fail(exc) from None
    data = analysis.to_dict()
    if as_json:
        out.print(json.dumps(data, ensure_ascii=False, indent=2), markup=False)
        return
    _print_analysis_table(data)
    out.print()
    out.print(data["document"]["text"], markup=False)


@app.command("index")
def index_cmd(db: DbOpt = None, config: ConfigOpt = None) -> None:
    """Build semantic-search vectors for stored documents that lack them (resumable)."""
    from detente.search.passages import index_missing

    try:
        docs, passages = index_missing(_store(db, _config(config)))
    except DetenteError as exc:
        raise _fail(exc) from None
    out.print(f"indexed {passages} passages of {docs} documents")


@app.command()
def outlets(db: DbOpt = None, config: ConfigOpt = None,
            as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Per outlet: documents, genre mix, mean quality, and how claims are sourced."""
    from detente.views import outlets as outlet_views

    try:
        data = outlet_views(_store(db, _config(config)))
    except DetenteError as exc:
        raise _fail(exc) from None
    if as_json:
        out.print(json.dumps(data, ensure_ascii=False, indent=2), markup=False)
        return
    table = Table("outlet", "docs", "genres", "quality", "named", "anonymous", "unattributed")
    for name, o in data.items():
        s = o["sourcing"]
        table.add_row(name, str(o["documents"]), ", ".join(f"{k} {v}" for k, v in
                                                           o["genres"].items()),
                      f"{o['mean_quality']:.2f}", str(s.get("named", 0)),
                      f"{o['anonymous_share']:.0%}", f"{o['unattributed_share']:.0%}")
    out.print(table)


@app.command()
def search(query: Annotated[str, typer.Argument(help="FTS5 query: words, \"a phrase\", OR, "
                                                "prefix*.")],
           db: DbOpt = None, config: ConfigOpt = None, limit: int = 20) -> None:
    """Full-text search over stored documents (best matches first)."""
    try:
        rows = _store(db, _config(config)).search(query, limit=limit)
    except DetenteError as exc:
        raise _fail(exc) from None
    for r in rows:
        out.print(f"{r['id'][:12]}  {(r['published'] or '')[:10]}  {r['source'] or ''}  "
                  f"{r['title'] or ''}\n    {r['snippet']}", markup=False)
    if not rows:
        out.print("no matches")


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet; or plover / "
                                     "gdelt for event records.")] = "jsonl",
    table: Annotated[str, typer.Option(help="analyses (full objects), documents, actors, "
                                       "quotes, events or positions.")] = "analyses",
    merged: Annotated[bool, typer.Option("--merged/--mentions", help="plover/gdelt: one "
                                         "record per merged event, or per mention.")] = False,
    file_format: Annotated[str, typer.Option(help="plover/gdelt: jsonl, csv or parquet.")
                           ] = "jsonl",
    output: Annotated[str | None, typer.Option("--output", "-o", help="File to write "
                                               "(default stdout for jsonl/csv).")] = None,
    db: DbOpt = None, config: ConfigOpt = None,
    source: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on/after (ISO).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on/before (ISO).")] = None,
) -> None:
    """Export stored analyses or one fact table as JSONL, CSV or Parquet.

    `--format plover` writes PLOVER-style event records; `--format gdelt` a GDELT-style table
    (actor codes, CAMEO code and root, QuadClass, Goldstein, date, location, source URLs).
    """
    from detente.exports import export_rows, write_rows

    try:
        store = _store(db, _config(config))
        if fmt in ("plover", "gdelt"):
            from detente.events.exports import event_rows
            from detente.events.merge import merge_events

            analyses = store.iter_analyses(source=source, since=since, until=until)
            rows = event_rows(merge_events(analyses) if merged else analyses, fmt)
            n = write_rows(rows, file_format, output)
        else:
            n = export_rows(store, table=table, fmt=fmt, output=output, source=source,
                            since=since, until=until)
    except DetenteError as exc:
        raise _fail(exc) from None
    if output:
        err.print(f"wrote {n} rows to {output}")


@app.command()
def quotes(
    speaker: Annotated[str | None, typer.Option(help="Speaker name or actor id (substring).")
                       ] = None,
    since: Annotated[str | None, typer.Option(help="Published on/after (ISO date).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on/before (ISO date).")] = None,
    kind: Annotated[str | None, typer.Option(help="direct, indirect or mixed.")] = None,
    limit: int = 50,
    db: DbOpt = None, config: ConfigOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON Lines.")] = False,
) -> None:
    """Who said what: stored quotes with speakers, newest first."""
    from detente.views import list_quotes

    try:
        rows = list_quotes(_store(db, _config(config)), speaker=speaker, since=since,
                           until=until, kind=kind, limit=limit)
    except DetenteError as exc:
        raise _fail(exc) from None

    def line(r: dict[str, Any]) -> str:
        stance = f" ({r['stance']})" if r["stance"] else ""
        return (f"{(r['published'] or '')[:10]} {r['source'] or ''} · "
                f"{r['speaker_name'] or '?'} [{r['source_type']}, {r['kind']}]{stance}: "
                f"{r['content']}")

    _print_rows(rows, as_json, line, "quotes")


events_app = typer.Typer(invoke_without_command=True,
                         help="Who did what to whom: event mentions, merged events, detail.")
app.add_typer(events_app, name="events")


@events_app.callback()
def events(
    ctx: typer.Context,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. ASSAULT.")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor name or id (substring).")] = None,
    recipient: Annotated[str | None, typer.Option(help="Recipient name or id.")] = None,
    since: Annotated[str | None, typer.Option(help="Event date on/after (ISO).")] = None,
    until: Annotated[str | None, typer.Option(help="Event date on/before (ISO).")] = None,
    historical: Annotated[bool, typer.Option(help="Include historical events (analogies).")
                          ] = True,
    limit: int = 50,
    db: DbOpt = None, config: ConfigOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON Lines.")] = False,
) -> None:
    """Who did what to whom: stored event mentions with their evidence.

    Subcommands: `show DOC_ID EVENT_ID` (one event, all its reports) and `merged` (events,
    not reports: the same event across articles with every source).
    """
    from detente.views import list_events

    if ctx.invoked_subcommand is not None:
        return
    try:
        rows = list_events(_store(db, _config(config)), type=type_, actor=actor,
                           recipient=recipient, since=since, until=until,
                           include_historical=historical, limit=limit)
    except DetenteError as exc:
        raise _fail(exc) from None
    _print_rows(rows, as_json, lambda r: (
        f"{r['date'] or (r['published'] or '')[:10]} {r['type']} {r['cameo'] or ''} "
        f"{r['modality']}{' historical' if r['historical'] else ''} · "
        f"{','.join(r['actor']) or '?'} -> {','.join(r['recipient']) or '-'} · "
        f"{r['evidence']!r} [{r['document_id'][:12]}]"), "events")


@events_app.command("show")
def events_show(document_id: Annotated[str, typer.Argument(help="Document id (or prefix).")],
                event_id: Annotated[str, typer.Argument(help="Event id, e.g. e3.")],
                db: DbOpt = None, config: ConfigOpt = None,
                as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False
                ) -> None:
    """One event with its evidence, parties, codes, and every other report of it."""
    from detente.events.detail import event_detail

    try:
        store = _store(db, _config(config))
        d = event_detail(store, store.resolve_id(document_id), event_id)
    except DetenteError as exc:
        raise _fail(exc) from None
    if as_json:
        _print_json(d)
        return
    e = d["event"]
    out.print(f"{e['type']} {e.get('cameo') or ''} {e['modality']} · "
              f"{', '.join(a['name'] for a in d['actor']) or '?'} -> "
              f"{', '.join(a['name'] for a in d['recipient']) or '-'} · QuadClass "
              f"{d['quad_class']}, Goldstein {d['goldstein']}\n  "
              f"{d['document']['source'] or ''} {(d['document']['published'] or '')[:10]}: "
              f"{d['evidence']!r}", markup=False)
    for r in d["other_reports"]:
        out.print(f"  also {r['outlet'] or ''} {(r['published'] or '')[:10]} "
                  f"[{r['document_id'][:12]} {r['event_id']}]: {r['evidence']!r}", markup=False)


@events_app.command("merged")
def events_merged(
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER type.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on/after (ISO).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on/before (ISO).")] = None,
    min_sources: Annotated[int, typer.Option(help="Only events reported this many times.")
                           ] = 2,
    limit: int = 50, db: DbOpt = None, config: ConfigOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON Lines.")] = False,
) -> None:
    """Events, not reports: the same event across articles, with all its sources."""
    from detente.events.merge import merge_events, merged_to_row

    try:
        merged = merge_events(_store(db, _config(config)).iter_analyses(since=since,
                                                                        until=until))
    except DetenteError as exc:
        raise _fail(exc) from None
    rows = [merged_to_row(m) for m in merged if m.size >= min_sources
            and (not type_ or m.type == type_.upper())][:limit]
    _print_rows(rows, as_json, lambda r: (
        f"{r['date'] or (r['first_reported'] or '')[:10]} {r['type']} "
        f"{r['cameo'] or ''} · {','.join(r['actor']) or '?'} -> "
        f"{','.join(r['recipient']) or '-'} · {r['sources']} sources "
        f"({', '.join(r['outlets'])}) · {r['evidence']!r}"), "merged events")


@actors_app.command("list")
def actors_list(query: Annotated[str | None, typer.Argument(help="Name filter.")] = None,
                limit: int = 50, db: DbOpt = None, config: ConfigOpt = None) -> None:
    """Actors across the corpus (merged by knowledge-base id), most mentioned first."""
    from detente.views import list_actors

    try:
        rows = list_actors(_store(db, _config(config)), query=query, limit=limit)
    except DetenteError as exc:
        raise _fail(exc) from None
    table = Table("name", "kind", "code", "mentions", "documents")
    for r in rows:
        table.add_row(r["name"], r["kind"] or "", r["code"] or "", str(r["mentions"]),
                      str(r["documents"]))
    out.print(table)


@actors_app.command("show")
def actors_show(name: Annotated[str, typer.Argument(help="Actor name or id.")],
                db: DbOpt = None, config: ConfigOpt = None,
                as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False
                ) -> None:
    """One actor: code, documents, quotes, and events as actor and as recipient."""
    from detente.views import actor_detail

    try:
        data = actor_detail(_store(db, _config(config)), name)
    except DetenteError as exc:
        raise _fail(exc) from None
    if as_json:
        out.print(json.dumps(data, ensure_ascii=False, indent=2), markup=False)
        return
    out.print(f"{data['name']} · {data['kind']} · {data['code'] or '-'} · {data['mentions']} "
              f"mentions in {data['documents'] and len(data['documents'])} documents", markup=False)
    for label in ("quotes", "events_as_actor", "events_as_recipient"):
        out.print(f"{label.replace('_', ' ')}: {len(data[label])}", markup=False)
        for r in data[label][:10]:
            out.print(f"  {(r.get('published') or '')[:10]} "
                      f"{r.get('content') or r.get('evidence')}", markup=False)


@actors_app.command("import")
def actors_import(
    path: Annotated[str, typer.Argument(help="A PETRARCH/TABARI .actors or agents dictionary, "
                                        "or a detente actor YAML file to check.")],
    kind: Annotated[str, typer.Option(help="actors, agents or yaml.")] = "actors",
    output: Annotated[str | None, typer.Option("--output", "-o", help="Where to write the "
                                               "converted YAML (default: PATH.yaml).")] = None,
    config: ConfigOpt = None,
) -> None:
    """Convert a PETRARCH dictionary into a detente actor file and check that it loads.

    Add the written file to `actor_files` under [knowledge] in your config to use it. A YAML
    file is only checked: conflicts with the bundled dictionary are listed.
    """
    import yaml

    from detente.actors import petrarch
    from detente.actors.kb import KnowledgeBase

    try:
        cfg = _config(config)
        if kind == "yaml":
            target = Path(path)
            note = ""
        else:
            if kind == "actors":
                entries = petrarch.import_actors(path)
                text, note = petrarch.to_yaml(entries), f"{len(entries)} actors"
            elif kind == "agents":
                vocab, skipped = petrarch.agents_to_vocabulary(petrarch.import_agents(path))
                text = yaml.safe_dump(vocab, sort_keys=False, allow_unicode=True)
                note = (f"{len(vocab['group_nouns'])} agent nouns "
                        f"({skipped} multi-word phrases skipped)")
            else:
                raise DetenteError(f"unknown --kind {kind!r} (actors, agents or yaml)")
            target = Path(output or f"{path}.yaml")
            target.write_text(text, encoding="utf-8")
        import logging

        logging.getLogger("detente").setLevel(logging.ERROR)  # conflicts are listed below
        kb = KnowledgeBase.load([*cfg.get("knowledge.actor_files"), target])
    except (DetenteError, OSError) as exc:
        raise _fail(exc if isinstance(exc, DetenteError) else DetenteError(str(exc))) from None
    for conflict in kb.conflicts[:10]:
        err.print(f"conflict: {conflict}", markup=False)
    if len(kb.conflicts) > 10:
        err.print(f"... {len(kb.conflicts) - 10} more conflicts", markup=False)
    out.print(f"{target}: loads ({note or 'checked'}); {len(kb.conflicts)} alias conflicts. "
              f"Add it to actor_files under [knowledge] in your config.", markup=False)


def _analyses(db: str | None, config: str | None) -> list:
    return list(_store(db, _config(config)).iter_analyses())


def _sides(config: str | None):
    """The side rules parties are grouped by (user proposal files included)."""
    from detente.negotiation.knowledge import side_rules

    return side_rules(_config(config))


def _print_json(data) -> None:
    out.print(json.dumps(data, ensure_ascii=False, indent=2, default=str), markup=False)


JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@proposals_app.callback()
def proposals(ctx: typer.Context, db: DbOpt = None, config: ConfigOpt = None,
              as_json: JsonOpt = False) -> None:
    """Peace plans, drafts and deals named across the corpus (as `proposals list`).

    Subcommands: `list`, `show ID` (timeline) and `compare A B` (issue by issue).
    """
    if ctx.invoked_subcommand is None:
        proposals_list(db, config, as_json)


@proposals_app.command("list")
def proposals_list(db: DbOpt = None, config: ConfigOpt = None, as_json: JsonOpt = False) -> None:
    """Proposals named across the corpus, merged by proposer, kind, conflict and point count,
    with their aliases (ids like `usa-plan@isr-pse` where one proposer has plans for two wars)."""
    from detente.negotiation.views import list_proposals

    try:
        rows = list_proposals(_analyses(db, config))
    except DetenteError as exc:
        raise _fail(exc) from None
    if as_json:
        _print_json(rows)
        return
    table = Table("id", "name", "conflict", "dates", "docs", "positions", "issues")
    for r in rows:
        table.add_row(r["id"], r["name"], r["conflict"] or "",
                      f"{r['first_date']}..{r['last_date']}", str(r["documents"]),
                      str(r["positions"]), str(len(r["issues"])))
    out.print(table)


@proposals_app.command("show")
def proposals_show(proposal: Annotated[str, typer.Argument(help="Proposal id.")],
                   by: ByOpt = "side", db: DbOpt = None, config: ConfigOpt = None) -> None:
    """One proposal: aliases, issues, and the timeline of positions and events on it (JSON)."""
    from detente.negotiation.views import show_proposal

    try:
        data = show_proposal(_analyses(db, config), proposal, by=by, sides=_sides(config))
    except DetenteError as exc:
        raise _fail(exc) from None
    if data is None:
        raise _fail(DetenteError(f"no proposal {proposal!r} (see `detente proposals list`)"))
    _print_json(data)


@proposals_app.command("compare")
def proposals_compare(a: Annotated[str, typer.Argument(help="First proposal id.")],
                      b: Annotated[str, typer.Argument(help="Second proposal id.")],
                      by: ByOpt = "side", db: DbOpt = None, config: ConfigOpt = None) -> None:
    """Two proposals side by side, issue by issue, with each party's latest position (JSON)."""
    from detente.negotiation.views import compare_proposals

    try:
        data = compare_proposals(_analyses(db, config), a, b, by=by,
                                 sides=_sides(config))
    except KeyError as exc:
        raise _fail(DetenteError(f"no proposal {exc.args[0]!r}")) from None
    except DetenteError as exc:
        raise _fail(exc) from None
    _print_json(data)


@positions_app.callback()
def positions(
    ctx: typer.Context,
    party: Annotated[str | None, typer.Option(help="Party: side code, name or actor id "
                                              "(substring).")] = None,
    issue: Annotated[str | None, typer.Option(help="Issue key, or its first level "
                                              "(security).")] = None,
    proposal: Annotated[str | None, typer.Option(help="Proposal id.")] = None,
    by: ByOpt = "side", db: DbOpt = None, config: ConfigOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON Lines.")] = False,
) -> None:
    """Where each party stands: stored positions, oldest first, with evidence.

    Subcommands: `matrix` (party x issue, latest values) and `changes` (stance changes).
    """
    from detente.negotiation.views import list_positions

    if ctx.invoked_subcommand is not None:
        return
    try:
        rows = list_positions(_analyses(db, config), party=party, issue=issue,
                              proposal=proposal, by=by, sides=_sides(config))
    except DetenteError as exc:
        raise _fail(exc) from None
    _print_rows(rows, as_json, lambda r: (
        f"{r['date']} {r['party_name']} {r['value']} ({r['modality']}) on "
        f"{' / '.join(x for x in (r['proposal'], r['issue']) if x) or '-'} · "
        f"{r['evidence']['text'][:160]!r} [{r['document'][:12]}]"), "positions")


@positions_app.command("matrix")
def positions_matrix(proposal: Annotated[str | None, typer.Option(help="Only positions on "
                                                                  "this proposal.")] = None,
                     by: ByOpt = "side", db: DbOpt = None, config: ConfigOpt = None,
                     as_json: Annotated[bool, typer.Option("--json", help="Print JSON with "
                                                           "history and evidence.")] = False
                     ) -> None:
    """Party x issue matrix: each party's latest position per issue (history in --json)."""
    from detente.negotiation.views import position_matrix

    try:
        data = position_matrix(_analyses(db, config), by=by, proposal=proposal,
                               sides=_sides(config))
    except DetenteError as exc:
        raise _fail(exc) from None
    if as_json:
        _print_json(data)
        return
    table = Table("party", "issue", "latest", "date", "history")
    for cell in _matrix_cells(data):
        table.add_row(cell["party"], cell["issue"], cell["value"], cell["date"] or "",
                      str(cell["history"]))
    out.print(table)


def _matrix_cells(data: dict) -> list[dict]:
    names = {p["id"]: p["name"] for p in data["parties"]}
    return [{"party": names.get(c["party"], c["party"]), "issue": c["issue"], "value": c["value"],
             "date": c["history"][-1].get("date") if c["history"] else None,
             "history": len(c["history"])} for c in data["cells"]]


@positions_app.command("changes")
def positions_changes(by: ByOpt = "side", db: DbOpt = None, config: ConfigOpt = None) -> None:
    """Stance changes of a party on one (proposal, issue), oldest first, with both evidences
    (reporting only; one statement reported twice makes no change)."""
    from detente.negotiation.views import position_changes

    try:
        rows = position_changes(_analyses(db, config), by=by, sides=_sides(config))
    except DetenteError as exc:
        raise _fail(exc) from None
    for r in rows:
        out.print(r["text"], markup=False)
    if not rows:
        out.print("no changes detected")


@app.command("timeline")
def timeline_cmd(proposal: Annotated[str | None, typer.Argument(help="Proposal id (default: "
                                                                 "all proposals).")] = None,
                 by: ByOpt = "side", db: DbOpt = None, config: ConfigOpt = None,
                 as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False
                 ) -> None:
    """Timeline of positions and negotiation events per proposal, oldest first."""
    from detente.negotiation.views import timeline

    try:
        rows = timeline(_analyses(db, config), proposal, by=by, sides=_sides(config))
    except DetenteError as exc:
        raise _fail(exc) from None
    if as_json:
        _print_json(rows)
        return
    for r in rows:
        what = (f"{r['party_name']} {r['value']}" + (f" on {r['issue']}" if r["issue"] else "")
                if r["kind"] == "position" else f"{r['type']} {','.join(r['actor']) or '?'}")
        out.print(f"{r['date'][:10]} {r['proposal']} · {what} · "
                  f"{r['evidence']['text'][:140]!r}", markup=False)
    if not rows:
        out.print(f"no timeline for {proposal!r} (see `detente proposals`)" if proposal
                  else "no proposals with positions or events")


@app.command("matrix")
def matrix_cmd(proposal: Annotated[str, typer.Argument(help="Proposal id (see `detente "
                                                        "proposals`).")],
               by: ByOpt = "side", db: DbOpt = None, config: ConfigOpt = None,
               fmt: Annotated[str, typer.Option("--format", help="table, csv or json (json "
                                                "has history and evidence).")] = "table"
               ) -> None:
    """Party x issue matrix for one proposal: each party's latest value per issue."""
    import csv

    from detente.negotiation.views import matrix_grid, position_matrix

    if fmt not in ("table", "csv", "json"):
        raise _fail(DetenteError(f"unknown format {fmt!r}: table, csv or json"))
    try:
        data = position_matrix(_analyses(db, config), by=by, proposal=proposal,
                               sides=_sides(config))
    except DetenteError as exc:
        raise _fail(exc) from None
    if not data["cells"]:
        raise _fail(DetenteError(f"no positions on proposal {proposal!r} (see `detente "
                                 "proposals`)"))
    grid = matrix_grid(data)
    if fmt == "json":
        _print_json(data)
    elif fmt == "csv":
        csv.writer(sys.stdout, lineterminator="\n").writerows(grid)
    else:
        if len(grid[0]) > len(grid):
            # More issues than parties (the usual case): issues as rows, so the table fits a
            # terminal instead of squeezing a dozen issue columns to a few letters each.
            grid = [["issue", *(row[0] for row in grid[1:])]] + [
                [grid[0][j], *(row[j] for row in grid[1:])] for j in range(1, len(grid[0]))]
        table = Table()
        for header in grid[0]:
            table.add_column(header, overflow="fold")  # wrap long keys, never cut them
        for row in grid[1:]:
            table.add_row(*row)
        out.print(table)


# --- measurement -------------------------------------------------------------------------------------


@app.command()
def bench(
    docs: Annotated[int, typer.Option(help="Documents to process (the sample corpus, "
                                      "repeated).")] = 200,
    n_process: Annotated[int, typer.Option(help="Processes for both runs.")] = 1,
    rounds: Annotated[int, typer.Option(help="Alternating rounds of each run; the fastest "
                                        "round of each is compared.")] = 3,
    config: ConfigOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Full pipeline vs bare spaCy nlp.pipe on the same texts, in one run: words/s, ratio, RSS."""
    from detente.benchmark import run_benchmark

    try:
        result = run_benchmark(_config(config), n_docs=docs, n_process=n_process,
                               rounds=rounds)
    except DetenteError as exc:
        raise _fail(exc) from None
    if as_json:
        out.print(json.dumps(result, indent=2), markup=False)
        return
    for key, value in result.items():
        out.print(f"{key:>28}: {value}", markup=False)


@app.command("eval")
def evaluate(
    name: Annotated[str, typer.Argument(help="Evaluator name, or all.")] = "all",
    split: Annotated[str, typer.Option(help="Gold split: test, dev or all.")] = "test",
    gold: Annotated[str | None, typer.Option(help="Another gold JSONL file.")] = None,
    config: ConfigOpt = None,
    markdown: Annotated[bool, typer.Option(help="Print Markdown tables.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Score detente against gold data: precision, recall and F1 per type."""
    from detente.evaluation import run_evaluation

    try:
        reports = run_evaluation(name, _config(config), split, Path(gold) if gold else None)
    except DetenteError as exc:
        raise _fail(exc) from None
    if as_json:
        out.print(json.dumps([r.to_dict() for r in reports], indent=2), markup=False)
        return
    for report in reports:
        out.print(report.to_markdown(), markup=False)


def _register_serve() -> None:
    from detente.web.cli import serve_command

    app.command("serve")(serve_command)


_register_serve()


def main() -> None:
    try:
        app()
    except DetenteError as exc:  # anything a command did not catch itself
        err.print(f"error: {exc}")
        sys.exit(2)


if __name__ == "__main__":
    main()
