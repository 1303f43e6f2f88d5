"""General cue classes (hand-built sentences, not gold records)."""

import pytest

from detente.negotiation.proposals import side_of


def _tuples(analysis):
    return {(side_of(analysis.actor(p.party)), p.value, p.proposal, p.issue)
            for p in analysis.positions}


@pytest.mark.parametrize("text, expected", [
    # an obligation put on another party: the party is who says so (addressee)
    ("Talks resumed in Geneva on Monday. The Kremlin said on Monday that Ukraine must withdraw "
     "from the Donbas before any ceasefire.",
     ("RUS", "conditional", None, "territory.status")),
    # "dismissed ... as" a report: denial; an idea or demand: rejection
    ("Peskov dismissed as absurd a newspaper report that Russia had agreed to freeze the front.",
     ("RUS", "denies_reported_position", None, "ceasefire.terms")),
    ("Ukrainian officials dismissed the Russian demand for a withdrawal from Donetsk.",
     ("UKR", "rejects", None, "territory.status")),
    # openness and asking for changes
    ("Pashinyan said Armenia was open to further talks on border delimitation.",
     ("ARM", "accepts_as_basis", None, "territory.status")),
    ("European leaders called for changes to the U.S. plan on the army cap.",
     ("EU", "seeks_amendment", "usa-plan", "security.force_limits")),
    # the issue conditioned comes before the condition marker
    ("Germany said sanctions on Russia would stay in place until a full ceasefire.",
     ("DEU", "conditional", None, "economy.sanctions")),
])
def test_cue_classes(run, text, expected) -> None:
    assert expected in _tuples(run(text))
