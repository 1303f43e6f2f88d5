"""The reporting-cue lexicon (``knowledge/data/quotes/cues.yaml`` plus user files).

This module is the only reader of quote-cue files. Cue words are data, not code: a user extends
them with their own YAML file of the same layout.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from detente.errors import KnowledgeError
from detente.knowledge import data_path, load_yaml

_LIST_KEYS = (
    "according_to", "statement_nouns", "decline_verbs", "comment_verbs", "thought_verbs",
    "scare_markers", "anonymous_heads", "document_heads", "unattributed_heads", "claim_nouns",
    "denial_words", "anonymous_determiners", "anonymity_markers", "personal_pronouns",
    "role_nouns", "generic_speakers", "author_pronouns", "spokesperson_nouns",
)
_VERB_OPTIONS = {"stance", "claim_stance", "object", "needs", "marked_only", "person_only",
                 "infinitive"}
_STANCES = {"denies", "confirms", "declines_comment"}


@dataclass(frozen=True)
class VerbCue:
    """How one speech verb (by lemma) reports content."""

    lemma: str
    stance: str | None = None
    claim_stance: str | None = None
    object: bool | str = False  # True, or "claim": only a claim noun as object
    person_only: bool = False
    infinitive: bool = False  # "vowed to keep fighting": the to-clause is the content
    needs: tuple[str, ...] = ()
    marked_only: bool = False


@dataclass
class CueLexicon:
    """All cue knowledge, merged from the bundled file and any extra files."""

    verbs: dict[str, VerbCue] = field(default_factory=dict)
    words: dict[str, frozenset[str]] = field(default_factory=dict)

    def __getattr__(self, name: str) -> frozenset[str]:
        # Word lists read as attributes (lexicon.thought_verbs); unknown names fail loudly.
        words = self.__dict__.get("words", {})
        if name in words:
            return words[name]
        raise AttributeError(name)

    @classmethod
    def load(cls, extra_files: Iterable[str | Path] = ()) -> CueLexicon:
        """Read the bundled cue file, then each extra file in order."""
        lex = cls()
        lists: dict[str, set[str]] = {k: set() for k in _LIST_KEYS}
        for path in [data_path("quotes", "cues.yaml"), *extra_files]:
            data = load_yaml(path)
            for lemma, opts in (data.get("verbs") or {}).items():
                lex.verbs[str(lemma).lower()] = _verb(str(lemma), opts, path)
            for key in _LIST_KEYS:
                values = data.get(key) or []
                if not isinstance(values, list):
                    raise KnowledgeError(f"{key!r} must be a list", source=str(path))
                lists[key].update(str(v).lower() for v in values)
        lex.words = {k: frozenset(v) for k, v in lists.items()}
        return lex


def _verb(lemma: str, opts: Any, path: str | Path) -> VerbCue:
    opts = opts or {}
    if not isinstance(opts, dict):
        raise KnowledgeError(f"verb {lemma!r}: options must be a mapping", source=str(path))
    unknown = set(opts) - _VERB_OPTIONS
    if unknown:
        raise KnowledgeError(f"verb {lemma!r}: unknown options {sorted(unknown)}", source=str(path))
    for key in ("stance", "claim_stance"):
        if opts.get(key) is not None and opts[key] not in _STANCES:
            raise KnowledgeError(f"verb {lemma!r}: {key} must be one of {sorted(_STANCES)}",
                                 source=str(path))
    return VerbCue(lemma=lemma.lower(), stance=opts.get("stance"),
                   claim_stance=opts.get("claim_stance"),
                   object="claim" if opts.get("object") == "claim" else bool(opts.get("object")),
                   person_only=bool(opts.get("person_only")),
                   infinitive=bool(opts.get("infinitive")),
                   needs=tuple(str(n).lower() for n in opts.get("needs") or ()),
                   marked_only=bool(opts.get("marked_only")))
