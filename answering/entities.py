"""Named places, countries and organizations: found in a text in its own language, named in
another language.

Countries come from CLDR (Babel's territory names), so every locale Babel knows names them, and so
do the cities of Europe, Asia and Africa that CLDR names as time-zone cities where some language
spells them unlike English (Stockholm/Sztokholm/Stoccolma, Tbilisi/Тбілісі); organizations, more
cities and a few recurring treaties come from `data/gazetteer.json`, which also adds aliases to
countries ("США", "UK"). Matching allows the case endings of inflected languages
("Києві", "Russlands", "Traktatu Północnoatlantyckiego") and is case-sensitive on capitals, so
the adjective "українська" is not the country."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from babel import Locale, UnknownLocaleError

from answering.terms import spelled_alike, transliterated
from retrieval.language import SUPPORTED_LANGUAGES

# Languages whose nouns take case endings that a name must tolerate; German adds only a few.
_CASE_ENDINGS = {"uk": r"\w{0,4}", "ru": r"\w{0,4}", "pl": r"\w{0,4}", "de": r"(?:s|es|n|en)?"}
_REPLACED_ENDINGS = frozenset({"uk", "ru", "pl"})
# Trailing letters that the Slavic case endings replace ("Україна" → "України").
_INFLECTED_TAIL = re.compile(r"[aeiouyаеєиіїоуюяьйыэ]{1,2}$")
_MIN_STEM = 4
# German nouns are capitalized: endings that mark a noun rather than a name.
_GERMAN_NOUN = re.compile(r"(?:ung|ungen|heit|keit|schaft|tion|tionen|ismus|ität|nis|nisse|abkommen|vertrag)$")


@dataclass(frozen=True)
class Entity:
    id: str
    kind: str  # "country", "organization", "city" or "treaty"
    territory: str | None = None


@dataclass(frozen=True)
class Mention:
    entity: Entity
    start: int
    end: int
    text: str


@cache
def _raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resources.files("answering").joinpath("data/gazetteer.json").read_text("utf-8"))
    return data


@cache
def not_name_prefixes() -> tuple[str, ...]:
    """Case-folded prefixes of title and institution words ("presid", "міністр"), in any language."""
    return tuple(_raw()["not_names"])


def not_a_name(word: str, language: str) -> bool:
    """Whether the capitalized `word` is a title, an institution or (in German) a common noun."""
    folded = word.casefold()
    return folded.startswith(not_name_prefixes()) or (language == "de" and bool(_GERMAN_NOUN.search(folded)))


def opens_sentence(text: str, at: int) -> bool:
    """Whether `text[at:]` opens a sentence, a quote or a list item, where any word is capitalized."""
    before = text[:at].rstrip()
    return not before or before[-1] in '.!?:;—–-•«"(\n'


@cache
def _gazetteer() -> tuple[tuple[Entity, dict[str, tuple[str, ...]]], ...]:
    return tuple(
        (
            Entity(e.get("territory") or e["id"], e["kind"], e.get("territory")),
            {lang: tuple(names) for lang, names in e["names"].items()},
        )
        for e in _raw()["entities"]
    )


@cache
def _locale(language: str) -> Locale | None:
    try:
        return Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return None


@cache
def _territories(language: str) -> dict[str, str]:
    """Two-letter country codes → their CLDR names in `language` (no regions, no codes like 'EU')."""
    locale = _locale(language)
    if locale is None:
        return {}
    names = locale.territories
    return {
        code: name for code, name in names.items() if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    }


# CLDR lists these as territories; here they are organizations or not places one answers with.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ"})
# Time-zone cities of these regions (the Americas' and the oceans' are far from the sources' topics
# and include words such as "Regina" and "Nome").
_CITY_REGIONS = ("Europe/", "Asia/", "Africa/")


@cache
def _city_zones() -> tuple[str, ...]:
    """The time zones whose city some supported language spells unlike English (names spelled alike
    are matched anyway), and that neither the gazetteer nor CLDR's countries already name (Kyiv,
    Malta)."""
    known = {name.casefold() for _, names in _gazetteer() for name in names.get("en", ())}
    known |= {name.casefold() for name in _territories("en").values()}
    zones = {zone for code in SUPPORTED_LANGUAGES for zone in _locale_cities(code) if zone.startswith(_CITY_REGIONS)}
    chosen = []
    for zone in sorted(zones):
        english = _english_city(zone)
        if english.casefold() not in known and any(
            not spelled_alike(city_name(zone, code), {transliterated(english)}) for code in SUPPORTED_LANGUAGES
        ):
            chosen.append(zone)
    return tuple(chosen)


@cache
def _locale_cities(language: str) -> dict[str, str]:
    locale = _locale(language)
    zones = locale.time_zones if locale is not None else {}
    return {zone: data["city"] for zone, data in zones.items() if "city" in data}


def _english_city(zone: str) -> str:
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def city_name(zone: str, language: str) -> str:
    """The CLDR name in `language` of the time-zone city `zone` ("Europe/Stockholm" → "Sztokholm")."""
    return _locale_cities(language).get(zone) or _english_city(zone)


def display_name(entity: Entity, language: str) -> str:
    """How `entity` is named in `language` (English when the gazetteer lacks that language)."""
    if entity.territory:
        name = _territories(language).get(entity.territory) or _territories("en").get(entity.territory)
        if name:
            return name
    if entity.id in _city_zones():
        return city_name(entity.id, language)
    for known, names in _gazetteer():
        if known.id == entity.id:
            listed = names.get(language) or names.get("en") or next(iter(names.values()))
            return listed[0]
    return entity.id


@dataclass(frozen=True)
class _NamePattern:
    entity: Entity
    pattern: re.Pattern[str]
    # Letters every match contains: a text without them is not searched (a thousand names).
    probe: str

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.probe in text else None

    def finditer(self, text: str) -> list[re.Match[str]]:
        return list(self.pattern.finditer(text)) if self.probe in text else []


@cache
def _patterns(language: str) -> tuple[_NamePattern, ...]:
    """Every name of every entity in `language` and in English, longest first so that
    "Rada Bezpieczeństwa ONZ" wins over "ONZ"."""
    names: list[tuple[Entity, str]] = []
    for lang in dict.fromkeys((language, "en")):
        names += [(Entity(code, "country", code), name) for code, name in _territories(lang).items()]
        names += [(Entity(zone, "city"), city_name(zone, lang)) for zone in _city_zones()]
        for entity, by_language in _gazetteer():
            names += [(entity, name) for name in by_language.get(lang, ())]
    names.sort(key=lambda pair: len(pair[1]), reverse=True)
    return tuple(_NamePattern(entity, _name_pattern(name, language), _probe(name, language)) for entity, name in names)


def _probe(name: str, language: str) -> str:
    """Up to three letters after the first of `name` that its pattern matches literally: the first
    letter may be capitalized and an inflected language's ending replaced."""
    word = name.split()[0]
    rest = word[1:]
    if _CASE_ENDINGS.get(language) and language in _REPLACED_ENDINGS and not word.isupper() and len(word) > _MIN_STEM:
        rest = _INFLECTED_TAIL.sub("", rest)
    return rest.split("'")[0][:3]  # an apostrophe may be typographic in the text


def _name_pattern(name: str, language: str) -> re.Pattern[str]:
    ending = _CASE_ENDINGS.get(language, "")
    parts = []
    for word in name.split():
        first = f"[{word[0]}{word[0].upper()}]" if word[0].islower() else re.escape(word[0])
        rest = word[1:]
        if ending and not word.isupper() and len(word) > _MIN_STEM:
            stem = _INFLECTED_TAIL.sub("", rest)
            if language in _REPLACED_ENDINGS:
                # A short stem ("Рос" of "Росія") takes only a short ending, so it is not "Ростов".
                tail = ending if len(stem) + 1 >= _MIN_STEM else r"\w{0,2}"
                parts.append(first + re.escape(stem) + tail)
            else:
                parts.append(first + re.escape(rest) + ending)
        else:
            parts.append(first + re.escape(rest))
    # Typographic apostrophes are as common as the plain one: "traité de l’Atlantique Nord", "Об’єднаних".
    return re.compile(r"(?<![\w-])" + r"\s+".join(parts).replace("'", "['’ʼ]") + r"(?![\w-])")


def mentions(text: str, language: str) -> list[Mention]:
    """Entities named in `text` (written in `language`), in text order, without overlaps."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for name in _patterns(language):
        for m in name.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(Mention(name.entity, m.start(), m.end(), m.group()))
    return sorted(found, key=lambda mention: mention.start)


def named_in(text: str, language: str) -> set[Entity]:
    """Every entity any of whose names occurs in `text`, also inside a longer name ("Budapest" in
    "Budapest Memorandum")."""
    return {name.entity for name in _patterns(language) if name.search(text)}


def tells_of_other_countries(question: str, language: str, text: str, text_language: str) -> bool:
    """Whether `text` names countries and none of those `question` names."""
    asked = {e for e in named_in(question, language) if e.kind == "country"}
    if not asked:
        return False
    told = {e for e in named_in(text, text_language) if e.kind == "country"}
    return bool(told) and not asked & told


@cache
def parts_of(entity: Entity) -> frozenset[Entity]:
    """Entities that the English names of `entity` contain ("Budapest Memorandum" → Budapest)."""
    names = next((by_language.get("en", ()) for known, by_language in _gazetteer() if known == entity), ())
    return frozenset(part for name in names for part in named_in(name, "en") if part != entity)
