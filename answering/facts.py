"""Dates and numbers as a text states them, in the text's own language (month names from CLDR)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import get_month_names

# Small numbers written as words, the way sources state counts ("строком на десять років",
# "tylko raz"). Words that are also articles (un, une, ein, uno, una, one) are left out.
NUMBER_WORDS: dict[str, dict[str, int]] = {
    "en": {
        "once": 1,
        "twice": 2,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "twenty": 20,
        "hundred": 100,
    },
    "uk": {
        "двічі": 2,
        "два": 2,
        "дві": 2,
        "три": 3,
        "чотири": 4,
        "п'ять": 5,
        "шість": 6,
        "сім": 7,
        "вісім": 8,
        "дев'ять": 9,
        "десять": 10,
        "двадцять": 20,
        "сто": 100,
    },
    "ru": {
        "дважды": 2,
        "два": 2,
        "две": 2,
        "три": 3,
        "четыре": 4,
        "пять": 5,
        "шесть": 6,
        "семь": 7,
        "восемь": 8,
        "девять": 9,
        "десять": 10,
        "двадцать": 20,
        "сто": 100,
    },
    "fr": {
        "deux": 2,
        "trois": 3,
        "quatre": 4,
        "cinq": 5,
        "six": 6,
        "sept": 7,
        "huit": 8,
        "neuf": 9,
        "dix": 10,
        "douze": 12,
        "vingt": 20,
        "cent": 100,
    },
    "de": {
        "einmal": 1,
        "zweimal": 2,
        "zwei": 2,
        "drei": 3,
        "vier": 4,
        "fünf": 5,
        "sechs": 6,
        "sieben": 7,
        "acht": 8,
        "neun": 9,
        "zehn": 10,
        "zwölf": 12,
        "zwanzig": 20,
        "hundert": 100,
    },
    "pl": {
        "raz": 1,
        "dwa": 2,
        "dwie": 2,
        "trzy": 3,
        "cztery": 4,
        "pięć": 5,
        "sześć": 6,
        "siedem": 7,
        "osiem": 8,
        "dziewięć": 9,
        "dziesięć": 10,
        "dwadzieścia": 20,
        "sto": 100,
    },
    "es": {
        "dos": 2,
        "tres": 3,
        "cuatro": 4,
        "cinco": 5,
        "seis": 6,
        "siete": 7,
        "ocho": 8,
        "nueve": 9,
        "diez": 10,
        "doce": 12,
        "veinte": 20,
        "cien": 100,
    },
    "it": {
        "due": 2,
        "tre": 3,
        "quattro": 4,
        "cinque": 5,
        "sei": 6,
        "sette": 7,
        "otto": 8,
        "nove": 9,
        "dieci": 10,
        "dodici": 12,
        "venti": 20,
        "cento": 100,
    },
}
# Units a count is stated in, by CLDR id: their names in any language come from CLDR.
COUNT_UNITS = ("duration-year", "duration-month", "duration-week", "duration-day", "duration-hour", "length-kilometer")
CURRENCIES = {"€": "EUR", "$": "USD", "£": "GBP", "₴": "UAH", "₽": "RUB"}
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})
_WORD = re.compile(r"\w+(?:'\w+)*")
# Digits with optional thousands groups ("10 000", "10,000", "10.000") and decimals; never part of
# a word ("G7", "COVID-19", "Су-27") or of a longer digit run.
_NOT_INSIDE = r"(?<![\w.,])(?<![^\W\d_]-)"
_DIGITS = re.compile(
    rf"{_NOT_INSIDE}\d{{1,3}}(?:[ \u00a0\u202f.,’']\d{{3}})+(?:[.,]\d+)?(?![\w])|{_NOT_INSIDE}\d+(?:[.,]\d+)?(?![\w])"
)
_YEAR = r"(?:1[5-9]|20)\d{2}"
_SLAVIC = frozenset({"uk", "ru", "pl", "be", "bg", "cs", "sk", "sl", "hr", "sr"})


@dataclass(frozen=True)
class DateFact:
    year: int
    month: int | None
    day: int | None
    start: int
    end: int


@dataclass(frozen=True)
class NumberFact:
    value: Decimal
    start: int
    end: int
    text: str


@cache
def month_names(language: str) -> dict[str, int]:
    """Every wide month name of `language` (format and stand-alone forms), case-folded → 1..12."""
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        try:
            months = get_month_names("wide", context, Locale.parse(language))
        except (UnknownLocaleError, ValueError):
            return {}
        names.update({name.casefold(): number for number, name in months.items()})
    return names


@cache
def _month_pattern(language: str) -> tuple[re.Pattern[str], dict[str, int]] | None:
    """One alternation of every month of `language`; Slavic months by stem, so the locative
    "в березні" and "w kwietniu" are months too."""
    names = month_names(language)
    if not names:
        return None
    stems: dict[str, int] = {}
    for name, number in names.items():
        forms = [n for n, m in names.items() if m == number]
        stem = _common_prefix(forms) if language in _SLAVIC else name
        stems[stem if len(stem) >= 3 else name] = number
    tail = r"\w*" if language in _SLAVIC else ""
    alternation = "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation}){tail}(?!\w)", re.IGNORECASE), stems


def month_of(word: str, language: str) -> int | None:
    found = _month_pattern(language)
    if found is None or not found[0].fullmatch(word):
        return None
    folded = word.casefold()
    return next(n for stem, n in sorted(found[1].items(), key=lambda p: -len(p[0])) if folded.startswith(stem))


def dates_in(text: str, language: str) -> list[DateFact]:
    """Dates the text states: day-month-year, month-year, ISO dates and bare years, the most
    precise reading of each span."""
    found: list[DateFact] = []
    taken: list[tuple[int, int]] = []

    def add(year: str, month: int | None, day: str | None, start: int, end: int) -> None:
        if any(start < e and s < end for s, e in taken):
            return
        d = int(day) if day else None
        if d is not None and not 1 <= d <= 31:
            return
        taken.append((start, end))
        found.append(DateFact(int(year), month, d, start, end))

    for m in re.finditer(rf"(?<!\d)({_YEAR})-(\d{{2}})-(\d{{2}})(?!\d)", text):
        add(m.group(1), int(m.group(2)), m.group(3), m.start(), m.end())
    months = _month_pattern(language)
    if months is not None:
        month = months[0].pattern
        connector = r"(?:\s+(?:de|del|of))?\s+"
        day_first = re.compile(rf"(?<!\d)(\d{{1,2}})\.?\s+(?:de\s+)?({month}){connector}({_YEAR})(?!\d)", re.IGNORECASE)
        month_first = re.compile(rf"({month})\s+(\d{{1,2}}),?\s+({_YEAR})(?!\d)", re.IGNORECASE)
        month_year = re.compile(rf"({month}){connector}({_YEAR})(?!\d)", re.IGNORECASE)
        for m in day_first.finditer(text):
            add(m.group(3), month_of(m.group(2), language), m.group(1), m.start(), m.end())
        for m in month_first.finditer(text):
            add(m.group(3), month_of(m.group(1), language), m.group(2), m.start(), m.end())
        for m in month_year.finditer(text):
            add(m.group(2), month_of(m.group(1), language), None, m.start(), m.end())
    for m in re.finditer(rf"(?<![\w.,]){_YEAR}(?![\w])", text):
        add(m.group(), None, None, m.start(), m.end())
    return sorted(found, key=lambda f: f.start)


def numbers_in(text: str, language: str) -> list[NumberFact]:
    """Numbers the text states in digits or as number words of `language`."""
    found = [NumberFact(parse_number(m.group()), m.start(), m.end(), m.group()) for m in _DIGITS.finditer(text)]
    words = NUMBER_WORDS.get(language, {})
    for m in _WORD.finditer(text.translate(_APOSTROPHES)):
        value = words.get(m.group().casefold())
        if value is not None:
            found.append(NumberFact(Decimal(value), m.start(), m.end(), text[m.start() : m.end()]))
    return sorted(found, key=lambda f: f.start)


def parse_number(written: str) -> Decimal:
    """'10 000', '10,000', '10.000' → 10000; '1,5' and '1.5' → 1.5 (a separator before exactly
    three final digits groups thousands)."""
    digits = re.sub(r"[ \u00a0\u202f’']", "", written)
    groups = re.split(r"[.,]", digits)
    if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]):
        return Decimal("".join(groups))
    if len(groups) == 2:
        return Decimal(f"{groups[0]}.{groups[1]}")
    return Decimal("".join(groups))


def stated_values(text: str, language: str) -> set[Decimal]:
    """Every number the text states, including the days and years of its dates."""
    values = {f.value for f in numbers_in(text, language)}
    for d in dates_in(text, language):
        values.add(Decimal(d.year))
        if d.day is not None:
            values.add(Decimal(d.day))
    return values


def stated_months(text: str, language: str) -> set[tuple[int, int]]:
    """(year, month) of every dated month the text states."""
    return {(d.year, d.month) for d in dates_in(text, language) if d.month is not None}


def _common_prefix(words: list[str]) -> str:
    prefix = words[0]
    for word in words[1:]:
        while not word.startswith(prefix):
            prefix = prefix[:-1]
    return prefix
