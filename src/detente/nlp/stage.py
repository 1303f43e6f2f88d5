"""The parse stage: one spaCy ``nlp.pipe`` call per batch."""

from __future__ import annotations

from detente.config import Config
from detente.errors import AnalysisError
from detente.nlp.backbone import TEXT_KEY, load_nlp
from detente.pipeline.registry import Context, WorkItem, resource, stage


@resource("nlp")
def _nlp(config: Config):
    return load_nlp(config)


@stage("nlp", requires=("document.text",), assigns=("doc",))
def parse(items: list[WorkItem], ctx: Context) -> None:
    """Tokenise, tag, parse and run NER over the whole text (offsets stay document offsets)."""
    nlp = ctx.get("nlp")
    limit = int(ctx.config.get("nlp.max_chars"))
    for item in items:
        if len(item.document.text) > limit:
            raise AnalysisError(f"text of {len(item.document.text):,} characters exceeds "
                                f"nlp.max_chars ({limit:,})", source=item.document.origin)
    batch_size = int(ctx.config.get("nlp.batch_size"))
    for item, doc in zip(items, nlp.pipe((i.document.text for i in items), batch_size=batch_size),
                         strict=True):
        doc.user_data[TEXT_KEY] = item.document.text  # what doc_text() returns, known already
        item.doc = doc
