"""The quotes evaluator: matching and speaker rules, the shared hard cases and the seeds."""

from __future__ import annotations

import pytest

from conftest import shared_path
from detente.evaluation.quotes import guide_records, match, score, speaker_correct
from detente.facts import Quote, Speaker
from detente.ingest.document import Draft, make_document
from detente.pipeline import Pipeline


def quote(start: int, end: int, text: str | None = "he", actor: str | None = None,
          name: str | None = "he") -> Quote:
    return Quote("q1", "direct", "x" * (end - start), start, end, Speaker(actor, name, text,
                                                                         "named"))


@pytest.mark.parametrize(("gold", "pred", "pairs"), [
    ((0, 10), (0, 10), 1),
    ((0, 10), (4, 14), 1),   # 6 of 10 characters shared
    ((0, 10), (6, 16), 0),   # 4 of 10
    ((0, 10), (0, 30), 0),   # prediction far longer than gold
])
def test_match_overlap(gold, pred, pairs) -> None:
    g = [{"start": gold[0], "end": gold[1]}]
    assert len(match(g, [quote(*pred)])) == pairs


@pytest.mark.parametrize(("gold", "pred", "kb", "ok"), [
    ({"speaker": "Vladimir Putin", "speaker_text": "he"}, quote(0, 1, "he", "a1", "Vladimir Putin"),
     "vladimir_putin", True),
    ({"speaker": "Dmitry Peskov", "speaker_text": "he"}, quote(0, 1, "he", "a1", "Vladimir Putin"),
     "vladimir_putin", False),
    ({"speaker": "Jane Doe", "speaker_text": "Jane Doe, the journalist"},
     quote(0, 1, "Jane Doe, the journalist", None, "Jane Doe"), None, True),
    ({"speaker": None, "speaker_text": None}, quote(0, 1, None, None, None), None, True),
    ({"speaker": None, "speaker_text": None}, quote(0, 1, "he"), None, False),
    # a gold speaker described with no one named: the phrase is the attribution, and a body
    # resolved on top of it is no error; a phrase gold resolved to someone needs the name
    ({"speaker": "a Kremlin spokesman", "speaker_text": "a Kremlin spokesman"},
     quote(0, 1, "a Kremlin spokesman", "RUSGOV", "Russia (GOV)"), "RUSGOV", True),
    ({"speaker": "The Kremlin", "speaker_text": "The Kremlin"},
     quote(0, 1, "Ukraine's security service", "UKRSPY", "Ukraine (SPY)"), "UKRSPY", False),
])
def test_speaker_correct(gold, pred, kb, ok) -> None:
    assert speaker_correct(gold, pred, kb) is ok


@pytest.fixture(scope="module")
def full(config) -> Pipeline:
    return Pipeline(config.with_overrides(
        **{"pipeline.stages": ["clean", "language", "nlp", "actors", "quotes"]}))


@pytest.mark.slow
@pytest.mark.shared
def test_guardian_guide_scores(full: Pipeline) -> None:
    report = score(full, guide_records(shared_path("eval", "quotes_guardian_guide.jsonl")),
                   "guide", "all")
    assert report.summary["quote_f1"] >= 0.85
    assert report.summary["speaker_accuracy"] >= 0.88


SEEDS = {
    "000_a7288fce7a1ab3ef.txt": [("Vladimir Putin", "just not enough"),
                                 ("Vladimir Putin", "existential threat"),
                                 ("Dmitry Peskov", "absolutely untrue"),
                                 ("Mykhailo Podolyak", "never been interested")],
    "001_b336b5165bf0e9fe.txt": [("Vladimir Putin", "some aspects of the U.S. proposal"),
                                 ("Vladimir Putin", "“necessary” and “useful,”")],
    "002_f149d07a8263552c.txt": [("Yuri Ushakov", "elements of the proposed agreement")],
    "003_b1bbfed955a06196.txt": [("Vladimir Putin", "could be a foundation")],
}


@pytest.mark.slow
@pytest.mark.shared
@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_speakers(full: Pipeline, name: str) -> None:
    text = shared_path("seeds", name).read_text("utf-8")
    (result,) = full.process([make_document(Draft(text=text, origin=name))])
    found = {(q.speaker.name, q.content) for q in result.quotes}
    for speaker, fragment in SEEDS[name]:
        assert any(s == speaker and fragment in c for s, c in found), (speaker, fragment)
