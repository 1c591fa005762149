"""Test-only stand-ins with the interfaces of retrieval.Index, answering.Answerer and
retrieval.corpus_files, for the bot tests that do not need real retrieval."""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

from answering.types import Answer, AnswerKind, Citation, KeyPoint
from retrieval.errors import DocumentError, DocumentNotFoundError
from retrieval.types import DocumentInfo, SyncReport

SUFFIXES = {".md", ".txt", ".html", ".pdf", ".docx"}


class FakeIndex:
    def __init__(self) -> None:
        self._docs: dict[str, tuple[DocumentInfo, str]] = {}
        self._syncs = itertools.count(1)

    def sync(self, corpus_dir: Path) -> SyncReport:
        report = SyncReport()
        seen = {}
        # Like the real index: a document keeps the time it was first indexed.
        ingested_now = f"2026-01-01T00:00:{next(self._syncs):02d}.000000+00:00"
        for path in sorted(Path(corpus_dir).iterdir()):
            if path.suffix not in SUFFIXES:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            doc_id = path.name.split(".")[0]
            title = text.strip().splitlines()[0].lstrip("# ")[:80] if text.strip() else doc_id
            ingested_at = self._docs[doc_id][0].ingested_at if doc_id in self._docs else ingested_now
            info = DocumentInfo(doc_id, title, "en", "2025-01-01", None, None, str(path), "h", ingested_at)
            seen[doc_id] = (info, text)
            (report.unchanged if doc_id in self._docs else report.added).append(doc_id)
        report.removed = [d for d in self._docs if d not in seen]
        report.chunks_embedded = len(report.added)
        self._docs = seen
        return report

    def documents(self) -> list[DocumentInfo]:
        return [info for info, _ in self._docs.values()]

    def chunk_count(self) -> int:
        return len(self._docs)

    def document_text(self, doc_id: str) -> str:
        return self._docs[doc_id][1]


class FakeAnswerer:
    """Cites the document sharing the most words with the question."""

    def __init__(self, index: FakeIndex) -> None:
        self.index = index
        self.calls: list[dict] = []

    def ask(self, question, *, language=None, preferred_language=None, conversation=None) -> Answer:
        self.calls.append({"question": question, "language": language, "preferred": preferred_language})
        if question == "boom":
            raise RuntimeError("the answerer failed")
        language = language or ("uk" if re.search("[іїєґ]", question) else "en")
        words = set(re.findall(r"\w{4,}", question.lower()))
        best = max(
            self.index.documents(),
            key=lambda d: len(words & set(re.findall(r"\w{4,}", self.index.document_text(d.id).lower()))),
            default=None,
        )
        if best is None or not words & set(re.findall(r"\w{4,}", self.index.document_text(best.id).lower())):
            return Answer(language, AnswerKind.NOT_COVERED, "Not covered.", question=question)
        text = self.index.document_text(best.id)
        quote = max(text.splitlines(), key=len)[:200]
        start = text.index(quote)
        citation = Citation(
            1,
            best.id,
            best.title,
            best.published,
            best.source,
            best.path,
            f"{best.id}#0",
            quote,
            start,
            start + len(quote),
            best.language,
        )
        return Answer(
            language,
            AnswerKind.ANSWER,
            "Відповідь:" if language == "uk" else "Answer:",
            points=[KeyPoint(quote, 1, "")],
            citations=[citation],
            question=question,
        )


def add_to_corpus(source: str, corpus_dir: Path, *, title=None, **_: object) -> Path:
    path = Path(source)
    if path.stat().st_size == 0:
        raise DocumentError(source, "the file is empty: send a document with text")
    target = Path(corpus_dir) / path.name
    shutil.copy(path, target)
    return target


def remove_from_corpus(doc_id: str, corpus_dir: Path) -> Path:
    for path in Path(corpus_dir).iterdir():
        if path.name.split(".")[0] == doc_id:
            path.unlink()
            return path
    raise DocumentNotFoundError(f"no document '{doc_id}' in {corpus_dir}")
