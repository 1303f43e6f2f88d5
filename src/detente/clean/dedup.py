"""Near-duplicate documents with MinHash LSH over word shingles."""

from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash, MinHashLSH

_WORD = re.compile(r"\w+")
# Pinned so signatures stored by one version stay comparable after a datasketch upgrade.
SCHEME = "affine32"


def shingles(text: str, size: int = 5) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def signature(text: str, num_perm: int = 128, size: int = 5) -> np.ndarray:
    """MinHash hash values (uint64 array) for ``text``; stored so the index rebuilds cheaply."""
    mh = MinHash(num_perm=num_perm, scheme=SCHEME)
    mh.update_batch(list(shingles(text, size)))
    return mh.hashvalues


class NearDuplicateIndex:
    """Add documents one at a time; each gets the id of an earlier near-duplicate, or None."""

    def __init__(self, threshold: float = 0.8, num_perm: int = 128, shingle_size: int = 5) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._sigs: dict[str, MinHash] = {}

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._sigs

    def signature(self, text: str) -> np.ndarray:
        return signature(text, self.num_perm, self.shingle_size)

    def add(self, doc_id: str, hashvalues: np.ndarray, *, check: bool = True) -> str | None:
        """Index ``doc_id``; return the best earlier near-duplicate (highest Jaccard) or None."""
        if doc_id in self._sigs:
            return None
        mh = MinHash(num_perm=self.num_perm, hashvalues=hashvalues, scheme=SCHEME)
        best = None
        if check:
            scored = [(mh.jaccard(self._sigs[c]), c) for c in self._lsh.query(mh)]
            scored = [(j, c) for j, c in scored if j >= self.threshold]
            if scored:
                best = max(scored)[1]
        self._lsh.insert(doc_id, mh)
        self._sigs[doc_id] = mh
        return best
