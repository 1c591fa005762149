"""A who-question that names a role needs a quote naming that role, in any language."""

import pytest

from answering import Answerer, AnswerKind
from answering.roles import asked_role, names_role


@pytest.mark.parametrize(
    "question",
    [
        "Which minister of defence signed the accord?",
        "Хто очолював українську делегацію в Мінську?",
        "Кто был председателем комиссии в 1995 году?",
        "Quel ambassadeur a représenté la France ?",
        "Wer war damals Trainer der Mannschaft?",
        "Który sekretarz generalny otworzył szczyt?",
        "¿Quién era el presidente del comité?",
        "Chi era il comandante della missione?",
    ],
)
def test_who_questions_naming_a_role_ask_for_it(question: str) -> None:
    assert asked_role(question)


@pytest.mark.parametrize(
    "question",
    [
        "Who signed the treaty in 1997?",  # no role: any signatory answers
        "When did the president sign the agreement?",  # the role is context, a date is asked
        "What led to the war in Transnistria?",
        "Яка головна мета місії?",  # "main", not "head"
        "Какая главная цель соглашения?",
        "Quelles directions la coopération prend-elle ?",
    ],
)
def test_other_questions_ask_for_none(question: str) -> None:
    assert asked_role(question) == ()


def test_a_quote_names_the_role_in_any_language() -> None:
    chair = asked_role("Who chaired the summit in Vilnius?")
    assert names_role("Le sommet était présidé par le chef de l'État lituanien.", chair)
    assert names_role("Засідання вів голова Ради.", chair)
    assert not names_role("The leaders of 31 countries signed the final communiqué.", chair)
    coach = asked_role("¿Quién fue el entrenador del equipo en 1975?")
    assert names_role("W 1975 roku trenerem drużyny był Walerij Łobanowski.", coach)
    assert not names_role("In 1975 the team won the Cup Winners' Cup in Basel.", coach)
    led = asked_role("Яка країна першою очолила морську оперативну групу?")
    assert names_role("Guidata inizialmente dalla Germania, poi dall'Italia.", led)
    assert names_role("Encabezada primero por Alemania.", led)
    assert not names_role("Il personale dell'ONU passa dal Ledra Palace.", led)
    # "Primera", "premier" mean "first" as often as "premier": they ask for no role.
    assert asked_role("¿Quién ganó la primera París-Roubaix?") == ()
    assert asked_role("Qui a été le premier vainqueur du Tour ?") == ()
    assert asked_role("Kto był pierwszym prezesem trybunału?") == asked_role("Who chaired the tribunal?")


def test_heads_of_government_are_roles_too() -> None:
    assert asked_role("Хто був прем’єром Італії у 2022 році?")
    assert asked_role("Welcher Kanzler unterzeichnete den Vertrag?")
    assert names_role("12 січня прем’єр-міністр Ріші Сунак підписав угоду.", asked_role("Which prime minister signed?"))


@pytest.mark.slow
def test_a_role_the_sources_name_is_answered_and_one_they_do_not_is_refused(answerer: Answerer) -> None:
    named = answerer.ask("Which British prime minister signed the security agreement with Ukraine in Kyiv?")
    assert named.kind == AnswerKind.ANSWER
    assert "Сунак" in named.citations[0].quote
    missing = answerer.ask("Which NATO secretary general announced that Article 5 had been invoked?")
    assert missing.kind == AnswerKind.NOT_COVERED


@pytest.mark.slow
def test_another_documents_quote_naming_the_role_must_name_as_much_as_the_closest_ones(answerer: Answerer) -> None:
    """No Polish president signed the North Atlantic Treaty. The bilateral-agreements note names a
    president ("президент Володимир Зеленський") and little else of the question: it must not lead
    because the closest document's single closest quote happens to name even less."""
    answer = answerer.ask("Quel président polonais a signé le traité de l'Atlantique Nord ?")
    assert answer.kind == AnswerKind.NOT_COVERED
