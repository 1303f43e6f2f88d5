"""Leftover qualifiers (demonyms and state names modifying nouns) and titled unknown persons."""

from __future__ import annotations

import pytest

from detente.facts import Actor

pytestmark = pytest.mark.slow


@pytest.fixture()
def run(analyze_actors):
    return lambda text: analyze_actors(text, "2025-12-03")


def _by_surface(actors: list[Actor]) -> dict[str, Actor]:
    return {m.text: a for a in actors for m in a.mentions}


@pytest.mark.parametrize("text,surface,kind,country", [
    ("Bangladesh rejected an Indian proposal.", "Indian", "state", "IND"),
    ("Putin repeated the demand for Ukrainian troop withdrawal.", "Ukrainian", "state", "UKR"),
    ("A top U.S. official praised the deal.", "U.S. official", "anonymous", "USA"),
    ("Montenegro's prime minister has been indicted.", "Montenegro", "state", "MNE"),
])
def test_leftover_qualifiers(run, text, surface, kind, country):
    a = _by_surface(run(text)).get(surface)
    assert a is not None and (a.kind, a.country) == (kind, country)


@pytest.mark.parametrize("text,surface", [
    ("Ukrainian President Volodymyr Zelenskyy spoke.", "Ukrainian"),  # the title's, not a party
    ("Ukrainian forces advanced.", "Ukrainian"),  # part of the group mention
])
def test_qualifiers_of_people_and_groups_stay_theirs(run, text, surface):
    assert surface not in _by_surface(run(text))


@pytest.mark.parametrize("text,name,country", [
    ("President Okello Mbabazi has threatened to ban Ugandan opposition candidates.",
     "Okello Mbabazi", "UGA"),
    # two countries in reach: no guess
    ("President Okello Mbabazi met Kenyan officials in Tanzania.", "Okello Mbabazi", None),
])
def test_domestic_default_for_titled_unknown_persons(run, text, name, country):
    person = next(a for a in run(text) if a.name == name)
    assert person.country == country
