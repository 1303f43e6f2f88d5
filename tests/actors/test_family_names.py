"""Names with the family name first (Wang Yi, Kim Jong Un): the family name alone resolves to
the person only after the article named them in full, and a bare given name never resolves to a
person whose data says they have no surname ("Mohammed" is not Mohammed bin Salman)."""

from __future__ import annotations

import pytest


def _people(actors) -> dict[str, list[str]]:
    return {a.id: [m.text for m in a.mentions] for a in actors if a.kind == "person"}


@pytest.mark.parametrize(("text", "person", "short"), [
    ("Chinese Foreign Minister Wang Yi met his counterpart on Monday. Wang said Beijing backed "
     "the talks.", "wang_yi", "Wang"),
    ("North Korean leader Kim Jong Un watched the launch. Kim said the tests would go on.",
     "kim_jong_un", "Kim"),
    ("South Korean President Lee Jae-myung called for talks. Lee said Seoul was ready.",
     "lee_jae_myung", "Lee"),
])
def test_family_name_after_the_full_name(analyze_actors, text: str, person: str,
                                         short: str) -> None:
    assert short in _people(analyze_actors(text))[person]


@pytest.mark.parametrize(("text", "not_person"), [
    ("Wang said Beijing backed the talks, according to a statement.", "wang_yi"),
    ("Qatar's minister of state Mohammed al-Khulaifi said talks would resume on Monday.",
     "mohammed_bin_salman"),
])
def test_no_person_from_a_common_name_alone(analyze_actors, text: str, not_person: str) -> None:
    assert not_person not in _people(analyze_actors(text))
