"""The direct answer: the slot a question asks for, filled with what the first quote states and
written in the asker's language.

Nothing is translated: dates and numbers are reformatted for the reader's locale (Babel/CLDR),
countries and organizations are named by their CLDR or gazetteer names, and people's names are
transliterated with the original in parentheses. The line is given only when the quote states
exactly what the slot needs (one date, one number, a short list of names) and passes
`grounding.ungrounded`; otherwise the quote stands alone."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal, get_currency_name
from babel.units import format_unit

from answering.entities import (
    Entity,
    Mention,
    display_name,
    mentions,
    named_in,
    not_a_name,
    opens_sentence,
    parts_of,
)
from answering.evidence import quote_sentences
from answering.facts import COUNT_UNITS, CURRENCIES, DateFact, NumberFact, dates_in, numbers_in
from answering.grounding import ungrounded
from answering.labelled import labelled_list
from answering.places import unknown_places
from answering.question_kind import QuestionKind, asks_for_countries, question_kind
from answering.translit import in_script_of

MAX_PEOPLE = 3
MAX_BODIES = 4
# A number right after one of these is a label ("article 5", "resolution 984"), not a count.
_LABELS = re.compile(
    r"(?:article|artikel|articolo|artículo|artykuł\w*|стат\w+|resolution|résolution|rezolucj\w+|резолюц\w+|"
    r"risoluzione|resolución|nr|n|no|№|decision|décision|decisione|rozdział|chapter|chapitre|kapitel|капітул\w*)"
    r"\.?\s*$",
    re.IGNORECASE,
)
# A number after these is a bound ("fino a 500"), not the count itself.
_LIMIT = re.compile(r"(?:up to|as many as|jusqu'à|jusqu’à|bis zu|до|do|aż do|hasta|fino a|fino ad)\s*$", re.IGNORECASE)
# After these a place is where something happened ("в Києві", "à Paris", "im Kreml").
_LOCATIVE = re.compile(r"(?:^|\s)(?:in|at|à|au|aux|dans|en|im|nach|в|у|во|на|w|we|na|a|nel|nella)\s+$", re.IGNORECASE)
_PERSON = re.compile(
    r"(?<![\w'’-])(?:[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄҐ][a-zß-öø-ÿā-žа-яёіїєґ'’-]+)"
    r"(?:\s+(?:(?:von|van|der|de|da|di|du|del|la|le|bin|al)\s+)?[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄҐ][a-zß-öø-ÿā-žа-яёіїєґ'’-]+){1,2}"
    r"(?![\w'’-])"
)


@dataclass(frozen=True)
class DirectAnswer:
    """`text` answers the question; `start:end` is the part of the quote that states it."""

    text: str
    start: int
    end: int


def direct_answer(
    question: str,
    language: str,
    quote: str,
    quote_language: str,
    preference: Callable[[int, int], float] = lambda start, end: 0.0,
) -> DirectAnswer | None:
    """The slot `question` asks for, stated by `quote` (written in `quote_language`), in the
    reply `language`; None unless it is extracted confidently and passes the checker. The
    quote's sentences are read in the order of `preference` (of their span, highest first),
    which may know more of what the question wants: in "how many countries", the countries
    ("two months after" in the sentence before "some 40 states took part" counts something
    else); in "who became editor in 2014", the sentence closest to it, not the one before it
    naming the editor before."""
    kind = question_kind(question)
    if kind is None or not _shares_anchor(question, language, quote, quote_language):
        return None
    sentences = quote_sentences(quote)
    # A quote of one sentence is read whole below.
    sentences = sorted(sentences, key=lambda span: preference(*span), reverse=True) if len(sentences) > 1 else []
    # Each sentence alone first: a slot stated in one sentence is stated plainly. Sentences dated
    # differently tell of different events ("construction began in 1983", "the line opened in
    # 1995"), and which one the question asks about is not known: the date is left open.
    stated = [
        DirectAnswer(found, start, end)
        for start, end in sentences
        if (found := _fill(kind, question, language, quote[start:end], quote_language)) is not None
        and not ungrounded(found, quote, language, quote_language)
    ]
    if stated:
        return None if kind is QuestionKind.WHEN and len({d.text for d in stated}) > 1 else stated[0]
    found = _fill(kind, question, language, quote, quote_language)
    if found is not None and not ungrounded(found, quote, language, quote_language):
        return DirectAnswer(found, 0, len(quote))
    return None


def _fill(kind: QuestionKind, question: str, language: str, text: str, source: str) -> str | None:
    if kind is QuestionKind.WHEN:
        return _when(question, language, text, source)
    if kind is QuestionKind.HOW_MANY:
        return _how_many(question, language, text, source)
    if kind is QuestionKind.WHERE:
        return _where(question, language, text, source)
    return _who(question, language, text, source)


def _shares_anchor(question: str, language: str, quote: str, source: str) -> bool:
    """When the question names a specific thing (a city, a treaty, a number), the quote must name
    one of them: otherwise it is about something else, however close its wording. Countries and
    bodies are left out: a quote often says "the mission" where the question says "the OSCE"."""
    asked = {e.id for e in _asked(question, language) if e.kind in ("city", "treaty")}
    numbers = {f.value for f in numbers_in(question, language)}
    if not asked and not numbers:
        return True
    stated = {e.id for e in named_in(quote, source)}
    return bool(asked & stated) or bool(numbers & {f.value for f in numbers_in(quote, source)})


def _asked(question: str, language: str) -> set[Entity]:
    """What the question names, with what those names contain ("Budapest Memorandum" → Budapest)."""
    named = named_in(question, language)
    return named | {part for e in named for part in parts_of(e)}


# When ---------------------------------------------------------------------------------------
def _when(question: str, language: str, text: str, source: str) -> str | None:
    asked_years = {int(f.value) for f in numbers_in(question, language)}
    dates = [d for d in _most_precise(dates_in(text, source)) if d.year not in asked_years]
    if len({(d.year, d.month, d.day) for d in dates}) != 1:
        return None
    return format_when(dates[0], language)


def _most_precise(dates: list[DateFact]) -> list[DateFact]:
    """Drop a bare year or a month that a more precise date in the same text already states."""

    def covered(d: DateFact) -> bool:
        return any(
            o is not d
            and o.year == d.year
            and (d.month is None or o.month == d.month)
            and (o.month is not None and d.month is None or o.day is not None and d.day is None)
            for o in dates
        )

    return [d for d in dates if not covered(d)]


def format_when(fact: DateFact, language: str) -> str:
    if fact.month is None:
        return str(fact.year)
    if fact.day is None:
        return format_skeleton("yMMMM", date(fact.year, fact.month, 1), locale=language)
    return format_date(date(fact.year, fact.month, fact.day), "long", locale=language)


# How many / how much ------------------------------------------------------------------------
def _how_many(question: str, language: str, text: str, source: str) -> str | None:
    asked = {f.value for f in numbers_in(question, language)}
    in_dates = [(d.start, d.end) for d in dates_in(text, source)]
    counts = [
        f
        for f in numbers_in(text, source)
        if f.value not in asked
        and not any(s <= f.start < e for s, e in in_dates)
        and not _LABELS.search(text[: f.start])
        and not _LIMIT.search(text[: f.start])
        and text[f.end : f.end + 1] != "-"  # "14-й", "5-year": an ordinal or a compound
    ]
    if len({f.value for f in counts}) != 1:
        return None
    return _format_count(counts[0], text, language, source)


def _format_count(fact: NumberFact, text: str, language: str, source: str) -> str:
    before, after = text[: fact.start].rstrip(), text[fact.end :].lstrip()
    value = fact.value
    symbol = before[-1:] if before[-1:] in CURRENCIES else after[:1]
    currency = CURRENCIES.get(symbol) or _currency_named(after, source)
    if currency:
        # The locale's own currency pattern, without forcing cents onto a whole amount.
        pattern = Locale.parse(language).currency_formats["standard"].pattern.replace("0.00", "0.##")
        return format_currency(value, currency, pattern, locale=language, currency_digits=False)
    if after.startswith("%"):
        return format_decimal(value, locale=language) + "\u00a0%"
    unit = _unit_named(after, source)
    if unit:
        return format_unit(value, unit, length="long", locale=language)
    return format_decimal(value, locale=language)


@cache
def _unit_words(language: str) -> dict[str, str]:
    words: dict[str, str] = {}
    for unit in COUNT_UNITS:
        for n in (1, 2, 5, 21):
            written = format_unit(n, unit, length="long", locale=language)
            words[re.sub(r"[\d\s\u00a0\u202f.,]+", " ", written).strip().casefold()] = unit
    return words


def _unit_named(after: str, source: str) -> str | None:
    word = re.match(r"\w+", after)
    return _unit_words(source).get(word.group().casefold()) if word else None


def _currency_named(after: str, source: str) -> str | None:
    word = re.match(r"\w+", after)
    if word is None:
        return None
    folded = word.group().casefold()
    for code in set(CURRENCIES.values()):
        if folded == code.casefold() or any(
            folded == get_currency_name(code, n, locale=source).casefold() for n in (1, 2, 5)
        ):
            return code
    return None


# Where --------------------------------------------------------------------------------------
def _where(question: str, language: str, text: str, source: str) -> str | None:
    # A place the question names may be the answer ("Where was the Budapest Memorandum signed?").
    places = [
        m for m in mentions(text, source) if m.entity.kind in ("city", "country") and _LOCATIVE.search(text[: m.start])
    ]
    cities = [m for m in places if m.entity.kind == "city"]
    chosen = {m.entity.id: m for m in (cities or places)}
    if len(chosen) == 1:
        return display_name(next(iter(chosen.values())).entity, language)
    if chosen:
        return None
    # No known place: one that CLDR and the gazetteer do not know ("в Бендерах").
    unknown = {place.name for place in unknown_places(text, source)}
    return _spelled(unknown.pop(), language, source) if len(unknown) == 1 else None


# Who ----------------------------------------------------------------------------------------
def _who(question: str, language: str, text: str, source: str) -> str | None:
    labelled = labelled_list(question, text)
    if labelled is not None:
        # Bodies under different labels play different roles: answer with one label's items, all of them.
        if labelled.asked is None:
            return None
        text = text[labelled.asked[0] : labelled.asked[1]]
        if _names_unknown(text, source):
            return None
    asked = {e.id for e in _asked(question, language)}
    countries_only = asks_for_countries(question)
    kinds = ("country",) if countries_only else ("country", "organization")
    bodies: dict[str, Mention] = {}
    for m in mentions(text, source):
        if m.entity.kind in kinds and m.entity.id not in asked:
            bodies.setdefault(m.entity.id, m)
    people = [] if countries_only else _people(text, source, question)
    if people:
        if len(people) > MAX_PEOPLE:
            return None
        shown = [_spelled(name, language, source) for name in people]
    else:
        if not bodies or len(bodies) > MAX_BODIES:
            return None
        shown = [display_name(m.entity, language) for m in bodies.values()]
    return format_list(shown, locale=language)


def _names_unknown(text: str, source: str) -> bool:
    """`text` has a capitalized word that no known entity covers."""
    rest = text
    for m in mentions(text, source):
        rest = rest[: m.start] + " " * (m.end - m.start) + rest[m.end :]
    return any(word[:1].isupper() for word in re.findall(r"[^\W\d_]+", rest))


def _people(text: str, source: str, question: str) -> list[str]:
    """Names of people in `text`: two or three capitalized words that name no place, body, title
    or month and do not open the sentence."""
    taken = [(m.start, m.end) for m in mentions(text, source)]
    names: list[str] = []
    for match in _PERSON.finditer(text):
        words = match.group().split()
        start = match.start()
        if opens_sentence(text, start):
            start += len(words[0])
            words = words[1:]
        if len(words) < 2 or any(start <= s < match.end() for s, _ in taken):
            continue
        if any(not_a_name(w, source) for w in words):
            continue
        name = " ".join(words)
        if name not in names and name.split()[-1] not in question:
            names.append(name)
    return names


def _spelled(name: str, language: str, source: str) -> str:
    """A name the reader's locale has no name for, in the reader's script with the original."""
    spelled = in_script_of(name, language, source)
    return f"{spelled} ({name})" if spelled else name
