"""Resolving states: short and former names, shared demonyms, state names used for regions,
near-state words, misspellings, institutions of a state (possessed, "of", or the document's)
and residence over ethnicity."""

from __future__ import annotations

import pytest

from detente.actors.kb import KnowledgeBase
from detente.facts import Actor


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.mark.parametrize("name,code", [
    ("Macedonia", "MKD"), ("FYROM", "MKD"), ("Congo", "COD"), ("Republic of Congo", "COG"),
    ("Burma", "MMR"), ("Czechia", "CZE"), ("Swaziland", "SWZ"), ("East Timor", "TLS"),
    ("Cabo Verde", "CPV"), ("Côte d'Ivoire", "CIV"), ("Zaire", "COD"), ("Upper Volta", "BFA"),
    ("Dahomey", "BEN"),
])
def test_state_short_and_former_names(kb, name, code):
    assert [e.id for e in kb.lookup(name) if e.kind == "state"] == [code]


@pytest.mark.parametrize("demonym,code", [
    ("Dominican", "DOM"), ("Dominicans", "DOM"), ("Congolese", "COD"), ("Sierra Leonean", "SLE"),
])
def test_shared_demonym_goes_to_the_preferred_state(kb, demonym, code):
    entry = kb.demonym(demonym)
    assert entry is not None and entry.id == code


def codes(actors: list[Actor]) -> dict[str, str | None]:
    return {m.text: a.code for a in actors for m in a.mentions}


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Hostages were freed in Greek Macedonia on Monday.",
    "The minister toured the Macedonia region of Greece.",
])
def test_a_state_name_used_for_a_region_is_not_the_state(analyze_actors, text):
    assert "MKD" not in {a.code for a in analyze_actors(text, "2000-01-01")}


@pytest.mark.slow
def test_ownerless_institution_with_two_equal_states_stays_unresolved(analyze_actors):
    actors = analyze_actors("Protests spread in Kenya and Uganda. The government imposed a "
                            "curfew.", "2000-01-01")
    assert "government" not in codes(actors)


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "He studied at Columbia University before moving to Chile.",
    "She moved from Columbia to Chile.",  # a known place, not a misspelt Colombia
])
def test_near_state_words_that_are_other_names_stay_unresolved(analyze_actors, text):
    assert "COL" not in {a.code for a in analyze_actors(text, "2000-01-01")}


# state names and demonyms in running text
NAMES = [
    ("Greek officials objected when Macedonia applied to join NATO.", "Macedonia", "MKD"),
    ("Dominican leaders agreed to meet Haitian officials.", "Dominican leaders", "DOMGOV"),
    ("Sierra Leoneans protested against the new law.", "Sierra Leoneans", "SLE"),
    ("Hundreds of New Zealanders marched in the capital.", "New Zealanders", "NZL"),
]

# institutions of a state: possessed, "of <state>", or the document's state
INSTITUTIONS = [
    ("Fighting resumed. Congo's government accused Rwanda of backing the rebels.",
     "Congo's government", "CODGOV"),
    ("Poland's parliament demanded an apology.", "Poland's parliament", "POLLEG"),
    ("Egypt's foreign ministry summoned the ambassador.", "Egypt's foreign ministry", "EGYGOV"),
    ("The army of Chad attacked the rebels.", "army", "TCDMIL"),
    ("Violence spread across Sudan on Monday. The army rejected the ceasefire.", "army",
     "SDNMIL"),
    ("Protests grew in Kenya. Kenyan police fired tear gas. The government imposed a curfew.",
     "government", "KENGOV"),
]

# residence over ethnicity
RESIDENCE = [
    ("Police arrested ethnic Albanians in southeastern Serbia.", "Albanians", "SRB"),
    ("One third of ethnic Albanian guerrillas operating in Macedonia were demobilized.",
     "Albanian guerrillas", "MKDREB"),
    ("Guerrillas operating in Macedonia attacked a police station.", "Guerrillas", "MKDREB"),
    ("Police said rebels based in Uganda attacked villages.", "rebels", "UGAREB"),
    # an army abroad keeps its own state
    ("Russian troops based in Syria shelled the town.", "Russian troops", "RUSMIL"),
]

# misspelled state names
MISSPELLED = [
    ("Ethopia has agreed to reopen its borders.", "Ethopia", "ETH"),
    ("Pakistan rejected an offer from Afganistan for direct talks.", "Afganistan", "AFG"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,surface,code", [*NAMES, *INSTITUTIONS, *RESIDENCE, *MISSPELLED])
def test_mention_codes(analyze_actors, text, surface, code):
    assert codes(analyze_actors(text, "2000-01-01")).get(surface) == code
