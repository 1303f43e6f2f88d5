"""measure_growth on tiny sizes with light stages (the real figures are in the docs)."""

from detente.config import Config
from detente.scale.growth import measure_growth


def test_growth_reports_every_size_and_an_exponent() -> None:
    config = Config().with_overrides(**{"pipeline.stages": ["clean", "language"]})
    out = measure_growth(config, (4, 12), engine="local", n_process=1)
    assert [p["documents"] for p in out["points"]] == [4, 12]
    assert all(p["analysed"] == p["documents"] and p["failed"] == 0 for p in out["points"])
    assert isinstance(out["growth_exponent"], float) and out["startup_seconds"] >= 0
