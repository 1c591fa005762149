"""Dictionary forms of inflected place names: "в Бендерах" names Бендеры, "у Тирасполі" names
Тирасполь. Russian and Ukrainian come from pymorphy3's dictionaries (OpenCorpora, VESUM); only
words those dictionaries know as place names are read (a guessed ending could name a town that
does not exist).

Languages whose place names keep their form after a preposition ("in Ramstein", "à Genève") need
no dictionary; any other language is left unread, so its unknown places get no direct answer."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pymorphy3
    from pymorphy3.tagset import OpencorporaTag

_DICTIONARIES = ("ru", "uk")
_UNINFLECTED_PLACES = frozenset({"en", "fr", "es", "it"})
_VERB_FORMS = frozenset({"VERB", "INFN", "GRND", "PRTF", "PRTS"})
_GENDER_OR_NUMBER = frozenset({"masc", "femn", "neut", "Pltm"})
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@cache
def _analyzer(language: str) -> pymorphy3.MorphAnalyzer | None:
    if language not in _DICTIONARIES:
        return None
    # Imported here: most replies read no Russian or Ukrainian place, and every start-up counts.
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=language)


def locative_place(word: str, language: str) -> str | None:
    """The dictionary form of `word` when the dictionary knows it only as one place-like proper
    noun in the locative ("Бендерах" → "Бендеры"); the word itself where places do not inflect;
    None otherwise, and whenever the word can also be read as an adjective or a verb ("Білому")."""
    if language in _UNINFLECTED_PLACES:
        return word
    analyzer = _analyzer(language)
    if analyzer is None:
        return None
    parses = [p for p in analyzer.parse(word) if p.is_known]
    if not parses or any("NOUN" not in p.tag.grammemes for p in parses):
        return None
    forms = {p.normal_form for p in parses if _place_in_locative(p.tag, language)}
    return _capitalized(forms.pop()) if len(forms) == 1 else None


def _place_in_locative(tag: OpencorporaTag, language: str) -> bool:
    grammemes = tag.grammemes
    if not grammemes & {"loct", "loc2"}:
        return False
    if language == "ru":
        return "Geox" in grammemes
    # The Ukrainian dictionary has no Geox mark, but files a proper noun's gender or number with
    # the lexeme ("NOUN,masc,inan loct": Харків) and a common noun's with the form ("NOUN,inan
    # masc,loct": форум). Indeclinable words ("Fixd") are left out: a title like "Комюніке" is one.
    lexeme = set(str(tag).split(" ", 1)[0].split(","))
    return "inan" in lexeme and bool(lexeme & _GENDER_OR_NUMBER) and "Fixd" not in lexeme


def is_verb(word: str, language: str) -> bool:
    """Whether the dictionary knows `word` only as a verb form ("евакуювали", "нужно" is not);
    False where there is no dictionary."""
    analyzer = _analyzer(language)
    if analyzer is None:
        return False
    parses = [p for p in analyzer.parse(word) if p.is_known]
    return bool(parses) and all(p.tag.POS in _VERB_FORMS for p in parses)


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


@lru_cache(maxsize=4096)
def lemma(word: str, language: str) -> str:
    """The dictionary form of `word` by its likeliest known reading ("суден" → "судно"); the word
    itself where there is no dictionary or it does not know the word."""
    analyzer = _analyzer(language)
    if analyzer is None:
        return word
    known = [p for p in analyzer.parse(word) if p.is_known]
    return known[0].normal_form if known else word
