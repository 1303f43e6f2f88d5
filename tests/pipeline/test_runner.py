import pytest

from detente.config import Config
from detente.errors import AnalysisError, PipelineError
from detente.facts import SCHEMA
from detente.pipeline import STAGES, Pipeline, analyze_many, iter_results, stage

LIGHT = Config().with_overrides(**{"pipeline.stages": ["clean", "language"]})


@stage("test_explode", requires=("document.text",), assigns=("nothing",))
def _explode(items, ctx) -> None:
    """Fails on any document containing the word BOOM (to test the error policy)."""
    for item in items:
        if "BOOM" in item.document.text:
            raise ValueError("boom")


def test_stage_order_is_checked() -> None:
    with pytest.raises(PipelineError, match="unknown stage"):
        Pipeline(Config(), ["language", "stage_that_does_not_exist"])
    STAGES.pop("test_needs_doc", None)
    stage("test_needs_doc", requires=("doc",))(lambda items, ctx: None)
    with pytest.raises(PipelineError, match="requires \\['doc'\\]"):
        Pipeline(Config(), ["clean", "test_needs_doc"])


def test_one_bad_document_does_not_stop_the_batch() -> None:
    cfg = LIGHT.with_overrides(**{"pipeline.stages": ["clean", "test_explode", "language"]})
    results = list(iter_results(["Kyiv said yes.", "BOOM goes the text.", "Moscow said no."],
                                config=cfg))
    assert [r.analysis is not None for r in results] == [True, False, True]
    assert results[1].error.code == "internal_error" and "test_explode" in results[1].error.message
    assert results[2].analysis.document.language == "en"


@pytest.mark.parametrize(
    ("policy", "expected"), [("skip", 2), (list.append, 2)],
)
def test_error_policies(policy, expected) -> None:
    cfg = LIGHT.with_overrides(**{"pipeline.stages": ["test_explode"]})
    seen: list = []
    on_error = (lambda e: seen.append(e)) if policy is list.append else policy
    out = list(analyze_many(["ok one", "BOOM", "ok two"], config=cfg, on_error=on_error))
    assert len(out) == expected
    if policy is list.append:
        assert len(seen) == 1
    with pytest.raises(AnalysisError, match="boom"):
        list(analyze_many(["BOOM"], config=cfg, on_error="raise"))


def test_inputs_of_every_kind() -> None:
    items = ["plain text here", {"text": "a dict item", "title": "T", "published": "2025-01-02"},
             {"no_text": True}]
    results = list(iter_results(items, config=LIGHT))
    assert results[1].analysis.document.title == "T"
    assert results[2].error.code == "analysis_failed"


@pytest.mark.slow
def test_full_pipeline_contract(pipeline) -> None:
    from detente.ingest.document import Draft, make_document

    doc = make_document(Draft(text="Kremlin spokesman Dmitry Peskov said talks would go on.\n"
                              "Read the original article here", origin="t",
                              published="2025-11-27"))
    [analysis] = pipeline.process([doc])
    data = analysis.to_dict()
    assert data["schema"] == SCHEMA and data["document"]["language"] == "en"
    assert [f["kind"] for f in data["document"]["quality"]["flags"]] == ["boilerplate"]


@pytest.mark.slow
def test_n_process_gives_the_same_results_as_one_process() -> None:
    texts = [f"Talks number {i} resumed in Geneva, officials said." for i in range(6)]
    cfg = Config().with_overrides(**{"pipeline.stages": ["clean", "language", "nlp"],
                                     "pipeline.batch_size": 2})
    one = [a.to_dict() for a in analyze_many(texts, config=cfg)]
    two = [a.to_dict() for a in analyze_many(texts, n_process=2, config=cfg)]
    assert one == two
