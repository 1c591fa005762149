"""Questions about documents the gate was not built around (tests/data/other_corpus: eight notes
in eight languages, three pairs of near neighbours: Chornobyl, Fukushima and Zaporizhzhia; the
Kyiv and Warsaw metros; the grain corridor and the Danube Commission). The wrong-entity questions
ask about a neighbour's twin that no document covers (the Kharkiv metro, Three Mile Island)."""

import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from answering import Answerer, AnswerKind, evaluate_answers
from retrieval import Index
from retrieval.evaluation import load_questions

pytestmark = pytest.mark.slow

DATA = Path(__file__).resolve().parents[1] / "data"
QUESTIONS = load_questions(DATA / "other_questions.jsonl")
# Measured on this set with the committed gate: refused questions of each class (of 3–6) and
# answered ones (of 30); a change that does worse fails here.
MIN_REFUSED = {"a": 6, "b": 4, "c": 3, "d": 3, "e": 3, "f": 3, "g": 4}
MIN_ANSWERED = 27
MIN_FIRST_QUOTE_SUPPORTED = 21


@pytest.fixture(scope="module")
def other(index: Index, tmp_path_factory: pytest.TempPathFactory) -> tuple[Answerer, Index]:
    corpus = tmp_path_factory.mktemp("other") / "corpus"
    shutil.copytree(DATA / "other_corpus", corpus)
    built = Index.open(tmp_path_factory.mktemp("other-index"), embedder=index.embedder)
    assert not built.sync(corpus).problems
    return Answerer(built), built


def test_questions_about_other_documents_are_answered_or_refused(other: tuple[Answerer, Index]) -> None:
    answerer, index = other
    result = evaluate_answers(lambda q: answerer.ask(q.question), index, QUESTIONS)
    refused: dict[str, int] = defaultdict(int)
    for r in result.questions:
        if not r.answerable and r.kind == AnswerKind.NOT_COVERED:
            refused[r.category or ""] += 1
    assert all(refused[c] >= n for c, n in MIN_REFUSED.items()), dict(refused)
    answerable = [r for r in result.questions if r.answerable]
    assert sum(r.kind == AnswerKind.ANSWER for r in answerable) >= MIN_ANSWERED
    assert sum(bool(r.first_supported) for r in answerable) >= MIN_FIRST_QUOTE_SUPPORTED
