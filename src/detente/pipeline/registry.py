"""Stage and resource registries, the per-document work item, and the per-process context.

A stage is a function ``f(items: list[WorkItem], ctx: Context) -> None`` that fills fields of
the work items of one batch. It is registered with the names of what it requires and assigns,
so a pipeline can check its order before running, and so the same stage runs unchanged
in-process, in worker processes (``n_process``) or in Ray actors: it only sees a batch and a
context holding resources (the spaCy model, the knowledge base) loaded once per process.
"""

from __future__ import annotations

import gc
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from detente.config import Config
from detente.errors import PipelineError
from detente.facts import Actor, Analysis, Document, Event, Position, Proposal, Quote

StageFunc = Callable[[list["WorkItem"], "Context"], None]

# What a document brings before any stage runs.
PROVIDED = frozenset({"document.text", "document.metadata"})


@dataclass(frozen=True)
class StageSpec:
    name: str
    func: StageFunc
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    doc: str = ""


STAGES: dict[str, StageSpec] = {}
RESOURCES: dict[str, Callable[..., Any]] = {}


def stage(name: str, *, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()
          ) -> Callable[[StageFunc], StageFunc]:
    """Register a batch stage under ``name``."""

    def register(func: StageFunc) -> StageFunc:
        STAGES[name] = StageSpec(name, func, tuple(requires), tuple(assigns),
                                 (func.__doc__ or "").strip().split("\n")[0])
        return func

    return register


def resource(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a factory for a per-process resource (built on first use, then reused).

    The factory takes the config, or ``(config, ctx)`` when it builds on another resource
    (``ctx.get("actor_kb")``), so shared resources are built once per process.
    """

    def register(factory: Callable[[Config], Any]) -> Callable[[Config], Any]:
        RESOURCES[name] = factory
        return factory

    return register


class Context:
    """Config plus lazily built resources; one per process."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._cache: dict[str, Any] = {}

    def get(self, name: str) -> Any:
        if name not in self._cache:
            if name not in RESOURCES:
                raise PipelineError(f"no resource named {name!r}")
            factory = RESOURCES[name]
            wants_ctx = len(inspect.signature(factory).parameters) > 1
            self._cache[name] = factory(self.config, self) if wants_ctx else factory(self.config)
            # Resources live as long as the process (knowledge bases, gazetteers, models: some
            # hundred thousand objects). Moving them out of the garbage collector's view means
            # its full collections no longer walk them over and over while documents flow.
            gc.freeze()
        return self._cache[name]


@dataclass
class WorkItem:
    """A document on its way through the stages: the mutable scratch pad behind an Analysis."""

    document: Document
    doc: Any = None  # spaCy Doc, assigned by the "nlp" stage
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    # Stage-to-stage data that is not part of the contract (e.g. the mention index).
    scratch: dict[str, Any] = field(default_factory=dict)

    def excluded(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps a boilerplate line: stages skip such text."""
        return any(s < end and start < e for s, e in self.document.excluded_spans())

    def sentences(self) -> list[Any]:
        """The parsed sentences that analysis should look at (boilerplate left out)."""
        if self.doc is None:
            return []
        spans = self.document.excluded_spans()  # once, not per sentence
        return [s for s in self.doc.sents
                if not any(a < s.end_char and s.start_char < b for a, b in spans)]

    def to_analysis(self) -> Analysis:
        return Analysis(
            document=self.document,
            actors=tuple(self.actors),
            quotes=tuple(self.quotes),
            events=tuple(self.events),
            proposals=tuple(self.proposals),
            positions=tuple(self.positions),
        )


def resolve_stages(names: list[str] | tuple[str, ...]) -> list[StageSpec]:
    """Look up stages by name and check each one's requirements are met by earlier stages."""
    import detente.stages  # noqa: F401  (registers the bundled stages)

    available = set(PROVIDED)
    specs = []
    for name in names:
        if name not in STAGES:
            known = ", ".join(sorted(STAGES))
            raise PipelineError(f"unknown stage {name!r} (known: {known})")
        spec = STAGES[name]
        missing = [r for r in spec.requires if r not in available]
        if missing:
            raise PipelineError(f"stage {name!r} requires {missing} which no earlier stage assigns")
        available.update(spec.assigns)
        specs.append(spec)
    return specs
