"""Offline language identification (lingua, models inside the wheel)."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from babel.core import parse_locale
from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

# The languages of the people who ask and of the sources; a closed set keeps short texts from
# being taken for a rare neighbour (Slovene for English, Bulgarian for Ukrainian).
SUPPORTED_LANGUAGES = (
    "en",
    "uk",
    "ru",
    "fr",
    "de",
    "pl",
    "es",
    "it",
    "pt",
    "nl",
    "cs",
    "sk",
    "ro",
    "lt",
    "lv",
    "et",
    "fi",
    "sv",
    "da",
    "nb",
    "hu",
    "bg",
    "el",
    "tr",
    "be",
    "ka",
    "hr",
    "sl",
    "sr",
)


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in SUPPORTED_LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()


def language_confidences(text: str, top: int = 3) -> list[tuple[str, float]]:
    """The most likely ISO 639-1 codes of `text` with their confidence, best first."""
    values = _detector().compute_language_confidence_values(text)
    return [(v.language.iso_code_639_1.name.lower(), v.value) for v in values[:top]]


def detect_language(text: str, min_confidence: float = 0.5) -> str | None:
    """The ISO 639-1 code of `text`, or None when no language is likely enough."""
    ranked = language_confidences(text, top=1)
    if not ranked or ranked[0][1] < min_confidence:
        return None
    return ranked[0][0]


@lru_cache(maxsize=1)
def _known_languages() -> frozenset[str]:
    return frozenset(str(code) for code in Locale("en").languages if code != "und")


def language_code(tag: str | None) -> str | None:
    """The language of a tag as CLDR knows it: 'en-GB', 'pt_BR', 'UK' → 'en', 'pt', 'uk'; None
    for an empty tag or one that names no known language ('zz', 'und')."""
    if not tag or not tag.strip():
        return None
    try:
        code = parse_locale(tag.strip().replace("-", "_"))[0].lower()
    except ValueError:
        return None
    return code if code in _known_languages() else None
