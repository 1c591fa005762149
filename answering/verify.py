"""Find quotes in documents the way the evaluation matches text, and map them back to offsets.

Matching is on normalized text (NFKC, case-folded, typographic quotes and apostrophes as plain
ones, whitespace runs collapsed) so that a model that writes ’ for ' or folds a line break still
has its quote found; what we then cite is the document's own substring at the found offsets, so a
cited quote is always verbatim."""

from __future__ import annotations

import re
import unicodedata

# The evaluation's list (’ ‘ “ ” « ») plus the German and single guillemet forms; mapping more
# only lets more model quotes be *found*, the cited text is still cut from the document.
_QUOTES = str.maketrans(
    {"’": "'", "‘": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‹": '"', "›": '"'}
)
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """The evaluation's normalization of `text`."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_QUOTES)
    return _SPACE.sub(" ", text)


def _normalized_with_offsets(text: str) -> tuple[str, list[int], list[int]]:
    """`normalize(text)` (untrimmed) and, per output character, the start and end offsets in
    `text` of the cluster (a character and its combining marks) that produced it."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        cluster = text[i:j]
        if cluster.isspace():
            while j < n and text[j].isspace():
                j += 1
            piece = " "
            if out and out[-1] == " ":
                ends[-1] = j
                i = j
                continue
        else:
            piece = unicodedata.normalize("NFKC", cluster).casefold().translate(_QUOTES)
            piece = _SPACE.sub(" ", piece)
        for char in piece:
            # NFKC gives some characters a space of their own ("¸" → " ̧"): one space, as normalize has.
            if char == " " and out and out[-1] == " ":
                ends[-1] = j
                continue
            out.append(char)
            starts.append(i)
            ends.append(j)
        i = j
    return "".join(out), starts, ends


def locate(quote: str, text: str) -> tuple[int, int] | None:
    """Offsets of the first place `quote` occurs in `text` under normalization, or None."""
    needle = normalize(quote).strip()
    if not needle:
        return None
    haystack, starts, ends = _normalized_with_offsets(text)
    at = haystack.find(needle)
    if at < 0:
        return None
    return starts[at], ends[at + len(needle) - 1]


def contains(text: str, quote: str) -> bool:
    """Whether `quote` is found verbatim (normalized) in `text`."""
    needle = normalize(quote).strip()
    return bool(needle) and needle in normalize(text)
