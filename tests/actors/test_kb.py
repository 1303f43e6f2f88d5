"""Knowledge base: normalisation, loading, role dates, conflicts and user files."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.actors.kb import KnowledgeBase, canonical_key, normalize, translit_key
from detente.errors import KnowledgeError
from detente.facts import Actor

FIX = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load([FIX / "user_actors.yaml"])


@pytest.mark.parametrize(("a", "b"), [("ZELENSKYY", "zelenskyy"), ("Koza’s", "koza's"),
                                      ("Zelenský", "zelensky")])
def test_normalize(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Zelenskyy", "Zelenskiy", True), ("Zelensky", "Zelenskij", True),
    ("Witkoff", "Witkov", True), ("Podolyak", "Podoliak", True), ("Yermak", "Iermak", True),
    ("Kozak", "Kristall", False), ("Putin", "Peskov", False)])
def test_translit_key(a: str, b: str, same: bool) -> None:
    assert (translit_key(a) == translit_key(b)) is same


@pytest.mark.parametrize(("name", "kb_id"), [
    ("Zelenskiy", "volodymyr_zelensky"), ("Witkov", "steve_witkoff"),
    ("Podoliak", "mykhailo_podolyak"), ("Iermak", "andriy_yermak"), ("Peskov", "dmitry_peskov")])
def test_surname_variants(kb: KnowledgeBase, name: str, kb_id: str) -> None:
    assert [e.id for e in kb.surname(name)] == [kb_id]


@pytest.mark.parametrize(("entry_id", "surnames"), [
    ("vladimir_putin", ("Putin", "Poutine")),  # the data's own surnames
    ("mohammed_bin_salman", ()),  # "surnames: []": "Mohammed", "Salman" name someone else
    ("wang_yi", ("Wang",)),  # the family name comes first: "Yi" is no surname
    ("kim_jong_un", ("Kim",))])
def test_explicit_empty_surnames_are_kept(kb: KnowledgeBase, entry_id: str,
                                          surnames: tuple[str, ...]) -> None:
    assert kb.get(entry_id).surnames == surnames
    assert all(entry_id not in [e.id for e in kb.surname(w)] for w in ("Mohammed", "Yi", "Un"))


def test_surnames_derived_when_the_data_gives_none(tmp_path: Path) -> None:
    # An entry without a ``surnames`` key takes the last word of each multi-word name.
    path = tmp_path / "people.yaml"
    path.write_text("version: 1\npersons:\n  - id: anna_probe\n    name: Anna Probe\n"
                    "    aliases: [Anna M. Probe-Keller]\n    roles: []\n", encoding="utf-8")
    entry = KnowledgeBase.load([path], bundled=False).get("anna_probe")
    assert entry.surnames == ("Probe", "Probe-Keller")


@pytest.mark.parametrize(("date", "sector"), [("2022-06-01", "GOV"), ("2025-06-01", None),
                                              ("2019-06-01", None), (None, "GOV")])
def test_person_sector_depends_on_date(kb: KnowledgeBase, date: str | None,
                                       sector: str | None) -> None:
    country, got, _code, _role = kb.get("ivan_testov").at(date)
    assert (country, got) == ("RUR", sector)


@pytest.mark.parametrize(("role", "country", "date", "expected"), [
    ("head_of_state", "RUS", "2025-12-03", "vladimir_putin"),
    ("foreign_minister", "UKR", "2021-06-10", "dmytro_kuleba"),
    ("foreign_minister", "UKR", "2025-11-26", "andrii_sybiha")])
def test_role_holder_at_date(kb: KnowledgeBase, role: str, country: str, date: str,
                             expected: str) -> None:
    assert [e.id for e in kb.holders(role, country, date)] == [expected]


def test_user_file_adds_entries(kb: KnowledgeBase) -> None:
    assert kb.lookup("RLF")[0].code == "RURREB"
    assert kb.lookup("Ivan Testov")[0].gender == "m"


def test_conflicting_aliases_are_reported() -> None:
    kb = KnowledgeBase.load([FIX / "conflict_actors.yaml"], bundled=False)
    assert any("alex sample" in c for c in kb.conflicts)
    with pytest.raises(KnowledgeError, match="conflicting aliases"):
        KnowledgeBase.load([FIX / "conflict_actors.yaml"], bundled=False, strict=True)


def test_malformed_file_names_file_and_line() -> None:
    with pytest.raises(KnowledgeError) as err:
        KnowledgeBase.load([FIX / "broken.yaml"], bundled=False)
    assert "broken.yaml:" in str(err.value)


@pytest.mark.parametrize(("actor", "key"), [
    (Actor(id="vladimir_putin", name="Vladimir Putin", kind="person", kb_id="vladimir_putin"),
     "kb:vladimir_putin"),
    (Actor(id="new:mykhailo_x", name="Mykhailo X", kind="person"), "name:mykhailo_x"),
    ({"id": "anon:1", "name": "a source", "kind": "anonymous"}, "anon:anon:1")])
def test_canonical_key(actor: object, key: str) -> None:
    assert canonical_key(actor) == key


def test_a_group_governing_a_state(tmp_path) -> None:
    path = tmp_path / "gov.yaml"
    path.write_text("version: 1\norganizations:\n  - id: junta_x\n    name: Junta X\n    code: RURGOVJX\n"
                    "    kind: group\n    country: RUR\n    sector: GOV\n"
                    "    governs:\n      - {country: RUR, start: '2021-08', end: '2023'}\n",
                    encoding="utf-8")
    kb = KnowledgeBase.load([path], bundled=False)
    assert kb.de_facto_government("RUR", "2022-05-01").code == "RURGOVJX"
    assert kb.de_facto_government("RUR", "2021-07-31") is None
    assert kb.de_facto_government("RUR", "2024-01-01") is None
    path.write_text("version: 1\norganizations:\n  - id: junta_x\n    name: Junta X\n    governs: [RUR]\n",
                    encoding="utf-8")
    with pytest.raises(KnowledgeError, match="governs"):
        KnowledgeBase.load([path], bundled=False)
