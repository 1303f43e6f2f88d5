"""The quotes stage: direct, indirect and mixed speech with speakers and stance."""

from __future__ import annotations

from detente.config import Config
from detente.pipeline.registry import Context, WorkItem, resource, stage
from detente.quotes.extract import extract_quotes
from detente.quotes.lexicon import CueLexicon


@resource("quote_cues")
def _cues(config: Config) -> CueLexicon:
    # "knowledge.quote_files" is optional so older config files keep working.
    extra = config.section("knowledge").get("quote_files", [])
    return CueLexicon.load(extra)


@stage("quotes", requires=("doc",), assigns=("quotes",))
def quotes(items: list[WorkItem], ctx: Context) -> None:
    """Find who said what: quotes with speakers (via the actors stage when it ran) and stance."""
    lex: CueLexicon = ctx.get("quote_cues")
    for item in items:
        if item.doc is None:
            continue
        item.quotes = extract_quotes(item, lex)
