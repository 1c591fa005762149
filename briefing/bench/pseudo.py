"""An embedder whose passage vectors are pseudo-random (cheap, for building large indexes) and
whose query vectors come from the real model, so a search's cost is the real one."""

from __future__ import annotations

import hashlib

import numpy as np

from retrieval import Embedder


class PseudoPassages:
    def __init__(self, real: Embedder) -> None:
        self._real = real
        self.dimension = real.dimension
        self.recipe = real.recipe + "|pseudo-passages"

    def count_tokens(self, text: str) -> int:
        return self._real.count_tokens(text)

    def encode_queries(self, texts: list[str], language: str | None = None, *, remember: bool = True) -> np.ndarray:
        return self._real.encode_queries(texts, language, remember=remember)

    def raw_queries(self, texts: list[str], *, remember: bool = True) -> np.ndarray:
        return self._real.raw_queries(texts, remember=remember)

    def adjust_queries(self, vectors: np.ndarray, language: str | None) -> np.ndarray:
        return self._real.adjust_queries(vectors, language)

    def encode_passages(self, texts: list[str], language: str | None = None, *, remember: bool = True) -> np.ndarray:
        return self._vectors(texts)

    def _vectors(self, texts: list[str]) -> np.ndarray:
        seed = int.from_bytes(hashlib.blake2b("\x00".join(texts).encode(), digest_size=8).digest(), "little")
        vectors = np.random.default_rng(seed).standard_normal((len(texts), self.dimension)).astype(np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
