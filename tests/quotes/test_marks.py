"""Quotation-mark spans: types matched, apostrophes, nesting, multi-paragraph quotes."""

import pytest

from detente.quotes.marks import MarkIndex, find_marks


def inner(text: str) -> list[str]:
    return [text[m.inner_start:m.inner_end] for m in find_marks(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("She said: “This is a quote.”", ["This is a quote."]),
    ('Burton said, "I love cats!"', ["I love cats!"]),
    ("«Me encantan», afirmó", ["Me encantan"]),
    ("„Wir verhandeln“, sagte er.", ["Wir verhandeln"]),
    ("Putin says the plan could be ‘basis’ of a deal, don’t you think", ["basis"]),
    ("It isn’t true, and the Russians’ demands won’t change.", []),
    ("“She said: ‘We are here’, which is lovely.”", ["She said: ‘We are here’, which is lovely."]),
    ("“First paragraph.\n“Second paragraph.”", ["First paragraph.\n“Second paragraph."]),
    ("“Unclosed paragraph.\nNext paragraph is plain.", []),
    ('He said "yes" and "no".', ["yes", "no"]),
])
def test_find_marks(text: str, expected: list[str]) -> None:
    assert inner(text) == expected


def test_index_lookup() -> None:
    text = 'a "bc" d "ef" g'
    index = MarkIndex(find_marks(text))
    assert index.at(text.index("b")) is not None
    assert index.at(text.index("d")) is None
    assert len(index.within(0, len(text))) == 2
    assert index.within(text.index("d"), text.index("d") + 1) == []
