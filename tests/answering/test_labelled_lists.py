"""Labelled lists ("mediators — …, observers — …"): a question that names one label is answered
with that label's items, all of them; otherwise the list gets no direct answer."""

from __future__ import annotations

import pytest

from answering.direct import direct_answer
from answering.labelled import labelled_list
from tests.answering.direct_support import read_off

ROLES_EN = (
    "Under the arrangement, guarantors: the United States, the United Kingdom and France; observers: the EU and NATO."
)
ROLES_DE = "Die Rollen sind verteilt: Vermittler — OSZE und Polen, Beobachter — EU und USA."
ROLES_UK = "Формат переговорів такий: посередники — ОБСЄ і Польща, спостерігачі — ЄС і США."
ROLES_PL = "Skład rozmów: strony — Mołdawia i Gagauzja, mediatorzy — OBWE i Polska."

FOUND = [
    ("Who are the guarantors?", "en", ROLES_EN, "en", "United States, United Kingdom, and France"),
    ("Who are the observers?", "en", ROLES_EN, "en", "European Union and NATO"),
    ("Wer sind die Beobachter?", "de", ROLES_DE, "de", "Europäische Union und Vereinigte Staaten"),
    ("Хто виступає спостерігачами?", "uk", ROLES_UK, "uk", "Європейський Союз і Сполучені Штати"),
    ("Хто посередники?", "uk", ROLES_UK, "uk", "ОБСЄ і Польща"),
    ("Kto jest mediatorem?", "pl", ROLES_PL, "pl", "OBWE i Polska"),
]


@pytest.mark.parametrize(("question", "language", "quote", "quote_language", "expected"), FOUND)
def test_the_asked_label_gives_the_answer(question, language, quote, quote_language, expected):
    assert read_off(question, language, quote, quote_language) == expected


DECLINED = [
    # No label asked: five bodies in two roles are not one answer.
    ("Who takes part?", "en", ROLES_EN, "en"),
    # The label is in another language than the question: no safe match.
    ("Кто посредники?", "ru", ROLES_UK, "uk"),
    # One of the parties is a name nothing knows: a partial list would mislead.
    ("Kto jest stroną?", "pl", ROLES_PL, "pl"),
]


@pytest.mark.parametrize(("question", "language", "quote", "quote_language"), DECLINED)
def test_no_direct_answer_unless_one_label_is_asked_and_fully_read(question, language, quote, quote_language):
    assert direct_answer(question, language, quote, quote_language) is None


def test_the_items_of_each_label_end_where_the_next_label_starts():
    found = labelled_list("Who are the observers?", ROLES_EN)
    assert found is not None
    assert [ROLES_EN[s:e].strip(" ,") for s, e in found.parts] == [
        "the United States, the United Kingdom and France",
        "the EU and NATO",
    ]
    assert found.asked is not None
    assert ROLES_EN[found.asked[0] : found.asked[1]] == "the EU and NATO"


def test_one_dash_is_no_list():
    assert labelled_list("Who signed?", "Ukraine — then the third nuclear power — gave up its arsenal.") is None
