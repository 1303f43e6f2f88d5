"""The pipeline framework: registered stages over batches of documents."""

from detente.pipeline.registry import STAGES, Context, StageSpec, WorkItem, resource, stage
from detente.pipeline.runner import Pipeline, analyze, analyze_many, iter_results

__all__ = [
    "STAGES",
    "Context",
    "Pipeline",
    "StageSpec",
    "WorkItem",
    "analyze",
    "analyze_many",
    "iter_results",
    "resource",
    "stage",
]
