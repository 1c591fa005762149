"""Time expressions in questions, in every supported language, become publication-date ranges."""

from __future__ import annotations

from datetime import date

import pytest

from answering.timeframe import TimeFrame, parse_timeframe

TODAY = date(2026, 11, 26)  # a Thursday


@pytest.mark.parametrize(
    ("language", "question", "start", "end"),
    [
        ("en", "What changed since 2024?", "2024-01-01", None),
        ("en", "What happened in 2022 about NATO?", "2022-01-01", "2022-12-31"),
        ("en", "What was agreed last month?", "2026-10-01", "2026-10-31"),
        ("en", "What happened before 2020?", None, "2019-12-31"),
        ("en", "What was agreed from 2022 to 2023?", "2022-01-01", "2023-12-31"),
        ("uk", "Що змінилося після 2023 року?", "2024-01-01", None),
        ("uk", "Що обговорювали у грудні?", "2025-12-01", "2025-12-31"),
        ("uk", "Що було у березні 2025 року?", "2025-03-01", "2025-03-31"),
        ("uk", "Що сталося минулого місяця?", "2026-10-01", "2026-10-31"),
        ("ru", "Что решили в марте 2025 года?", "2025-03-01", "2025-03-31"),
        ("ru", "Что изменилось в декабре?", "2025-12-01", "2025-12-31"),
        ("fr", "Qu'est-ce qui a été dit la semaine dernière ?", "2026-11-16", "2026-11-22"),
        ("fr", "Qu'a-t-on décidé jusqu'en 2023 ?", None, "2023-12-31"),
        ("de", "Was wurde nach 2023 vereinbart?", "2024-01-01", None),
        ("de", "Was sagt die Koalition der Willigen seit Januar 2025?", "2025-01-01", None),
        ("de", "Was geschah letzte Woche?", "2026-11-16", "2026-11-22"),
        ("de", "Was galt bis März 2024?", None, "2024-03-31"),
        ("pl", "Co ustalono od 2024 roku?", "2024-01-01", None),
        ("pl", "Co się stało w grudniu 2024?", "2024-12-01", "2024-12-31"),
        ("es", "¿Qué se acordó desde 2024?", "2024-01-01", None),
        ("es", "¿Qué pasó antes de 2023?", None, "2022-12-31"),
        ("it", "Cosa è stato deciso dopo il 2023?", "2024-01-01", None),
        ("it", "Cosa è successo il mese scorso?", "2026-10-01", "2026-10-31"),
    ],
)
def test_time_expressions_become_ranges(language: str, question: str, start: str | None, end: str | None) -> None:
    frame = parse_timeframe(question, language, TODAY)
    assert frame is not None
    assert (frame.published_from, frame.published_to) == (start, end)


@pytest.mark.parametrize(
    ("language", "question"),
    [
        ("en", "What does Article 5 say?"),
        ("en", "What may NATO do?"),
        ("en", "What did the 1994 memorandum promise?"),
        ("uk", "Що таке Будапештський меморандум 1994 року?"),
        ("fr", "Que dit l'accord de 2024 sur les garanties ?"),
        ("de", "Was sagt die Koalition der Willigen?"),
        ("en", "Will weapons deliveries to Ukraine continue during a ceasefire?"),
        ("en", "Which UN resolution of April 1995 took note of the assurances?"),
    ],
)
def test_dates_that_are_topics_are_not_filters(language: str, question: str) -> None:
    assert parse_timeframe(question, language, TODAY) is None


def test_relative_expressions_follow_the_injected_today() -> None:
    assert parse_timeframe("What was agreed last month?", "en", date(2025, 3, 10)) == TimeFrame(
        date(2025, 2, 1), date(2025, 2, 28), ("last month",)
    )
    assert parse_timeframe("Що обговорювали у грудні?", "uk", date(2025, 12, 20)) == TimeFrame(
        date(2025, 12, 1), date(2025, 12, 31), ("грудні",)
    )


def test_an_unsupported_language_reads_english_bound_words() -> None:
    frame = parse_timeframe("What changed since 2024?", "xx", TODAY)
    assert frame == TimeFrame(date(2024, 1, 1), None, ("2024",))
    assert frame.remove_from("What changed since 2024?") == "What changed since ?"


@pytest.mark.parametrize(
    ("language", "question", "strict"),
    [
        ("en", "What happened in 2022 about NATO?", False),
        ("de", "Was geschah im Januar 2024?", False),
        ("en", "What changed since 2024?", True),
        ("uk", "Що обговорювали у грудні?", True),
        ("en", "What was agreed last month?", True),
        ("en", "What changed in 2023 and since last month?", True),
    ],
)
def test_only_bounds_and_relative_periods_are_strict(language: str, question: str, strict: bool) -> None:
    frame = parse_timeframe(question, language, TODAY)
    assert frame is not None and frame.strict is strict


@pytest.mark.parametrize(
    ("language", "question", "text", "inside"),
    [
        ("en", "What did the council approve in March 2019?", "On 12 March 2019 the council approved it.", True),
        ("en", "What did the council approve in March 2019?", "In April 2019 the council approved it.", False),
        ("en", "What did the council approve in March 2019?", "In 2019 the council approved it.", False),
        ("uk", "Що рада схвалила у 2019 році?", "У березні 2019 року рада схвалила проєкт.", True),
        ("de", "Was geschah nach 2020?", "Im Juni 2021 begann der Bau.", True),
        ("de", "Was geschah nach 2020?", "Im Juni 2019 begann der Bau.", False),
        ("fr", "Qu'a décidé le conseil en 2019 ?", "Le conseil ne s'est pas réuni.", False),
        ("pl", "Co rada zatwierdziła w 2019 roku?", "W marcu 2019 roku rada zatwierdziła plan.", True),
    ],
)
def test_a_passage_dates_its_event_within_the_frame(language: str, question: str, text: str, inside: bool) -> None:
    frame = parse_timeframe(question, language, TODAY)
    assert frame is not None
    assert frame.dates_within(text, language) is inside


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Dlaczego rząd zwrócił się o pomoc w marcu 2019 roku?", (date(2019, 3, 1), date(2019, 3, 31))),
        ("Kiedy miasto zgodziło się o tym rozmawiać?", None),
        ("Co się stało w zeszłym miesiącu?", (date(2026, 10, 1), date(2026, 10, 31))),
    ],
)
def test_a_one_letter_word_is_no_part_of_a_relative_period(question: str, expected: tuple[date, date] | None) -> None:
    # dateparser reads "się" as "sie.", the Polish abbreviation of August.
    frame = parse_timeframe(question, "pl", TODAY)
    assert (frame.start, frame.end) == expected if frame else expected is None


def test_a_date_read_inside_a_longer_number_phrase_is_found_after_it() -> None:
    frame = parse_timeframe("Which states invoked Article 4 in March 2014?", "en", TODAY)
    assert frame is not None and (frame.start, frame.end) == (date(2014, 3, 1), date(2014, 3, 31))
    frame = parse_timeframe("Wer berief sich im Mai 2015 auf Artikel 7?", "de", TODAY)
    assert frame is not None and (frame.start, frame.end) == (date(2015, 5, 1), date(2015, 5, 31))
