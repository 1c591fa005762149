"""Which language to reply in: explicit choice, then a confident detection, then the context.

lingua is reliable on a full sentence and unreliable on two words ("and sanctions?" scores
French 0.48, "Що?" Bulgarian 0.97), so a detection only wins when it is confident for the text's
length and agrees with the script; otherwise the conversation's language, the caller's preferred
language (e.g. Telegram's `language_code`) and finally English decide."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from answering.templates import has_templates
from retrieval.language import language_code, language_confidences

# Letters only one of the two main Cyrillic asker languages uses settle it at once.
_UKRAINIAN_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_RUSSIAN_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_GREEK = re.compile(r"[\u0370-\u03FF]")
_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC_LANGUAGES = {"uk", "ru", "bg", "be", "sr"}
_GREEK_LANGUAGES = {"el"}

# A sentence of 30+ letters is detected almost always right at 0.5. A short text must also be
# several times likelier than the runner-up: that accepts "Wer hat Minsk II ausgehandelt?"
# (de 0.64 vs 0.09) and "Kto podpisał memorandum?" (pl 0.59 vs 0.14), and rejects
# "and sanctions?" (fr 0.48 vs en 0.32) and "Was ist Artikel 5?" (nl 0.28 vs de 0.26).
_LONG_TEXT_LETTERS = 30
_LONG_TEXT_CONFIDENCE = 0.5
_SHORT_TEXT_CONFIDENCE = 0.5
_SHORT_TEXT_RATIO = 4.0
# A context language stays when the detector gives it at least this much: "Und Sanktionen?"
# after a German question stays German even though Swedish and Danish also score.
_CONTEXT_SUPPORT = 0.15


class LanguageSource(StrEnum):
    EXPLICIT = "explicit"
    SCRIPT = "script"
    DETECTED = "detected"
    CONVERSATION = "conversation"
    PREFERRED = "preferred"
    DEFAULT = "default"


@dataclass(frozen=True)
class LanguageChoice:
    """The reply language and why it was chosen; `detected` is lingua's ranking for the record."""

    code: str
    source: LanguageSource
    detected: tuple[tuple[str, float], ...] = ()


def choose_language(
    question: str,
    *,
    explicit: str | None = None,
    conversation: str | None = None,
    preferred: str | None = None,
) -> LanguageChoice:
    """The language to reply in, before template fallback (see `reply_language`)."""
    if code := language_code(explicit):
        return LanguageChoice(code, LanguageSource.EXPLICIT)
    context = [c for c in (language_code(conversation), language_code(preferred)) if c]
    if _UKRAINIAN_ONLY.search(question) and not _RUSSIAN_ONLY.search(question):
        return LanguageChoice("uk", LanguageSource.SCRIPT)
    if _RUSSIAN_ONLY.search(question) and not _UKRAINIAN_ONLY.search(question):
        return LanguageChoice("ru", LanguageSource.SCRIPT)
    ranked = _script_compatible(question, language_confidences(question, top=5))
    detected = tuple(ranked)
    letters = len(_LETTER.findall(question))
    if letters < _LONG_TEXT_LETTERS:
        # Two words say little: "Що?" scores Bulgarian 0.97. Only languages we can reply in, or
        # the conversation's, may win a short text.
        ranked = [(c, v) for c, v in ranked if has_templates(c) or c in context]
    if ranked and _confident(ranked, letters):
        top = ranked[0][0]
        # A confident short detection still yields to a context language it barely ranks below.
        for code in context:
            short = letters < _LONG_TEXT_LETTERS
            if short and code != top and dict(ranked).get(code, 0.0) >= _CONTEXT_SUPPORT:
                return LanguageChoice(code, _context_source(code, conversation), detected)
        return LanguageChoice(top, LanguageSource.DETECTED, detected)
    for code in context:
        if _script_fits(question, code):
            return LanguageChoice(code, _context_source(code, conversation), detected)
    if _CYRILLIC.search(question):
        # Cyrillic without a distinguishing letter: the likelier of the asker languages.
        options = [(c, v) for c, v in ranked if c in ("uk", "ru")]
        best = max(options, key=lambda cv: cv[1])[0] if options else "uk"
        return LanguageChoice(best, LanguageSource.SCRIPT, detected)
    return LanguageChoice("en", LanguageSource.DEFAULT, detected)


def reply_language(choice: LanguageChoice) -> str:
    """The language the reply is actually written in: the choice when templates exist for it,
    English otherwise (reported as such, so nobody is told a reply is in a language it is not)."""
    return choice.code if has_templates(choice.code) else "en"


def detect_reply_language(text: str) -> str | None:
    """The language of a reply's own words (quotes removed by the caller), for evaluation."""
    choice = choose_language(text)
    return choice.code if choice.source is not LanguageSource.DEFAULT else None


def _confident(ranked: list[tuple[str, float]], letters: int) -> bool:
    top = ranked[0][1]
    if letters >= _LONG_TEXT_LETTERS:
        return top >= _LONG_TEXT_CONFIDENCE
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    return top >= _SHORT_TEXT_CONFIDENCE and top >= _SHORT_TEXT_RATIO * runner_up


def _script_compatible(text: str, ranked: list[tuple[str, float]]) -> list[tuple[str, float]]:
    return [(c, v) for c, v in ranked if _script_fits(text, c)]


def _script_fits(text: str, code: str) -> bool:
    if _CYRILLIC.search(text) and not _LATIN.search(text):
        return code in _CYRILLIC_LANGUAGES
    if _GREEK.search(text) and not _LATIN.search(text):
        return code in _GREEK_LANGUAGES
    if _LATIN.search(text):
        return code not in _CYRILLIC_LANGUAGES | _GREEK_LANGUAGES
    return True


def _context_source(code: str, conversation: str | None) -> LanguageSource:
    if code == language_code(conversation):
        return LanguageSource.CONVERSATION
    return LanguageSource.PREFERRED
