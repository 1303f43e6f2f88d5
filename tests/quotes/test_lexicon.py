"""The cue lexicon is data: bundled file, user extensions, and errors naming the file."""

from pathlib import Path

import pytest

from detente.errors import KnowledgeError
from detente.quotes.lexicon import CueLexicon


def test_bundled_cues() -> None:
    lex = CueLexicon.load()
    assert lex.verbs["say"].stance is None
    assert lex.verbs["deny"].stance == "denies"
    assert lex.verbs["confirm"].stance == "confirms"
    assert lex.verbs["blast"].marked_only
    assert "according" in lex.according_to
    assert "statement" in lex.statement_nouns
    assert "think" in lex.thought_verbs


def test_user_file_extends(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("version: 1\nverbs:\n  fulminate: {claim_stance: denies}\n"
                     "statement_nouns: [podcast]\n", "utf-8")
    lex = CueLexicon.load([extra])
    assert lex.verbs["fulminate"].claim_stance == "denies"
    assert {"podcast", "statement"} <= lex.statement_nouns


@pytest.mark.parametrize("body", [
    "version: 1\nverbs:\n  say: {colour: red}\n",
    "version: 1\nverbs:\n  say: {stance: maybe}\n",
    "version: 1\nthought_verbs: think\n",
    "version: 2\n",
    "version: 1\nverbs: [\n",
])
def test_bad_files_raise(tmp_path: Path, body: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(body, "utf-8")
    with pytest.raises(KnowledgeError, match=r"bad\.yaml"):
        CueLexicon.load([bad])
