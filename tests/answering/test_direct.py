"""Direct answers: the slot is read off the quote, written for the reader, and every number, date
and name in it is found in the quote by the checker."""

from __future__ import annotations

import pytest

from answering.direct import direct_answer
from answering.facts import numbers_in
from answering.grounding import ungrounded
from answering.question_kind import QuestionKind, question_kind
from tests.answering.direct_support import read_off

BUDAPEST = (
    "On 5 December 1994, at the CSCE summit in Budapest, Ukraine, the United States, the United Kingdom "
    "and the Russian Federation signed the Memorandum on Security Assurances."
)
KYIV_2024 = (
    "Першою таку угоду підписала Велика Британія: 12 січня 2024 року в Києві прем'єр-міністр Ріші Сунак "
    "і президент Володимир Зеленський підписали Угоду про співробітництво у сфері безпеки."
)
MONITORS = "All'inizio la missione contava 100 osservatori civili, con la possibilità di arrivare fino a 500."
TEN_YEARS = "Більшість угод укладено строком на десять років."
MINSK = (
    "Nach schweren Kämpfen, unter anderem um Debalzewe, folgte im Februar 2015 das Maßnahmenpaket zur Umsetzung "
    "der Minsker Vereinbarungen, bekannt als Minsk II. Es wurde im sogenannten Normandie-Format mit Deutschland, "
    "Frankreich, der Ukraine und Russland ausgehandelt."
)
CEASEFIRE = (
    "Un autre point fondamentalement nouveau est la participation de la coalition à un mécanisme de "
    "surveillance et de vérification du cessez-le-feu, sous la direction des États-Unis."
)
KUCHMA = (
    "El 31 de mayo de 1997, en Kiev, el presidente de Ucrania, Leonid Kuchma, y el presidente de Rusia, "
    "Borís Yeltsin, firmaron el Tratado de Amistad."
)

CASES = [
    ("When was the Budapest Memorandum signed?", "en", BUDAPEST, "en", "December 5, 1994"),
    ("Коли було підписано Будапештський меморандум?", "uk", BUDAPEST, "en", "5 грудня 1994\u202fр."),
    ("Wann wurde das Budapester Memorandum unterzeichnet?", "de", BUDAPEST, "en", "5. Dezember 1994"),
    (
        "Who signed the UK–Ukraine agreement in Kyiv?",
        "en",
        KYIV_2024,
        "uk",
        "Rishi Sunak (Ріші Сунак) and Volodymyr Zelenskyy (Володимир Зеленський)",
    ),
    ("Ilu obserwatorów liczyła na początku misja OBWE?", "pl", MONITORS, "it", "100"),
    ("Für wie viele Jahre gelten die meisten Abkommen?", "de", TEN_YEARS, "uk", "10 Jahre"),
    ("Who negotiated Minsk II?", "en", MINSK, "de", "Germany, France, Ukraine, and Russia"),
    ("Хто очолить моніторинг припинення вогню?", "uk", CEASEFIRE, "fr", "Сполучені Штати"),
    (
        "Кто подписал договор о дружбе 1997 года?",
        "ru",
        KUCHMA,
        "es",
        "Леонид Кучма (Leonid Kuchma) и Борис Елцин (Borís Yeltsin)",
    ),
    ("Où le Mémorandum de Budapest a-t-il été signé ?", "fr", BUDAPEST, "en", "Budapest"),
    ("Qui a signé le Mémorandum de Budapest ?", "fr", BUDAPEST, "en", None),  # five parties: too many to be one answer
]


@pytest.mark.parametrize(("question", "language", "quote", "quote_language", "expected"), CASES)
def test_direct_answers_read_off_the_quote(question, language, quote, quote_language, expected):
    assert read_off(question, language, quote, quote_language) == expected


def test_no_direct_answer_without_a_single_slot():
    two_dates = "The mission was set up in March 2014 and closed in April 2022."
    assert direct_answer("When was the mission set up?", "en", two_dates, "en") is None
    assert direct_answer("Why did the mission fail?", "en", two_dates, "en") is None
    # Two sentences dating two events: either may be the one asked about.
    two_events = "Construction of the first line began in 1983. Its first section opened on 7 April 1995."
    assert direct_answer("Quand la première ligne a-t-elle été inaugurée ?", "fr", two_events, "en") is None
    # A sentence stating the slot still answers when the other states a number of something else.
    ten_years = "Most agreements run for ten years. They provide for consultations within 24 hours."
    assert read_off("How many years do most agreements run?", "en", ten_years, "en") == "10 years"
    # Yes/no is not typed: negation words do not tell whether a quote says yes or no.
    assert question_kind("Чи продовжаться постачання зброї під час перемир'я?") is None
    assert question_kind("Who was killed when the vehicle hit a mine?") is QuestionKind.WHO


def test_the_sentence_holding_what_is_asked_is_read_first():
    quote = "The first meeting took place two months after the invasion. Some 40 states took part."

    def counts_states(start: int, end: int) -> float:
        return float("states" in quote[start:end])

    found = direct_answer("How many states took part?", "en", quote, "en", counts_states)
    assert found is not None and found.text == "40" and quote[found.start : found.end].startswith("Some 40")
    editors = "After 2000 the site was led by Olena Prytula. In 2014 Sevgil Musaieva became its editor."
    second_first = direct_answer("Who became editor in 2014?", "en", editors, "en", lambda start, end: float(start))
    first_first = direct_answer("Who became editor in 2014?", "en", editors, "en", lambda start, end: float(-start))
    assert second_first is not None and second_first.text == "Sevgil Musaieva"
    assert first_first is not None and first_first.text == "Olena Prytula"


def test_names_of_buildings_and_streets_are_no_people():
    opera = "The Lviv National Academic Opera and Ballet Theatre stands at the end of Svobody Avenue."
    assert direct_answer("Qui a conçu l'opéra de Lviv ?", "fr", opera, "en") is None
    designed = f"{opera} It was built to a design by the architect Zygmunt Gorgolewski."
    found = direct_answer("Qui a conçu l'opéra de Lviv ?", "fr", designed, "en")
    assert found is not None and found.text == "Zygmunt Gorgolewski"


@pytest.mark.parametrize(
    ("direct", "why"),
    [
        ("6 грудня 1994\u202fр.", "a day the quote does not state"),
        ("5 листопада 1994\u202fр.", "a month the quote does not state"),
        ("1995", "a year the quote does not state"),
        ("Франція", "a country the quote does not name"),
        ("НАТО", "a body the quote does not name"),
        ("Джон Сміт (John Smith)", "a person the quote does not name"),
        ("Джон Сміт (Budapest)", "a transliteration that is not of the original"),
        ("Boris Johnson", "a name as it stands, not in the quote"),
    ],
)
def test_checker_rejects_what_the_quote_does_not_state(direct, why):
    assert ungrounded(direct, BUDAPEST, "uk", "en"), why


@pytest.mark.parametrize(
    ("direct", "language"),
    [
        ("5 грудня 1994\u202fр.", "uk"),
        ("грудень 1994\u202fр.", "uk"),
        ("Сполучені Штати, Велика Британія і Росія", "uk"),
        ("США", "ru"),
        ("Budapest", "en"),
        ("5. Dezember 1994", "de"),
    ],
)
def test_checker_accepts_what_the_quote_states(direct, language):
    assert ungrounded(direct, BUDAPEST, language, "en") == []


def test_checker_reads_number_words_and_units():
    assert ungrounded("10 Jahre", TEN_YEARS, "de", "uk") == []
    assert ungrounded("zehn Jahre", TEN_YEARS, "de", "uk") == []
    assert ungrounded("12 Jahre", TEN_YEARS, "de", "uk")


def test_a_number_inside_a_name_is_no_count():
    # "COVID-19", "Су-27": a number joined to a word by a hyphen names, it does not count
    assert [f.value for f in numbers_in("moved because of the COVID-19 pandemic; 12 Су-27 jets", "en")] == [12]
