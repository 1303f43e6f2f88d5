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
    # an explicit condition outranks the openness it qualifies; "the only solution" is a red
    # line, not a basis
    ("Hungary said it was open to talks on the sanctions, provided its energy imports were "
     "exempt.", ("HUN", "conditional", None, "economy.sanctions")),
    ("Serbia said autonomy was the only acceptable solution for the region.",
     ("SRB", "red_line", None, "territory.special_regime")),
    # refusing someone's (possessive) demand, or one named ruling, is a rejection
    ("Georgia rejected Moscow's demand for a withdrawal of its border police.",
     ("GEO", "rejects", None, "security.withdrawal_disengagement")),
    ("Belarus said it would not accept the ruling on the sanctions.",
     ("BLR", "rejects", None, "economy.sanctions")),
    # no position yet ("not yet" is no clause break); objections dropped are support
    ("Austria said it was still studying the sanctions package.",
     ("AUT", "unclear", None, "economy.sanctions")),
    ("Romania said it had not yet taken a position on the sanctions.",
     ("ROU", "unclear", None, "economy.sanctions")),
    ("Slovakia dropped its objections to the sanctions.",
     ("SVK", "supports", None, "economy.sanctions")),
    # a verdict on a named proposal: the words describing it are no second target
    ("Russia dismissed the European plan for monitors along the front.",
     ("RUS", "rejects", "eu-plan", None)),
    # what is refused comes before the condition, whatever the value
    ("Kyiv refused to discuss sanctions relief before a ceasefire.",
     ("UKR", "rejects", None, "economy.sanctions")),
])
def test_cue_classes(run, text, expected) -> None:
    assert expected in _tuples(run(text))
