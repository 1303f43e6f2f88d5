"""The Ray engine on a local two-CPU Ray cluster, against the local engine."""

import json

import pytest

pytestmark = pytest.mark.slow
ray = pytest.importorskip("ray")

from detente.cli.main import SAMPLE_GLOB, sample_corpus_path  # noqa: E402
from detente.config import Config  # noqa: E402
from detente.ingest.sources import IngestOptions  # noqa: E402
from detente.scale.local_engine import run_local  # noqa: E402
from detente.scale.output import MERGED_FILE, read_merged, read_output  # noqa: E402
from detente.scale.ray_engine import run_ray  # noqa: E402
from detente.store import open_store  # noqa: E402


@pytest.fixture(scope="module", autouse=True)
def ray_cluster():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             _node_ip_address="127.0.0.1")
    yield
    ray.shutdown()


def test_sample_corpus_gives_the_same_analyses_as_local(tmp_path) -> None:
    # nlp and actors exercise the per-actor spaCy model and knowledge base; events feed the
    # global event merge on the driver.
    config = Config().with_overrides(
        **{"pipeline.stages": ["clean", "language", "nlp", "actors", "events"]})
    options = IngestOptions.from_config(config, globs=tuple(SAMPLE_GLOB))
    inputs = [str(sample_corpus_path())]
    local = run_local(inputs, str(tmp_path / "local"), config, options=options, n_process=1)
    distributed = run_ray(inputs, str(tmp_path / "ray"), config, options=options)
    assert distributed.documents == local.documents >= 15
    assert distributed.duplicates == local.duplicates
    ours = [a.to_dict() for a in read_output(tmp_path / "ray")]
    assert ours == [a.to_dict() for a in read_output(tmp_path / "local")]
    assert sum(len(a["actors"]) for a in ours) > 0
    assert (tmp_path / "ray" / MERGED_FILE).exists()
    merged = read_merged(tmp_path / "ray")
    assert merged == read_merged(tmp_path / "local")
    assert distributed.merged_events == len(merged) > 0
    # Every current (not historical) event mention is a source of exactly one merged event.
    assert sum(m["sources"] for m in merged) == sum(
        not e["historical"] for a in ours for e in a["events"])


def test_jsonl_and_parquet_shards_into_a_store(tmp_path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"body": f"Envoys met in Doha for round {i} of talks on a Gaza truce and hostages.",
             "headline": f"Round {i}", "date": f"2025-11-{i + 1:02d}"} for i in range(6)]
    shards = tmp_path / "shards"
    shards.mkdir()
    (shards / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows[:3])
                                    + '{"headline": "no text"}\n')
    pq.write_table(pa.Table.from_pylist(rows[3:]), shards / "b.parquet")
    config = Config().with_overrides(**{"pipeline.stages": ["clean", "language"]})
    db = str(tmp_path / "ray.db")
    report = run_ray([str(shards)], db, config, batch_size=2)
    assert (report.stored, len(report.errors)) == (6, 1)
    with open_store(db) as store:
        assert [d["title"] for d in store.list_documents()] == [f"Round {i}" for i in
                                                                range(5, -1, -1)]
        assert store.get_document(store.list_documents()[0]["id"]).published == "2025-11-06"
