"""Places that neither CLDR nor the gazetteer knows, read where a text says something is or
happens in them: one capitalized word right after a locative preposition ("заседает в Бендерах",
"stationed at Ramstein", "se réunit à Tiraspol"), given in its dictionary form.

A capitalized word after "in" is a place only in languages where little else is: not in German
(every noun is capitalized: "in Kraft"), and in Russian and Ukrainian only when a dictionary
knows the word as a noun in the locative. Titles, institutions, months and language names are
never places."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError

from answering.entities import mentions, not_a_name
from answering.facts import month_of
from answering.inflection import locative_place

# Prepositions after which a capitalized word names where something is, by language.
_PREPOSITIONS = {
    "en": ("in", "at"),
    "fr": ("à", "en"),
    "es": ("en",),
    "it": ("a", "in"),
    "ru": ("в", "во", "на"),
    "uk": ("в", "у", "на"),
}
# Particles inside a place's name ("Côte de Nuits", "Villanueva de la Serena").
_NAME_GOES_ON = re.compile(r"[ \u00a0]+(?:(?:de|du|des|del|della|di|da|do|dos|la|le|sur)[ \u00a0]+)*(\w)")
_CAPITALIZED = r"[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄҐ][^\W\d_]+(?:['’][^\W\d_]+)*"


@dataclass(frozen=True)
class Place:
    """`name` is the dictionary form, in the text's script; `start:end` is where the text names it."""

    name: str
    start: int
    end: int


@cache
def _pattern(language: str) -> re.Pattern[str] | None:
    prepositions = _PREPOSITIONS.get(language)
    if prepositions is None:
        return None
    return re.compile(rf"(?<!\w)(?i:{'|'.join(prepositions)})\s+({_CAPITALIZED})(?![\w'’-])")


def unknown_places(text: str, language: str) -> list[Place]:
    """Places `text` (in `language`) puts something in that no known entity names."""
    pattern = _pattern(language)
    if pattern is None:
        return []
    known = [(m.start, m.end) for m in mentions(text, language)]
    places: list[Place] = []
    for m in pattern.finditer(text):
        word, start, end = m.group(1), m.start(1), m.end(1)
        if any(s <= start < e for s, e in known) or _starts_longer_name(text[end:]):
            continue
        if word.isupper() or not_a_name(word, language) or month_of(word, language) is not None:
            continue
        if word.casefold() in _language_names(language):
            continue
        name = locative_place(word, language)
        if name is not None:
            places.append(Place(name, start, end))
    return places


def _starts_longer_name(after: str) -> bool:
    """A capitalized word follows, maybe after a particle of names: the place has a longer name
    than one word ("New Haven", "Côte de Nuits", "Villanueva de la Serena")."""
    m = _NAME_GOES_ON.match(after)
    return m is not None and m.group(1)[:1].isupper()


@cache
def _language_names(language: str) -> frozenset[str]:
    """Languages as `language` names them ("in English"): capitalized in some languages, never places."""
    try:
        return frozenset(name.casefold() for name in Locale.parse(language).languages.values())
    except (UnknownLocaleError, ValueError):
        return frozenset()
