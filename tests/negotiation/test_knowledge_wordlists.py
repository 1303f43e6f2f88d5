"""The clause-level word lists of positions.yaml: bundled lists load, user files extend them."""

import re

import pytest

from detente.errors import KnowledgeError
from detente.negotiation.knowledge import load_kb


@pytest.fixture(scope="module")
def kb():
    return load_kb()


@pytest.mark.parametrize("field, member", [
    ("prescriptive_auxiliaries", "should"),
    ("collective_subjects", "side"),
    ("collective_determiners", "both"),
    ("forecast_heads", "expect"),
    ("other_text_nouns", "resolution"),
    ("member_nouns", "faction"),
])
def test_bundled_word_sets(kb, field, member) -> None:
    words = getattr(kb.words, field)
    assert isinstance(words, frozenset) and words
    assert member in words
    assert all(w == w.lower() for w in words)  # compared with lowercase forms and lemmas


@pytest.mark.parametrize("field, text, hit", [
    ("part_nouns", "Some ASPECTS are unacceptable", True),
    ("part_nouns", "the provisions of the plan", True),
    ("part_nouns", "a pointsman spoke", False),  # whole words only
    ("proposal_content_markers", "a plan for a truce, under which a force would deploy", True),
    ("proposal_content_markers", "a draft, Which Would cap the army", True),
    ("proposal_content_markers", "they met under the trees", False),
])
def test_bundled_patterns(kb, field, text, hit) -> None:
    pattern = getattr(kb.words, field)
    assert isinstance(pattern, re.Pattern)
    assert (pattern.search(text) is not None) is hit


def _user_file(tmp_path, body: str):
    path = tmp_path / "my_positions.yaml"
    path.write_text("version: 1\n" + body, "utf-8")
    return path


@pytest.mark.parametrize("field, word", [
    ("forecast_heads", "anticipate"),
    ("prescriptive_auxiliaries", "shall"),
    ("collective_subjects", "camp"),
    ("collective_determiners", "several"),
    ("member_nouns", "rapporteur"),
    ("other_text_nouns", "communique"),
])
def test_user_file_extends_word_sets(kb, tmp_path, field, word) -> None:
    extended = load_kb(position_files=[_user_file(tmp_path, f"{field}: [{word.upper()}]\n")])
    assert word not in getattr(kb.words, field)
    assert word in getattr(extended.words, field)  # lowercased on load
    assert getattr(kb.words, field) < getattr(extended.words, field)  # the bundled words stay


def test_user_file_extends_patterns(kb, tmp_path) -> None:
    extended = load_kb(position_files=[_user_file(
        tmp_path, "part_nouns: [articles]\nproposal_content_markers: ['\\bwhereby\\b']\n")])
    assert kb.words.part_nouns.search("some articles") is None
    assert extended.words.part_nouns.search("some Articles are unacceptable") is not None
    assert extended.words.part_nouns.search("some aspects") is not None
    text = "a plan for elections whereby troops withdraw"
    assert kb.words.proposal_content_markers.search(text) is None
    assert extended.words.proposal_content_markers.search(text) is not None
    assert extended.words.proposal_content_markers.search("a plan, which would cap") is not None


def test_bad_word_list_names_the_file(tmp_path) -> None:
    path = _user_file(tmp_path, "forecast_heads: {expect: 1}\n")
    with pytest.raises(KnowledgeError, match="list of strings"):
        load_kb(position_files=[path])
