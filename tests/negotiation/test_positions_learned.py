"""Positions from the classifier path: cue-only switch and positions with no target."""

import pytest

from detente.ingest.document import Draft, make_document
from detente.negotiation.positions import collect_positions
from detente.negotiation.proposals import build_proposals, find_mentions, side_of
from detente.pipeline import Pipeline
from detente.pipeline.registry import WorkItem

STAGES = ["clean", "language", "nlp", "actors", "quotes", "events", "docanalysis"]


@pytest.fixture(scope="module")
def parsed(config):
    """``parsed(text)`` -> (work item, KB) run through the stages before positions."""
    pipe = Pipeline(config.with_overrides(**{"pipeline.stages": STAGES}))

    def parse(text: str):
        item = WorkItem(make_document(Draft(text=text, origin="t", published="2025-11-27")))
        for spec in pipe.stages:
            spec.func([item], pipe.context)
        return item, pipe.context.get("negotiation_kb")

    return parse


def _values(parsed, text: str, model) -> set[tuple[str, str]]:
    item, kb = parsed(text)
    mentions = find_mentions(item, kb)
    found, pending = collect_positions(item, kb, mentions, build_proposals(item, kb, mentions),
                                       model=model)
    actors = {a.id: a for a in item.actors}
    return {(side_of(actors[f.position.party]), f.position.value)
            for f in found + [f for f, _ in pending]}


def test_without_a_model_only_cue_clauses_count(parsed) -> None:
    # "agreed" at a clause end matches no cue: only the classifier could make it a position
    assert _values(parsed, "Armenia agreed.", model=False) == set()


@pytest.mark.parametrize("text, expected", [
    # a cue with the party as subject of its own verb: kept with no proposal or issue
    ("Armenia welcomed the opening of new transit routes.", ("ARM", "supports")),
])
def test_untargeted_stance_of_the_subject(run, text, expected) -> None:
    analysis = run(text)
    assert expected in {(side_of(analysis.actor(p.party)), p.value) for p in analysis.positions}


@pytest.mark.parametrize("text", [
    # a proposal with no content named says nothing
    "Belarus suggested that the drones had lost their way.",
    # a passive verb: the party sits in a by-phrase of what someone else said
    "He said the final text would have to be approved by the presidents.",
])
def test_no_untargeted_position_without_an_own_stance(run, text) -> None:
    assert not [p for p in run(text).positions if p.proposal is None and p.issue is None]
