"""One question, one language decision, one query encoding, no whole-document fetch."""

from __future__ import annotations

import numpy as np
import pytest

import retrieval.index
from answering import Answerer, AnswerKind
from retrieval import Index

pytestmark = pytest.mark.slow


class _Counting:
    """The real embedder, counting the texts it encodes as queries (the refusal gate encodes the
    question's words too: those are other texts)."""

    def __init__(self, real) -> None:  # type: ignore[no-untyped-def]
        self.real = real
        self.queries: list[str] = []

    def encode_queries(self, texts: list[str], language: str | None = None) -> np.ndarray:
        self.queries += texts
        return self.real.encode_queries(texts, language)

    def raw_queries(self, texts: list[str], **options: bool) -> np.ndarray:
        self.queries += texts
        return self.real.raw_queries(texts, **options)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.real, name)


def test_one_ask_encodes_the_question_once_and_detects_its_language_once(index: Index, monkeypatch) -> None:
    counting = _Counting(index.embedder)
    monkeypatch.setattr(index, "_embedder", counting)
    monkeypatch.setattr(retrieval.index, "detect_language", _refuse("the index must use the answerer's language"))
    monkeypatch.setattr(Index, "document_text", _refuse("evidence comes from the hits' own text"))
    answer = Answerer(index).ask("Хто очолить моніторинг припинення вогню?")
    assert answer.kind is AnswerKind.ANSWER
    assert counting.queries.count("Хто очолить моніторинг припинення вогню?") == 1


def test_the_search_result_carries_the_language_and_vector_it_used(index: Index) -> None:
    result = index.search("Qui dirigera la surveillance du cessez-le-feu ?", k=3, language="fr")
    assert result.language == "fr" and len(result) == 3 and result[0] is result.hits[0]
    again = index.embedder.encode_queries([result.query], "fr")[0]
    assert np.allclose(result.query_vector, again, atol=1e-5)
    assert index.search("Qui dirigera la surveillance du cessez-le-feu ?", k=1).language == "fr"


def _refuse(why: str):  # type: ignore[no-untyped-def]
    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError(why)

    return refuse
