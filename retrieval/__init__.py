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
from retrieval.types import DocumentInfo, Hit, SyncProblem, SyncReport

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
    "SyncProblem",
    "SyncReport",
    "load_embedder",
]
