"""Dictionary forms of inflected place names: "в Бендерах" names Бендеры, "у Тирасполі" names
Тирасполь. Russian and Ukrainian come from pymorphy3's OpenCorpora-based dictionaries; only
words those dictionaries know are read (a guessed ending could name a town that does not exist).

Languages whose place names keep their form after a preposition ("in Ramstein", "à Genève") need
no dictionary; any other language is left unread, so its unknown places get no direct answer."""

from __future__ import annotations

import re
from functools import cache

import pymorphy3

_DICTIONARIES = ("ru", "uk")
_UNINFLECTED_PLACES = frozenset({"en", "fr", "de", "es", "it"})
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@cache
def _analyzer(language: str) -> pymorphy3.MorphAnalyzer | None:
    return pymorphy3.MorphAnalyzer(lang=language) if language in _DICTIONARIES else None


def locative_place(word: str, language: str) -> str | None:
    """The dictionary form of `word` when the dictionary knows it only as one place-like noun in
    the locative ("Бендерах" → "Бендеры"); the word itself where places do not inflect; None
    otherwise. Russian marks place names (Geox); the Ukrainian dictionary does not, so there any
    inanimate noun qualifies and the caller must rule out institutions."""
    if language in _UNINFLECTED_PLACES:
        return word
    analyzer = _analyzer(language)
    if analyzer is None:
        return None
    required = {"NOUN", "loct", "Geox"} if language == "ru" else {"NOUN", "loct", "inan"}
    forms = {p.normal_form for p in analyzer.parse(word) if p.is_known and required <= p.tag.grammemes}
    return _capitalized(forms.pop()) if len(forms) == 1 else None


def dictionary_forms(word: str, language: str) -> frozenset[str]:
    """Every dictionary form of the noun `word` (capitalized like it), for the checker."""
    analyzer = _analyzer(language)
    if analyzer is None:
        return frozenset()
    forms = {p.normal_form for p in analyzer.parse(word) if p.is_known and "NOUN" in p.tag.grammemes}
    return frozenset(_capitalized(f) if word[:1].isupper() else f for f in forms)


def inflected_in(name: str, text: str, language: str) -> bool:
    """Whether `text` (in `language`) states the one-word `name` in some inflected form."""
    folded = name.casefold()
    return any(
        folded in {f.casefold() for f in dictionary_forms(w, language)} for w in _WORD.findall(text) if w[:1].isupper()
    )


def _capitalized(form: str) -> str:
    return form[:1].upper() + form[1:]
