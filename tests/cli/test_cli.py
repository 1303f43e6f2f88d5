import json

import pytest
from typer.testing import CliRunner

from detente.cli.main import app

runner = CliRunner()


@pytest.fixture()
def light_config(tmp_path):
    cfg = tmp_path / "detente.toml"
    cfg.write_text('[pipeline]\nstages = ["clean", "language"]\n')
    return str(cfg)


def test_ingest_list_show_search_export(tmp_path, light_config) -> None:
    db = str(tmp_path / "cli.db")
    (tmp_path / "a.md").write_text("---\ntitle: Geneva round\noutlet: Wire\npublished: "
                                   "2025-11-24\n---\nNegotiators met in Geneva on Sunday.\n")
    (tmp_path / "bad.txt").write_bytes(b"")
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", db, "--config", light_config])
    assert result.exit_code == 1  # one input failed, the rest went on
    assert "1 stored" in result.output and "bad.txt" in result.stderr
    listing = runner.invoke(app, ["docs", "list", "--db", db, "--config", light_config])
    assert "Geneva round" in listing.output
    hits = runner.invoke(app, ["search", "Geneva", "--db", db, "--config", light_config])
    assert "[Geneva]" in hits.output
    exported = runner.invoke(app, ["export", "--db", db, "--config", light_config])
    data = json.loads(exported.output.strip().splitlines()[0])
    assert data["schema"] == "detente.analysis/1"
    out = tmp_path / "docs.parquet"
    res = runner.invoke(app, ["export", "--format", "parquet", "--table", "documents", "-o",
                              str(out), "--db", db, "--config", light_config])
    assert res.exit_code == 0 and out.stat().st_size > 0
    stats = runner.invoke(app, ["stats", "--json", "--db", db, "--config", light_config])
    assert json.loads(stats.output)["documents"] == 1


def test_analyze_prints_contract_json_without_a_database(tmp_path, light_config) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Kyiv said talks would resume on Tuesday.\nRead the original article here")
    result = runner.invoke(app, ["analyze", str(f), "--config", light_config])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["document"]["quality"]["flags"][0]["kind"] == "boilerplate"


@pytest.mark.parametrize(
    ("args", "message"),
    [(["docs", "show", "nope"], "no document"), (["search", "AND OR ("], "bad search query"),
     (["export", "--format", "xml"], "unknown export format")],
)
def test_errors_are_one_clear_line(tmp_path, light_config, args, message) -> None:
    result = runner.invoke(app, [*args, "--db", str(tmp_path / "e.db"), "--config", light_config])
    assert result.exit_code == 2 and message in result.stderr


def test_unwritable_database_is_reported(tmp_path, light_config) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = runner.invoke(app, ["stats", "--db", str(blocker / "x.db"), "--config",
                                 light_config])
    assert result.exit_code == 2 and "cannot" in result.stderr


def test_eval_quality_prints_scores() -> None:
    result = runner.invoke(app, ["eval", "quality", "--json"])
    assert result.exit_code == 0
    [report] = json.loads(result.output)
    assert report["name"] == "quality" and report["summary"]["micro_f1"] > 0.5


def test_actors_import_petrarch_dictionary(tmp_path) -> None:
    actors = tmp_path / "mini.actors"
    actors.write_text("ARNOR_REPUBLIC [ARN]\n+ARNOR\nGANDALF_THE_GREY [ARNGOV 950101-990101]\n")
    result = runner.invoke(app, ["actors", "import", str(actors), "-o", str(tmp_path / "a.yaml")])
    assert result.exit_code == 0, result.output
    assert "loads" in result.output and (tmp_path / "a.yaml").exists()
    agents = tmp_path / "mini.agents"
    agents.write_text("MILITIA {MILITIAS} [~REB]\nRIOT POLICE [~COP]\n")
    result = runner.invoke(app, ["actors", "import", str(agents), "--kind", "agents", "-o",
                                 str(tmp_path / "g.yaml")])
    assert result.exit_code == 0, result.output
    assert "militias: REB" in (tmp_path / "g.yaml").read_text()


def test_actors_import_reports_malformed_line(tmp_path) -> None:
    bad = tmp_path / "bad.agents"
    bad.write_text("MILITIA without brackets\n")
    result = runner.invoke(app, ["actors", "import", str(bad), "--kind", "agents"])
    assert result.exit_code == 2 and "bad.agents:1" in result.stderr
