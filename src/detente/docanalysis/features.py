"""Paragraph features a reader uses to tell reporting from analysis and opinion.

All features are computed from the text alone (no parse), on the author's own words: quoted
speech is masked first, so a report quoting an angry speaker keeps a reporter's profile. Counts
are divided by the number of sentences, so long and short paragraphs are comparable.
"""

from __future__ import annotations

import re

from detente.docanalysis.knowledge import Knowledge, fold

# Quoted spans: curly doubles, straight doubles, guillemets, and curly singles that open after a
# space (so the apostrophe in "Russia’s" never opens a quote).
_QUOTED = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"|«[^»\n]*»|(?<![\w])‘[^’\n]*’(?![\w])")
_SENT_END = re.compile(r"(?<=[.!?…])[\"”’»)]*\s+(?=[\"“‘«(]?[A-Z0-9])")
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_PROPER = re.compile(r"(?<=[\w,;:)’”] )[A-Z][a-z]+|(?<=[\w,;:)’”] )[A-Z]{2,}\b")
_DIGITS = re.compile(r"\b\d[\d,.]*\b")
# Reports narrate in the past; analysis and opinion argue in the present.
_PAST = re.compile(r"\b(?:was|were|had|did|\w{3,}ed)\b")
_PRESENT_WORDS = (r"\b(?:is|are|isn['’]t|aren['’]t|does|doesn['’]t|do|don['’]t|seems|"
                  r"remains|means|shows|makes|needs|wants)\b")
_PRESENT = re.compile(_PRESENT_WORDS, re.I)
# The same words matched with case on folded text: the same matches, several times faster.
_PRESENT_FOLDED = re.compile(_PRESENT_WORDS)

# The features, in a fixed order (the genre model's weights are keyed by these names).
FEATURES = (
    "first_person_singular", "first_person_plural", "second_person", "question", "exclamation",
    "imperative", "obligation", "evaluative", "intensifiers", "contractions", "hedges",
    "analytic", "attribution", "news_time", "quote_share", "digits", "proper_nouns",
    "words_per_sentence", "past_tense", "present_tense",
)


def mask_quotes(text: str) -> tuple[str, int]:
    """``text`` with quoted passages replaced by a placeholder, and the quoted character count."""
    quoted = 0

    def sub(m: re.Match[str]) -> str:
        nonlocal quoted
        quoted += len(m.group())
        return "“Q”"

    return _QUOTED.sub(sub, text), quoted


def split_sentences(text: str) -> list[str]:
    """A fast regex sentence split (good enough for per-sentence rates)."""
    return [s for s in (p.strip() for p in _SENT_END.split(text)) if s]


def paragraph_features(text: str, kb: Knowledge) -> dict[str, float]:
    """Feature name -> value for one paragraph (see ``FEATURES``)."""
    voice, quoted = mask_quotes(text)
    sentences = split_sentences(voice) or [voice]
    n = len(sentences)
    words = len(_WORD.findall(voice)) or 1
    cues = kb.cues
    lowered = fold(voice)  # once for all the cue lists

    def rate(name: str) -> float:
        return cues[name].count(voice, lowered) / n if name in cues else 0.0

    feats = {name: rate(name) for name in (
        "first_person_singular", "first_person_plural", "second_person", "obligation",
        "evaluative", "intensifiers", "contractions", "hedges", "analytic", "attribution",
        "news_time")}
    opener = cues.get("imperative_openers")
    feats["imperative"] = (sum(1 for s in sentences if opener.search(s)) / n) if opener else 0.0
    feats["question"] = sum(1 for s in sentences if s.rstrip("”\"’)").endswith("?")) / n
    feats["exclamation"] = sum(1 for s in sentences if s.rstrip("”\"’)").endswith("!")) / n
    feats["quote_share"] = quoted / max(len(text), 1)
    feats["digits"] = len(_DIGITS.findall(voice)) / n
    feats["proper_nouns"] = len(_PROPER.findall(voice)) / words
    feats["words_per_sentence"] = min(words / n, 60) / 30
    feats["past_tense"] = len(_PAST.findall(voice)) / n
    present = _PRESENT_FOLDED.findall(lowered) if lowered is not None else _PRESENT.findall(voice)
    feats["present_tense"] = len(present) / n
    return {name: feats[name] for name in FEATURES}
