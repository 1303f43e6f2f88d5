"""The Done-when checks on the real seed articles in ../shared/seeds (skipped without them)."""

import pytest

from conftest import analyse_seeds
from detente.negotiation.proposals import side_of

STAGES = ["clean", "language", "nlp", "actors", "quotes", "events", "docanalysis", "positions"]


@pytest.fixture(scope="module")
def seeds(config):
    return analyse_seeds(config, STAGES)


def _values(analysis):
    return {(side_of(analysis.actor(p.party)), p.value, p.proposal, p.issue)
            for p in analysis.positions}


def test_000_russia_rejects_kozaks_deal(seeds) -> None:
    assert ("RUS", "rejects", "dmitry_kozak-plan", None) in _values(seeds["000"])


def test_001_parts_of_us_proposal_unacceptable(seeds) -> None:
    assert ("RUS", "seeks_amendment", "usa-plan", None) in _values(seeds["001"])


def test_003_basis_and_troop_withdrawal_demand(seeds) -> None:
    values = _values(seeds["003"])
    assert ("RUS", "accepts_as_basis", "usa-plan", None) in values
    assert ("RUS", "red_line", None, "territory.status") in values


@pytest.mark.parametrize("seed", ["001", "003", "004"])
def test_commentary_gives_no_positions(seeds, seed) -> None:
    analysis = seeds[seed]
    opinion = [s for s in analysis.document.segments if s.genre == "opinion"]
    assert opinion
    assert not [p for p in analysis.positions
                if any(s.start <= p.evidence.start < s.end for s in opinion)]
    if seed == "004":
        assert analysis.positions == ()
