"""Answers and lists as Telegram HTML, split into messages that Telegram accepts.

Everything that comes from a document or a user is escaped here; the only tags are ours. The
splitter never cuts inside a tag or an entity: when a paragraph must be cut, the open tags are
closed at the end of one message and reopened at the start of the next.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

from answering import Answer, Citation, KeyPoint, as_of_note
from answering.source_line import published_on, short_title
from retrieval import DocumentInfo

MAX_MESSAGE_LENGTH = 4096

_TOKEN = re.compile(r"<[^>]*>|&#?\w+;|[^<&\s]+\s*|\s+|[<&]")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z-]+)")
# A single word longer than this is cut anywhere: a message must always make progress.
_LONGEST_WORD = 512
# A quote longer than this is shown cut, with "…": a reply stays a few messages long whatever
# the corpus holds (the trace keeps the whole quote).
MAX_QUOTE_CHARS = 700


def utf16_length(text: str) -> int:
    """Telegram counts message length in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def text(value: str) -> str:
    return escape(value, quote=False)


def link(label: str, url: str | None) -> str:
    """`label` as a link when `url` is a web address; anything else is shown as plain text."""
    if url and url.startswith(("https://", "http://")):
        return f'<a href="{escape(url, quote=True)}">{text(label)}</a>'
    return text(label)


def citation_line(citation: Citation, language: str) -> str:
    """`[n] Short title` (a link when the source is a web address), and the labelled date."""
    label = published_on(citation.published, language)
    date = f" · {text(label)}" if label else ""
    return f"[{citation.n}] {link(short_title(citation.title), citation.source)}{date}"


def answer_html(answer: Answer) -> str:
    """The whole answer as one HTML string; paragraphs are separated by blank lines. The direct
    answer comes first, in bold, and each quote is a blockquote."""
    paragraphs = [f"<b>{text(answer.direct_answer)}</b>"] if answer.direct_answer else []
    paragraphs.append(text(answer.lead.strip()))
    paragraphs += [_point(p) for p in answer.points]
    if answer.citations:
        paragraphs.append("\n".join(citation_line(c, answer.language) for c in answer.sources))
    if answer.as_of:
        paragraphs.append(f"<i>{text(as_of_note(answer.language, answer.as_of))}</i>")
    if answer.closing.strip():
        paragraphs.append(text(answer.closing.strip()))
    if answer.related:
        paragraphs.append("\n".join(f"🔎 <i>{text(q)}</i>" for q in answer.related))
    return "\n\n".join(p for p in paragraphs if p)


def render_answer(answer: Answer, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    return split_html(answer_html(answer), limit)


def render_quotes(citations: Iterable[Citation], language: str, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """What the "Sources" button shows: each cited quote under its document."""
    blocks = [
        f"<b>{citation_line(c, language)}</b>\n<blockquote>{text(shown_quote(c.quote))}</blockquote>" for c in citations
    ]
    return split_html("\n\n".join(blocks), limit)


def render_documents(documents: Iterable[DocumentInfo], heading: str, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """The /sources list, newest first; documents without a date come last."""
    ordered = sorted(documents, key=lambda d: (d.published or "", d.title), reverse=True)
    lines = [
        f"• {link(d.title, d.source)}"
        + (f" — {text(d.published)}" if d.published else "")
        + f" ({text(d.language)}) <code>{text(d.id)}</code>"
        for d in ordered
    ]
    return split_html(f"<b>{text(heading)}</b>\n\n" + "\n".join(lines), limit)


def _point(point: KeyPoint) -> str:
    words = f"{text(point.text.strip())}\n" if point.text.strip() else ""
    return f"{words}<blockquote>{text(shown_quote(point.quote))} [{point.n}]</blockquote>"


def shown_quote(quote: str, limit: int = MAX_QUOTE_CHARS) -> str:
    quote = quote.strip()
    if len(quote) <= limit:
        return quote
    cut = quote[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[limit // 2 :] else cut) + "…"


def split_html(html: str, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """Cut `html` into messages of at most `limit` UTF-16 units, on paragraph boundaries when a
    paragraph fits, else on line boundaries, else between words. Blank messages are dropped."""
    messages: list[str] = []
    current = ""
    for paragraph in _top_level_paragraphs(html):
        candidate = f"{current}\n\n{paragraph}" if current else paragraph
        if utf16_length(candidate) <= limit:
            current = candidate
            continue
        if current:
            messages.append(current)
            current = ""
        if utf16_length(paragraph) <= limit:
            current = paragraph
        else:
            *full, current = _cut_paragraph(paragraph, limit)
            messages.extend(full)
    if current:
        messages.append(current)
    return [m for m in messages if _has_text(m)]


def _top_level_paragraphs(html: str) -> list[str]:
    """Split on blank lines that are outside every tag: a quote keeps its blank lines."""
    paragraphs: list[str] = []
    depth = 0
    start = 0
    for match in re.finditer(r"<[^>]*>|[^<]+", html):
        segment = match.group()
        if segment.startswith("<"):
            depth += -1 if segment.startswith("</") else 1
        elif depth == 0:
            for blank in re.finditer(r"\n\s*\n", segment):
                paragraphs.append(html[start : match.start() + blank.start()])
                start = match.start() + blank.end()
    paragraphs.append(html[start:])
    return [p.strip() for p in paragraphs if p.strip()]


def _atoms(paragraph: str) -> list[str]:
    atoms: list[str] = []
    for token in _TOKEN.findall(paragraph):
        if token.startswith(("<", "&")) or len(token) <= _LONGEST_WORD:
            atoms.append(token)
        else:
            atoms += [token[i : i + _LONGEST_WORD] for i in range(0, len(token), _LONGEST_WORD)]
    return atoms


def _cut_paragraph(paragraph: str, limit: int) -> list[str]:
    atoms = _atoms(paragraph)
    stacks: list[tuple[tuple[str, str], ...]] = []  # open tags after each atom
    stack: tuple[tuple[str, str], ...] = ()
    for atom in atoms:
        if atom.startswith("</"):
            stack = stack[:-1]
        elif atom.startswith("<") and len(atom) > 1:
            name = _TAG_NAME.match(atom)
            stack = (*stack, (name.group(1) if name else "", atom))
        stacks.append(stack)

    def opened_before(i: int) -> tuple[tuple[str, str], ...]:
        return stacks[i - 1] if i else ()

    def reopen(tags: tuple[tuple[str, str], ...]) -> str:
        return "".join(tag for _, tag in tags)

    def close(tags: tuple[tuple[str, str], ...]) -> str:
        return "".join(f"</{name}>" for name, _ in reversed(tags))

    pieces: list[str] = []
    start = 0
    while start < len(atoms):
        size = utf16_length(reopen(opened_before(start)))
        end = start
        line_end, line_size = None, 0
        while end < len(atoms):
            grown = size + utf16_length(atoms[end])
            if grown + utf16_length(close(stacks[end])) > limit:
                break
            size = grown
            end += 1
            if "\n" in atoms[end - 1]:
                line_end, line_size = end, size
        if end == start:
            raise ValueError(f"limit {limit} is too small for nested markup")
        if end < len(atoms) and line_end is not None and line_size * 2 >= limit:
            end = line_end
        body = "".join(atoms[start:end])
        pieces.append(reopen(opened_before(start)) + body + close(stacks[end - 1]))
        start = end
    return [p.strip() for p in pieces]


def _has_text(html: str) -> bool:
    return bool(re.sub(r"<[^>]*>", "", html).strip())
