"""The content terms of a question (names, numbers, key nouns) and how many of them a text names.

A quote on the right topic that lacks what the question is specifically about ("the annual
budget", "in 2019", "who chaired") does not answer it; that is the commonest way a wrong reply
looked right. A term's weight is its rarity in the question's language (wordfreq's Zipf scale):
function words and interrogatives weigh nothing, a name the most. A term counts as named when a
word of the text is the same number, has the same stem (same language), reads the same once
transliterated (names across scripts: Будапешт/Budapest), or, across languages, when the e5
vectors of the two words are close (soldiers/Soldaten)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from anyascii import anyascii
from wordfreq import zipf_frequency

from answering.decades import decade_of, decades_in
from answering.inflection import is_verb, lemma
from answering.ports import Encoder
from retrieval.lexical import tokenize

_WORD = re.compile(r"\w+(?:['’ʼ]\w+)*")
_DIGITS = re.compile(r"\d")
# Zipf 5.8 is about once per 600 words: above it are function words and interrogatives in every
# language covered ("quel" 5.5, "скільки" 5.6, "who" 6.3); a weight is capped so that one rare
# name does not outweigh the rest of the question.
_COMMON_ZIPF = 5.8
# Interrogatives ask, they name nothing; some are rarer than the cut ("скільки" 5.6, "ile" 5.6).
_INTERROGATIVES_BY_LANGUAGE = (
    "who whom whose what which where when why how",
    "хто що який яка яке які якого якій де коли чому як скільки",
    "кто что какой какая какое какие каком где когда почему как сколько",
    "qui que quoi quel quelle quels quelles où quand pourquoi comment combien",
    "wer wen wem was welche welcher welches welchen wo wann warum wie",
    "kto co który która które którzy którego gdzie kiedy dlaczego jak ile ilu",
    "quién quiénes qué cuál cuáles dónde cuándo cómo cuánto cuánta cuántos cuántas",
    "chi che quale quali dove quando perché come quanto quanta quanti quante",
)
_INTERROGATIVES = frozenset(w for words in _INTERROGATIVES_BY_LANGUAGE for w in words.split())
_MAX_WEIGHT = 3.0
# What "how many" counts opens after articles and prepositions ("de", "of") and may be a word as
# common as "people", which then weighs this much.
_FUNCTION_WORD_LETTERS = 3
_MIN_COUNTED_WEIGHT = 0.5
# A word after it as frequent as "states", "fueron" or "does" (zipf 5, once in 10,000 words)
# no longer says what is counted.
_COUNTED_RUN_ZIPF = 5.0
# Past and present endings of verbs after "how many X" where no dictionary is loaded (simplemma's
# Polish one takes 4.5 s and 400 MiB): "ile osób zginęło", "cuántos barcos zarparon", "combien de
# navires partaient", "quanti soldati arrivarono". Read only after the counted noun, where a
# noun so ending (szkoły) only qualifies it: cutting it leaves what is counted.
_VERB_ENDINGS = {
    "pl": ("ło", "ła", "ły", "li", "ł", "uje", "ują"),
    "es": ("aron", "ieron", "ó", "ió"),
    "fr": ("aient", "ait", "èrent"),
    "it": ("arono", "erono", "irono", "ò"),
}
# A German compound's first part is a common word ("süd" 4.4, "kriegs" 3.8) of three letters or
# more, the rest a word of four or more.
_COMPOUND_HEAD = 3
_COMPOUND_TAIL = 4
_COMPOUND_HEAD_ZIPF = 3.5
# Once in 10 million words: "Pylonen" (2.4) and "Ozonloch" (2.2) are German, "Öresundbrücke" (1.7)
# and "Nordatlantikvertrag" (1.3) are known through their parts.
_GERMAN_WORD_ZIPF = 2.0
# Transliterated words that agree on this many leading letters are taken as the same name
# (Budapeshtskii/Budapest, Zelenskyi/Zelensky).
_PREFIX = 5
# Cosine of two single words' e5 vectors (language bias removed): translations scored 0.88–0.96
# (soldiers/Soldaten 0.96, budget/бюджет 0.92, chaired/presieduto 0.88), unrelated words
# 0.82–0.88 (budget/mission 0.87, calories/sopa 0.82). Between the two a match counts in part.
_UNRELATED = 0.85
_TRANSLATION = 0.92


@dataclass(frozen=True)
class Term:
    text: str
    weight: float

    @property
    def is_number(self) -> bool:
        return bool(_DIGITS.search(self.text))


def is_interrogative(word: str) -> bool:
    """Whether `word` (case-folded) is a question word in one of the reply languages."""
    return word in _INTERROGATIVES


def words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return [w.replace("’", "'").replace("ʼ", "'") for w in _WORD.findall(folded)]


def content_terms(question: str, language: str) -> list[Term]:
    """The question's words that carry its content, each once, with their weights; a decade ("w
    latach 30.") is one term, named by any year in it."""
    terms: dict[str, Term] = {}
    for decade in reversed(decades_in(question)):
        terms[decade.term] = Term(decade.term, _MAX_WEIGHT)
        question = question[: decade.start] + " " + question[decade.end :]
    for word in words(question):
        if _DIGITS.search(word):
            terms[word] = Term(word, _MAX_WEIGHT)
            continue
        if len(word) < 3 or word in _INTERROGATIVES:
            continue
        weight = min(_MAX_WEIGHT, _COMMON_ZIPF - zipf_frequency(word, language))
        if weight > 0:
            terms[word] = Term(word, weight)
    return list(terms.values())


def counted_terms(phrase: str, language: str) -> list[Term]:
    """What the words after "how many" count: the first that is no article, preposition or verb,
    however common ("people" of "people were evacuated"), and the rarer words right after it up
    to a verb ("людей" of "людей евакуювали": the dictionary knows Russian and Ukrainian verbs).
    Elsewhere a verb is told by its ending ("obserwatorów liczyła", "décadas duraron"), and in
    German, which capitalizes its nouns, by a lowercase first letter ("Jahre gelten")."""
    terms: list[Term] = []
    for raw in _WORD.findall(unicodedata.normalize("NFKC", phrase)):
        word = words(raw)[0]
        zipf = zipf_frequency(word, language)
        weight = min(_MAX_WEIGHT, _COMMON_ZIPF - zipf)
        if not terms:
            if (weight > 0 or len(word) > _FUNCTION_WORD_LETTERS) and not is_verb(word, language):
                terms.append(Term(word, max(_MIN_COUNTED_WEIGHT, weight)))
            continue
        if (
            zipf >= _COUNTED_RUN_ZIPF
            or _DIGITS.search(word)
            or is_verb(word, language)
            or word.endswith(_VERB_ENDINGS.get(language, ()))
            or (language == "de" and raw.islower())
        ):
            break
        terms.append(Term(word, weight))
    return terms


class TermMatcher:
    """Matches question terms against texts; single-word vectors are cached per process."""

    def __init__(self, encoder: Encoder) -> None:
        self._encoder = encoder
        self._vectors: dict[tuple[str, str], np.ndarray] = {}

    def matched(
        self, terms: list[Term], language: str, text: str, text_language: str, stems_only: bool = False
    ) -> list[float]:
        """Per term, how surely `text` (in `text_language`) names it, from 0 to 1. With `stems_only`
        a text in the question's language names a term only by its stem: two words of one language
        are close by vector for sharing a topic ("votos"/"décadas" 0.74 on this scale)."""
        text_words = set(words(text))
        stems = set(tokenize(" ".join(text_words), text_language))
        ascii_words = {transliterated(w) for w in text_words}
        if text_language == "de":
            ascii_words |= {transliterated(p) for w in text_words for p in compound_parts(w)}
        flags: list[float] = []
        pending: list[int] = []
        text_lemmas: set[str] | None = None
        for i, term in enumerate(terms):
            if term.is_number:
                flags.append(float(_names_number(term.text, text_words)))
                continue
            same = (language == text_language and tokenize(term.text, language)[0] in stems) or spelled_alike(
                term.text, ascii_words
            )
            if not same and stems_only and language == text_language:
                # The stemmer cuts "дней" and "дня" differently; the dictionary knows both as "день".
                if text_lemmas is None:
                    text_lemmas = {lemma(w, language) for w in text_words}
                same = lemma(term.text, language) in text_lemmas
            flags.append(float(same))
            if not same and not (stems_only and language == text_language):
                pending.append(i)
        candidates = sorted(w for w in text_words if not _DIGITS.search(w) and len(w) >= 3)
        if pending and candidates:
            # An inflected word's vector is farther from its translation than its dictionary
            # form's ("суден"/"vessels" 0.83, "судно"/"vessels" 0.88): the closer of the two counts.
            forms = [terms[i].text for i in pending]
            lemmas = [lemma(f, language) for f in forms]
            text_vectors = self._encode(candidates, text_language)
            best = (self._encode(forms, language) @ text_vectors.T).max(axis=1)
            if lemmas != forms:
                best = np.maximum(best, (self._encode(lemmas, language) @ text_vectors.T).max(axis=1))
            for i, similarity in zip(pending, best, strict=True):
                flags[i] = float(np.clip((similarity - _UNRELATED) / (_TRANSLATION - _UNRELATED), 0.0, 1.0))
        return flags

    def closest(self, word: str, language: str, candidates: list[str], candidate_language: str) -> float:
        """The highest cosine between `word` and one of `candidates` (0 for none)."""
        if not candidates:
            return 0.0
        return float((self._encode([word], language) @ self._encode(candidates, candidate_language).T).max())

    def _encode(self, items: list[str], language: str) -> np.ndarray:
        missing = [w for w in items if (w, language) not in self._vectors]
        if missing:
            for word, vector in zip(missing, self._encoder.encode_queries(missing, language), strict=True):
                self._vectors[(word, language)] = vector
        return np.vstack([self._vectors[(w, language)] for w in items])


def _names_number(number: str, text_words: set[str]) -> bool:
    years = decade_of(number)
    if years is None:
        return number in text_words
    return any(w.isdigit() and years[0] <= int(w) <= years[1] for w in text_words)


@lru_cache(maxsize=65536)
def compound_parts(word: str) -> frozenset[str]:
    """The parts of a German compound (case-folded) after a common word: "südossetien" names South
    Ossetia ("Ossétie du Sud"), "nordirland" Northern Ireland. They are spelled, never compared by
    vector: most splits are no words ("eskanzlerin")."""
    return frozenset(part for split in _after_common_heads(word, _COMPOUND_TAIL) for part in split)


def unknown_to_german(word: str) -> bool:
    """Whether a part of `word` is no German word nor a compound of German words: German
    capitalizes every noun, so a name shows by its spelling ("Öresundbrücke", "Askanija-Nowa",
    "Kyjiw"), while "Sonderbeobachtermission" is built of German words."""
    return any(len(part) >= _COMPOUND_HEAD and not _german(part) for part in word.casefold().split("-"))


@lru_cache(maxsize=4096)
def _german(word: str) -> bool:
    """A German word, or a common German word then one (after a linking "s"), recursively."""
    return zipf_frequency(word, "de") >= _GERMAN_WORD_ZIPF or any(
        _german(rest) or (rest.startswith("s") and len(rest) > _COMPOUND_TAIL and _german(rest[1:]))
        for _, rest in _after_common_heads(word, _COMPOUND_HEAD)
    )


def _after_common_heads(word: str, tail: int) -> Iterator[tuple[str, str]]:
    """`word` split after each common German word it begins with (three letters or more), leaving
    `tail` letters at least."""
    for i in range(_COMPOUND_HEAD, len(word) - tail + 1):
        if zipf_frequency(word[:i], "de") >= _COMPOUND_HEAD_ZIPF:
            yield word[:i], word[i:]


def coverage(terms: list[Term], matches: list[float]) -> float:
    """Weighted share of the terms that are matched (1.0 for a question without content terms)."""
    total = sum(t.weight for t in terms)
    return sum(t.weight * m for t, m in zip(terms, matches, strict=True)) / total if total else 1.0


def transliterated(word: str) -> str:
    """`word` in lowercase ASCII letters, whatever its script."""
    return anyascii(word).lower()


def spelled_alike(word: str, others: set[str]) -> bool:
    """Whether `word`, transliterated, reads like one of `others` (transliterated already): the
    same short word, or the same first letters of a longer one."""
    word = transliterated(word)
    if len(word) < 4:
        return word in others
    return any(o[:_PREFIX] == word[:_PREFIX] and len(o) >= 4 for o in others)
