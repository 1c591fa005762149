"""BM25 over chunk texts (bm25s), with per-language Snowball stemming where PyStemmer has one."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

_STEMMERS = {
    "en": "english",
    "fr": "french",
    "de": "german",
    "ru": "russian",
    "pl": "polish",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "nl": "dutch",
    "ro": "romanian",
    "sv": "swedish",
    "da": "danish",
    "nb": "norwegian",
    "fi": "finnish",
    "hu": "hungarian",
    "cs": "czech",
    "el": "greek",
    "tr": "turkish",
    "lt": "lithuanian",
    "sr": "serbian",
}
# \w covers Cyrillic and Latin alike; apostrophes inside words (п'ять, aujourd'hui) are kept.
_WORD = re.compile(r"\w+(?:['’]\w+)*")


@lru_cache(maxsize=32)
def _stemmer(language: str) -> Stemmer.Stemmer | None:
    name = _STEMMERS.get(language)
    return Stemmer.Stemmer(name) if name else None


def tokenize(text: str, language: str | None) -> list[str]:
    words = [w.replace("’", "'") for w in _WORD.findall(unicodedata.normalize("NFKC", text).casefold())]
    stemmer = _stemmer(language or "")
    return stemmer.stemWords(words) if stemmer else words


class LexicalIndex:
    def __init__(self, chunk_ids: list[str], bm25: bm25s.BM25 | None) -> None:
        self.chunk_ids = chunk_ids
        self._bm25 = bm25

    @classmethod
    def build(cls, chunk_ids: list[str], texts: list[str], languages: list[str]) -> LexicalIndex:
        if not chunk_ids:
            return cls([], None)
        bm25 = bm25s.BM25()
        corpus = [tokenize(t, lang) or ["∅"] for t, lang in zip(texts, languages, strict=True)]
        bm25.index(corpus, show_progress=False)
        return cls(chunk_ids, bm25)

    def save(self, folder: Path) -> None:
        """The scores' matrix and vocabulary in `folder` (chunk ids are the caller's to keep)."""
        if self._bm25 is not None:
            self._bm25.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, chunk_ids: list[str]) -> LexicalIndex:
        """An index saved by `save`, its matrix mapped from disk rather than read into memory."""
        if not chunk_ids:
            return cls([], None)
        return cls(chunk_ids, bm25s.BM25.load(str(folder), mmap=True, show_progress=False))

    def scores(self, query: str, language: str | None) -> np.ndarray:
        """BM25 score per chunk. A query is stemmed as its own language, so only chunks in that
        language can match stems; elsewhere only names and numbers spelled alike match."""
        if self._bm25 is None:
            return np.zeros(0)
        tokens = tokenize(query, language)
        if not tokens:
            return np.zeros(len(self.chunk_ids))
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)
