"""Typed values that cross the library boundary."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload

import numpy as np


@dataclass(frozen=True)
class DocumentInfo:
    """What a citation needs to know about a source document."""

    id: str
    title: str
    language: str
    published: str | None
    source: str | None
    publisher: str | None
    path: str
    content_hash: str
    # When the document first entered the index (UTC, ISO 8601 with microseconds, so strings
    # sort in time order); `published` is the source's own date. None for records indexed
    # before this field existed.
    ingested_at: str | None = None


@dataclass(frozen=True)
class Hit:
    """One retrieved passage; `start`/`end` are offsets into the document's normalized text."""

    chunk_id: str
    text: str
    score: float
    start: int
    end: int
    document: DocumentInfo
    # Cosine similarity of the query to the passage's best vector: comparable across queries,
    # unlike the fused rank `score`, so answering can calibrate a refusal gate on it.
    dense_score: float = 0.0


@dataclass(frozen=True, eq=False)
class SearchResult(Sequence[Hit]):
    """The passages that answer one query, best first, and what the search decided on the way:
    the query's language (whose bias was removed from its vector) and the vector itself, so a
    caller can rank sentences against it without encoding the query again. Reads like a list of
    `Hit`."""

    query: str
    language: str | None
    query_vector: np.ndarray = field(repr=False)
    hits: tuple[Hit, ...] = ()
    # The same vector before the language's bias was removed, to compare the query with texts in
    # any language (None for an empty search).
    raw_query_vector: np.ndarray | None = field(default=None, repr=False)

    @overload
    def __getitem__(self, i: int) -> Hit: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Hit]: ...
    def __getitem__(self, i: int | slice) -> Hit | Sequence[Hit]:
        return self.hits[i]

    def __len__(self) -> int:
        return len(self.hits)

    def __iter__(self) -> Iterator[Hit]:
        return iter(self.hits)


@dataclass(frozen=True)
class SyncProblem:
    """A file the sync skipped, with the reason and what to do about it."""

    path: str
    reason: str


@dataclass
class SyncReport:
    """What a sync changed. Lists hold document ids."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    chunks_embedded: int = 0
    problems: list[SyncProblem] = field(default_factory=list)
    seconds: float = 0.0
