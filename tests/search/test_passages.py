"""Passages: paragraphs, long ones windowed, boilerplate left out."""

import pytest

from detente.search.passages import WINDOW_WORDS, passages

LONG = " ".join(f"w{i}" for i in range(WINDOW_WORDS + 5))


@pytest.mark.parametrize(("text", "excluded", "expected"), [
    ("One para.\n\nSecond para\ncontinues here.", [],
     ["One para.", "Second para\ncontinues here."]),
    ("Talks resumed.\nRead the original article here", [(15, 45)], ["Talks resumed."]),
    ("Before boiler after", [(7, 13)], ["Before", "after"]),
    ("   \n\n  ", [], []),
    (LONG, [], [" ".join(f"w{i}" for i in range(WINDOW_WORDS)),
                " ".join(f"w{i}" for i in range(WINDOW_WORDS, WINDOW_WORDS + 5))]),
])
def test_passages(text, excluded, expected) -> None:
    found = passages("d", text, excluded)
    assert [text[p.start:p.end] for p in found] == expected
    assert all(p.document_id == "d" for p in found)
