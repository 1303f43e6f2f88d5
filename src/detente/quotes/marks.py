"""Finding quotation-mark spans in raw text: matched by type, apostrophes and nesting handled.

One linear pass over the text. Only the outermost quotation is returned (a quote inside a quote
is part of its content). A quotation may run over several paragraphs when, as English style
wants, each paragraph opens with a mark and only the last one closes.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

# Opening mark -> closing marks it accepts. German-style „...“ closes with a left curly quote.
DOUBLE_PAIRS: dict[str, str] = {"“": "”", "«": "»", "„": "“”", '"': '"', "‹": "›"}
SINGLE_PAIRS: dict[str, str] = {"‘": "’", "'": "'"}
# A straight quote opens after these (or at the start of the text); otherwise it closes.
_OPEN_CONTEXT = set(" \t\n\r([{—–-:/") | set(DOUBLE_PAIRS) | set(SINGLE_PAIRS)
# Quotations longer than this without a closing mark are treated as stray marks.
MAX_QUOTE_CHARS = 6000
MAX_SINGLE_QUOTE_CHARS = 400


@dataclass(frozen=True)
class Mark:
    """One quotation: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int

    @property
    def inner(self) -> tuple[int, int]:
        return self.inner_start, self.inner_end


def _opens(text: str, i: int) -> bool:
    """A straight or single mark at ``i`` opens a quotation (not an apostrophe or a closer)."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in _OPEN_CONTEXT or not before.strip()) and not after.isspace()


def _closes_single(text: str, i: int) -> bool:
    """A single mark at ``i`` closes (is not an apostrophe inside a word such as don’t)."""
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isalnum()


def _find_close(text: str, i: int, opener: str, closers: str, single: bool) -> int | None:
    """Index of the closing mark for the opener at ``i``, following paragraph continuations."""
    limit = min(len(text), i + (MAX_SINGLE_QUOTE_CHARS if single else MAX_QUOTE_CHARS))
    j = i + 1
    while j < limit:
        c = text[j]
        if c in closers and (not single or _closes_single(text, j)):
            return j
        if c == "\n":
            if single:
                return None
            # Paragraph ends unclosed: continue only if the next paragraph reopens the quote.
            k = j
            while k < len(text) and text[k].isspace():
                k += 1
            if k < len(text) and text[k] == opener:
                j = k + 1
                continue
            return None
        j += 1
    return None


def find_marks(text: str) -> list[Mark]:
    """Outermost quotations in ``text``, in order."""
    marks: list[Mark] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        single = c in SINGLE_PAIRS
        # Curly and angle openers always open; straight and single marks only in opening context.
        if c in "“«„‹" or ((c == '"' or single) and _opens(text, i)):
            closers = SINGLE_PAIRS[c] if single else DOUBLE_PAIRS[c]
            j = _find_close(text, i, c, closers, single)
            if j is not None and j > i + 1:
                marks.append(Mark(i, j + 1, i + 1, j))
                i = j + 1
                continue
        i += 1
    return marks


class MarkIndex:
    """Quotations of one document with fast lookup by offset."""

    def __init__(self, marks: list[Mark]) -> None:
        self.marks = marks
        self._starts = [m.start for m in marks]

    def at(self, offset: int) -> Mark | None:
        """The quotation whose marks enclose ``offset`` (marks included)."""
        k = bisect_right(self._starts, offset) - 1
        if k >= 0 and offset < self.marks[k].end:
            return self.marks[k]
        return None

    def within(self, start: int, end: int) -> list[Mark]:
        """Quotations overlapping [start, end)."""
        k = max(bisect_right(self._starts, start) - 1, 0)
        out = []
        while k < len(self.marks) and self.marks[k].start < end:
            if self.marks[k].end > start:
                out.append(self.marks[k])
            k += 1
        return out
