"""Sentence and paragraph boundaries as character spans, so every piece maps back to the text."""

from __future__ import annotations

import re

# A sentence ends at . ! ? … (optionally followed by closing quotes or brackets) before
# whitespace and a capital letter, digit or opening quote. Abbreviations such as "U.S." or
# "z.B." rarely fit this pattern; a wrong split only costs chunk quality, never an offset.
_SENTENCE_END = re.compile(
    r"""(?<=[.!?…])[»"'”’)\]]*\s+(?=[«"'“„(\[]?[\d\p{Lu}])""".replace(r"\p{Lu}", "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄҐΑ-Ω")
)
_PARAGRAPH = re.compile(r"\n\s*\n")
# No sentence is longer than this: a megabyte line without a full stop would otherwise be one
# "sentence", embedded truncated and quoted whole. A longer one is cut at a space (or anywhere).
MAX_SENTENCE_CHARS = 600


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of non-blank paragraphs (separated by blank lines), whitespace trimmed."""
    spans = []
    pos = 0
    for m in _PARAGRAPH.finditer(text):
        spans.extend(_trimmed(text, pos, m.start()))
        pos = m.end()
    spans.extend(_trimmed(text, pos, len(text)))
    return spans


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of sentences within text[start:end]; single newlines also end a sentence so that
    headings and list items stand alone."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for line_start, line_end in _line_spans(text, start, end):
        pos = line_start
        for m in _SENTENCE_END.finditer(text, line_start, line_end):
            spans.extend(_capped(text, *_trimmed_span(text, pos, m.start())))
            pos = m.end()
        spans.extend(_capped(text, *_trimmed_span(text, pos, line_end)))
    return spans


def _capped(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        pieces.extend(_trimmed(text, start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    pieces.extend(_trimmed(text, start, end))
    return pieces


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        spans.append((pos, stop))
        pos = stop + 1
    return spans


def _trimmed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    start, end = _trimmed_span(text, start, end)
    return [(start, end)] if start < end else []


def _trimmed_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
