"""Remove the part of an embedding that only says which language a text is in.

multilingual-e5 places texts of one language closer together whatever they say, so a question
prefers mediocre passages in its own language over exact answers in another. The same everyday
sentences in several languages (data/language_anchors.json) give, per language, the mean offset
of that language from the mean of all; subtracting a share of it from queries and passages lets
meaning, not language, decide. Measured on the dev set: MRR@5 0.69 → 0.84 at strength 0.75
(0.5: 0.82, 1.0: 0.80, 1.5: 0.74)."""

from __future__ import annotations

import hashlib
import json
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import numpy as np

STRENGTH = 0.75


class _Encoder(Protocol):
    def raw_queries(self, texts: list[str]) -> np.ndarray: ...
    def raw_passages(self, texts: list[str]) -> np.ndarray: ...


def _anchors() -> dict[str, list[str]]:
    data: dict[str, list[str]] = json.loads(
        resources.files("retrieval").joinpath("data/language_anchors.json").read_text("utf-8")
    )
    data.pop("_about", None)
    return data


def anchors_fingerprint() -> str:
    text = json.dumps(_anchors(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


class LanguageBias:
    def __init__(self, encoder: _Encoder, cache_dir: Path | None = None, strength: float = STRENGTH) -> None:
        self._encoder = encoder
        self._cache = cache_dir / f"language-offsets-{anchors_fingerprint()}.npz" if cache_dir else None
        self.strength = strength

    @cached_property
    def _offsets(self) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
        """Per-language offsets for queries and passages; computed once per model (a few
        seconds) and kept beside it."""
        if self._cache and self._cache.is_file():
            saved = np.load(self._cache)
            return _split(saved, "q:"), _split(saved, "p:")
        anchors = _anchors()
        queries = _centered({lang: self._encoder.raw_queries(s).mean(0) for lang, s in anchors.items()})
        passages = _centered({lang: self._encoder.raw_passages(s).mean(0) for lang, s in anchors.items()})
        if self._cache:
            try:
                tmp = self._cache.with_suffix(".tmp.npz")
                arrays: dict[str, Any] = {f"q:{k}": v for k, v in queries.items()}
                arrays.update({f"p:{k}": v for k, v in passages.items()})
                np.savez(tmp, **arrays)
                tmp.replace(self._cache)
            except OSError:
                pass  # a read-only model folder only costs the recomputation next time
        return queries, passages

    @property
    def languages(self) -> frozenset[str]:
        return frozenset(_anchors())

    def adjust_queries(self, vectors: np.ndarray, language: str | None) -> np.ndarray:
        return self._adjust(vectors, self._offsets[0].get(language or ""))

    def adjust_passages(self, vectors: np.ndarray, language: str | None) -> np.ndarray:
        return self._adjust(vectors, self._offsets[1].get(language or ""))

    def _adjust(self, vectors: np.ndarray, offset: np.ndarray | None) -> np.ndarray:
        if offset is None or len(vectors) == 0:
            return vectors  # a language without anchors is left as the model made it
        shifted = vectors - self.strength * offset
        unit: np.ndarray = (shifted / np.linalg.norm(shifted, axis=1, keepdims=True)).astype(np.float32)
        return unit


def _split(saved: np.lib.npyio.NpzFile, prefix: str) -> dict[str, np.ndarray]:
    return {k[len(prefix) :]: saved[k] for k in saved.files if k.startswith(prefix)}


def _centered(means: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    overall = np.mean(list(means.values()), axis=0)
    return {lang: mean - overall for lang, mean in means.items()}
