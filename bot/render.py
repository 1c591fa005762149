"""Answers and lists as typed blocks, packed into Telegram HTML messages by `bot.blocks`.

Everything that comes from a document or a user is plain text in a block until `bot.blocks`
renders it, escaped, with only our tags around it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from answering import Answer, Citation, as_of_note
from answering.source_line import published_on, short_title
from bot.blocks import (
    BOLD,
    CODE,
    ITALIC,
    MAX_MESSAGE_LENGTH,
    QUOTE,
    Block,
    Lines,
    Run,
    lines_of,
    link_to,
    pack,
    plain,
    utf16_length,
)
from retrieval import DocumentInfo

__all__ = [
    "MAX_MESSAGE_LENGTH",
    "MAX_QUOTE_CHARS",
    "answer_blocks",
    "render_answer",
    "render_documents",
    "render_quotes",
    "shown_quote",
    "text",
    "utf16_length",
]

# A quote longer than this is shown cut, with "…": a reply stays a few messages long whatever
# the corpus holds (the trace keeps the whole quote).
MAX_QUOTE_CHARS = 700


def text(value: str) -> str:
    """`value` escaped for a one-line HTML reply built from a translated template."""
    return escape(value, quote=False)


@dataclass(frozen=True)
class DirectAnswer:
    """The answer in a few words, first and in bold."""

    words: str

    def runs(self) -> Sequence[Run]:
        return (Run(self.words, (BOLD,)),)


@dataclass(frozen=True)
class Point:
    """A point of the answer: its words, then the quote that supports it, with its number."""

    words: str
    quote: str
    n: int

    def runs(self) -> Sequence[Run]:
        words = f"{self.words.strip()}\n" if self.words.strip() else ""
        return (Run(words), Run(f"{shown_quote(self.quote)} [{self.n}]", (QUOTE,)))


@dataclass(frozen=True)
class SourceLine:
    """`[n] Short title` (a link when the source is a web address), and the labelled date."""

    n: int
    title: str
    url: str | None
    date: str | None

    @classmethod
    def of(cls, citation: Citation, language: str) -> SourceLine:
        return cls(citation.n, short_title(citation.title), citation.source, published_on(citation.published, language))

    def runs(self) -> list[Run]:
        return [
            Run(f"[{self.n}] "),
            Run(self.title, link_to(self.url)),
            *([Run(f" · {self.date}")] if self.date else []),
        ]


@dataclass(frozen=True)
class Sources:
    """One line per cited document."""

    lines: tuple[SourceLine, ...]

    def runs(self) -> Sequence[Run]:
        return lines_of([line.runs() for line in self.lines])


@dataclass(frozen=True)
class Note:
    """A remark on the answer as a whole (how old its sources are), in italics."""

    words: str

    def runs(self) -> Sequence[Run]:
        return (Run(self.words, (ITALIC,)),)


@dataclass(frozen=True)
class Related:
    """Questions the user could ask next."""

    questions: tuple[str, ...]

    def runs(self) -> Sequence[Run]:
        return lines_of([[Run("🔎 "), Run(q, (ITALIC,))] for q in self.questions])


@dataclass(frozen=True)
class QuotedSource:
    """What the "Sources" button shows for one citation: its source line in bold, its quote."""

    line: SourceLine
    quote: str

    def runs(self) -> Sequence[Run]:
        bold = [Run(r.text, (BOLD, *r.styles)) for r in self.line.runs()]
        return (*bold, Run("\n"), Run(shown_quote(self.quote), (QUOTE,)))


def answer_blocks(answer: Answer) -> list[Block]:
    """The direct answer (when there is one), the lead, the points with their quotes, the sources,
    the as-of note, the closing words and the related questions."""
    blocks: list[Block] = [DirectAnswer(answer.direct_answer)] if answer.direct_answer else []
    blocks.append(plain(answer.lead))
    blocks += [Point(p.text, p.quote, p.n) for p in answer.points]
    if answer.citations:
        blocks.append(Sources(tuple(SourceLine.of(c, answer.language) for c in answer.sources)))
    if answer.as_of:
        blocks.append(Note(as_of_note(answer.language, answer.as_of)))
    blocks.append(plain(answer.closing))
    if answer.related:
        blocks.append(Related(tuple(answer.related)))
    return blocks


def render_answer(answer: Answer, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    return pack(answer_blocks(answer), limit)


def render_quotes(citations: Iterable[Citation], language: str, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """What the "Sources" button shows: each cited quote under its document."""
    return pack([QuotedSource(SourceLine.of(c, language), c.quote) for c in citations], limit)


def render_documents(documents: Iterable[DocumentInfo], heading: str, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """The /sources list, newest first; documents without a date come last."""
    ordered = sorted(documents, key=lambda d: (d.published or "", d.title), reverse=True)
    return pack([plain(heading, BOLD), Lines(tuple(_document_line(d) for d in ordered))], limit)


def shown_quote(quote: str, limit: int = MAX_QUOTE_CHARS) -> str:
    quote = quote.strip()
    if len(quote) <= limit:
        return quote
    cut = quote[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[limit // 2 :] else cut) + "…"


def _document_line(d: DocumentInfo) -> list[Run]:
    """A document of the /sources list: title (linked), date, language and id."""
    date = f" — {d.published}" if d.published else ""
    return [Run("• "), Run(d.title, link_to(d.source)), Run(f"{date} ({d.language}) "), Run(d.id, (CODE,))]
