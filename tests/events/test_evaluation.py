"""The events evaluator: split by id hash, primary-event choice, and the stand-in actors."""

import pytest

from detente.evaluation.events import fallback_actors, primary_event, split_of
from detente.facts import Event, Span

EV = Span(0, 1, "x")


@pytest.mark.parametrize("rid", ["PLOVER-GSR01-AGREE-0001", "a", "b", "c"])
def test_split_is_stable(rid):
    assert split_of(rid) in ("dev", "test") and split_of(rid) == split_of(rid)


def test_primary_event_is_most_confident_then_first():
    a = Event("e1", "REJECT", EV, confidence=0.6)
    b = Event("e2", "ASSAULT", EV, confidence=0.7)
    c = Event("e3", "AGREE", EV, confidence=0.7)
    assert primary_event([a, b, c]) is b
    assert primary_event([]) is None


@pytest.mark.parametrize("text,country", [("Russian troops", "RUS"), ("talks in Kyiv", "UKR")])
def test_fallback_actors(text, country):
    assert any(a.country == country for a in fallback_actors(text))
