"""The docanalysis stage: genre segments, text quality, sourcing profile and tone."""

from __future__ import annotations

from detente.clean.quality import score
from detente.config import Config
from detente.docanalysis.garbling import garbling_flags, known_names
from detente.docanalysis.genre import GenreModel, segment_genre_at, split_paragraphs
from detente.docanalysis.knowledge import Knowledge, load_knowledge
from detente.docanalysis.profile import actor_tones
from detente.docanalysis.sourcing import sourcing_profile, split_lines
from detente.facts import Actor, Quality, Span
from detente.pipeline.registry import Context, WorkItem, resource, stage

# spaCy entity labels used as tone targets when no actors stage ran.
_TARGET_LABELS = ("PERSON", "ORG", "GPE", "NORP")


@resource("docanalysis")
def _docanalysis(config: Config) -> tuple[Knowledge, GenreModel]:
    try:
        extra = config.get("knowledge.docanalysis_files")
    except KeyError:  # the setting is optional
        extra = []
    kb = load_knowledge(extra)
    return kb, GenreModel(kb)


@stage("docanalysis", requires=("doc",), assigns=("document.genre", "document.segments"))
def docanalysis(items: list[WorkItem], ctx: Context) -> None:
    """Label paragraphs report/analysis/opinion, merge them into segments, flag garbled text,
    and profile sourcing and tone (in ``scratch``)."""
    kb, model = ctx.get("docanalysis")
    for item in items:
        analyse(item, kb, model)


def analyse(item: WorkItem, kb: Knowledge, model: GenreModel) -> None:
    """Run docanalysis on one work item (also usable without the pipeline)."""
    doc = item.document
    paragraphs = model.label(split_paragraphs(doc.text, doc.excluded_spans(),
                                              model.heading_max_words))
    # Names the actors stage resolved to the knowledge base are real people or places, never
    # substitutes for another name.
    known = known_names(item.actors)
    flags = sorted({*doc.quality.flags, *garbling_flags(doc.text, paragraphs, kb, known)},
                   key=lambda f: (f.start, f.end, f.kind))
    doc = doc.replace(genre=model.document_genre(paragraphs),
                      segments=tuple(model.segments(paragraphs)),
                      quality=Quality(score=score(flags), flags=tuple(flags)))
    item.document = doc
    # Slicing the text: Span.text rebuilds each sentence from its tokens.
    text = doc.text
    sentences = split_lines([(s.start_char, s.end_char, text[s.start_char:s.end_char])
                             for s in item.sentences()])
    sourcing = sourcing_profile(doc.text, sentences, item.quotes, item.actors,
                                lambda off: segment_genre_at(doc, off), kb)
    targets = item.actors or _entity_targets(item)
    item.scratch["sourcing"] = sourcing
    tones = actor_tones(doc.text, sentences, targets, item.quotes, kb)
    item.scratch["tone"] = tones
    item.document = doc.replace(sourcing=sourcing.get("counts"))
    item.actors = [a.replace(tone=_tone_summary(tones[a.id])) if a.id in tones else a
                   for a in item.actors]
    # Events were found before this stage: mark the segment each sits in, so consumers can tell
    # an event reported as news from one asserted in an opinion paragraph.
    item.events = [e.replace(segment_genre=segment_genre_at(doc, e.evidence.start))
                   for e in item.events]
    item.scratch["event_genres"] = {e.id: e.segment_genre for e in item.events}
    item.scratch["paragraphs"] = [
        {"start": p.start, "end": p.end, "kind": p.kind, "genre": p.genre,
         "scores": dict(p.scores)} for p in paragraphs]


def _tone_summary(tone: dict) -> dict:
    """What goes on the Actor: the label, score and evidence sentences (not the scratch detail)."""
    return {k: tone[k] for k in ("label", "score", "evidence", "status") if k in tone}


def _entity_targets(item: WorkItem) -> list[Actor]:
    """Stand-in actors from named entities (grouped by text) when the actors stage did not run."""
    if item.doc is None:
        return []
    groups: dict[str, list[Span]] = {}
    for ent in item.doc.ents:
        if ent.label_ in _TARGET_LABELS and not item.excluded(ent.start_char, ent.end_char):
            groups.setdefault(ent.text, []).append(Span(ent.start_char, ent.end_char, ent.text))
    return [Actor(id=f"ent:{name}", name=name, kind="unknown", mentions=tuple(spans))
            for name, spans in groups.items()]
