"""Chroma persistence: passages (chunk vectors) and one record per document.

Crash safety rests on write order: a document's record is written only after all its passages,
and deleted before them. A passage whose document has no record (or a record with another
content hash) is an orphan of an interrupted sync, and the next sync deletes it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb.api import ClientAPI
from chromadb.api.collection_configuration import CreateCollectionConfiguration
from chromadb.api.types import Metadata, Where
from chromadb.config import Settings as ChromaSettings

from retrieval.errors import IndexMismatchError, RetrievalError
from retrieval.types import DocumentInfo

PASSAGES = "briefing_passages"
DOCUMENTS = "briefing_documents"
_HNSW: CreateCollectionConfiguration = {"hnsw": {"space": "cosine", "ef_search": 128, "ef_construction": 200}}
_BATCH = 1000


@dataclass(frozen=True)
class PassageRecord:
    id: str
    doc_id: str
    kind: str  # "chunk"; indexes built before sentences were scored at question time also hold "sentence"
    chunk_id: str
    start: int
    end: int
    text: str
    vector: np.ndarray


@dataclass(frozen=True)
class Neighbour:
    """A passage near a query vector; `vector` only when asked for."""

    id: str
    similarity: float
    metadata: Metadata
    vector: np.ndarray | None


@dataclass(frozen=True)
class StoredChunk:
    id: str
    text: str
    doc_id: str
    start: int
    end: int
    language: str
    content_hash: str


@dataclass(frozen=True)
class StoredDocument:
    info: DocumentInfo
    chunks: int


def make_client(path: Path | None, chroma_url: str | None) -> ClientAPI:
    settings = ChromaSettings(anonymized_telemetry=False)
    if chroma_url:
        url = urlparse(chroma_url)
        if not url.hostname:
            raise RetrievalError(f"BRIEFING_CHROMA_URL {chroma_url!r} is not a URL like http://host:8000")
        return chromadb.HttpClient(
            host=url.hostname,
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=settings,
        )
    if path is None:
        raise RetrievalError("an index needs a folder (BRIEFING_INDEX_DIR) or a Chroma server URL")
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


class Store:
    def __init__(self, client: ClientAPI, recipe: str | None = None) -> None:
        """Open the collections; `recipe` (how vectors are made) is checked now when given, or
        later by `check_recipe` when the first vector is needed (listing documents needs none)."""
        self._client = client
        self.passages = client.get_or_create_collection(PASSAGES, configuration=_HNSW, embedding_function=None)
        self.documents = client.get_or_create_collection(DOCUMENTS, configuration=_HNSW, embedding_function=None)
        if recipe is not None:
            self.check_recipe(recipe)

    def check_recipe(self, recipe: str) -> None:
        """Raise IndexMismatchError when the stored vectors were made another way; an empty
        index takes `recipe` as its own."""
        # Read afresh: another process may have stamped the recipe since this one opened.
        self.passages = self._client.get_collection(PASSAGES, embedding_function=None)
        stored = (self.passages.metadata or {}).get("embedding_recipe")
        if stored == recipe:
            return
        if self.documents.count() + self.passages.count() > 0:
            raise IndexMismatchError(
                f"the index was built with {stored!r} but the configured embedding is {recipe!r}; "
                "run `briefing corpus sync --rebuild` to re-embed the corpus with the new model"
            )
        for collection in (self.passages, self.documents):
            collection.modify(metadata={**(collection.metadata or {}), "embedding_recipe": recipe})

    def reset(self, recipe: str) -> None:
        for name in (PASSAGES, DOCUMENTS):
            self._client.delete_collection(name)
        self.__init__(self._client, recipe)  # type: ignore[misc]

    # Change marker ------------------------------------------------------------------------
    def generation(self) -> str:
        """A token that changes whenever a sync changed the index, in this process or another."""
        meta = self._client.get_collection(DOCUMENTS, embedding_function=None).metadata or {}
        return str(meta.get("generation", ""))

    def mark_changed(self) -> None:
        # A random token rather than a counter: two processes finishing a sync at once cannot
        # both write the same value that a reader has already seen.
        meta = dict(self.documents.metadata or {})
        meta["generation"] = uuid.uuid4().hex
        self.documents.modify(metadata=meta)

    # Documents ----------------------------------------------------------------------------
    def stored_documents(self) -> dict[str, StoredDocument]:
        got = self.documents.get(include=["metadatas"])
        return {
            doc_id: StoredDocument(_info_from_meta(doc_id, meta), _int(meta.get("chunks")))
            for doc_id, meta in zip(got["ids"], got["metadatas"] or [], strict=True)
        }

    def document_text(self, doc_id: str) -> str | None:
        got = self.documents.get(ids=[doc_id], include=["documents"])
        return got["documents"][0] if got["ids"] and got["documents"] else None

    def put_document(self, info: DocumentInfo, text: str, vector: np.ndarray, chunks: int) -> None:
        meta: Metadata = {
            "title": info.title,
            "language": info.language,
            "published": info.published or "",
            "source": info.source or "",
            "publisher": info.publisher or "",
            "path": info.path,
            "content_hash": info.content_hash,
            "chunks": chunks,
            "ingested_at": info.ingested_at or "",
        }
        self.documents.upsert(ids=[info.id], embeddings=[vector.tolist()], documents=[text], metadatas=[meta])

    def delete_document(self, doc_id: str) -> None:
        """Record first, passages after: an interruption leaves orphans that sync sweeps."""
        self.documents.delete(ids=[doc_id])
        self.passages.delete(where={"doc_id": doc_id})

    # Passages -----------------------------------------------------------------------------
    def add_passages(self, records: list[PassageRecord], info: DocumentInfo) -> None:
        published = date_ordinal(info.published)
        for i in range(0, len(records), _BATCH):
            batch = records[i : i + _BATCH]
            self.passages.upsert(
                ids=[r.id for r in batch],
                embeddings=np.stack([r.vector for r in batch]).tolist(),
                documents=[r.text for r in batch],
                metadatas=[
                    {
                        "doc_id": r.doc_id,
                        "kind": r.kind,
                        "chunk_id": r.chunk_id,
                        "start": r.start,
                        "end": r.end,
                        "content_hash": info.content_hash,
                        "language": info.language,
                        "published": published,
                    }
                    for r in batch
                ],
            )

    def passage_count(self) -> int:
        return self.passages.count()

    def passage_owners(self) -> Iterator[tuple[str, str, str]]:
        """(passage id, doc id, content hash) of every stored passage."""
        offset = 0
        while True:
            got = self.passages.get(include=["metadatas"], limit=5000, offset=offset)
            if not got["ids"]:
                return
            for pid, meta in zip(got["ids"], got["metadatas"] or [], strict=True):
                yield pid, str(meta["doc_id"]), str(meta["content_hash"])
            offset += len(got["ids"])

    def delete_passages(self, ids: list[str]) -> None:
        for i in range(0, len(ids), _BATCH):
            self.passages.delete(ids=ids[i : i + _BATCH])

    def chunks(self) -> list[StoredChunk]:
        """Every chunk, for the lexical index and the search's view."""
        out: list[StoredChunk] = []
        offset = 0
        while True:
            got = self.passages.get(
                where={"kind": "chunk"}, include=["documents", "metadatas"], limit=5000, offset=offset
            )
            if not got["ids"]:
                return out
            out += [
                StoredChunk(
                    id=cid,
                    text=text,
                    doc_id=str(meta["doc_id"]),
                    start=_int(meta["start"]),
                    end=_int(meta["end"]),
                    language=str(meta["language"]),
                    content_hash=str(meta["content_hash"]),
                )
                for cid, text, meta in zip(got["ids"], got["documents"] or [], got["metadatas"] or [], strict=True)
            ]
            offset += len(got["ids"])

    def query(self, vector: np.ndarray, n: int, where: Where | None, *, vectors: bool = False) -> list[Neighbour]:
        """The n nearest passages matching `where`, in one round trip (no count first: Chroma
        returns fewer when fewer match)."""
        got = self.passages.query(
            query_embeddings=[vector.tolist()],
            n_results=n,
            where=where or None,
            include=["distances", "metadatas", "embeddings"] if vectors else ["distances", "metadatas"],
        )
        ids, distances, metas = got["ids"][0], (got["distances"] or [[]])[0], (got["metadatas"] or [[]])[0]
        found = got["embeddings"][0] if vectors and got["embeddings"] is not None else [None] * len(ids)
        return [
            Neighbour(pid, 1.0 - float(dist), meta, None if vec is None else np.asarray(vec, dtype=np.float32))
            for pid, dist, meta, vec in zip(ids, distances, metas, found, strict=True)
        ]


def date_ordinal(published: str | None) -> int:
    """YYYY-MM-DD as the number YYYYMMDD (0 when unknown) so Chroma can filter ranges."""
    if not published:
        return 0
    digits = published.replace("-", "")[:8]
    return int(digits.ljust(8, "0")) if digits.isdigit() else 0


def _text(value: object) -> str | None:
    return str(value) if value else None


def _int(value: object) -> int:
    return int(value) if isinstance(value, int | float | str) else 0


def _info_from_meta(doc_id: str, meta: Metadata) -> DocumentInfo:
    return DocumentInfo(
        id=doc_id,
        title=str(meta.get("title", "")),
        language=str(meta.get("language", "")),
        published=_text(meta.get("published")),
        source=_text(meta.get("source")),
        publisher=_text(meta.get("publisher")),
        path=str(meta.get("path", "")),
        content_hash=str(meta.get("content_hash", "")),
        ingested_at=_text(meta.get("ingested_at")),
    )
