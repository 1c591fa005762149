"""A source as a reply names it: a short title, and the publication date labelled as such in the
reader's language."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from babel.dates import format_date, format_skeleton

from answering.templates import phrases

if TYPE_CHECKING:
    from answering.types import Citation

MAX_TITLE_CHARS = 60
ELLIPSIS = "…"


def short_title(title: str) -> str:
    """`title` cut at a word boundary when it is longer than MAX_TITLE_CHARS."""
    title = " ".join(title.split())
    if len(title) <= MAX_TITLE_CHARS:
        return title
    cut = title[: MAX_TITLE_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ,;:—–-")
    return cut + ELLIPSIS


def published_on(published: str | None, language: str) -> str | None:
    """ "Published: 16 February 2025" in `language`; dates that are not ISO are shown as written."""
    if not published:
        return None
    return phrases(language).published.format(date=_date(published, language))


def source_line(citation: Citation, language: str) -> str:
    """`[n] Short title, Published: …` as plain text."""
    label = published_on(citation.published, language)
    return f"[{citation.n}] {short_title(citation.title)}" + (f" · {label}" if label else "")


def _date(published: str, language: str) -> str:
    parts = published.split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 3:
            return format_date(date(*numbers), "long", locale=language)
        if len(numbers) == 2:
            return format_skeleton("yMMMM", date(numbers[0], numbers[1], 1), locale=language)
    except ValueError:
        return published
    return published
