"""Anonymous speakers keep how many and whose (issue 4, item 5)."""

import pytest

from detente.ingest.document import Draft, make_document


@pytest.mark.slow
def test_anonymous_speaker_keeps_count_and_affiliation(pipeline) -> None:
    text = "According to three people close to the Kremlin, Putin rejected the deal."
    [analysis] = pipeline.process([make_document(Draft(text=text, origin="t",
                                                       published="2025-11-27"))])
    [quote] = analysis.quotes
    assert quote.speaker.source_type == "anonymous"
    assert (quote.speaker.count, quote.speaker.affiliation) == (3, "Russia")
    assert quote.speaker.actor is not None
