"""Loading docanalysis knowledge: user files merge in, bad files name themselves."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.docanalysis.garbling import tortured_phrase_flags
from detente.docanalysis.knowledge import load_knowledge
from detente.errors import KnowledgeError


def test_extra_file_extends_lists(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("version: 1\ngarbling:\n  tortured_phrases:\n"
                     "    - {phrase: \"peace procedure\", means: \"peace process\"}\n")
    kb = load_knowledge([extra])
    [flag] = tortured_phrase_flags("The peace procedure stalled.", kb)
    assert flag.note == "for peace process"


@pytest.mark.parametrize("content", ["version: 1\ngenre_cues: [unclosed\n", "version: 7\n"])
def test_bad_file_raises_knowledge_error(tmp_path: Path, content: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(content)
    with pytest.raises(KnowledgeError) as err:
        load_knowledge([bad])
    assert "bad.yaml" in str(err.value)


def test_bad_pattern_raises_knowledge_error(tmp_path: Path) -> None:
    bad = tmp_path / "cues.yaml"
    bad.write_text("version: 1\ngenre_cues:\n  hedges: [\"(unbalanced\"]\n")
    with pytest.raises(KnowledgeError):
        load_knowledge([bad])
