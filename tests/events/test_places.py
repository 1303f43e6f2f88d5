"""The offline gazetteer: countries, subdivisions, cities and the alias table."""

from __future__ import annotations

import pytest

from detente.events.places import Gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer()


@pytest.mark.parametrize("name,country", [
    ("West Darfur", "SDN"),   # a state (pycountry subdivision)
    ("Upper Nile", "SSD"),
    ("Kandahar", "AFG"),
    ("Kiev", "UKR"),          # alias-table entries outrank everything
    ("Georgia", "GEO"),       # a country outranks a subdivision of the same name
    ("Macedonia", "MKD"),     # short and former country names the ISO list lacks
    ("Burma", "MMR"),
    ("Ivory Coast", "CIV"),
    ("Palestine", "PSE"),     # not the town in Texas
    ("Holland", "NLD"),       # not the town in Michigan
])
def test_lookup(gaz, name, country):
    loc = gaz.lookup(name)
    assert loc is not None and loc.country == country


@pytest.mark.parametrize("name", [
    "North East", "Lakes", "Coast",  # only stop words
    "Punjab",                        # a subdivision of India and of Pakistan
])
def test_ambiguous_subdivisions_are_not_places(gaz, name):
    record = gaz.index.get(name.lower())
    # Only a GeoNames city of that name may remain, never the bare subdivision.
    assert record is None or record[4] > 0
