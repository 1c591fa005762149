"""What every direct-answer test checks of an answer it expects: read off the quote, and held by it."""

from __future__ import annotations

from answering.direct import direct_answer
from answering.grounding import ungrounded


def read_off(question: str, language: str, quote: str, quote_language: str) -> str | None:
    """The direct answer to `question` from `quote`, once the grounding checker accepts it and its
    span lies in the quote; None when there is none."""
    found = direct_answer(question, language, quote, quote_language)
    if found is None:
        return None
    assert ungrounded(found.text, quote, language, quote_language) == []
    assert quote[found.start : found.end].strip()
    return found.text
