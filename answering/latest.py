"""What's new: the newest documents first, each with its date and a one-line lead.

No translation model exists, so the lead is the document's own first sentence, verbatim, framed
by a label in the reader's language."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from retrieval import DocumentInfo
from retrieval.sentences import sentence_spans

LEAD_MAX_CHARS = 200

_LEAD_LABEL = {
    "en": "Opens with:",
    "uk": "Починається так:",
    "ru": "Начинается так:",
    "fr": "Commence ainsi :",
    "de": "Beginnt mit:",
    "pl": "Zaczyna się tak:",
    "es": "Empieza así:",
    "it": "Inizia così:",
}


class DocumentSource(Protocol):
    def documents(self) -> list[DocumentInfo]: ...
    def document_text(self, doc_id: str) -> str: ...


@dataclass(frozen=True)
class LatestEntry:
    document: DocumentInfo
    # The publication date, else the day the document was indexed (undated sources are news too).
    date: str
    lead: str


def listing_date(document: DocumentInfo) -> str:
    return document.published or (document.ingested_at or "")[:10]


def newest_first(documents: Iterable[DocumentInfo], since: date | None = None) -> list[DocumentInfo]:
    """Newest first by `listing_date`, ties by ingestion time; only those dated on or after `since`."""
    kept = [d for d in documents if since is None or listing_date(d) >= since.isoformat()]
    return sorted(kept, key=lambda d: (listing_date(d), d.ingested_at or "", d.id), reverse=True)


def latest(
    source: DocumentSource,
    language: str,
    *,
    since: date | None = None,
    added_after: str | None = None,
    limit: int | None = None,
) -> list[LatestEntry]:
    """The newest documents of `source` (dated on or after `since`, indexed after the time
    `added_after`), each with a lead labelled in `language`."""
    documents = source.documents()
    if added_after is not None:
        documents = [d for d in documents if (d.ingested_at or "") > added_after]
    chosen = newest_first(documents, since)[:limit]
    return [LatestEntry(d, listing_date(d), lead_line(source.document_text(d.id), d.title, language)) for d in chosen]


def lead_line(text: str, title: str, language: str) -> str:
    """The first sentence of `text` that is not a heading or the title, labelled in `language`."""
    sentence = next(
        (
            text[s:e]
            for s, e in sentence_spans(text)
            if not text[s:e].startswith("#") and text[s:e].strip(" .") != title.strip(" .")
        ),
        title,
    )
    sentence = " ".join(sentence.split())
    if len(sentence) > LEAD_MAX_CHARS:
        sentence = sentence[: LEAD_MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return f"{_LEAD_LABEL.get(language, _LEAD_LABEL['en'])} «{sentence}»"
