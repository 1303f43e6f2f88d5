"""Historical heads of state and government (persons/historical_*.yaml), sub-national and
compound demonyms, "X-backed" backers: hand-written sentences (none from any gold file)."""

from __future__ import annotations

import pytest

from detente.actors.kb import KnowledgeBase
from detente.facts import Actor


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def _countries(actors: list[Actor]) -> set[str | None]:
    return {a.country for a in actors}


def _by_surface(actors: list[Actor]) -> dict[str, Actor]:
    return {m.text: a for a in actors for m in a.mentions}


def test_historical_files_load_without_alias_conflicts(kb):
    historical = [e for e in kb.entries.values() if "historical_" in e.source]
    assert len(historical) > 500
    assert not [c for c in kb.conflicts if "historical_" in c]
    states = {e.code for e in kb.entries.values() if e.kind == "state"}
    for e in historical:
        for r in e.roles:
            assert r.country in states or (r.country is None and r.sector == "IGO"), e.id
            assert r.start is None or r.end is None or r.start <= r.end, e.id


@pytest.mark.parametrize("role,country,date,holder", [
    ("head_of_state", "KEN", "1995-06-01", "daniel_arap_moi"),
    ("head_of_state", "KEN", "2005-06-01", "mwai_kibaki"),
    ("head_of_state", "COD", "1990-01-01", "mobutu_sese_seko"),
    ("head_of_state", "COD", "1999-01-01", "laurent_desire_kabila"),
    ("head_of_government", "ISR", "1993-01-01", "yitzhak_rabin"),
    ("foreign_minister", "USA", "1998-01-01", "madeleine_albright"),
])
def test_dated_roles_pick_the_holder(kb, role, country, date, holder):
    assert [e.id for e in kb.holders(role, country, date)] == [holder]


@pytest.mark.parametrize("text,date,surface,country,sector", [
    ("Mobutu rejected the proposal on Monday.", "1995-03-01", "Mobutu", "COD", "GOV"),
    ("President Museveni accused Kenya of supporting rebels.", "1998-03-01", "Museveni",
     "UGA", "GOV"),
    ("King Hassan of Morocco met the envoy.", "1990-03-01", "King Hassan of Morocco", "MAR",
     "GOV"),
    # out of office: the country stays, the sector goes
    ("Gorbachev visited Berlin on Monday.", "2000-01-01", "Gorbachev", "RUS", None),
    # surnames shared by two KB persons: the one in office at the date
    ("Kabila rejected the plan.", "2005-03-01", "Kabila", "COD", "GOV"),
    ("Assad met the envoy in Damascus.", "1995-03-01", "Assad", "SYR", "GOV"),
])
def test_historical_persons_resolve(analyze_actors, text, date, surface, country, sector):
    a = _by_surface(analyze_actors(text, date)).get(surface)
    assert a is not None and a.kind == "person" and (a.country, a.sector) == (country, sector)


def test_un_official_in_office_is_igo(analyze_actors):
    a = _by_surface(analyze_actors("Kofi Annan urged restraint.", "2000-01-01"))["Kofi Annan"]
    assert a.sector == "IGO" and a.country is None


@pytest.mark.parametrize("text", [
    "Major problems remain in the talks.",     # John Major: a common word
    "Rice prices rose sharply in Asia.",       # Condoleezza Rice
    "The court in The Hague opened the trial.",  # William Hague is not in the file
    "Begin the talks now, the envoy said.",    # Menachem Begin
])
def test_common_word_surnames_are_not_people(analyze_actors, text):
    assert not [a for a in analyze_actors(text, "1995-01-01") if a.kind == "person"]


def test_ambiguous_surname_after_a_full_mention(analyze_actors):
    actors = analyze_actors("John Major met the Irish premier. Major said the talks went well.",
                            "1994-01-01")
    major = _by_surface(actors)["Major"]
    assert major.kb_id == "john_major" and major.country == "GBR"


@pytest.mark.parametrize("text,country", [
    ("Scottish fishermen protested against the new quotas.", "GBR"),
    ("Welsh farmers blocked the ports.", "GBR"),
    ("Catalan police arrested ten protesters.", "ESP"),
    ("Chechen rebels attacked a convoy.", "RUS"),
    ("Uighur activists accused the government of repression.", "CHN"),
    ("Karen rebels attacked an army post.", "MMR"),
])
def test_sub_national_demonyms(analyze_actors, text, country):
    assert _countries(analyze_actors(text, "2000-01-01")) == {country}


@pytest.mark.parametrize("text,countries", [
    # residence over origin: one party
    ("Greek Cypriot leaders rejected the proposal.", {"CYP"}),
    ("Greek Cypriots protested on Monday.", {"CYP"}),
    ("Bosnian Serb leaders rejected the peace plan.", {"BIH"}),
    ("Bosnian Croat forces attacked the village.", {"BIH"}),
    ("Kosovo Albanian leaders rejected the offer.", {"XKX"}),
    ("Turkish Kurd refugees returned home.", {"TUR"}),
    # a dyadic noun keeps both states
    ("Israeli Palestinian talks resumed on Monday.", {"ISR", "PSE"}),
    # coordinated demonyms, whatever the parse of the two-word one
    ("Sierra Leonean and Liberian officials met on Monday.", {"SLE", "LBR"}),
])
def test_compound_and_coordinated_demonyms(analyze_actors, text, countries):
    assert _countries(analyze_actors(text, "2000-01-01")) == countries


def test_first_name_that_is_a_demonym_is_a_person(analyze_actors):
    actors = analyze_actors("Karen Bass criticised the decision.", "2000-01-01")
    assert "MMR" not in _countries(actors)


@pytest.mark.parametrize("text,backer", [
    ("Libyan-backed rebels attacked government positions.", "LBY"),
    ("Syrian-backed militias shelled the Christian quarter.", "SYR"),
    ("US-backed Contra rebels attacked a village.", "USA"),
])
def test_backer_is_not_a_party(analyze_actors, text, backer):
    assert backer not in _countries(analyze_actors(text, "1990-01-01"))


@pytest.mark.parametrize("text,name", [
    ('"That isn\'t true," said Jane Doe, the journalist.', "Samuel Doe"),
    ("Dwyane Wade scored twenty points.", "Abdoulaye Wade"),
])
def test_generic_surnames_are_not_historical_leaders(analyze_actors, text, name):
    assert name not in {a.name for a in analyze_actors(text, "2000-01-01")}
