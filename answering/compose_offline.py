"""The offline briefing: template words in the asker's language around verbatim quotes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from answering.compact import cut, marked, numbered
from answering.direct import direct_answer
from answering.evidence import Evidence
from answering.templates import language_name, phrases
from answering.types import Answer, AnswerKind, Citation, KeyPoint


def compose_answer(
    question: str, language: str, points: list[Evidence], preference: Callable[[Evidence], float] = lambda ev: 0.0
) -> Answer:
    """The direct answer when the first quote states it, a lead sentence, one key point per quote
    (cut to the sentences that answer) with its document's [n], and a note when quotes are in
    another language than the reply. A quote's sentences are read for the direct answer in the
    order of `preference` (highest first)."""
    found = [
        direct_answer(question, language, ev.text, ev.hit.document.language, _of_span(ev, preference)) for ev in points
    ]
    stated = [(i, d) for i, d in enumerate(found) if d is not None]
    # Quotes that fill the slot differently leave it open: none of them is sure to be the answer.
    direct = stated[0][1] if stated and len({d.text for _, d in stated}) == 1 else None
    if direct is not None:
        # The quote that states the answer leads: the direct answer is followed by its evidence.
        i = stated[0][0]
        points = [cut(points[i], direct.start, direct.end), *points[:i], *points[i + 1 :]]
    citations = numbered(points)
    key_points = [
        KeyPoint(quote=marked(ev), n=c.n, text=_quote_intro(c.language, language))
        for ev, c in zip(points, citations, strict=True)
    ]
    answer = briefing(question, language, key_points, citations, mode="offline")
    return replace(answer, direct_answer=direct.text if direct else None)


def briefing(question: str, language: str, points: list[KeyPoint], citations: list[Citation], mode: str) -> Answer:
    """The frame every composer puts its points in: the lead, and a closing note when a quote is
    in another language than the reply."""
    words = phrases(language)
    foreign = any(c.language != language for c in citations)
    return Answer(
        language=language,
        kind=AnswerKind.ANSWER,
        lead=words.answer_lead,
        points=points,
        citations=citations,
        closing=words.quotes_verbatim if foreign else "",
        question=question,
        mode=mode,
    )


def compose_not_covered(question: str, language: str, closest: list[Evidence]) -> Answer:
    """The refusal, naming the closest documents so the asker knows what the collection holds."""
    words = phrases(language)
    titles: list[str] = []
    for ev in closest:
        doc = ev.hit.document
        label = f"{doc.title}, {doc.published}" if doc.published else doc.title
        if label not in titles:
            titles.append(label)
    return Answer(
        language=language,
        kind=AnswerKind.NOT_COVERED,
        lead=words.not_covered,
        closing=words.closest if titles else "",
        related=titles,
        question=question,
    )


def compose_notice(question: str, language: str, kind: AnswerKind) -> Answer:
    """The reply for an empty index or an internal error."""
    words = phrases(language)
    lead = words.index_empty if kind is AnswerKind.INDEX_EMPTY else words.error
    return Answer(language=language, kind=kind, lead=lead, question=question)


def _quote_intro(source_language: str, reply_language: str) -> str:
    if source_language == reply_language:
        return ""
    name = language_name(source_language, reply_language)
    return phrases(reply_language).quote_in.format(language=name)


def _of_span(point: Evidence, preference: Callable[[Evidence], float]) -> Callable[[int, int], float]:
    """`preference` of a span of `point`'s text."""
    return lambda start, end: preference(cut(point, start, end))
