"""The names a question gives, and whether a document names them.

A question about the Kharkiv metro is not answered by the Warsaw metro's opening date, nor one
about Three Mile Island by Fukushima's: a wrong-entity question matches a passage on everything
but its name. A question's names are its capitalized words after the first and its acronyms;
month names are dates, not names, and German capitalizes every noun, so there only the
gazetteer's entities, acronyms and words built of no German words count. A document names one
when one of its words reads the same once transliterated (Будапештський/Budapest, Kiev/Kyiv) or,
in the same language, inflected (Dnipro/Dnipra), names the same gazetteer entity
(США/États-Unis), or, across languages, when the e5 vectors of the two words are close:
Tschernobyl/Chernobyl 0.94, Cachemire/Kaschmir 0.92, Coalición/coalition 0.97, while a wrong
entity's closest word scored 0.85–0.89 (Finnland/país, Хмельницька/каховської, Starmer/ramener)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from os.path import commonprefix

from wordfreq import zipf_frequency

from answering.answer_type import MONTHS
from answering.entities import Entity, mentions, named_in, not_a_name, parts_of
from answering.inflection import lemma
from answering.terms import (
    TermMatcher,
    compound_parts,
    is_interrogative,
    spelled_alike,
    transliterated,
    unknown_to_german,
)
from answering.translit import CYRILLIC_LANGUAGES, is_cyrillic, to_cyrillic
from retrieval import DocumentInfo

# Fitted on the training questions (scripts/fit_gate.py's split): refusals gained minus right
# answers lost was best at 0.89–0.91; the lower end loses fewer answers.
NAME_MATCH = 0.89
# An acronym is given by a document's acronym: spelled the same, or across languages by vector.
# Acronyms share letters, and so vectors, without naming the same thing: FIFA/UEFA 0.89,
# FIFA/ФИДЕ 0.90, while one body's acronyms across languages score 0.93–0.96 (AIEA/IAEA,
# OSZE/OSCE, UNHCR/HCR).
ACRONYM_MATCH = 0.92
_PLACES = ("city", "country")
# Zipf 4 is once in 100,000 words: "sea", "grain", "initiative" and "АЕС" are more frequent.
_EVERYDAY_ZIPF = 4.0
_WORD = re.compile(r"[^\W\d_][\w'’ʼ-]*")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})
# "When Did The Metro Open": every word of three letters or more capitalized, four at least.
_TITLE_CASE_LETTERS = 3
_TITLE_CASE_WORDS = 4
# A name inflected in its own language keeps all but its last letters ("Dnipro"/"Dnipra").
_ENDING = 2
_MIN_STEM = 4
# Spellings of one sound across transliterations, replaced in this order: Cyrillic я, ю, ё, й and
# х as transliterated ("ia", "iu", "io", "i", "kh") against "a", "u", "o", "j"/"y" and "h".
_SOUNDS: tuple[tuple[str, str], ...] = (
    *(("iu", "u"), ("yu", "u"), ("ju", "u"), ("ia", "a"), ("ya", "a"), ("ja", "a"), ("io", "o"), ("yo", "o")),
    *(("kh", "h"), ("w", "v"), ("ph", "f"), ("ck", "k"), ("y", "i"), ("j", "i")),
)
_PREFIX_SOUNDS = 5
_DOUBLED = re.compile(r"(.)\1")
# The Latin-script languages whose spelling `to_cyrillic` reads by their own rules.
_LATIN_LANGUAGES = ("en", "fr", "de", "pl", "es", "it")
_CYRILLIC_FOLD = str.maketrans(
    {"і": "и", "ї": "и", "є": "е", "ё": "е", "й": "и", "ґ": "г", "ь": None, "ъ": None, "-": None, "'": None}
)
# An article or preposition elided before a name: l', d', dell', nell', qu'.
_ELISION = 4


@dataclass(frozen=True)
class Name:
    """Capitalized words in a row, each with the gazetteer entity it names (None if unknown)."""

    words: tuple[tuple[str, Entity | None], ...]

    @property
    def places(self) -> tuple[tuple[str, Entity | None], ...]:
        """The known places that qualify the rest of the name, each of which must be given: the
        Kyiv Post is not any Kyiv newspaper, nor the Weimar Triangle the Lublin one."""
        found = tuple(pair for pair in self.words if pair[1] is not None and pair[1].kind in _PLACES)
        return found if len(found) < len(self.words) else ()

    def deciding(self, language: str) -> tuple[tuple[str, Entity | None], ...]:
        """The words besides its places of which one must be given for the name to be: its rarest
        ("Хмельницька" of "Хмельницька АЕС": another plant's name shares "АЕС"). When even the
        rarest is an everyday word, its acronyms ("FIFA" of "FIFA World Cup": "Cup" is any cup),
        or else any word ("Black Sea Grain Initiative" is "L'initiative céréalière de la mer
        Noire", whose other words are not capitalized)."""
        places = self.places
        rest = [pair for pair in self.words if pair not in places]
        rarity = {word: zipf_frequency(word.casefold(), language) for word, _ in rest}
        rarest = min(rest, key=lambda pair: rarity[pair[0]])
        if rarity[rarest[0]] < _EVERYDAY_ZIPF:
            return (rarest,)
        return tuple(pair for pair in rest if _is_acronym(*pair)) or tuple(rest)


def question_names(question: str, language: str) -> list[Name]:
    """The names in `question`. A question typed in capitals or capitalizing every word says
    nothing by its capitals: there, as for a question's first word, only the gazetteer's entities
    are names."""
    entities = mentions(question, language)
    matches = list(_WORD.finditer(question))
    longer = [m.group() for m in matches if len(m.group()) >= _TITLE_CASE_LETTERS]
    shouted = sum(m.group().isupper() for m in matches) > len(matches) / 2 or (
        len(longer) >= _TITLE_CASE_WORDS and all(w[:1].isupper() for w in longer)
    )
    runs: list[list[tuple[str, Entity | None, bool]]] = []
    end = -1
    for position, match in enumerate(matches):
        word = _elided(match.group().translate(_APOSTROPHES).strip("-'"))
        entity = next((m.entity for m in entities if m.start < match.end() and match.start() < m.end), None)
        acronym = _is_acronym(word)
        if language == "de" and entity is None and not acronym and (part := _acronym_in_compound(word)):
            word, acronym = part, True
            entity = next((m.entity for m in mentions(part, language)), None)
        if entity is None and (shouted or position == 0 or len(word) < 2 or not (acronym or word[:1].isupper())):
            continue
        folded = word.casefold()
        if folded in MONTHS or is_interrogative(folded):
            continue
        # A title or an institution's word is no name alone, but part of one: "Koalicja Chętnych".
        # German "-vertrag" is a common noun's ending, but a treaty's name is a name ("START-I-Vertrag").
        title = not_a_name(word, language) and not (language == "de" and entity is not None and entity.kind == "treaty")
        if language == "de" and not (acronym or entity or title or unknown_to_german(word)):
            continue
        if runs and not question[end : match.start()].strip():
            runs[-1].append((word, entity, title))
        else:
            runs.append([(word, entity, title)])
        end = match.end()
    return [Name(tuple((w, e) for w, e, _ in run)) for run in runs if not all(title for *_, title in run)]


def _acronym_in_compound(word: str) -> str | None:
    """The acronym a German compound is made on ("START" of "START-I-Vertrag", "UN" of
    "UN-Mission"): the compound is a common noun, the acronym names."""
    return next((part for part in word.split("-")[:-1] if _is_acronym(part)), None)


def _inflected_alike(word: str, others: set[str]) -> bool:
    """Whether one of `others` (transliterated) shares all of `word` but a case ending of up to two
    letters, and four letters at least ("Wiśle"/"Wisłą"). A stem whose consonant changes is not
    found ("Pradze"/"Praga") unless the dictionary knows the word."""
    folded = transliterated(word)
    stem = folded[: max(_MIN_STEM, len(folded) - _ENDING)]
    return any(other.startswith(stem) for other in others)


def _sounds_alike(word: str, others: set[str]) -> bool:
    """Whether `word` and one of `others` (transliterated) begin alike once the spellings of one
    sound are made one: a Cyrillic name transliterated reads "Liudvig" where German writes
    "Ludwig", "Iurii" for "Yuriy", "Kharkiv" for "Harkiv"."""
    key = _sound(transliterated(word))
    if len(key) < _PREFIX_SOUNDS:
        return False
    return any(
        _sound(other)[:_PREFIX_SOUNDS] == key[:_PREFIX_SOUNDS] for other in others if len(other) >= _PREFIX_SOUNDS
    )


@lru_cache(maxsize=65536)
def _sound(word: str) -> str:
    """`word` (transliterated) with each sound spelled one way; cached, as every word of a document
    is read for every name a question gives."""
    for spelled, sound in _SOUNDS:
        word = word.replace(spelled, sound)
    return _DOUBLED.sub(r"\1", word)


def _cyrillic_key(word: str) -> str:
    """A Cyrillic word with Ukrainian and Russian spellings of a sound made one, soft signs,
    hyphens and doubled letters dropped ("Сан-Ремо" and "Санремо" alike)."""
    return _DOUBLED.sub(r"\1", word.casefold().translate(_CYRILLIC_FOLD))


def _alike_in_cyrillic(key: str, others: set[str]) -> bool:
    """Whether `key` and one of `others` share all but a case ending of the shorter, and four
    letters at least ("рубе"/"рубекс", "аренбергскии"/"аренберг")."""
    return any(
        len(commonprefix([key, other])) >= max(_MIN_STEM, min(len(key), len(other)) - _ENDING) for other in others
    )


def _is_acronym(word: str, entity: Entity | None = None) -> bool:
    """An acronym the gazetteer does not know (it knows NATO/OTAN/НАТО as one)."""
    return entity is None and len(word) >= 2 and word.isupper()


def _elided(word: str) -> str:
    """The name in "l'OTAN", "dell'OSCE", "d'Odessa"; "Прип'ять" is one word."""
    head, _, tail = word.rpartition("'")
    return tail if head and len(head) <= _ELISION and head.islower() else word


class NameMatcher:
    """Which of a question's names a document lacks; a document's names are read once per process."""

    def __init__(self, terms: TermMatcher, document_text: Callable[[str], str]) -> None:
        self._terms = terms
        self._document_text = document_text
        self._documents: dict[tuple[str, str], _DocumentNames] = {}
        self._besides: dict[tuple[tuple[str, str], Entity], tuple[list[str], set[str]]] = {}
        self._cyrillic: dict[tuple[str, str, str], set[str]] = {}

    def missing(self, names: list[Name], language: str, document: DocumentInfo) -> list[Name]:
        """The names of `names` (asked in `language`) that `document` lacks."""
        if not names:
            return []
        read = self._read(document)

        def given(word: str, entity: Entity | None) -> bool:
            if entity is not None and entity in read.entities:
                return True
            if entity is not None and entity.kind == "treaty":
                return False  # named by one of its names only: "START-I-Vertrag" is no "Startgeräte"
            document_words, ascii_words = read.words, read.ascii_words
            if entity is not None:
                document_words, ascii_words = self._words_besides(document, entity)
            if _is_acronym(word, entity):
                # Spelled out whole ("START" is not "Startgeräte"), or another language's acronym of
                # the same body by vector.
                return transliterated(word) in read.ascii_parts or (
                    language != document.language
                    and self._terms.closest(word.casefold(), language, read.acronyms, document.language)
                    >= ACRONYM_MATCH
                )
            if (
                spelled_alike(word, ascii_words)
                or _sounds_alike(word, ascii_words)
                or spelled_alike(word, read.compound_parts)
                or (entity is None and self._spelled_in_cyrillic(word, language, document))
            ):
                return True
            if language == document.language:
                # Vectors of one language's words are close for sharing a topic or letters: "Джиро"
                # is "Джо" at 0.90, "OTAN-Ucrania" "OTAN" at 0.94.
                return _inflected_alike(word, ascii_words) or _inflected_alike(lemma(word, language), ascii_words)
            return self._terms.closest(word.casefold(), language, document_words, document.language) >= NAME_MATCH

        return [
            name
            for name in names
            if not all(given(w, entity) for w, entity in name.places)
            or not any(given(w, entity) for w, entity in name.deciding(language))
        ]

    def _spelled_in_cyrillic(self, word: str, language: str, document: DocumentInfo) -> bool:
        """Whether a name in Cyrillic and a document's word in Latin letters (or the other way
        round) are spelled alike once the Latin one is written in Cyrillic as its language
        sounds: "Рубе" is "Roubaix" read in French, "Поджо" "Poggio" read in Italian, while
        letter by letter they are "Rube"/"roubaix", "Podzho"/"poggio"."""
        if is_cyrillic(word) == (document.language in CYRILLIC_LANGUAGES):
            return False
        if is_cyrillic(word):
            return _alike_in_cyrillic(_cyrillic_key(word), self._cyrillic_words(document, language))
        # A Latin name may be read as any language reads it ("Roubaix" is French in an English question).
        words = self._cyrillic_words(document, document.language)
        return any(
            _alike_in_cyrillic(_cyrillic_key(to_cyrillic(part, document.language, source)), words)
            for part in {word, *word.split("-")}
            for source in _LATIN_LANGUAGES
        )

    def _cyrillic_words(self, document: DocumentInfo, language: str) -> set[str]:
        """The document's words and their hyphenated parts ("Roubaix" of "Paris-Roubaix") in
        Cyrillic, those in Latin letters as a reader of `language` spells them."""
        key = (document.id, document.content_hash, language)
        if key not in self._cyrillic:
            self._cyrillic[key] = {
                _cyrillic_key(w if is_cyrillic(w) else to_cyrillic(w, language, document.language))
                for word in self._read(document).ascii_of
                for w in {word, *word.split("-")}
            }
        return self._cyrillic[key]

    def _words_besides(self, document: DocumentInfo, entity: Entity) -> tuple[list[str], set[str]]:
        """The document's words compared by vector and spelled, without those naming another known
        entity: a known entity is not given by another's name spelled alike (Austria is not
        Australia: the prefix "austr" is shared), whatever their vectors say."""
        key = ((document.id, document.content_hash), entity)
        if key not in self._besides:
            read = self._read(document)
            own = {entity, *parts_of(entity)}
            taken = {w for other, named in read.named.items() if other not in own for w in named}
            self._besides[key] = (
                [w for w in read.words if w not in taken],
                {ascii for w, ascii in read.ascii_of.items() if w not in taken},
            )
        return self._besides[key]

    def _read(self, document: DocumentInfo) -> _DocumentNames:
        # Keyed by content too: a re-indexed document is read again.
        key = (document.id, document.content_hash)
        if key not in self._documents:
            text = unicodedata.normalize("NFKC", f"{document.title}\n{self._document_text(document.id)}")
            known = sorted(w for w in _folded_words(text) if len(w) >= 2)
            named: dict[Entity, set[str]] = {}
            for mention in mentions(text, document.language):
                named.setdefault(mention.entity, set()).update(_folded_words(mention.text))
            # Every word of three letters or more is compared by vector, everyday ones too: "Coppa"
            # is the document's "cup". Two-letter names are acronyms, which the gazetteer knows.
            self._documents[key] = _DocumentNames(
                words=[w for w in known if len(w) >= 3],
                acronyms=sorted(
                    {part.casefold() for w in _WORD.findall(text) for part in w.split("-") if _is_acronym(part)}
                ),
                ascii_of={w: transliterated(w) for w in known},
                compound_parts={transliterated(p) for w in known for p in compound_parts(w)}
                if document.language == "de"
                else set(),
                entities=named_in(text, document.language),
                named=named,
            )
        return self._documents[key]


@dataclass(frozen=True)
class _DocumentNames:
    """A document's words compared by vector (`words`), its acronyms, every word with its ASCII
    spelling, its compounds' parts, and the words of each entity it names."""

    words: list[str]
    acronyms: list[str]
    ascii_of: dict[str, str]
    # the parts of a German document's compounds, spelled in ASCII: names, never acronyms
    compound_parts: set[str]
    entities: set[Entity]
    named: dict[Entity, set[str]]

    @cached_property
    def ascii_words(self) -> set[str]:
        return set(self.ascii_of.values())

    @cached_property
    def ascii_parts(self) -> set[str]:
        """The ASCII words and their hyphenated parts ("nato" of "NATO-Gipfel")."""
        return self.ascii_words | {part for word in self.ascii_words for part in word.split("-")}


def _folded_words(text: str) -> set[str]:
    """Case-folded words; "dell'OSCE", "l'Ukraine" also as the name after the elision. Lowercase
    words count: a name may be a common noun in the document ("la coalition des volontaires")."""
    words: set[str] = set()
    for raw in _WORD.findall(text.translate(_APOSTROPHES)):
        words.update({raw.casefold(), raw.rsplit("'", 1)[-1].casefold()})
    return words
