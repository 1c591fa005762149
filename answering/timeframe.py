"""Time expressions in a question → the range of publication dates it asks about.

dateparser reads the dates ("2023", "грудня 2024", "la semaine dernière", "letzte Woche") and
says how long a stretch each names (a year, a month, a week, a day). Only the short words that
turn a date into a bound ("since", "після", "nach", "jusqu'") are listed here, per language.

A bare date is a topic, not a filter ("the 1994 memorandum"): a year or a month name counts
only after a bound word ("in 2022", "у грудні"); an expression of several words without digits
("last month", "минулого тижня") is relative to today and always counts, and so does a decade
("the 1970s", "w latach 30.": `decades.py`), which is seldom a mere name."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from functools import lru_cache

from dateparser.date import DateDataParser

from answering.answer_type import MONTH_LOCATIVE_ENDINGS
from answering.decades import Decade, decades_in
from answering.facts import dates_in


class _Bound(Enum):
    SINCE = "since"  # from the start of the stretch
    AFTER = "after"  # from the day after it
    BEFORE = "before"  # up to the day before it
    UNTIL = "until"  # up to its last day
    IN = "in"  # within it


_S, _A, _B, _U, _I = _Bound.SINCE, _Bound.AFTER, _Bound.BEFORE, _Bound.UNTIL, _Bound.IN

_BOUND_WORDS: dict[str, dict[str, _Bound]] = {
    "en": {"since": _S, "from": _S, "after": _A, "before": _B, "until": _U, "till": _U, "to": _U, "through": _U}
    | {"in": _I, "during": _I},
    "uk": {"з": _S, "із": _S, "від": _S, "після": _A, "до": _B, "по": _U, "у": _I, "в": _I, "протягом": _I},
    "ru": {"с": _S, "со": _S, "от": _S, "после": _A, "до": _B, "по": _U, "в": _I, "во": _I, "на": _I, "за": _I},
    "fr": {"depuis": _S, "dès": _S, "partir": _S, "après": _A, "avant": _B, "jusqu": _U, "en": _I, "pendant": _I},
    "de": {"seit": _S, "ab": _S, "nach": _A, "vor": _B, "bis": _U, "im": _I, "in": _I, "während": _I},
    "pl": {"od": _S, "po": _A, "przed": _B, "do": _U, "w": _I, "we": _I, "podczas": _I},
    "es": {"desde": _S, "partir": _S, "después": _A, "tras": _A, "antes": _B, "hasta": _U, "en": _I, "durante": _I},
    "it": {"da": _S, "dal": _S, "dalla": _S, "dagli": _S, "dai": _S, "dopo": _A, "prima": _B, "fino": _U}
    | {"a": _I, "in": _I, "nel": _I, "negli": _I, "nei": _I, "durante": _I},
}
# Words that may stand between a bound word and its date ("à partir de", "prima del").
_FILLERS: dict[str, frozenset[str]] = {
    "en": frozenset({"the"}),
    "uk": frozenset(),
    "ru": frozenset(),
    "fr": frozenset({"de", "du", "à", "la", "le", "l", "les"}),
    "de": frozenset({"dem", "der", "den"}),
    "pl": frozenset(),
    "es": frozenset({"de", "del", "el", "la", "los"}),
    "it": frozenset({"di", "del", "al", "il", "la", "l", "gli", "i"}),
}
_LANGUAGES = frozenset(_BOUND_WORDS)
_PERIODS = ("year", "month", "week", "day")
_MAX_SPAN_WORDS = 4
# Shortest word that makes part of a relative period ("tym", "mes", "last").
_MIN_RELATIVE = 3
_WORD = re.compile(r"\w+")
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_DECADE_TOKEN = "\x00decade"


@dataclass(frozen=True)
class TimeFrame:
    """Publication dates from `start` to `end`, both inclusive; None is open-ended."""

    start: date | None
    end: date | None
    # The words of the question that set it, so that checks for the question's own terms (a
    # year the passages must contain) can leave them out.
    expressions: tuple[str, ...] = ()
    # False when the question only names a dated period ("in 2022", "im Januar 2024"): that may
    # be when something happened rather than when sources were published, so a period without
    # sources is no dead end. Bounds ("since 2024") and relative periods ("last month") are strict.
    strict: bool = True

    @property
    def published_from(self) -> str | None:
        return self.start.isoformat() if self.start else None

    @property
    def published_to(self) -> str | None:
        return self.end.isoformat() if self.end else None

    def dates_within(self, text: str, language: str) -> bool:
        """Whether `text` (in `language`) states a date inside the frame: a passage that dates its
        event in the period answers for it, whenever its source was published. The date must lie
        wholly inside: "in 2014" does not date an event in March 2014."""
        first, last = self.start or date.min, self.end or date.max
        for fact in dates_in(text, language):
            months = (fact.month, fact.month) if fact.month else (1, 12)
            begins = date(fact.year, months[0], fact.day or 1)
            ends = date(fact.year, months[1], fact.day or calendar.monthrange(fact.year, months[1])[1])
            if first <= begins and ends <= last:
                return True
        return False

    def remove_from(self, question: str) -> str:
        for expression in self.expressions:
            question = question.replace(expression, " ")
        return " ".join(question.split())


def parse_timeframe(question: str, language: str, today: date) -> TimeFrame | None:
    """The range of publication dates `question` (in `language`) asks about, or None when it
    names no time; relative expressions count from `today`."""
    code = language if language in _LANGUAGES else "en"
    decades = decades_in(question)
    # A decade is read here, not by dateparser (which took "the 1970s" for today): it stands as
    # one placeholder token among the words.
    masked = question
    for named in decades:
        masked = masked[: named.start] + " " * (named.end - named.start) + masked[named.end :]
    spans = sorted([(w.start(), w.end()) for w in _WORD.finditer(masked)] + [(d.start, d.end) for d in decades])
    decade_at = {d.start: d for d in decades}
    tokens = [_DECADE_TOKEN if a in decade_at else _normalized(question[a:b], code) for a, b in spans]
    start: date | None = None
    end: date | None = None
    within: list[tuple[date, date]] = []
    expressions: list[str] = []
    strict = False
    i = 0
    while i < len(tokens):
        decade = decade_at.get(spans[i][0])
        found = _decade_days(decade) if decade else _date_at(tokens, i, code, today)
        if found is None:
            i += 1
            continue
        length, first, last = found
        bound = _bound_before(tokens, i, length, code)
        if bound is None and decade is None and not _is_relative(tokens[i : i + length], code):
            i += 1  # "Article 4 in March 2014": the date may start inside what was read as one
            continue
        expressions.append(question[spans[i][0] : spans[i + length - 1][1]])
        dated = decade is not None or any(_YEAR.search(t) for t in tokens[i : i + length])
        strict = strict or bound not in (_Bound.IN, None) or not dated
        if bound is _Bound.SINCE:
            start = max(start or first, first)
        elif bound is _Bound.AFTER:
            start = max(start or last, last + timedelta(days=1))
        elif bound is _Bound.BEFORE:
            end = min(end or first, first - timedelta(days=1))
        elif bound is _Bound.UNTIL:
            end = min(end or last, last)
        else:
            within.append((first, last))
        i += length
    if not expressions:
        return None
    if within:
        start = max(start or date.min, min(f for f, _ in within))
        end = min(end or date.max, max(t for _, t in within))
    return TimeFrame(start, end, tuple(expressions), strict)


def _decade_days(decade: Decade) -> tuple[int, date, date]:
    return 1, date(decade.first_year, 1, 1), date(decade.last_year, 12, 31)


def _date_at(tokens: list[str], i: int, code: str, today: date) -> tuple[int, date, date] | None:
    """The longest date expression starting at token `i`: (words, first day, last day)."""
    for length in range(min(_MAX_SPAN_WORDS, len(tokens) - i), 0, -1):
        span = tokens[i : i + length]
        if _DECADE_TOKEN in span:
            continue
        text = " ".join(span)
        if text.isdigit() and not _YEAR.fullmatch(text):
            continue  # "5" in "Article 5" is not a month
        content = [t for t in span if t not in _BOUND_WORDS[code] and t not in _FILLERS[code]]
        if not any(len(t) >= 3 or t.isdigit() for t in content):
            continue  # dateparser reads a lone "a" as a month
        data = _parse(text, code, today)
        if data is None:
            continue
        moment, period = data
        years = {int(y.group()) for y in re.finditer(r"\b\d{4}\b", text)}
        if years and years != {moment.year}:
            continue  # dateparser misread "2023 року" as the year 3; a shorter span reads it right
        if period == "day" and not any(c.isdigit() for c in text):
            continue  # one-word days are weekday names and abbreviations ("die" → Dienstag)
        return (length, *_stretch(moment, period))
    return None


def _parse(text: str, code: str, today: date) -> tuple[date, str] | None:
    data = _parser(code, today).get_date_data(text)
    if data.date_obj is None or data.period not in _PERIODS:
        return None
    return data.date_obj.date(), str(data.period)


def _stretch(moment: date, period: str) -> tuple[date, date]:
    if period == "year":
        return date(moment.year, 1, 1), date(moment.year, 12, 31)
    if period == "month":
        last = calendar.monthrange(moment.year, moment.month)[1]
        return moment.replace(day=1), moment.replace(day=last)
    if period == "week":
        monday = moment - timedelta(days=moment.weekday())
        return monday, monday + timedelta(days=6)
    return moment, moment


def _bound_before(tokens: list[str], i: int, length: int, code: str) -> _Bound | None:
    """The bound word that governs the date at tokens[i:i+length]: the nearest one before it
    (or leading it: dateparser skips "after" in "after 2023"), a directional one over "in"."""
    words, fillers = _BOUND_WORDS[code], _FILLERS[code]
    context = tokens[max(0, i - 3) : i]
    for token in tokens[i : i + length]:
        if token not in words and token not in fillers:
            break
        context.append(token)
    found: list[_Bound] = []
    for token in reversed(context):
        if token in words:
            found.append(words[token])
        elif token not in fillers:
            break
    directional = [b for b in found if b is not _Bound.IN]
    return directional[0] if directional else (found[0] if found else None)


def _is_relative(span: list[str], code: str) -> bool:
    """Two words or more, none a number ("last week", "w zeszłym miesiącu"); one-letter words do
    not count, so dateparser's reading of "się o" (Polish "sie." is August) is no period."""
    words = [t for t in span if t not in _FILLERS[code] and t not in _BOUND_WORDS[code] and len(t) >= _MIN_RELATIVE]
    return len(words) >= 2 and not any(c.isdigit() for t in words for c in t)


def _normalized(word: str, code: str) -> str:
    word = word.lower()
    # dateparser knows months in the genitive ("грудня"), not always in the locative ("у грудні").
    for ending, replacement in MONTH_LOCATIVE_ENDINGS.get(code, ()):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            candidate = word[: -len(ending)] + replacement
            if _is_month(candidate, code):
                return candidate
    return word


@lru_cache(maxsize=4096)
def _is_month(word: str, code: str) -> bool:
    data = _parser(code, date(2000, 1, 1)).get_date_data(word)
    return data.date_obj is not None and data.period == "month"


@lru_cache(maxsize=32)
def _parser(code: str, today: date) -> DateDataParser:
    base = datetime(today.year, today.month, today.day)
    return DateDataParser(languages=[code], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
