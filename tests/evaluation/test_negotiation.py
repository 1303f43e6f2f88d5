"""Position scoring: how predictions are paired with gold positions."""

from __future__ import annotations

import pytest

from detente.evaluation.negotiation import score
from detente.facts import Actor, Analysis, Document, Position, Span

TEXT = "Lima said it could send troops, but it ruled out a referendum."
SENTENCE = Span(0, len(TEXT), TEXT)
PERU = Actor(id="PER", name="Peru", kind="state", country="PER", code="PER")


def _gold(value: str, evidence: str, issue: str | None) -> dict:
    return {"party": "PER", "value": value, "proposal": None, "issue": issue,
            "evidence": evidence}


GOLD = [_gold("proposes", "could send troops", "security.foreign_presence"),
        _gold("red_line", "ruled out a referendum", "governance.referendum")]


def _analysis(*values_issues: tuple[str, str | None]) -> Analysis:
    return Analysis(document=Document(id="d", text=TEXT), actors=(PERU,), positions=tuple(
        Position(party="PER", value=v, evidence=SENTENCE, issue=i) for v, i in values_issues))


@pytest.mark.parametrize(("predicted", "value_accuracy", "tuple_accuracy", "precision"), [
    # one stance found, the second of the sentence: it pairs with the gold stance it states,
    # not with the first gold stance of the sentence
    ([("red_line", "governance.referendum")], 0.5, 0.5, 1.0),
    # both found, listed in the other order
    ([("red_line", "governance.referendum"), ("proposes", "security.foreign_presence")],
     1.0, 1.0, 1.0),
    # right value, wrong issue: counts for value, not for the tuple
    ([("proposes", None)], 0.5, 0.0, 1.0),
    # a value no gold stance has: a wrong value on one gold stance, no false positive
    ([("rejects", None)], 0.0, 0.0, 1.0),
    # a prediction beyond the gold stances of the sentence is a false positive
    ([("proposes", "security.foreign_presence"), ("red_line", "governance.referendum"),
      ("supports", None)], 1.0, 1.0, 2 / 3),
])
def test_pairing(predicted, value_accuracy, tuple_accuracy, precision) -> None:
    report = score([_analysis(*predicted)], [{"id": "r", "positions": GOLD}], "dev")
    assert report.summary["value_accuracy"] == pytest.approx(value_accuracy, abs=1e-3)
    assert report.summary["full_tuple_accuracy"] == pytest.approx(tuple_accuracy, abs=1e-3)
    assert report.summary["precision"] == pytest.approx(precision, abs=1e-3)
