"""Replies as blocks of styled plain text, rendered to Telegram HTML once and packed into
messages on block boundaries.

Text stays plain until it is rendered, and rendering escapes it and writes every tag, so markup
is never parsed back: a block longer than a message is cut as text (between words, at a line end
when one is near) and each piece is rendered like a whole block, its tags closed and reopened.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Protocol

MAX_MESSAGE_LENGTH = 4096

_WORDS = re.compile(r"\S+\s*|\s+")


def utf16_length(text: str) -> int:
    """Telegram counts message length in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class Style:
    """One of the tags Telegram's HTML knows; `href` only for a link."""

    tag: str
    href: str | None = None

    @property
    def opening(self) -> str:
        return f'<a href="{escape(self.href, quote=True)}">' if self.href is not None else f"<{self.tag}>"

    @property
    def closing(self) -> str:
        return f"</{self.tag}>"


BOLD = Style("b")
ITALIC = Style("i")
CODE = Style("code")
QUOTE = Style("blockquote")


def link_to(url: str | None) -> tuple[Style, ...]:
    """A link's style when `url` is a web address; anything else is shown as plain text."""
    return (Style("a", url),) if url and url.startswith(("https://", "http://")) else ()


@dataclass(frozen=True)
class Run:
    """Plain text in `styles`, outermost first."""

    text: str
    styles: tuple[Style, ...] = ()


class Block(Protocol):
    """A paragraph of a reply: messages are cut between blocks when they can be."""

    def runs(self) -> Sequence[Run]: ...


@dataclass(frozen=True)
class Paragraph:
    """A block of given runs, for replies with no type of block of their own."""

    content: tuple[Run, ...]

    def runs(self) -> Sequence[Run]:
        return self.content


def plain(text: str, *styles: Style) -> Paragraph:
    return Paragraph((Run(text, styles),))


@dataclass(frozen=True)
class Lines:
    """Lines that belong together, e.g. a list: kept in one message when they fit."""

    lines: tuple[Sequence[Run], ...]

    def runs(self) -> Sequence[Run]:
        return lines_of(self.lines)


def lines_of(lines: Iterable[Sequence[Run]]) -> list[Run]:
    """The runs of each line, with a line break between lines."""
    runs: list[Run] = []
    for i, line in enumerate(lines):
        runs += [Run("\n")] if i else []
        runs += line
    return runs


def render(runs: Iterable[Run]) -> str:
    """Runs as HTML: text escaped, tags opened and closed around it, a tag shared by neighbouring
    runs left open between them."""
    out: list[str] = []
    open_: tuple[Style, ...] = ()
    for run in runs:
        shared = _shared_prefix(open_, run.styles)
        out += [s.closing for s in reversed(open_[shared:])]
        out += [s.opening for s in run.styles[shared:]]
        out.append(escape(run.text, quote=False))
        open_ = run.styles
    out += [s.closing for s in reversed(open_)]
    return "".join(out)


def pack(blocks: Iterable[Block], limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """Messages of at most `limit` UTF-16 units: blocks rendered once and joined by blank lines
    while they fit; a block that does not fit in a message of its own is cut. Blocks without
    visible text are left out."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        runs = _trimmed(block.runs())
        if not runs:
            continue
        html = render(runs)
        pieces = [html] if utf16_length(html) <= limit else [render(p) for p in _cut(runs, limit)]
        for piece in pieces:
            candidate = f"{current}\n\n{piece}" if current else piece
            if utf16_length(candidate) <= limit:
                current = candidate
                continue
            messages.append(current)
            current = piece
    if current:
        messages.append(current)
    return messages


def _shared_prefix(a: tuple[Style, ...], b: tuple[Style, ...]) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _trimmed(runs: Sequence[Run]) -> list[Run]:
    """`runs` without empty ones and without the whitespace at either end; nothing when no text
    is visible."""
    kept = [r for r in runs if r.text]
    if not any(r.text.strip() for r in kept):
        return []
    while not kept[0].text.strip():
        kept.pop(0)
    while not kept[-1].text.strip():
        kept.pop()
    kept[0] = Run(kept[0].text.lstrip(), kept[0].styles)
    kept[-1] = Run(kept[-1].text.rstrip(), kept[-1].styles)
    return kept


class _Piece:
    """Runs being gathered into one message, with the length they render to (tags included)."""

    def __init__(self) -> None:
        self.runs: list[Run] = []
        self.size = 0  # without the closing tags
        self.open: tuple[Style, ...] = ()
        self.line_end: int | None = None  # runs up to the last one that ends a line
        self.line_end_size = 0

    def cost(self, run: Run) -> int:
        shared = _shared_prefix(self.open, run.styles)
        closing = sum(utf16_length(s.closing) for s in self.open[shared:])
        opening = sum(utf16_length(s.opening) for s in run.styles[shared:])
        return closing + opening + utf16_length(escape(run.text, quote=False))

    def fits(self, run: Run, limit: int) -> bool:
        return self.size + self.cost(run) + sum(utf16_length(s.closing) for s in run.styles) <= limit

    def add(self, run: Run) -> None:
        self.size += self.cost(run)
        self.open = run.styles
        self.runs.append(run)
        if "\n" in run.text:
            self.line_end, self.line_end_size = len(self.runs), self.size


def _cut(runs: Sequence[Run], limit: int) -> list[list[Run]]:
    """Cut a block into pieces that render to at most `limit` units each: between words, at the
    last line end when it is past half the message, inside a word only when it alone is longer."""
    words = deque(Run(w, r.styles) for r in runs for w in _WORDS.findall(r.text))
    pieces: list[list[Run]] = []
    piece = _Piece()
    while words:
        word = words.popleft()
        if piece.fits(word, limit):
            piece.add(word)
            continue
        if not piece.runs:
            head, tail = _head_that_fits(word, limit)
            piece.add(head)
            if tail.text:
                words.appendleft(tail)
            continue
        keep = piece.line_end if piece.line_end is not None and piece.line_end_size * 2 >= limit else len(piece.runs)
        pieces.append(piece.runs[:keep])
        words.extendleft(reversed([*piece.runs[keep:], word]))
        piece = _Piece()
    if piece.runs:
        pieces.append(piece.runs)
    return [p for p in (_trimmed(p) for p in pieces) if p]


def _head_that_fits(word: Run, limit: int) -> tuple[Run, Run]:
    room = limit - sum(utf16_length(s.opening + s.closing) for s in word.styles)
    end = 0
    used = 0
    while end < len(word.text):
        grown = used + utf16_length(escape(word.text[end], quote=False))
        if grown > room:
            break
        used = grown
        end += 1
    if end == 0:
        raise ValueError(f"limit {limit} is too small for the markup of {word.styles}")
    return Run(word.text[:end], word.styles), Run(word.text[end:], word.styles)
