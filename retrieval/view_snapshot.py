"""The search's view of an index (documents, chunks and their BM25 index), saved beside an embedded
index, or in this machine's cache for an index on a Chroma server.

A process's first search used to read every chunk back from Chroma and tokenize it for BM25:
seconds per thousand chunks, in every new process (`briefing ask` from a shell, each bot start).
The first process to build the view of a version of the index saves it here; the next ones read
it, the BM25 matrix mapped from disk. The documents' records are in it too: reading them back
from Chroma loaded the whole collection, their full texts included (180 MB and 0.5 s at 3,205
documents). A version is the store's generation (changed by every sync
that changes something) with its passage count, so a sync cut short, which leaves passages
without a new generation, is never answered from the old view."""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from retrieval.lexical import LexicalIndex
from retrieval.store import StoredChunk, StoredDocument
from retrieval.types import DocumentInfo

log = logging.getLogger(__name__)

_DOCUMENTS = "documents.json"
_CHUNKS = "chunks.json"
_LEXICAL = "bm25"
# Writing a view takes seconds even at 100k chunks; a half-written one older than this is debris.
_ABANDONED_AFTER_S = 3600


def load_view(root: Path, version: str) -> tuple[dict[str, StoredDocument], list[StoredChunk], LexicalIndex] | None:
    """The view saved for `version`, or None when there is none (or it cannot be read)."""
    folder = root / version
    if not (folder / _CHUNKS).is_file():
        return None
    try:
        documents = {
            row["info"]["id"]: StoredDocument(DocumentInfo(**row["info"]), row["chunks"])
            for row in json.loads((folder / _DOCUMENTS).read_text("utf-8"))
        }
        rows = json.loads((folder / _CHUNKS).read_text("utf-8"))
        chunks = [StoredChunk(*row) for row in rows]
        return documents, chunks, LexicalIndex.load(folder / _LEXICAL, [c.id for c in chunks])
    except (OSError, ValueError, TypeError, KeyError) as exc:
        log.warning("saved search view %s unreadable (%s): rebuilding it", folder, exc)
        return None


def save_view(
    root: Path,
    version: str,
    documents: dict[str, StoredDocument],
    chunks: list[StoredChunk],
    lexical: LexicalIndex,
) -> None:
    """Save the view of `version` and drop older ones; a failure (read-only folder, full disk)
    only costs the next process the rebuild."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{version}.", dir=root))
        try:
            records = [{"info": asdict(d.info), "chunks": d.chunks} for d in documents.values()]
            (tmp / _DOCUMENTS).write_text(json.dumps(records, ensure_ascii=False), "utf-8")
            rows = [[c.id, c.text, c.doc_id, c.start, c.end, c.language, c.content_hash] for c in chunks]
            (tmp / _CHUNKS).write_text(json.dumps(rows, ensure_ascii=False), "utf-8")
            lexical.save(tmp / _LEXICAL)
            # A copy of this version that could not be read (damaged, or an older layout) goes.
            shutil.rmtree(root / version, ignore_errors=True)
            tmp.rename(root / version)  # fails if another process saved the same version first
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    except OSError as exc:
        log.info("search view not saved in %s (%s)", root, exc)
        return
    for old in root.iterdir():
        # Dot folders are other processes' views being written, unless a killed process left
        # them behind long ago.
        being_written = old.name.startswith(".") and time.time() - old.stat().st_mtime < _ABANDONED_AFTER_S
        if old.name != version and not being_written:
            shutil.rmtree(old, ignore_errors=True)
