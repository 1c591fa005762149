"""What answering needs from an index: `retrieval.Index` satisfies it, and so can a test double."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from retrieval import DocumentInfo, SearchResult


class Encoder(Protocol):
    def encode_queries(self, texts: list[str], language: str | None = None) -> np.ndarray: ...
    def encode_passages(self, texts: list[str], language: str | None = None) -> np.ndarray: ...


class SearchIndex(Protocol):
    @property
    def embedder(self) -> Encoder: ...

    def search(
        self,
        query: str,
        k: int = 5,
        *,
        language: str | None = None,
        languages: Sequence[str] | None = None,
        published_from: str | None = None,
        published_to: str | None = None,
    ) -> SearchResult: ...
    def documents(self) -> list[DocumentInfo]: ...
    def document_text(self, doc_id: str) -> str: ...
    def is_empty(self) -> bool: ...
