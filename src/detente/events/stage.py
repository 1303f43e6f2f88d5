"""The events stage: who did what to whom, when and where, per document."""

from __future__ import annotations

from detente.config import Config
from detente.events.extract import Extractor
from detente.events.patterns import event_knowledge_resource
from detente.events.places import gazetteer_resource
from detente.pipeline.registry import Context, WorkItem, resource, stage


@resource("event_extractor")
def extractor_resource(config: Config, ctx: Context) -> Extractor:
    """The per-process extractor: pattern indexes now, the gazetteer on first place name and
    the actor knowledge base (states that places stand for) on first use."""
    return Extractor(event_knowledge_resource(config), lambda: gazetteer_resource(config),
                     lambda code: ctx.get("actor_kb").get(code))


@stage("events", requires=("doc", "actors"), assigns=("events", "actors"))
def events_stage(items: list[WorkItem], ctx: Context) -> None:
    """Extract PLOVER events (with CAMEO codes, modality, dates, places) from each document.

    Also assigns actors: a place standing for its country as a party ("shelled Juba")
    becomes a state actor with a mention at the place.
    """
    extractor: Extractor = ctx.get("event_extractor")
    for item in items:
        item.events = extractor.extract(item)
