"""Compact replies: each quote cut to the sentence(s) that answer, "…" where the source goes on,
and one number per source document however often it is quoted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from answering.evidence import Evidence
from answering.types import Citation

# A single sentence replaces the two-sentence window it sits in when it is nearly as close to the
# question: the second sentence then adds length, not evidence.
TIGHTEN_MARGIN = 0.01
ELLIPSIS = "…"


def tighten(point: Evidence, ranked: list[Evidence], keeps: Callable[[Evidence], bool] = lambda ev: True) -> Evidence:
    """The best shorter window inside `point` that scores within TIGHTEN_MARGIN of it and `keeps`
    what made `point` the answer, else `point`."""
    inside = [
        ev
        for ev in ranked
        if ev.hit.chunk_id == point.hit.chunk_id
        and point.start <= ev.start
        and ev.end <= point.end
        and (ev.start, ev.end) != (point.start, point.end)
        and ev.score >= point.score - TIGHTEN_MARGIN
        and keeps(ev)
    ]
    return max(inside, key=lambda ev: ev.score, default=point)


def cut(point: Evidence, start: int, end: int) -> Evidence:
    """`point` narrowed to its text[start:end], whitespace trimmed, offsets kept exact."""
    piece = point.text[start:end]
    start += len(piece) - len(piece.lstrip())
    end -= len(piece) - len(piece.rstrip())
    return replace(point, start=point.start + start, end=point.start + end, text=point.text[start:end])


def marked(point: Evidence) -> str:
    """The quote as shown: "…" before or after it where its paragraph goes on."""
    hit = point.hit
    before = hit.text[: point.start - hit.start].rstrip(" \t")
    after = hit.text[point.end - hit.start :].lstrip(" \t")
    head = ELLIPSIS if before and not before.endswith("\n") else ""
    tail = ELLIPSIS if after and not after.startswith("\n") else ""
    if tail and point.text[-1:] in ".!?;:":
        tail = f" {tail}"
    return f"{head}{point.text}{tail}"


def numbered(points: list[Evidence]) -> list[Citation]:
    """One citation per quote, numbered by source document in order of first appearance."""
    numbers: dict[str, int] = {}
    citations = []
    for ev in points:
        n = numbers.setdefault(ev.hit.document.id, len(numbers) + 1)
        citations.append(Citation.of(n, ev.hit, ev.text, ev.start, ev.end))
    return citations
