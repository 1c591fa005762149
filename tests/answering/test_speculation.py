"""Requests for an opinion, advice or a forecast, told apart from factual questions that share
their words (a plan the sources state, a past year, "what did X think")."""

from datetime import date

import pytest

from answering import Answerer, AnswerKind
from answering.speculation import speculative, told_as_plans

TODAY = date(2025, 6, 1)


@pytest.mark.parametrize(
    "question",
    [
        "Do you think the ceasefire will hold?",
        "Як ви вважаєте, чи потрібна Україні власна ядерна зброя?",
        "По-вашему, стоило ли подписывать Минские соглашения?",
        "À votre avis, l'OTAN aurait-elle dû réagir plus tôt ?",
        "Was hältst du von den bilateralen Abkommen?",
        "Twoim zdaniem, czy artykuł 4 jest skuteczny?",
        "¿Qué opinas de la coalición de voluntarios?",
        "Che ne pensi del memorandum di Budapest?",
        "Mi consigli un libro sulla guerra fredda?",
        "Czy warto jechać do Krakowa zimą?",
        "Vale la pena visitar Kyiv en invierno?",
        # which of two is better, or better than another, is a judgement
        "Когда лучше ехать в Карпаты — зимой или летом?",
        "¿Qué vino es mejor, el Rioja o el Ribera?",
        "Is the Patriot better than the SAMP/T?",
        "Ist die Bahn oder das Flugzeug besser für die Reise nach Kyjiw?",
    ],
)
def test_opinions_and_advice_are_speculative(question: str) -> None:
    assert speculative(question, TODAY)


@pytest.mark.parametrize(
    "question",
    [
        "What will the ceasefire look like in the coming months?",
        "Чи змінить Україна конституцію в майбутньому?",
        "Вступит ли Молдова в ЕС в следующем году?",
        "La France enverra-t-elle des avions l'année prochaine ?",
        "Wird die NATO in den nächsten zehn Jahren wachsen?",
        "Czy w przyszłym roku odbędą się wybory?",
        "¿Habrá elecciones en Ucrania en 2027?",
        "Ci sarà un nuovo vertice prima del 2030?",
    ],
)
def test_questions_about_what_has_not_happened_yet_are_speculative(question: str) -> None:
    assert speculative(question, TODAY)


@pytest.mark.parametrize(
    "question",
    [
        "Qui dirigera le mécanisme de surveillance du cessez-le-feu ?",  # a plan the sources state
        "What did the coalition think about a ceasefire?",
        "Чи продовжаться поставки зброї під час перемир'я?",
        "Which country signed an agreement with Ukraine in 2024?",  # a past year
        "Was geschah am Morgen des 24. Februar?",  # the morning, not tomorrow
        "Wer leitete die Mission bis 2022?",
        "What does the agreement provide for until 2034?",  # a plan the sources may state
        "До якого року діє угода — до 2034-го?",
        "Who won the award for best actress?",  # a best-of is a fact
        "Quale squadra ha il miglior attacco del campionato?",
    ],
)
def test_factual_questions_are_not(question: str) -> None:
    assert not speculative(question, TODAY)


@pytest.mark.slow
def test_a_forecast_is_refused_however_close_its_topic(index) -> None:
    answerer = Answerer(index, today=lambda: TODAY)
    answer = answerer.ask("Will the coalition of the willing send troops to Ukraine in 2026?")
    assert answer.kind == AnswerKind.NOT_COVERED
    assert not answer.citations


def test_a_year_told_only_as_a_plan_does_not_date_what_happened() -> None:
    quote = "Wygrał go Kanadyjczyk Bruce Liu. Następna, XIX edycja została zaplanowana na październik 2025 roku."
    assert told_as_plans("¿Quién ganó el Concurso Chopin de 2025?", quote)
    assert not told_as_plans("¿Quién ganó el Concurso Chopin de 2021?", quote)  # the year is not in it
    held = "La XIX edizione si è svolta nell'ottobre 2025 e l'ha vinta Eric Lu."
    assert not told_as_plans("¿Quién ganó el Concurso Chopin de 2025?", held)
    assert told_as_plans("Who won in 2030?", "The next race will be held in 2030.")
