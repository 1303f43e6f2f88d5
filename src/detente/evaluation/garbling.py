"""Scores the garbled-text detectors against ``garbling.jsonl`` (snippets written for detente).

Each record is a short text with the flags a careful reader would raise: ``name_variant`` (one
entity spelled several ways), ``tortured_phrase`` (an idiom with a word swapped), foreign-script
debris and truncated sentences. Clean controls include hard cases: two different people with the
same given name, two officials with the same role, legitimate idiom variants. The detectors are
the foundation's (:func:`detente.clean.quality.garbling_flags`) plus the docanalysis ones
(:func:`detente.docanalysis.garbling.garbling_flags`), run on the text alone.
"""

from __future__ import annotations

from pathlib import Path

from detente.clean.quality import garbling_flags as foundation_flags
from detente.config import Config
from detente.docanalysis.garbling import garbling_flags
from detente.docanalysis.genre import split_paragraphs
from detente.docanalysis.knowledge import load_knowledge
from detente.evaluation.harness import EvalReport, evaluator, gold_path
from detente.evaluation.quality import flag_report

# The foundation's "truncated" (the text's last line) and the docanalysis "truncated_sentence"
# (a line inside the text) are one kind for a reader: a sentence that stops mid-way.
_SAME_KIND = {"truncated": "truncated_sentence"}


@evaluator("garbling")
def evaluate_garbling(config: Config, split: str, gold: Path | None) -> EvalReport:
    """Per-kind precision, recall and F1 of the garbling flags (kind equal, spans overlap)."""
    try:
        extra = config.get("knowledge.docanalysis_files")
    except KeyError:  # the setting is optional
        extra = []
    kb = load_knowledge(extra)

    def predict(text: str) -> set[tuple[str, int, int]]:
        flags = [*foundation_flags(text), *garbling_flags(text, split_paragraphs(text), kb)]
        return {(_SAME_KIND.get(f.kind, f.kind), f.start, f.end) for f in flags}

    report = flag_report("garbling", "detente garbled-text snippets (written for detente)",
                         split, gold or gold_path("garbling.jsonl"), predict)
    report.notes.append("detectors tuned on the dev split only")
    return report
