"""Labelled lists: "parties — Moldova and Transnistria, mediators — the OSCE, Russia and Ukraine,
observers — the EU and the US". A question that names one label ("Who are the mediators?") is
answered by that label's items only, not by every body in the sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A label of one or two words after the start, a comma, a semicolon or a colon, then a dash or a
# colon: "; observers: …", ", посредники — …". The delimiter before it is not consumed, so one
# label's colon can open the next ("Roles: mediators — …").
_LABEL = re.compile(r"(?:^|(?<=[,;:])|(?<=[,;:]\s))\s*([^\W\d_]+(?:\s+[^\W\d_]+)?)\s*(?:\s[—–]|:)\s+")
_END = re.compile(r"[;.!?](?:\s|$)")
_WORD = re.compile(r"[^\W\d_]+")
_MIN_WORD = 4
_MAX_ENDING = 3


@dataclass(frozen=True)
class LabelledList:
    """`parts` are the `start:end` spans of the items under each label, in text order; `asked` is
    the one part the question names, or None when it names none or several."""

    parts: tuple[tuple[int, int], ...]
    asked: tuple[int, int] | None


def labelled_list(question: str, text: str) -> LabelledList | None:
    """The labelled list `text` states (two labels or more), or None."""
    labels = list(_LABEL.finditer(text))
    if len(labels) < 2:
        return None
    parts = []
    for i, label in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        stop = _END.search(text, label.end(), end)
        parts.append((label.end(), stop.start() if stop else end))
    asked = [part for label, part in zip(labels, parts, strict=True) if _names_label(question, label.group(1))]
    return LabelledList(tuple(parts), asked[0] if len(asked) == 1 else None)


def _names_label(question: str, label: str) -> bool:
    """A word of the question is a word of the label, give or take an inflected ending
    ("посредниками" / "посредники", "observers" / "observer")."""
    words = [w.casefold() for w in _WORD.findall(question) if len(w) >= _MIN_WORD]
    return any(_same_stem(q, w.casefold()) for q in words for w in _WORD.findall(label) if len(w) >= _MIN_WORD)


def _same_stem(a: str, b: str) -> bool:
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    return shared >= max(_MIN_WORD, min(len(a), len(b)) - _MAX_ENDING)
