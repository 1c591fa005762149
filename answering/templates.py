"""The reply's own words in each language; quotes are never translated, only framed.

Each phrase is a full sentence on purpose: the evaluation detects the language of the reply's
own words, and a one-word label would be ambiguous to any detector (and to a reader)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, UnknownLocaleError


@dataclass(frozen=True)
class Phrases:
    answer_lead: str
    # Before a quote whose source is in another language; {language} is that language's name.
    quote_in: str
    quotes_verbatim: str
    not_covered: str
    closest: str
    index_empty: str
    error: str


PHRASES: dict[str, Phrases] = {
    "en": Phrases(
        answer_lead="Here is what the indexed sources say about your question:",
        quote_in="Quote ({language}):",
        quotes_verbatim="The quotes are verbatim, in the original language of each source.",
        not_covered="The indexed sources do not cover this question, so I cannot give a grounded answer.",
        closest="The closest documents in the collection are:",
        index_empty="No documents are indexed yet, or the index is still being built, so I "
        "cannot answer. Please add documents and try again later.",
        error="Something went wrong while preparing the answer. Please try again later.",
    ),
    "uk": Phrases(
        answer_lead="Ось що кажуть про ваше питання проіндексовані джерела:",
        quote_in="Цитата ({language}):",
        quotes_verbatim="Цитати наведено дослівно, мовою оригіналу кожного джерела.",
        not_covered="Проіндексовані джерела не висвітлюють це питання, тому я не можу дати обґрунтовану відповідь.",
        closest="Найближчі документи в колекції:",
        index_empty="Жодного документа ще не проіндексовано або індекс ще створюється, тому я не "
        "можу відповісти. Додайте документи та спробуйте пізніше.",
        error="Під час підготовки відповіді сталася помилка. Будь ласка, спробуйте пізніше.",
    ),
    "ru": Phrases(
        answer_lead="Вот что говорят по вашему вопросу проиндексированные источники:",
        quote_in="Цитата ({language}):",
        quotes_verbatim="Цитаты приведены дословно, на языке оригинала каждого источника.",
        not_covered="Проиндексированные источники не освещают этот вопрос, поэтому я не могу дать обоснованный ответ.",
        closest="Ближайшие документы в коллекции:",
        index_empty="Ни один документ ещё не проиндексирован или индекс ещё строится, поэтому я "
        "не могу ответить. Добавьте документы и попробуйте позже.",
        error="При подготовке ответа произошла ошибка. Пожалуйста, попробуйте позже.",
    ),
    "fr": Phrases(
        answer_lead="Voici ce que disent les sources indexées sur votre question :",
        quote_in="Citation ({language}) :",
        quotes_verbatim="Les citations sont reproduites mot pour mot, dans la langue d'origine de chaque source.",
        not_covered="Les sources indexées ne traitent pas de cette question, je ne peux donc pas "
        "donner de réponse fondée.",
        closest="Les documents les plus proches de la collection sont :",
        index_empty="Aucun document n'est encore indexé, ou l'index est en cours de construction : "
        "je ne peux pas répondre. Ajoutez des documents et réessayez plus tard.",
        error="Une erreur s'est produite pendant la préparation de la réponse. Veuillez réessayer plus tard.",
    ),
    "de": Phrases(
        answer_lead="Das sagen die indexierten Quellen zu Ihrer Frage:",
        quote_in="Zitat ({language}):",
        quotes_verbatim="Die Zitate sind wörtlich und in der Originalsprache der jeweiligen Quelle wiedergegeben.",
        not_covered="Die indexierten Quellen behandeln diese Frage nicht, daher kann ich keine belegte Antwort geben.",
        closest="Die nächstliegenden Dokumente der Sammlung sind:",
        index_empty="Es sind noch keine Dokumente indexiert, oder der Index wird noch aufgebaut, "
        "daher kann ich nicht antworten. Bitte fügen Sie Dokumente hinzu und versuchen Sie es "
        "später erneut.",
        error="Beim Erstellen der Antwort ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut.",
    ),
    "pl": Phrases(
        answer_lead="Oto co zindeksowane źródła mówią na temat Twojego pytania:",
        quote_in="Cytat ({language}):",
        quotes_verbatim="Cytaty są dosłowne, w oryginalnym języku każdego źródła.",
        not_covered="Zindeksowane źródła nie obejmują tego pytania, więc nie mogę udzielić "
        "odpowiedzi opartej na źródłach.",
        closest="Najbliższe dokumenty w kolekcji to:",
        index_empty="Żadne dokumenty nie zostały jeszcze zindeksowane albo indeks jest wciąż "
        "budowany, więc nie mogę odpowiedzieć. Dodaj dokumenty i spróbuj ponownie później.",
        error="Podczas przygotowywania odpowiedzi wystąpił błąd. Spróbuj ponownie później.",
    ),
    "es": Phrases(
        answer_lead="Esto es lo que dicen las fuentes indexadas sobre su pregunta:",
        quote_in="Cita ({language}):",
        quotes_verbatim="Las citas son literales, en el idioma original de cada fuente.",
        not_covered="Las fuentes indexadas no tratan esta pregunta, así que no puedo dar una respuesta fundamentada.",
        closest="Los documentos más cercanos de la colección son:",
        index_empty="Todavía no hay documentos indexados, o el índice aún se está construyendo, "
        "así que no puedo responder. Añada documentos y vuelva a intentarlo más tarde.",
        error="Se produjo un error al preparar la respuesta. Vuelva a intentarlo más tarde.",
    ),
    "it": Phrases(
        answer_lead="Ecco cosa dicono le fonti indicizzate sulla sua domanda:",
        quote_in="Citazione ({language}):",
        quotes_verbatim="Le citazioni sono letterali, nella lingua originale di ciascuna fonte.",
        not_covered="Le fonti indicizzate non trattano questa domanda, quindi non posso dare una risposta fondata.",
        closest="I documenti più vicini della raccolta sono:",
        index_empty="Non ci sono ancora documenti indicizzati, oppure l'indice è ancora in "
        "costruzione, quindi non posso rispondere. Aggiunga dei documenti e riprovi più tardi.",
        error="Si è verificato un errore durante la preparazione della risposta. Riprovi più tardi.",
    ),
}


def has_templates(code: str) -> bool:
    return code in PHRASES


def phrases(code: str) -> Phrases:
    """The phrases of `code`, English when there are none for it."""
    return PHRASES.get(code, PHRASES["en"])


@lru_cache(maxsize=256)
def language_name(code: str, in_language: str) -> str:
    """The name of language `code` written in `in_language` ("fr" in "uk" → "французька")."""
    try:
        return Locale.parse(in_language).languages.get(code, code)
    except (UnknownLocaleError, ValueError):
        return code
