"""The index: sync a corpus folder into Chroma, and search it."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from retrieval.chunking import Chunk, chunk_text
from retrieval.documents import (
    DEFAULT_MAX_DOCUMENT_BYTES,
    LoadedDocument,
    check_corpus_file,
    corpus_files,
    document_id,
    load_document,
)
from retrieval.embeddings import DEFAULT_MODEL, Embedder, default_cache_dir
from retrieval.errors import DocumentError, DocumentNotFoundError
from retrieval.language import detect_language
from retrieval.lexical import LexicalIndex
from retrieval.ranking import SENTENCE_SHARE, Candidate, diverse_top, fuse
from retrieval.sentence_scores import SentenceScores
from retrieval.store import PassageRecord, Store, StoredChunk, StoredDocument, date_ordinal, make_client
from retrieval.types import DocumentInfo, Hit, SearchResult, SyncProblem, SyncReport
from retrieval.view_snapshot import load_view, save_view

if TYPE_CHECKING:
    from retrieval.langchain import IndexRetriever

Progress = Callable[[int, int, str], None]
CHUNK_TOKENS = 200
# Chunks embedded per round of forward passes: enough to fill batches across documents, few
# enough that a large sync holds little in memory.
_WRITE_BATCH_CHUNKS = 256
# Chunks, by dense similarity, whose best sentence is scored at question time: the sentence
# share reorders the head of the ranking; further down it never reached the top k.
SENTENCE_SCORED_CHUNKS = 20
# Inside an embedded index's folder: the search's view saved for the next process. A server's
# index keeps its views in this machine's cache instead (`server_view_dir`).
VIEW_FOLDER = "search-view"


@dataclass(frozen=True)
class _View:
    """What searches read between syncs, built together so a search never mixes two versions."""

    generation: str
    documents: dict[str, StoredDocument]
    # chunk id → (text, metadata), only chunks of the documents' current versions: a passage an
    # interrupted sync left behind is never cited.
    chunks: dict[str, StoredChunk]
    lexical: LexicalIndex
    # chunk id → its row in the lexical scores, so a search reads only its candidates' scores
    lexical_rows: dict[str, int]


@lru_cache(maxsize=4)
def load_embedder(model: str = DEFAULT_MODEL, cache_dir: Path | None = None) -> Embedder:
    """One model per process: loading takes seconds and a gigabyte."""
    return Embedder(model, cache_dir)


def server_view_dir(chroma_url: str) -> Path:
    """Where this machine keeps the views of the index on the server at `chroma_url`: each bot
    process on it then reads the view instead of every chunk from the server. A view is named by
    the store's random generation token, so a server emptied and filled again is never answered
    from the old one."""
    digest = hashlib.blake2b(chroma_url.encode(), digest_size=8).hexdigest()
    return default_cache_dir().parent / "views" / digest


class Index:
    """Give an `embedder`, or `load_embedder` to load one on first need (a search, or a sync
    with documents to embed), so that listing documents costs no model."""

    def __init__(
        self,
        store: Store,
        embedder: Embedder | None = None,
        *,
        load_embedder: Callable[[], Embedder] | None = None,
        view_dir: Path | None = None,
    ) -> None:
        """`view_dir`: where the search's view is saved for the next process (see
        `view_snapshot`); None keeps it in memory only."""
        if embedder is None and load_embedder is None:
            raise ValueError("an Index needs an embedder or a way to load one")
        self._store = store
        self._embedder = embedder
        self._load_embedder = load_embedder
        # The stored vectors' recipe is checked when vectors are first needed, not at open.
        self._recipe_checked = False
        self._lock = threading.Lock()
        self._view_cache: _View | None = None
        self._view_dir = view_dir
        self._sentence_scores = SentenceScores()

    @classmethod
    def open(
        cls,
        path: str | Path | None = None,
        *,
        chroma_url: str | None = None,
        model: str = DEFAULT_MODEL,
        model_cache_dir: Path | None = None,
        embedder: Embedder | None = None,
    ) -> Index:
        """An index in folder `path` (embedded Chroma), or on a Chroma server at `chroma_url`.
        Without `embedder`, the model is loaded when vectors are first needed."""
        folder = Path(path) if path is not None else None
        client = make_client(folder, chroma_url)
        if chroma_url:
            view_dir: Path | None = server_view_dir(chroma_url)
        else:
            view_dir = folder / VIEW_FOLDER if folder is not None else None
        if embedder is not None:
            return cls(Store(client), embedder, view_dir=view_dir)
        return cls(Store(client), load_embedder=partial(load_embedder, model, model_cache_dir), view_dir=view_dir)

    @property
    def embedder(self) -> Embedder:
        embedder = self._model()
        if not self._recipe_checked:
            self._store.check_recipe(embedder.recipe)
            self._recipe_checked = True
        return embedder

    def _model(self) -> Embedder:
        if self._embedder is None:
            assert self._load_embedder is not None
            self._embedder = self._load_embedder()
        return self._embedder

    # Reading ------------------------------------------------------------------------------
    def documents(self) -> list[DocumentInfo]:
        return sorted((d.info for d in self._view().documents.values()), key=lambda d: d.id)

    def document(self, doc_id: str) -> DocumentInfo:
        stored = self._view().documents.get(doc_id)
        if stored is None:
            raise DocumentNotFoundError(f"no document {doc_id!r} in the index; `briefing corpus list` shows the ids")
        return stored.info

    def document_text(self, doc_id: str) -> str:
        text = self._store.document_text(doc_id)
        if text is None:
            raise DocumentNotFoundError(f"no document {doc_id!r} in the index; `briefing corpus list` shows the ids")
        return text

    def chunk_count(self) -> int:
        return sum(d.chunks for d in self._view().documents.values())

    def is_empty(self) -> bool:
        return not self._view().documents

    def as_retriever(self, k: int = 5, **filters: Any) -> IndexRetriever:
        from retrieval.langchain import IndexRetriever

        return IndexRetriever(index=self, k=k, **filters)

    # Search -------------------------------------------------------------------------------
    def search(
        self,
        query: str,
        k: int = 5,
        *,
        language: str | None = None,
        languages: Sequence[str] | None = None,
        document_ids: Sequence[str] | None = None,
        published_from: str | None = None,
        published_to: str | None = None,
    ) -> SearchResult:
        """The k passages that best answer `query`, best first: dense similarity (chunk and best
        sentence, language bias removed) fused with BM25 by reciprocal rank, kept diverse.
        `language` is the query's ISO 639-1 code when the caller has already decided it (it is
        detected otherwise); the result carries it and the query vector for further ranking."""
        query = query.strip()
        view = self._view()
        if not query or k <= 0 or not view.documents:
            return SearchResult(query, language, np.zeros(0, dtype=np.float32))
        language = language or detect_language(query)
        raw = self.embedder.raw_queries([query], remember=False)
        vector = self.embedder.adjust_queries(raw, language)[0]
        where = _filters(languages, document_ids, published_from, published_to)
        pool = max(40, 8 * k)
        vectors: dict[str, np.ndarray] = {}
        chunk_sims: dict[str, float] = {}
        # Every passage is a chunk (sentences are scored at question time), so no "kind" filter:
        # Chroma answers any filter by scanning the matching rows instead of walking the graph,
        # 43 ms instead of 3 at 9,000 chunks. Sentence records of an older index are skipped below.
        for near in self._store.query(vector, pool, where, vectors=True):
            chunk_sims[near.id] = near.similarity
            if near.vector is not None:
                vectors[near.id] = near.vector
        leading = sorted(chunk_sims, key=lambda cid: -chunk_sims[cid])[:SENTENCE_SCORED_CHUNKS]
        best_sentence = self._sentence_scores.best(
            vector, [view.chunks[cid] for cid in leading if cid in view.chunks], self.embedder
        )
        lexical_scores = view.lexical.scores(query, language)

        candidates = []
        for cid, chunk_sim in chunk_sims.items():
            chunk = view.chunks.get(cid)
            if chunk is None:
                continue
            dense = (1 - SENTENCE_SHARE) * chunk_sim + SENTENCE_SHARE * best_sentence.get(cid, chunk_sim)
            row = view.lexical_rows.get(cid)
            lexical = float(lexical_scores[row]) if row is not None and row < len(lexical_scores) else 0.0
            candidates.append(Candidate(cid, chunk.doc_id, chunk.start, chunk.end, dense, lexical))
        hits = []
        for cand, score in diverse_top(fuse(candidates), k, vectors):
            doc = view.documents[cand.doc_id].info
            hits.append(
                Hit(cand.chunk_id, view.chunks[cand.chunk_id].text, score, cand.start, cand.end, doc, cand.dense)
            )
        return SearchResult(query, language, vector, tuple(hits), raw_query_vector=raw[0])

    # Sync ---------------------------------------------------------------------------------
    def sync(
        self,
        corpus_dir: str | Path,
        *,
        progress: Progress | None = None,
        rebuild: bool = False,
        max_document_bytes: int | None = DEFAULT_MAX_DOCUMENT_BYTES,
    ) -> SyncReport:
        """Make the index match the corpus folder: embed new and changed documents, delete
        removed ones and anything an interrupted sync left behind. A file that cannot be read is
        reported in `problems`; its previously indexed version, if any, stays searchable. So are
        links out of the corpus, pipes and devices, files over `max_document_bytes`, and a
        second file with the same content as another."""
        started = time.perf_counter()
        corpus = Path(corpus_dir)
        if not corpus.is_dir():
            raise DocumentError(str(corpus), "is not a folder; set BRIEFING_CORPUS_DIR or pass the corpus folder")
        # A rebuild re-embeds, it does not make documents new: their ingestion times survive it.
        stored = self._store.stored_documents()
        first_ingested = {d: s.info.ingested_at for d, s in stored.items()}
        if rebuild:
            self._store.reset(self._model().recipe)
            self._recipe_checked = True
            stored = {}
        report = SyncReport()
        swept = self._sweep_orphans(stored)

        # Files already indexed go first, so that of two files with the same content the one
        # in the index stays and the new copy is the one reported.
        files = sorted(((document_id(p, corpus), p) for p in corpus_files(corpus)), key=lambda f: f[0] not in stored)
        seen: dict[str, Path] = {}
        by_content: dict[str, Path] = {}
        pending = _Pending()
        for done, (doc_id, path) in enumerate(files, 1):
            if progress:
                progress(done, len(files), doc_id)
            if doc_id in seen:
                report.problems.append(
                    SyncProblem(str(path), f"has the same id {doc_id!r} as {seen[doc_id]}; rename one of them")
                )
                continue
            try:
                check_corpus_file(path, corpus, max_document_bytes)
                digest = _file_hash(path)
            except DocumentError as exc:
                report.problems.append(SyncProblem(str(path), exc.reason))
                continue
            except OSError as exc:
                report.problems.append(SyncProblem(str(path), f"could not be read ({exc.strerror})"))
                continue
            if digest in by_content:
                report.problems.append(
                    SyncProblem(str(path), f"has the same content as {by_content[digest]}; remove one of them")
                )
                continue
            by_content[digest] = path
            seen[doc_id] = path
            previous = stored.get(doc_id)
            if previous and previous.info.content_hash == digest:
                report.unchanged.append(doc_id)
                continue
            try:
                loaded = load_document(path, corpus, max_document_bytes)
            except DocumentError as exc:
                report.problems.append(SyncProblem(str(path), exc.reason))
                continue
            # An edited document keeps its first ingestion time: it is not news, and a digest of
            # newly added documents must not announce it again.
            ingested_at = first_ingested.get(doc_id) or _utc_now()
            loaded = LoadedDocument(replace(loaded.info, ingested_at=ingested_at), loaded.text)
            chunks = chunk_text(loaded.text, self.embedder.count_tokens, CHUNK_TOKENS)
            pending.add(loaded, chunks, replaces=previous is not None)
            (report.updated if previous else report.added).append(doc_id)
            if pending.chunks >= _WRITE_BATCH_CHUNKS:
                report.chunks_embedded += self._write(pending)
                pending = _Pending()
        report.chunks_embedded += self._write(pending)

        for doc_id in sorted(set(stored) - set(seen)):
            self._store.delete_document(doc_id)
            report.removed.append(doc_id)
        if rebuild or swept or report.added or report.updated or report.removed:
            self._store.mark_changed()  # every process holding a view rebuilds it on its next read
            if self._view_dir:
                self._view()  # built and saved now, so no asker's process waits for it
        report.seconds = time.perf_counter() - started
        return report

    def _write(self, pending: _Pending) -> int:
        """Embed the pending documents' chunks, several documents per call (one language per
        call, for the bias correction; the encoder batches by length), then store each document."""
        by_language: dict[str, list[tuple[LoadedDocument, list[Chunk]]]] = {}
        for doc, chunks in pending.documents:
            by_language.setdefault(doc.info.language, []).append((doc, chunks))
        written = 0
        for language, docs in by_language.items():
            vectors = self.embedder.encode_passages(
                [doc.text[c.start : c.end] for doc, chunks in docs for c in chunks], language, remember=False
            )
            at = 0
            for doc, chunks in docs:
                self._store_document(doc, chunks, vectors[at : at + len(chunks)])
                at += len(chunks)
            written += at
        for doc_id in pending.replaced_only:
            self._store.delete_document(doc_id)
        return written

    def _store_document(self, doc: LoadedDocument, chunks: list[Chunk], vectors: np.ndarray) -> None:
        info, text = doc.info, doc.text
        self._store.delete_document(info.id)
        records = []
        for c, vec in zip(chunks, vectors, strict=True):
            cid = f"{info.id}::c{c.index:04d}"
            records.append(PassageRecord(cid, info.id, "chunk", cid, c.start, c.end, text[c.start : c.end], vec))
        self._store.add_passages(records, info)
        mean = vectors.mean(axis=0)
        # The document record goes last: its presence says the document is complete.
        self._store.put_document(info, text, mean / np.linalg.norm(mean), len(chunks))

    def _sweep_orphans(self, stored: dict[str, StoredDocument]) -> int:
        # A document's record is written after all its passages and deleted before them, so
        # passages beyond the records' chunk counts are the only sign of orphans: reading every
        # passage's owner (1.5 s of a 1.9 s unchanged resync at 9,000 chunks) is done only then.
        if self._store.passage_count() == sum(d.chunks for d in stored.values()):
            return 0
        current = {doc_id: d.info.content_hash for doc_id, d in stored.items()}
        orphans = [pid for pid, doc_id, digest in self._store.passage_owners() if current.get(doc_id) != digest]
        self._store.delete_passages(orphans)
        return len(orphans)

    # Caches of what only a sync changes --------------------------------------------------
    def _view(self) -> _View:
        """The current view; rebuilt when any process's sync has changed the store (its
        generation counter), so several bot processes on one Chroma server stay in step."""
        generation = self._store.generation()
        with self._lock:
            if self._view_cache is None or self._view_cache.generation != generation:
                version = f"{generation or 'new'}-{self._store.passage_count()}"
                saved = load_view(self._view_dir, version) if self._view_dir else None
                if saved is not None:
                    documents, current, lexical = saved
                else:
                    documents = self._store.stored_documents()
                    current = [
                        c
                        for c in self._store.chunks()
                        if (doc := documents.get(c.doc_id)) and doc.info.content_hash == c.content_hash
                    ]
                    lexical = LexicalIndex.build(
                        [c.id for c in current], [c.text for c in current], [c.language for c in current]
                    )
                    if self._view_dir:
                        save_view(self._view_dir, version, documents, current, lexical)
                chunks = {c.id: c for c in current}
                rows = {cid: row for row, cid in enumerate(lexical.chunk_ids)}
                self._view_cache = _View(generation, documents, chunks, lexical, rows)
            return self._view_cache


@dataclass
class _Pending:
    """Documents read and chunked, waiting to be embedded together."""

    documents: list[tuple[LoadedDocument, list[Chunk]]] = field(default_factory=list)
    # Changed documents that now have no chunks: only their old version must go.
    replaced_only: list[str] = field(default_factory=list)
    chunks: int = 0

    def add(self, doc: LoadedDocument, chunks: list[Chunk], *, replaces: bool) -> None:
        if chunks:
            self.documents.append((doc, chunks))
            self.chunks += len(chunks)
        elif replaces:
            self.replaced_only.append(doc.info.id)


def _utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _filters(
    languages: Sequence[str] | None,
    document_ids: Sequence[str] | None,
    published_from: str | None,
    published_to: str | None,
) -> dict[str, Any]:
    clauses: list[dict[str, Any]] = []
    if languages:
        clauses.append({"language": {"$in": list(languages)}})
    if document_ids:
        clauses.append({"doc_id": {"$in": list(document_ids)}})
    if published_from:
        clauses.append({"published": {"$gte": date_ordinal(published_from)}})
    if published_to:
        clauses.append({"published": {"$lte": date_ordinal(published_to)}})
    return _and(*clauses)


def _and(*clauses: dict[str, Any]) -> dict[str, Any]:
    present = [c for c in clauses if c]
    if len(present) > 1:
        return {"$and": present}
    return present[0] if present else {}
