"""Issue #5's checks on the real seed articles in ../shared/seeds (skipped without them)."""

import pytest

from conftest import analyse_seeds

STAGES = ["clean", "language", "nlp", "actors", "quotes", "events"]


@pytest.fixture(scope="module")
def seeds(config):
    return analyse_seeds(config, STAGES)


def _coded(analysis) -> set[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return {(e.type, e.actor, e.recipient) for e in analysis.events}


@pytest.mark.parametrize(("seed", "etype", "actor", "recipient"), [
    ("000", "REJECT", ("vladimir_putin",), ("dmitry_kozak",)),  # "was not buying the offer"
    ("000", "REQUEST", ("dmitry_kozak",), ("vladimir_putin",)),  # "urged Putin to sign"
    ("000", "ACCUSE", ("mykhailo_podolyak",), ("RUS",)),  # "said Russia used the talks as ..."
    ("003", "REQUEST", ("RUS",), ("UKR",)),  # "Russia's demand for Ukrainian troop withdrawal"
])
def test_seed_events_coded(seeds, seed: str, etype: str, actor: tuple, recipient: tuple) -> None:
    assert (etype, actor, recipient) in _coded(seeds[seed])


def test_003_threat_by_putin_against_ukraine(seeds) -> None:
    threats = [e for e in seeds["003"].events if e.type == "THREATEN"
               and "military means" in e.evidence.text]
    assert threats and (threats[0].actor, threats[0].recipient) == (("vladimir_putin",),
                                                                      ("UKR",))


@pytest.mark.parametrize("year", ["1654", "1918"])
def test_004_history_is_historical(seeds, year: str) -> None:
    # The seed has no publication date: the analysis date is the reference.
    dated = [e for e in seeds["004"].events if e.date and e.date.value == year]
    assert dated and all(e.historical for e in dated)
