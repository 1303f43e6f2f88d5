"""Evaluators for document analysis: paragraph genre, actor tone, and document genre.

- ``genre.jsonl``: paragraphs written for detente, labelled report / analysis / opinion.
- ``tone.jsonl``: sentences with a target actor, labelled negative / neutral / positive.
- the bundled sample corpus (``data/sample/*.md``): each article's ``genre_hint``.

The genre weights and tone lexicon were tuned on the dev halves only; report the test halves.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from detente.config import Config
from detente.docanalysis.genre import GENRES, GenreModel, split_paragraphs
from detente.docanalysis.knowledge import default_knowledge
from detente.docanalysis.tone import tone_toward
from detente.evaluation.harness import EvalReport, evaluator, gold_path, read_jsonl
from detente.evaluation.metrics import Counts, accuracy

TONES = ("negative", "neutral", "positive")


def _classification_report(name: str, dataset: str, split: str,
                           pairs: list[tuple[dict, str | None]], labels: tuple[str, ...],
                           notes: list[str]) -> EvalReport:
    counts = Counts()
    errors = []
    for row, predicted in pairs:
        gold = row["label"]
        if predicted == gold:
            counts.add(gold, tp=1)
        else:
            counts.add(gold, fn=1)
            if predicted is not None:
                counts.add(predicted, fp=1)
            errors.append({"id": row.get("id"), "gold": gold, "predicted": predicted,
                           "text": row.get("text", "")[:200]})
    correct = sum(1 for row, p in pairs if p == row["label"])
    macro = counts.macro(list(labels))
    return EvalReport(name=name, dataset=dataset, split=split,
                      rows=[r for r in counts.per_label() if r.label in labels],
                      summary={"accuracy": accuracy(correct, len(pairs)), "macro_f1": macro["f1"],
                               "n": float(len(pairs))},
                      notes=notes, errors=errors)


def _rows(path: Path, split: str) -> list[dict]:
    return [r for r in read_jsonl(path) if split in ("all", r.get("split"))]


def evaluate_genre(split: str = "test", gold: Path | None = None) -> EvalReport:
    """Paragraph genre accuracy and macro-F1 on ``genre.jsonl`` (paragraphs in isolation)."""
    model = GenreModel(default_knowledge())
    rows = _rows(gold or gold_path("genre.jsonl"), split)
    pairs = [(r, model.classify(r["text"])) for r in rows]
    return _classification_report(
        "docanalysis.genre", "detente genre paragraphs (written for detente)", split, pairs,
        GENRES, ["Each paragraph is classified alone (no document prior or smoothing).",
                 "Weights fitted on the dev split (python -m detente.docanalysis.fit)."])


def evaluate_tone(split: str = "test", gold: Path | None = None) -> EvalReport:
    """Target-dependent tone accuracy and macro-F1 on ``tone.jsonl``."""
    rows = _rows(gold or gold_path("tone.jsonl"), split)
    pairs = []
    for r in rows:
        out = tone_toward([(0, len(r["text"]), r["text"])], [(r["start"], r["end"])])
        pairs.append((r, out["label"]))
    return _classification_report(
        "docanalysis.tone", "detente actor-tone judgements (written for detente)", split, pairs,
        TONES, ["Experimental. Anchor: NewsMTSC best macro-F1 83.1 (a different, larger set).",
                "Lexicon additions tuned on the dev split."])


def evaluate_document_genre() -> EvalReport:
    """Document genre against the sample corpus's genre_hint (all 18 articles; these were used
    to choose the document-level rule's two thresholds, so this is a dev figure)."""
    import yaml

    model = GenreModel(default_knowledge())
    sample = Path(str(resources.files("detente").joinpath("data", "sample")))
    pairs = []
    for f in sorted(sample.glob("*.md")):
        text = f.read_text("utf-8")
        if not text.startswith("---"):
            continue  # the README
        _, front, body = text.split("---", 2)
        hint = (yaml.safe_load(front) or {}).get("genre_hint")
        if not hint:
            continue
        labelled = model.label(split_paragraphs(body, (), model.heading_max_words))
        pairs.append(({"id": f.name, "label": hint, "text": body[:200]},
                      model.document_genre(labelled)))
    return _classification_report(
        "docanalysis.document_genre", "sample corpus genre_hint", "dev", pairs,
        (*GENRES, "mixed"), ["Used to choose prior_margin and mixed_purity: a dev figure."])


@evaluator("docanalysis")
def docanalysis_eval(config: Config, split: str, gold: Path | None) -> list[EvalReport]:
    """Paragraph genre and tone on the chosen split, plus document genre on the sample corpus."""
    return [evaluate_genre(split, None), evaluate_tone(split, None), evaluate_document_genre()]
