"""Passages: paragraphs, long ones windowed, boilerplate left out."""

import pytest

from detente.search.passages import WINDOW_WORDS, passages

LONG = " ".join(f"w{i}" for i in range(WINDOW_WORDS + 5))


@pytest.mark.parametrize(("text", "excluded", "expected"), [
    ("One para.\n\nSecond para\ncontinues here.", [],
     ["One para.", "Second para\ncontinues here."]),
    ("Talks resumed.\nRead the original article here", [(15, 45)], ["Talks resumed."]),
    ("Before boiler after", [(7, 13)], ["Before", "after"]),
    ("   \n\n  ", [], []),
    (LONG, [], [" ".join(f"w{i}" for i in range(WINDOW_WORDS)),
                " ".join(f"w{i}" for i in range(WINDOW_WORDS, WINDOW_WORDS + 5))]),
])
def test_passages(text, excluded, expected) -> None:
    found = passages("d", text, excluded)
    assert [text[p.start:p.end] for p in found] == expected
    assert all(p.document_id == "d" for p in found)


def test_index_missing_fills_documents_stored_without_vectors(tmp_path) -> None:
    from detente.facts import Analysis, Document
    from detente.nlp.embeddings import MODEL_NAME
    from detente.search.passages import index_missing
    from detente.store import open_store

    store = open_store(tmp_path / "i.db")
    doc = Document(id="d1", text="The two sides agreed a ceasefire in Gaza.\n\nTalks go on.")
    store.save_batch([Analysis(document=doc)])
    assert store.documents_without_passages(MODEL_NAME) == ["d1"]
    assert index_missing(store) == (1, 2)
    assert store.documents_without_passages(MODEL_NAME) == []
    assert index_missing(store) == (0, 0)  # a rerun has nothing left to do
