"""Multilingual retrieval over a corpus of source documents, with citation metadata."""

from retrieval.embeddings import Embedder
from retrieval.errors import (
    DocumentError,
    DocumentNotFoundError,
    IndexMismatchError,
    ModelUnavailableError,
    RetrievalError,
)
from retrieval.index import Index, load_embedder
from retrieval.types import DocumentInfo, Hit, SearchResult, SyncProblem, SyncReport

__all__ = [
    "DocumentError",
    "DocumentInfo",
    "DocumentNotFoundError",
    "Embedder",
    "Hit",
    "Index",
    "IndexMismatchError",
    "ModelUnavailableError",
    "RetrievalError",
    "SearchResult",
    "SyncProblem",
    "SyncReport",
    "load_embedder",
]
