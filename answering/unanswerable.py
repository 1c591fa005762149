"""Questions declined before any search: no words at all (emoji, punctuation, control
characters), or words in a script none of the reply languages is written in (Arabic, Chinese…).
The reply says what to do, and names the languages we answer in."""

from __future__ import annotations

import re
import unicodedata

from answering.templates import PHRASES, language_name
from answering.types import Answer, AnswerKind

# Terminal escape sequences and control characters are not words.
_NOT_WORDS = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x1f\x7f-\x9f]")
# The scripts of the reply languages (and of the corpus languages lingua knows).
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK", "GEORGIAN")

# (no words, unsupported language) in each reply language; {languages} lists them by name.
_PHRASES: dict[str, tuple[str, str]] = {
    "en": (
        "Please type your question in words, for example: What did the Budapest Memorandum promise Ukraine?",
        "I cannot answer in the language of this question. Please ask in one of these languages: {languages}.",
    ),
    "uk": (
        "Будь ласка, напишіть своє питання словами, наприклад: Що обіцяв Україні Будапештський меморандум?",
        "Я не можу відповісти мовою цього питання. Будь ласка, запитайте однією з цих мов: {languages}.",
    ),
    "ru": (
        "Пожалуйста, напишите свой вопрос словами, например: Что обещал Украине Будапештский меморандум?",
        "Я не могу ответить на языке этого вопроса. Пожалуйста, спросите на одном из этих языков: {languages}.",
    ),
    "fr": (
        "Veuillez écrire votre question en mots, par exemple : Que promettait le mémorandum de Budapest à l'Ukraine ?",
        "Je ne peux pas répondre dans la langue de cette question. Posez-la dans l'une de ces langues : {languages}.",
    ),
    "de": (
        "Bitte schreiben Sie Ihre Frage in Worten, zum Beispiel: Was versprach das Budapester Memorandum der Ukraine?",
        "In der Sprache dieser Frage kann ich nicht antworten. Bitte fragen Sie in einer dieser Sprachen: {languages}.",
    ),
    "pl": (
        "Napisz pytanie słowami, na przykład: Co memorandum budapeszteńskie obiecywało Ukrainie?",
        "Nie mogę odpowiedzieć w języku tego pytania. Zadaj je w jednym z tych języków: {languages}.",
    ),
    "es": (
        "Escriba su pregunta con palabras, por ejemplo: ¿Qué prometió a Ucrania el Memorándum de Budapest?",
        "No puedo responder en el idioma de esta pregunta. Pregunte en uno de estos idiomas: {languages}.",
    ),
    "it": (
        "Scriva la sua domanda a parole, per esempio: Che cosa prometteva all'Ucraina il Memorandum di Budapest?",
        "Non posso rispondere nella lingua di questa domanda. Chieda in una di queste lingue: {languages}.",
    ),
}


def unanswerable_kind(question: str) -> AnswerKind | None:
    """NO_QUESTION when `question` has no letter or digit, UNSUPPORTED_LANGUAGE when most of
    its letters are in a script no reply language uses; None when it can be searched."""
    visible = _NOT_WORDS.sub("", question)
    letters = [c for c in visible if c.isalpha()]
    if not letters and not any(c.isdigit() for c in visible):
        return AnswerKind.NO_QUESTION
    foreign = sum(1 for c in letters if not unicodedata.name(c, "").startswith(_SCRIPTS))
    if letters and foreign * 2 > len(letters):
        return AnswerKind.UNSUPPORTED_LANGUAGE
    return None


def compose_unanswerable(question: str, language: str, kind: AnswerKind) -> Answer:
    no_words, unsupported = _PHRASES.get(language, _PHRASES["en"])
    if kind is AnswerKind.NO_QUESTION:
        lead = no_words
    else:
        names = ", ".join(language_name(code, language) for code in PHRASES)
        lead = unsupported.format(languages=names)
    return Answer(language=language, kind=kind, lead=lead, question=question)
