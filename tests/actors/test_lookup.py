"""actors.lookup: where a story was filed is not an actor."""

import pytest

from detente.actors.lookup import is_dateline


@pytest.mark.parametrize(("text", "end", "commas", "expected"), [
    ("MOSCOW \u2014 Russia said", 6, True, True),
    ("GAZA - Hamas said", 4, True, True),
    ("Kyiv, Ukraine \u2014 ", 4, True, True),
    # a subject opening a paragraph, then a comma: no dateline when commas are not asked for
    ("Israel, for its part, dismissed it", 6, False, False),
    # ... nor, even when commas are asked for, before a word that names no place
    ("Rabat, which has offered self-rule, said", 5, True, False),
    ("Israel, for its part, dismissed it", 6, True, False),
    # a hyphen inside a name is no dash after a dateline
    ("The office of Rashad al-Alimi denied", 25, False, False),
    # not at the start of a line
    ("On Monday MOSCOW \u2014 said", 16, True, False),
])
def test_is_dateline(text, end, commas, expected) -> None:
    start = 10 if text.startswith("On Monday") else 0
    assert is_dateline(text, start, end, commas=commas) is expected
