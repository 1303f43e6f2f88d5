"""Document analysis: reporting vs analysis vs opinion, sourcing profile, tone toward actors,
and garbled-text detection.

Public helpers: :func:`segment_genre_at` (the genre at a character offset, for events and
positions), :func:`profile` (a plain-dict per-document profile), :func:`outlet_profiles` and
:func:`matches` (corpus views and filters).
"""

from detente.docanalysis.genre import GENRES, GenreModel, segment_genre_at, split_paragraphs
from detente.docanalysis.profile import matches, outlet_profiles, profile

__all__ = ["GENRES", "GenreModel", "matches", "outlet_profiles", "profile", "segment_genre_at",
           "split_paragraphs"]
