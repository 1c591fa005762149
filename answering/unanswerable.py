"""Questions declined before any search: no words at all (emoji, punctuation, control
characters), or words in a script none of the reply languages is written in (Arabic, Chinese…).
The reply says what to do, and names the languages we answer in."""

from __future__ import annotations

import re
import unicodedata

from answering.templates import language_name, phrases, reply_languages
from answering.types import Answer, AnswerKind

# The order the reply languages are listed in: the project's first askers first.
_ORDER = ("en", "uk", "ru", "fr", "de", "pl", "es", "it")
# Terminal escape sequences and control characters are not words.
_NOT_WORDS = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x1f\x7f-\x9f]")
# The scripts of the reply languages (and of the corpus languages lingua knows).
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK", "GEORGIAN")


def unanswerable_kind(question: str) -> AnswerKind | None:
    """NO_QUESTION when `question` has no letter or digit, UNSUPPORTED_LANGUAGE when most of
    its letters are in a script no reply language uses; None when it can be searched."""
    visible = _NOT_WORDS.sub("", question)
    letters = [c for c in visible if c.isalpha()]
    if not letters and not any(c.isdigit() for c in visible):
        return AnswerKind.NO_QUESTION
    foreign = sum(1 for c in letters if not unicodedata.name(c, "").startswith(_SCRIPTS))
    if letters and foreign * 2 > len(letters):
        return AnswerKind.UNSUPPORTED_LANGUAGE
    return None


def compose_unanswerable(question: str, language: str, kind: AnswerKind) -> Answer:
    words = phrases(language)
    if kind is AnswerKind.NO_QUESTION:
        lead = words.no_words
    else:
        ordered = sorted(
            reply_languages(), key=lambda code: (_ORDER.index(code) if code in _ORDER else len(_ORDER), code)
        )
        names = ", ".join(language_name(code, language) for code in ordered)
        lead = words.unsupported_language.format(languages=names)
    return Answer(language=language, kind=kind, lead=lead, question=question)
