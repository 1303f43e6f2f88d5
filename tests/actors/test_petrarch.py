"""PETRARCH/TABARI dictionary import."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import shared_path
from detente.actors.kb import KnowledgeBase
from detente.actors.petrarch import import_actors, import_agents, to_yaml
from detente.errors import KnowledgeError

FIX = Path(__file__).parent / "fixtures"


def test_actors_with_synonyms_and_dated_codes(tmp_path: Path) -> None:
    entries = {e["name"]: e for e in import_actors(FIX / "mini.actors.txt")}
    assert entries["Gondor"]["code"] == "GON"
    assert entries["Gondor"]["names"] == ["Minas Tirith"]
    roles = entries["Sam Gamgee"]["roles"]
    assert roles[0] == {"title": "HOBMIL", "code": "HOBMIL", "country": "HOB", "sector": "MIL",
                        "start": "2008-01-20", "end": "2012-11-09"}
    out = tmp_path / "imported.yaml"
    out.write_text(to_yaml(list(entries.values())), "utf-8")
    kb = KnowledgeBase.load([out], bundled=False)
    assert kb.get("petrarch_sam_gamgee").at("2010-01-01")[1] == "MIL"


def test_malformed_dictionary_names_line() -> None:
    with pytest.raises(KnowledgeError, match=r"bad\.actors\.txt:3"):
        import_actors(FIX / "bad.actors.txt")


def test_agents_with_substitution_classes() -> None:
    agents = import_agents(FIX / "mini.agents.txt")
    phrases = {a["phrase"]: a for a in agents}
    assert phrases["president"]["sector"] == "GOV"
    assert {"congressman", "congressmen"} <= set(phrases)
    assert phrases["human rights body"]["position"] == "prefix"


@pytest.mark.shared
@pytest.mark.parametrize("name", ["PETR.Validate.actors.txt", "PETR.Validate.agents.txt"])
def test_shared_validation_dictionaries(name: str) -> None:
    path = shared_path("eval", "petrarch_validation_dicts", name)
    entries = import_actors(path) if "actors" in name else import_agents(path)
    assert len(entries) > 50
