"""Decades as questions name them ("in the 1990s", "w latach 30.", "в 90-е годы", "negli anni
Novanta", "in den Achtzigerjahren"): the ten years they span.

A decade is a period, not a number to find: read as a number, "w latach 30." asked sources for a
"30", and "the 1970s" went to the date parser, which read it as today. A two-digit decade is of
the 1900s, as people mostly mean it ("los años 20")."""

from __future__ import annotations

import re
from dataclasses import dataclass

# The tens digit of a decade written as a word, by the word's beginning.
_TENS_WORDS: dict[str, int] = {
    # en (twenties…nineties)
    "twent": 2, "thirt": 3, "fort": 4, "fift": 5, "sixt": 6, "sevent": 7, "eight": 8, "ninet": 9,
    # fr (années vingt…quatre-vingt-dix; "soixante-dix" and "quatre-vingt-dix" before their heads)
    "vingt": 2, "trente": 3, "quarante": 4, "cinquante": 5, "soixante-dix": 7, "soixante": 6,
    "quatre-vingt-dix": 9, "quatre-vingt": 8,
    # de (Zwanziger…Neunziger)
    "zwanzig": 2, "dreißig": 3, "vierzig": 4, "fünfzig": 5, "sechzig": 6, "siebzig": 7, "achtzig": 8, "neunzig": 9,
    # pl (dwudziestych…dziewięćdziesiątych)
    "dwudziest": 2, "trzydziest": 3, "czterdziest": 4, "pięćdziesiąt": 5, "sześćdziesiąt": 6,
    "siedemdziesiąt": 7, "osiemdziesiąt": 8, "dziewięćdziesiąt": 9,
    # es (años veinte…noventa)
    "veinte": 2, "treinta": 3, "cuarenta": 4, "cincuenta": 5, "sesenta": 6, "setenta": 7, "ochenta": 8,
    "noventa": 9,
    # it (anni venti…novanta)
    "venti": 2, "trenta": 3, "quaranta": 4, "cinquanta": 5, "sessanta": 6, "settanta": 7, "ottanta": 8,
    "novanta": 9,
    # uk (двадцяті…дев'яності)
    "двадцят": 2, "тридцят": 3, "сороков": 4, "п'ятдесят": 5, "шістдесят": 6, "сімдесят": 7, "вісімдесят": 8,
    "дев'яност": 9,
    # ru (двадцатые…девяностые)
    "двадцат": 2, "тридцат": 3, "пятидесят": 5, "шестидесят": 6, "семидесят": 7, "восьмидесят": 8,
    "девяност": 9,
}  # fmt: skip
# Longest first, so that "quatre-vingt-dix" is not read as "quatre-vingt"; any apostrophe.
_TENS = "|".join(re.escape(w).replace("'", "['’ʼ]") for w in sorted(_TENS_WORDS, key=len, reverse=True))
_YEAR = r"(?P<year>1\d{2}0|20\d0|[1-9]0)"
_JAHRE = r"(?:n|[-\s]?jahren?)?"
# What makes a tens word a decade: "-ies", "-er(jahre)", "-ych", "-ые", "-і"…
_TENS_ENDING = r"(?:ies|er" + _JAHRE + r"|ych|ymi|ые|ых|ыми|і|их|ими)"
# Each with the year in group "year" (four digits, or two for the 1900s) or the tens word in "tens".
_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # "1990s", "the '90s", "1990's"
        r"(?<![\w'’])['’]?" + _YEAR + r"['’]?s\b",
        # "1990er", "90er Jahre", "in den 90ern"
        r"\b" + _YEAR + r"er" + _JAHRE + r"\b",
        # "1990-х", "90-е", "1990-ті", "90-тих", "1990-ых", "90-tych", "90-te"
        r"\b" + _YEAR + r"(?:[-‑–]?(?:х|е|ые|ых|их|ті|тих)|[-‑–](?:tych|te))\b",
        # "années 1990", "años 90", "anni '90", "lata 90.", "w latach 90.", "década de los 90"
        r"\b(?:années|años|anni|lat|lata|latach|década de(?: los)?)\s+['’]?" + _YEAR + r"(?:[-‑–]\w+|(?!\d)\.?)",
        # "années quatre-vingt-dix", "anni Novanta", "años veinte": a bare tens word is a number,
        # so it needs a word for years before it...
        r"\b(?:(?:années|años|anni|década de(?: los)?)\s+)(?P<tens>" + _TENS + r")" + _TENS_ENDING + r"?(?=\W|$)",
        # ...or a decade's ending: "the nineties", "Achtzigerjahre", "в девяностые", "w latach
        # dziewięćdziesiątych" ("fort" is no decade either)
        r"\b(?P<tens>" + _TENS + r")" + _TENS_ENDING + r"(?=\W|$)",
    )
)


@dataclass(frozen=True)
class Decade:
    first_year: int
    # where the text names it, end exclusive
    start: int
    end: int

    @property
    def last_year(self) -> int:
        return self.first_year + 9

    @property
    def term(self) -> str:
        """How a question's content terms name it ("1930s"), whatever the words it was asked in."""
        return f"{self.first_year}s"


def decades_in(text: str) -> list[Decade]:
    """The decades `text` names, in order, none overlapping (the longest reading of each)."""
    found: list[Decade] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            found.append(Decade(_first_year(match), match.start(), match.end()))
    found.sort(key=lambda d: (d.start, d.start - d.end))
    kept: list[Decade] = []
    for decade in found:
        if not kept or decade.start >= kept[-1].end:
            kept.append(decade)
    return kept


def decade_of(term: str) -> tuple[int, int] | None:
    """The first and last year of a decade term ("1930s"), None for any other."""
    match = _TERM.fullmatch(term)
    return (int(match.group(1)), int(match.group(1)) + 9) if match else None


_TERM = re.compile(r"(\d{3}0)s")


def _first_year(match: re.Match[str]) -> int:
    groups = match.groupdict()
    if groups.get("tens"):
        tens = groups["tens"].lower().replace("’", "'").replace("ʼ", "'")
        return 1900 + 10 * _TENS_WORDS[tens]
    year = int(groups["year"])
    return year if year >= 1000 else 1900 + year
