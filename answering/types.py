"""The typed answer that the CLI, the bot and the evaluation consume."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from answering.dating import as_of_note
from answering.source_line import source_line

if TYPE_CHECKING:
    from retrieval import Hit


class AnswerKind(StrEnum):
    ANSWER = "answer"
    NOT_COVERED = "not_covered"
    INDEX_EMPTY = "index_empty"
    ERROR = "error"
    # Declined before searching: no words at all, or a script no reply language is written in.
    NO_QUESTION = "no_question"
    UNSUPPORTED_LANGUAGE = "unsupported_language"


@dataclass(frozen=True)
class Citation:
    """A verbatim quote from one passage. `start`/`end` locate `quote` in the document's text."""

    n: int
    document_id: str
    title: str
    published: str | None
    source: str | None
    path: str
    chunk_id: str
    quote: str
    start: int
    end: int
    language: str

    @classmethod
    def of(cls, n: int, hit: Hit, quote: str, start: int, end: int) -> Citation:
        """Citation number `n` for `quote`, found at document offsets start:end inside `hit`."""
        doc = hit.document
        return cls(
            n=n,
            document_id=doc.id,
            title=doc.title,
            published=doc.published,
            source=doc.source,
            path=doc.path,
            chunk_id=hit.chunk_id,
            quote=quote,
            start=start,
            end=end,
            language=doc.language,
        )


@dataclass(frozen=True)
class KeyPoint:
    """One point of the briefing: the words around it are in the asker's language, the quote is
    verbatim in the source's language, backed by citation number `n`."""

    quote: str
    n: int
    text: str = ""


@dataclass
class Answer:
    language: str
    kind: AnswerKind
    lead: str
    points: list[KeyPoint] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    closing: str = ""
    related: list[str] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    question: str = ""
    mode: str = "offline"
    # The newest cited source's date when it is old (see answering.dating): the reply says so.
    as_of: str | None = None
    # The slot the question asks for (a date, a number, names) as the first quote states it, in
    # the reply's language; None when it cannot be read off the quote with confidence.
    direct_answer: str | None = None

    @property
    def text(self) -> str:
        """The reply as plain text, as a person reads it."""
        lines = [self.direct_answer] if self.direct_answer else []
        lines.append(self.lead)
        lines += [f"• {p.text + ' ' if p.text else ''}«{p.quote}» [{p.n}]" for p in self.points]
        if self.citations:
            lines.append("")
            lines += [source_line(c, self.language) for c in self.sources]
        if self.as_of:
            lines += ["", as_of_note(self.language, self.as_of)]
        if self.closing:
            lines += ["", self.closing]
        lines += [f"• {title}" for title in self.related]
        return "\n".join(lines).strip()

    @property
    def sources(self) -> list[Citation]:
        """The first citation of each document: what a source line names."""
        first: dict[int, Citation] = {}
        for c in self.citations:
            first.setdefault(c.n, c)
        return list(first.values())

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["kind"] = str(self.kind)
        data["text"] = self.text
        return data
