"""Split a document's normalized text into overlapping passages on sentence boundaries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from retrieval.sentences import paragraph_spans, sentence_spans


@dataclass(frozen=True)
class Chunk:
    """A passage: text[start:end] of the document, and the spans of its sentences."""

    index: int
    start: int
    end: int
    sentences: tuple[tuple[int, int], ...]


def chunk_text(
    text: str,
    count_tokens: Callable[[str], int],
    max_tokens: int = 200,
    overlap_sentences: int = 1,
) -> list[Chunk]:
    """Pack whole sentences into chunks of at most `max_tokens` model tokens. A chunk prefers to
    end at a paragraph boundary; the next one repeats the last `overlap_sentences` sentences of
    the previous one so a fact spanning the cut is found whole in one of them. A single sentence
    longer than the budget becomes a chunk of its own (the model truncates, offsets stay exact)."""
    units: list[tuple[int, int, bool]] = []  # (start, end, ends a paragraph)
    for p_start, p_end in paragraph_spans(text):
        spans = sentence_spans(text, p_start, p_end)
        units += [(s, e, i == len(spans) - 1) for i, (s, e) in enumerate(spans)]
    tokens = [count_tokens(text[s:e]) for s, e, _ in units]

    chunks: list[Chunk] = []
    i = 0
    while i < len(units):
        j, used = i, 0
        while j < len(units) and (j == i or used + tokens[j] <= max_tokens):
            used += tokens[j]
            j += 1
        # Back off to the last paragraph end inside the window if that keeps it at least half full.
        if j < len(units):
            for cut in range(j - 1, i, -1):
                if units[cut][2] and sum(tokens[i : cut + 1]) >= max_tokens // 2:
                    j = cut + 1
                    break
        sentences = tuple((s, e) for s, e, _ in units[i:j])
        chunks.append(Chunk(len(chunks), sentences[0][0], sentences[-1][1], sentences))
        if j >= len(units):
            break
        # Overlap only inside a paragraph: after a paragraph end the next chunk starts clean.
        i = j if units[j - 1][2] else max(i + 1, j - overlap_sentences)
    return chunks
