"""The actors stage: knowledge base and resolver as per-process resources, one pass per doc."""

from __future__ import annotations

from detente.actors.kb import KnowledgeBase
from detente.actors.resolve import Resolver
from detente.config import Config
from detente.pipeline.registry import Context, WorkItem, resource, stage


@resource("actor_kb")
def _actor_kb(config: Config) -> KnowledgeBase:
    return KnowledgeBase.load(config.get("knowledge.actor_files"))


@resource("actor_resolver")
def _actor_resolver(config: Config, ctx: Context) -> Resolver:
    # The events gazetteer tells places that NER calls people ("shelled Kismayo").
    return Resolver(ctx.get("actor_kb"), places=ctx.get("event_gazetteer").lookup)


@stage("actors", requires=("doc",), assigns=("actors",))
def actors(items: list[WorkItem], ctx: Context) -> None:
    """Find actor mentions (names, titles, metonyms, groups, sources, pronouns) and resolve them."""
    resolver: Resolver = ctx.get("actor_resolver").bind(ctx.get("nlp"))
    for item in items:
        if item.doc is None:
            continue
        item.actors = resolver.resolve(item.doc, item.document.published,
                                       item.document.excluded_spans())
