"""Places that neither CLDR nor the gazetteer knows: read after a locative preposition, given in
their dictionary form (a Russian or Ukrainian dictionary undoes the case ending), and declined
wherever the word may not be a place."""

from __future__ import annotations

import pytest

from answering.direct import direct_answer
from answering.grounding import ungrounded
from answering.places import unknown_places
from tests.answering.direct_support import read_off

TIRASPOL_RU = "Штаб-квартира совместных сил размещена в Тирасполе с 1992 года."
RAMSTEIN_UK = "Навчання проходили у Рамштайні, де базуються союзні сили."
TIRASPOL_FR = "La commission mixte se réunit à Tiraspol chaque semaine."

FOUND = [
    ("Where is the headquarters of the joint forces?", "en", TIRASPOL_RU, "ru", "Tiraspol (Тирасполь)"),
    ("Де розміщено штаб об’єднаних сил?", "uk", TIRASPOL_RU, "ru", "Тирасполь"),
    ("Де проходили навчання?", "uk", RAMSTEIN_UK, "uk", "Рамштайн"),
    ("Где проходили учения?", "ru", RAMSTEIN_UK, "uk", "Рамштайн"),
    ("Où se réunit la commission mixte ?", "fr", TIRASPOL_FR, "fr", "Tiraspol"),
    ("Де збирається змішана комісія?", "uk", TIRASPOL_FR, "fr", "Тіраспол (Tiraspol)"),
    ("Where was the allied exercise held?", "en", "The allied exercise was held at Ramstein in May.", "en", "Ramstein"),
    ("¿Dónde se celebró la reunión?", "es", "La reunión se celebró en Tiraspol el año pasado.", "es", "Tiraspol"),
    ("Dove si è svolto il vertice?", "it", "Il vertice si è svolto a Tiraspol.", "it", "Tiraspol"),
    ("Where did the volunteers gather?", "en", "Волонтери зібралися у Полтаві о дев'ятій.", "uk", "Poltava (Полтава)"),
]


@pytest.mark.parametrize(("question", "language", "quote", "quote_language", "expected"), FOUND)
def test_an_unknown_place_is_named_in_its_dictionary_form(question, language, quote, quote_language, expected):
    assert read_off(question, language, quote, quote_language) == expected


DECLINED = [
    # No dictionary for Polish: "Benderach" could be the locative of several names.
    ("Gdzie obraduje komisja?", "pl", "Komisja obraduje w Benderach.", "pl"),
    # Every German noun is capitalized: "in Kraft" is no place.
    ("Wo trat das Abkommen in Kraft?", "de", "Das Abkommen trat im März in Kraft.", "de"),
    ("Where were the talks held?", "en", "The talks were held in English.", "en"),
    # A two-word name is not cut to its first word.
    ("Where were the talks held?", "en", "The talks were held in New Haven last year.", "en"),
    ("¿Dónde está el mercado?", "es", "El mercado está en Villanueva de la Serena.", "es"),
    # Two places: no single answer.
    ("Где заседают комиссии?", "ru", "Комиссии заседают в Тирасполе и в Бендерах.", "ru"),
    # A document, an event and a building: common nouns, capitalized in a title.
    ("Де закріплено це право?", "uk", "Це право закріплене в Конституції.", "uk"),
    ("Де ухвалили рішення?", "uk", "Рішення ухвалили на Форумі безпеки.", "uk"),
    ("Де відбулася зустріч?", "uk", "Зустріч відбулася у Білому домі.", "uk"),
    # A word no dictionary knows: its ending could belong to several nominatives.
    ("Где находится штаб?", "ru", "Штаб находится в Новозаречинске.", "ru"),
]


@pytest.mark.parametrize(("question", "language", "quote", "quote_language"), DECLINED)
def test_no_direct_answer_when_the_word_may_not_be_one_place(question, language, quote, quote_language):
    assert direct_answer(question, language, quote, quote_language) is None


def test_a_known_place_is_left_to_the_gazetteer():
    text = "Переговоры прошли в Минске, а консультации — в Тирасполе."
    assert [(p.name, text[p.start : p.end]) for p in unknown_places(text, "ru")] == [("Тирасполь", "Тирасполе")]


def test_the_checker_reads_an_inflected_name_and_nothing_else():
    quote = "Комиссия заседает в Бендерах."
    assert ungrounded("Bendery (Бендеры)", quote, "en", "ru") == []
    assert ungrounded("Бендеры", quote, "ru", "ru") == []
    assert ungrounded("Tiraspol (Тирасполь)", quote, "en", "ru") != []
    assert ungrounded("Тирасполь", quote, "uk", "ru") != []
