"""Per-document profiles, filters and per-outlet summaries."""

from __future__ import annotations

import pytest

from detente.docanalysis.profile import matches, outlet_profiles, profile
from detente.facts import Actor, Analysis, Document, Quality, QualityFlag, Segment, Span

TEXT = "Officials close to the talks said the plan was dead. Kallas praised the brave envoys."


@pytest.fixture()
def analysis() -> Analysis:
    k = TEXT.index("Kallas")
    doc = Document(id="d1", text=TEXT, source="Wire", genre="report",
                   segments=(Segment(0, len(TEXT), "report"),),
                   quality=Quality(0.9, (QualityFlag("name_variant", 0, 3, "Off"),)))
    actor = Actor(id="a1", name="Kaja Kallas", kind="person",
                  mentions=(Span(k, k + 6, "Kallas"),))
    return Analysis(document=doc, actors=(actor,))


def test_profile_from_analysis_dict(analysis: Analysis) -> None:
    prof = profile(analysis.to_dict())
    assert prof["genre"] == "report"
    assert prof["genre_mix"] == {"report": 1.0}
    assert prof["quality"] == {"score": 0.9, "flags": {"name_variant": 1}}
    assert prof["sourcing"]["anonymous"] == 1
    assert prof["tone"]["a1"]["label"] == "positive"


@pytest.mark.parametrize(("genre", "min_quality", "ok"), [
    ("report", None, True), ("opinion", None, False), (None, 0.95, False), (None, 0.5, True)])
def test_matches(analysis: Analysis, genre: str | None, min_quality: float | None,
                 ok: bool) -> None:
    assert matches(profile(analysis), genre=genre, min_quality=min_quality) is ok


def test_outlet_profiles(analysis: Analysis) -> None:
    prof = profile(analysis)
    summary = outlet_profiles([prof, prof])
    assert summary["Wire"]["documents"] == 2
    assert summary["Wire"]["genres"] == {"report": 2}
    assert summary["Wire"]["sourcing"]["anonymous"] == 2
