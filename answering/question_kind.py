"""Which slot a question asks to fill: a person or body (who), a place (where), a date (when), or
a count or amount (how many / how much).

Interrogatives are listed for the languages the reply templates cover (en uk ru fr de pl es it);
quantity and time reuse `answer_type`'s cues, so a question is typed the same way for the gate
and for the direct answer."""

from __future__ import annotations

import re
from enum import StrEnum

from answering.answer_type import AnswerType, expected_type


class QuestionKind(StrEnum):
    WHO = "who"
    WHERE = "where"
    WHEN = "when"
    HOW_MANY = "how_many"


# Near the start of the question, after at most one preposition ("À qui", "Von wem", "С кем").
_WHO = re.compile(
    r"^\W*(?:\w+\s+)?(?:who|whom|whose|хто|кого|кому|ким|кто|кем|qui|wer|wem|wen|kto|kogo|komu|kim|"
    r"quién|quiénes|chi)\b",
    re.IGNORECASE,
)
# "Which country", "Какая ядерная держава": an interrogative, at most one word, then a country word.
_WHICH_COUNTRY = re.compile(
    r"\b(?:which|what|яка|які|якій|какая|какие|какой|quel|quels|quelle|quelles|welche[rsmn]?|który|które|jakie|"
    r"jaki|qué|quale|quali)\s+(?:\w+\s+)?(?:countr\w*|states?|powers?|nations?|країн\w*|держав\w*|стран\w*|"
    r"государств\w*|pays|états?|puissances?|l[aä]nd\w*|staat\w*|mächte|kraj\w*|państw\w*|mocarstw\w*|"
    r"país\w*|estados?|potencias?|paes[ei]|stati?|potenz[ae])\b",
    re.IGNORECASE,
)
# Time questions that `answer_type` does not type ("Bis zu welchem Jahr…").
_WHEN = re.compile(
    r"\b(?:until (?:when|what year)|до якого року|до какого года|bis wann|bis zu welchem jahr|"
    r"jusqu'à quand|jusqu'en quelle année|do kiedy|do którego roku|hasta cuándo|hasta qué año|fino a quando)\b",
    re.IGNORECASE,
)
_WHERE = re.compile(
    r"\b(?:where|in which city|in what city|"
    r"де|куди|в якому місті|у якому місті|"
    r"где|куда|в каком городе|"
    r"où|dans quelle ville|"
    r"wo|wohin|in welcher stadt|"
    r"gdzie|w którym mieście|w jakim mieście|"
    r"dónde|en qué ciudad|"
    r"dove|in quale città|in che città)\b",
    re.IGNORECASE,
)


def question_kind(question: str) -> QuestionKind | None:
    """The slot `question` asks for; None for why/how/what questions, whose answer is the quote.
    Yes/no questions are not typed: whether a quote says yes or no cannot be read off negation
    words ("les livraisons ne s'arrêteraient pas" answers "will deliveries continue?" with yes)."""
    if _WHO.search(question):  # first: "Who was killed when…" asks for a person
        return QuestionKind.WHO
    wanted = expected_type(question)
    if wanted is AnswerType.QUANTITY:
        return QuestionKind.HOW_MANY
    if wanted is AnswerType.TIME or _WHEN.search(question):
        return QuestionKind.WHEN
    if _WHERE.search(question):
        return QuestionKind.WHERE
    if _WHICH_COUNTRY.search(question):
        return QuestionKind.WHO
    return None


def asks_for_countries(question: str) -> bool:
    """ "Which country…" and its kin: the answer is a country, not a person."""
    return bool(_WHICH_COUNTRY.search(question))
