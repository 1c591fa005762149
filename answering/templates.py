"""The reply's own words in each language; quotes are never translated, only framed.

Each phrase is a full sentence on purpose: the evaluation detects the language of the reply's
own words, and a one-word label would be ambiguous to any detector (and to a reader)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.support import Translations


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
    # A message with no words at all (emoji, punctuation).
    no_words: str
    # A question in a script no reply language uses; {languages} lists those we answer in.
    unsupported_language: str
    # Before a source's publication date; {date} is that date in the reader's locale.
    published: str


# The English phrases are the message ids; each reply language translates them in
# answering/locales/<code>/LC_MESSAGES/answering.po (compile with `pybabel compile -d answering/locales
# -D answering`). `N_` only marks a string for extraction.
def N_(message: str) -> str:  # noqa: N802 - gettext's conventional name
    return message


ENGLISH = Phrases(
    answer_lead=N_("Here is what the indexed sources say about your question:"),
    quote_in=N_("Quote ({language}):"),
    quotes_verbatim=N_("The quotes are verbatim, in the original language of each source."),
    not_covered=N_("The indexed sources do not cover this question, so I cannot give a grounded answer."),
    closest=N_("The closest documents in the collection are:"),
    index_empty=N_(
        "No documents are indexed yet, or the index is still being built, so I cannot answer. "
        "Please add documents and try again later."
    ),
    error=N_("Something went wrong while preparing the answer. Please try again later."),
    no_words=N_("Please type your question in words, for example: What did the Budapest Memorandum promise Ukraine?"),
    unsupported_language=N_(
        "I cannot answer in the language of this question. Please ask in one of these languages: {languages}."
    ),
    published=N_("Published: {date}"),
)
LOCALES_DIR = Path(__file__).parent / "locales"
DOMAIN = "answering"


@lru_cache(maxsize=1)
def reply_languages() -> frozenset[str]:
    """The languages a reply can be written in: those with a catalog."""
    return frozenset(p.parent.parent.name for p in LOCALES_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))


def has_templates(code: str) -> bool:
    return code in reply_languages()


@lru_cache(maxsize=16)
def phrases(code: str) -> Phrases:
    """The phrases of `code`, English when there are none for it."""
    if not has_templates(code):
        code = "en"
    catalog = Translations.load(str(LOCALES_DIR), [code], DOMAIN)
    return Phrases(**{f.name: catalog.gettext(getattr(ENGLISH, f.name)) for f in fields(Phrases)})


@lru_cache(maxsize=256)
def language_name(code: str, in_language: str) -> str:
    """The name of language `code` written in `in_language` ("fr" in "uk" → "французька")."""
    try:
        return str(Locale.parse(in_language).languages.get(code, code))
    except (UnknownLocaleError, ValueError):
        return code
