"""Numbers that are part of a name: "Apollo 12", "An-225", "Leopard 2A7", "Article 5", "СНВ-3".

Near neighbours share their names but not these numbers: the Apollo 11 article mentions the next
mission in passing ("в ходе миссии «Аполлон-12»"), in the very passage that tells how long its
own crew stayed in quarantine. So a quote answers of "Apollo 12" when it writes the number
itself, or when its document is about Apollo 12: the number it most often attaches to the
name. A document attaching no number to the name (the question's word is in another language:
"Article 5"/"Стаття 5") must write the number in the quote's passage."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from answering.answer_type import MONTHS
from answering.terms import transliterated

# A word, then a number of one to three digits (four are years: "January 2024"), possibly with
# letters ("2A7"), joined by a space or a hyphen; not an ordinal ("Am 12. Mai").
_DESIGNATION = re.compile(r"(?<![\w-])([^\W\d_][\w]*)[ -](\d{1,3}(?:[^\W\d_]{1,2}\d{1,2})?)(?!\w|,\d|\.)")
# A name's word in another language or script keeps its first letters: Apollo, Apolo, Аполлон.
_SAME_NAME = 4


@dataclass(frozen=True)
class Designation:
    word: str
    number: str

    def names(self, word: str) -> bool:
        """Whether `word` is this designation's word, perhaps in another language or script."""
        ours, theirs = transliterated(self.word), transliterated(word)
        return ours[:_SAME_NAME] == theirs[:_SAME_NAME]


def designations(question: str) -> list[Designation]:
    """The numbers that `question` writes as part of a name (a capitalized word's)."""
    return [
        Designation(word, number.casefold())
        for word, number in _DESIGNATION.findall(question)
        if word[:1].isupper() and word.casefold() not in MONTHS
    ]


def writes_number(number: str, text: str) -> bool:
    """Whether `text` writes `number` as a number of its own ("Аполлон-12"), not inside another
    ("112", "12,5")."""
    return re.search(rf"(?<![\w,.]){re.escape(number)}(?!\w|[,.]\d)", text, re.IGNORECASE) is not None


def tells_of(designation: Designation, quote: str, passage: str, document: str) -> bool:
    """Whether a quote (in `passage`, of `document`: its title and text) tells of `designation`:
    it writes the number, or its document is about that number of the name."""
    if writes_number(designation.number, quote):
        return True
    attached = Counter(number.casefold() for word, number in _DESIGNATION.findall(document) if designation.names(word))
    if not attached:
        return writes_number(designation.number, passage)
    return attached[designation.number] == max(attached.values())
