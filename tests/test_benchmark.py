"""`detente bench` bookkeeping: alternating rounds, best-of-N and median ratios (no model)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

import detente.benchmark as bench
from detente.config import Config


class _FakePipeline:
    def __init__(self, config) -> None:
        self.config = config
        self.timings = {"nlp": 0.0, "docanalysis": 0.0}
        self.names = list(self.timings)


@pytest.mark.parametrize("rounds", [1, 3])
def test_rounds_best_and_median(monkeypatch: pytest.MonkeyPatch, rounds: int) -> None:
    # Each run takes a scripted time: spaCy 2, 1, 3 s; the pipeline 4, 5, 2 s.
    spacy, full = iter([2.0, 1.0, 3.0]), iter([4.0, 5.0, 2.0])
    now = {"t": 0.0}
    calls: list[str] = []

    def perf_counter() -> float:
        return now["t"]

    def fake_pipe(texts, **kwargs):
        calls.append("spacy")
        if kwargs.get("n_process") is not None:  # a timed run, not the warm-up
            now["t"] += next(spacy)
        return iter(texts)

    def fake_results(texts, **kwargs):
        texts = list(texts)
        if not texts[0].endswith("(warm-up)"):
            calls.append("pipeline")
            now["t"] += next(full)
        return iter(SimpleNamespace(error=None) for _ in texts)

    monkeypatch.setattr(bench, "sample_texts", lambda n: ["one two three"] * n)
    monkeypatch.setattr(bench, "load_nlp", lambda config: SimpleNamespace(pipe=fake_pipe))
    monkeypatch.setattr(bench, "Pipeline", _FakePipeline)
    monkeypatch.setattr(bench, "iter_results", fake_results)
    monkeypatch.setattr(bench.time, "perf_counter", perf_counter)
    # CPU time: half the wall time of each run (one of two cores busy).
    monkeypatch.setattr(bench, "_cpu_seconds", lambda: now["t"] / 2)
    result = bench.run_benchmark(Config(), n_docs=10, rounds=rounds)
    assert calls[1:] == ["spacy", "pipeline"] * rounds  # after the warm-up, alternating
    assert result["rounds"] == rounds
    assert len(result["spacy_seconds_per_round"]) == rounds
    expected = {1: (2.0 / 4.0, 2.0 / 4.0), 3: (1.0 / 2.0, 2.0 / 4.0)}[rounds]
    assert result["ratio_pipeline_to_spacy"] == pytest.approx(expected[0])
    assert result["ratio_median"] == pytest.approx(expected[1])
    assert result["ratio_cpu"] == pytest.approx(expected[0])
    assert result["pipeline_cpu_seconds_per_round"] == [
        t / 2 for t in result["pipeline_seconds_per_round"]]
    assert result["spacy_words_per_s"] == round(30 / min(result["spacy_seconds_per_round"]))
    for key in ("pipeline_words_per_s", "stage_seconds", "failed_documents", "words"):
        assert key in result
