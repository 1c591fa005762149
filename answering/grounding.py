"""The checker of a direct answer: every number, date and name it states must be stated by its
quote, in the source's own form. Used before any direct answer is shown (offline or from an LLM)
and by the tests.

It reads the answer independently of how it was built: numbers and months in the reply's
language, countries and organizations by their names in that language, people's names by their
original (in parentheses after a transliteration, or as they stand)."""

from __future__ import annotations

import re
from functools import cache

from babel.numbers import get_currency_name
from babel.units import format_unit

from answering.entities import mentions
from answering.facts import COUNT_UNITS, CURRENCIES, month_of, numbers_in, stated_months, stated_values
from answering.inflection import inflected_in
from answering.translit import in_script_of
from answering.verify import contains

_ORIGINAL = re.compile(r"\(([^()]+)\)")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def ungrounded(direct: str, quote: str, language: str, quote_language: str) -> list[str]:
    """What `direct` (written in `language`) states that `quote` (in `quote_language`) does not:
    an empty list when every number, date and name is in the quote."""
    problems: list[str] = []
    rest = direct

    for m in reversed(list(_ORIGINAL.finditer(direct))):
        original = m.group(1).strip()
        shown = in_script_of(original, language, quote_language) or original
        before = rest[: m.start()].rstrip()
        if not _states_name(original, quote, quote_language):
            problems.append(f"name {original!r} is not in the quote")
        if before.endswith(shown):
            rest = _blank(rest, len(before) - len(shown), m.end())
        else:
            problems.append(f"{shown!r} is not how {original!r} is written")
            rest = _blank(rest, m.start(), m.end())

    stated_entities = {x.entity.id for x in mentions(quote, quote_language)}
    for mention in mentions(rest, language):
        if mention.entity.id not in stated_entities:
            problems.append(f"{mention.text!r} is not named in the quote")
        rest = _blank(rest, mention.start, mention.end)

    months = {month for _, month in stated_months(quote, quote_language)}
    for word in _WORD.finditer(rest):
        month = month_of(word.group(), language)
        if month is not None:
            if month not in months:
                problems.append(f"the month {word.group()!r} is not in the quote")
            rest = _blank(rest, word.start(), word.end())

    values = stated_values(quote, quote_language)
    for number in numbers_in(rest, language):
        if number.value not in values:
            problems.append(f"the number {number.text!r} is not in the quote")
        rest = _blank(rest, number.start, number.end)

    allowed = _unit_words(language)
    for word in _WORD.finditer(rest):
        token = word.group()
        named = token != token.casefold() and token.casefold() not in allowed
        if named and not _states_name(token, quote, quote_language):
            problems.append(f"the name {token!r} is not in the quote")
    return problems


def _blank(text: str, start: int, end: int) -> str:
    """`text` with start:end replaced by spaces, so later offsets stay valid."""
    return text[:start] + " " * (end - start) + text[end:]


def _states_name(name: str, quote: str, quote_language: str) -> bool:
    """The quote has `name` as whole words, or (one word) in an inflected form: "Бендеры" is
    stated by "в Бендерах"."""
    if contains(quote, name) and _whole_words_in(name, quote):
        return True
    return " " not in name and inflected_in(name, quote, quote_language)


def _whole_words_in(words: str, quote: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", quote) is not None


@cache
def _unit_words(language: str) -> frozenset[str]:
    """Words a formatted amount may hold in `language` ("Jahre", "Euro"): capitalized in German,
    and no claim of their own."""
    words: set[str] = set()
    for unit in COUNT_UNITS:
        for n in (1, 2, 5, 21):
            words.update(w.casefold() for w in _WORD.findall(format_unit(n, unit, length="long", locale=language)))
    for code in set(CURRENCIES.values()):
        for n in (1, 2, 5):
            words.update(w.casefold() for w in _WORD.findall(get_currency_name(code, n, locale=language)))
    return frozenset(words)
