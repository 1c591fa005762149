"""Decades in questions, in every supported language, are periods of ten years, not numbers."""

from __future__ import annotations

from datetime import date

import pytest

from answering.decades import decade_of, decades_in
from answering.terms import TermMatcher, content_terms
from answering.timeframe import parse_timeframe

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("language", "question", "first_year"),
    [
        ("en", "How many reactors were built in the 1970s?", 1970),
        ("en", "What did the band record in the '80s?", 1980),
        ("en", "Who led the mission in the nineties?", 1990),
        ("uk", "Скільки солдатів було в 1990-х роках?", 1990),
        ("uk", "Що будували у дев’яностих роках?", 1990),
        ("ru", "Сколько солдат было в 90-е годы?", 1990),
        ("ru", "Что строили в девяностые?", 1990),
        ("fr", "Combien de soldats dans les années 1990 ?", 1990),
        ("fr", "Que s'est-il passé dans les années quatre-vingt-dix ?", 1990),
        ("de", "Wie viele Soldaten waren in den 1990er Jahren stationiert?", 1990),
        ("de", "Was geschah in den Achtzigerjahren?", 1980),
        ("pl", "Jaka była moc Dnieprogesu w latach 30.?", 1930),
        ("pl", "Co zbudowano w latach 90-tych?", 1990),
        ("pl", "Co zbudowano w latach dziewięćdziesiątych?", 1990),
        ("es", "¿Cuántos soldados había en los años noventa?", 1990),
        ("es", "¿Qué pasó en la década de 1960?", 1960),
        ("it", "Quanti soldati c'erano negli anni '90?", 1990),
        ("it", "Cosa successe negli anni Venti?", 1920),
    ],
)
def test_a_decade_is_a_period_of_ten_years(language: str, question: str, first_year: int) -> None:
    assert [d.first_year for d in decades_in(question)] == [first_year]
    frame = parse_timeframe(question, language, TODAY)
    assert frame is not None
    assert (frame.published_from, frame.published_to) == (f"{first_year}-01-01", f"{first_year + 9}-12-31")
    # It dates events more often than sources: no source of the decade is no dead end.
    assert not frame.strict


@pytest.mark.parametrize(
    ("language", "question"),
    [
        ("en", "When was the fort built?"),
        ("en", "How many of the forty soldiers came back?"),
        ("it", "Quanti dei trenta soldati sono tornati?"),
        ("ru", "Что было в 1995 году?"),
        ("de", "Wer hat den Vertrag 1990 unterzeichnet?"),
        ("pl", "Co się stało 30 lat temu?"),
    ],
)
def test_numbers_and_years_are_no_decades(language: str, question: str) -> None:
    assert decades_in(question) == []


def test_a_bound_before_a_decade_is_kept() -> None:
    after = parse_timeframe("Was geschah nach den 1990er Jahren?", "de", TODAY)
    assert after is not None and (after.published_from, after.published_to, after.strict) == ("2000-01-01", None, True)
    since = parse_timeframe("Combien de soldats depuis les années 1990 ?", "fr", TODAY)
    assert since is not None and (since.published_from, since.published_to) == ("1990-01-01", None)


def test_a_decade_is_one_term_named_by_any_year_in_it(embedder) -> None:
    terms = content_terms("Jaka była moc Dnieprogesu w latach 30.?", "pl")
    assert "1930s" in [t.text for t in terms] and "30" not in [t.text for t in terms]
    assert decade_of("1930s") == (1930, 1939) and decade_of("1930") is None
    matcher = TermMatcher(embedder)
    decade = [t for t in terms if t.text == "1930s"]
    assert matcher.matched(decade, "pl", "Станція запрацювала 1932 року.", "uk") == [1.0]
    assert matcher.matched(decade, "pl", "Станцію відбудували 1950 року, потужністю 30 МВт.", "uk") == [0.0]
