"""The best-sentence similarity of a search's leading chunks, embedded at question time.

A chunk's score takes a share from its best sentence, so a precise fact inside a long passage
still counts. Embedding every sentence at ingest doubled the work of a sync for a score that
only decides the order of the few chunks near the top; so only the leading chunks' sentences
are embedded, when a question first reaches them, and kept for the life of the process."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from retrieval.embeddings import Embedder
from retrieval.sentences import sentence_spans
from retrieval.store import StoredChunk


class SentenceScores:
    def __init__(self, max_cached: int = 200_000) -> None:
        # (chunk id, content hash) → its sentences' vectors; a new version of a document has
        # another hash, so a stale entry is never read.
        self._vectors: dict[tuple[str, str], np.ndarray] = {}
        self._max_cached = max_cached
        self._lock = threading.Lock()

    def best(self, query_vector: np.ndarray, chunks: Sequence[StoredChunk], embedder: Embedder) -> dict[str, float]:
        """Chunk id → cosine of its closest sentence to the query."""
        vectors = self._vectors_of(chunks, embedder)
        return {c.id: float(np.max(v @ query_vector)) for c, v in zip(chunks, vectors, strict=True) if len(v)}

    def _vectors_of(self, chunks: Sequence[StoredChunk], embedder: Embedder) -> list[np.ndarray]:
        keys = [(c.id, c.content_hash) for c in chunks]
        with self._lock:
            found = [self._vectors.get(key) for key in keys]
        missing = [i for i, v in enumerate(found) if v is None]
        # One call per language: the bias correction is per language; the encoder batches by length.
        by_language: dict[str, list[int]] = {}
        for i in missing:
            by_language.setdefault(chunks[i].language, []).append(i)
        for language, indices in by_language.items():
            texts = [[c.text[s:e] for s, e in sentence_spans(c.text)] for c in (chunks[i] for i in indices)]
            encoded = embedder.encode_passages([t for sentences in texts for t in sentences], language)
            at = 0
            for i, sentences in zip(indices, texts, strict=True):
                found[i] = encoded[at : at + len(sentences)]
                at += len(sentences)
        with self._lock:
            if len(self._vectors) > self._max_cached:
                self._vectors.clear()
            for i in missing:
                self._vectors[keys[i]] = found[i]  # type: ignore[assignment]
        return [v if v is not None else np.zeros((0, 1), dtype=np.float32) for v in found]
