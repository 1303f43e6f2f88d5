"""Hand-built analyses for the merge, export and detail tests."""

from __future__ import annotations

import numpy as np

from detente.facts import Actor, Analysis, Document, Event, EventDate, Span
from detente.ingest.document import Draft, make_document

ACTORS = {
    "putin": Actor("a1", "Vladimir Putin", "person", country="RUS", sector="GOV",
                   code="RUSGOV", kb_id="vladimir_putin"),
    "witkoff": Actor("a2", "Steve Witkoff", "person", country="USA", sector="GOV",
                     code="USAGOV", kb_id="steve_witkoff"),
    "kremlin": Actor("a3", "Russia (GOV)", "state", country="RUS", sector="GOV",
                     code="RUSGOV", kb_id="RUS"),
    "israel": Actor("a4", "Israel", "state", country="ISR", code="ISR", kb_id="ISR"),
    "hamas": Actor("a5", "Hamas", "group", country="PSE", sector="INS", code="PSEINS",
                   kb_id="hamas"),
}


def analysis(doc_id: str, published: str, events: list[tuple], outlet: str = "Outlet"
             ) -> Analysis:
    """events: (type, sentence, actor keys, recipient keys, modality, date)."""
    text = " ".join(e[1] for e in events)
    used = {k for e in events for k in (*e[2], *e[3])}
    evs, pos = [], 0
    for n, (etype, sentence, actor, recipient, modality, when) in enumerate(events, 1):
        evs.append(Event(id=f"e{n}", type=etype, cameo="040" if etype == "CONSULT" else None,
                         evidence=Span(pos, pos + len(sentence), sentence),
                         actor=tuple(ACTORS[k].id for k in actor),
                         recipient=tuple(ACTORS[k].id for k in recipient), modality=modality,
                         date=EventDate(when, "day") if when else None))
        pos += len(sentence) + 1
    doc = Document(id=doc_id, text=text, published=published, source=outlet,
                   url=f"https://{outlet.lower()}.example/{doc_id}")
    return Analysis(document=doc, actors=tuple(ACTORS[k] for k in sorted(used)),
                    events=tuple(evs))


MET = "Putin met U.S. envoy Steve Witkoff in the Kremlin for five hours on Tuesday."
MET2 = "Vladimir Putin held five hours of talks with Witkoff at the Kremlin on Tuesday."
STRIKE = "Israel struck targets in Gaza after accusing Hamas of violating the truce."


def corpus() -> list[Analysis]:
    return [
        analysis("d1", "2025-12-03T06:30:00+00:00",
                 [("CONSULT", MET, ["putin"], ["witkoff"], "asserted", "2025-12-02")], "Ledger"),
        analysis("d2", "2025-12-03", [("CONSULT", MET2, ["kremlin"], ["witkoff"], "asserted",
                                       None)], "Wire"),
        # Same words, but a month later: another meeting.
        analysis("d3", "2026-01-10", [("CONSULT", MET, ["putin"], ["witkoff"], "asserted",
                                       "2026-01-09")], "Ledger"),
        # Same day, same type, other parties: never the same event.
        analysis("d4", "2025-12-03", [("CONSULT", MET, ["israel"], ["hamas"], "asserted",
                                       None)], "Post"),
        # "did not meet" is not "met".
        analysis("d5", "2025-12-03", [("CONSULT", MET, ["putin"], ["witkoff"], "negated",
                                       None)], "Gazette"),
        analysis("d6", "2025-12-03", [("ASSAULT", STRIKE, ["israel"], ["hamas"], "asserted",
                                       None)], "Post"),
    ]


def vectors(similar: dict[frozenset[str], float]):
    """An embedder where listed pairs of texts have the given cosine, all else 0."""
    def embed(texts: list[str]) -> np.ndarray:
        n = len(texts)
        gram = np.eye(n)
        for a in range(n):
            for b in range(n):
                if a != b:
                    gram[a, b] = similar.get(frozenset((texts[a], texts[b])), 0.0)
        # Factor the Gram matrix so dot products reproduce it.
        w, v = np.linalg.eigh(gram)
        return (v * np.sqrt(np.clip(w, 0, None))).astype(np.float32)
    return embed


def analyse(pipeline, text: str) -> Analysis:
    """One document through the full pipeline (published 2025-11-27)."""
    return pipeline.process([make_document(Draft(text=text, origin="t",
                                                 published="2025-11-27"))])[0]


def countries(analysis: Analysis, ids) -> set[str | None]:
    """The countries of the actors ``ids`` name."""
    actors = {a.id: a for a in analysis.actors}
    return {actors[i].country for i in ids}
