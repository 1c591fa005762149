"""Each way a question can lie outside the sources, asked in every reply language.

The questions (tests/data/refusal_classes.jsonl) are in no evaluation file and were never fitted
on; the corpus is the repository's plus two off-domain documents that look close to some of them
(a borscht recipe, a guide to the Lviv opera house), so a distractor is present."""

import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from answering import Answerer, AnswerKind, evaluate_answers
from retrieval import Index
from retrieval.evaluation import Question, load_questions

pytestmark = pytest.mark.slow

DATA = Path(__file__).resolve().parents[1] / "data"
QUESTIONS = load_questions(DATA / "refusal_classes.jsonl")
LANGUAGES = {"en", "uk", "ru", "fr", "de", "pl", "es", "it"}
# Measured on this set with the committed gate (share of the class's 8 questions refused); a
# change that refuses fewer of them fails here.
MIN_REFUSED = {"a": 1.0, "b": 0.75, "c": 0.75, "d": 0.875, "e": 1.0, "f": 1.0, "g": 1.0}
CLASSES = sorted({q.category for q in QUESTIONS if not q.answerable and q.category})


@pytest.fixture(scope="module")
def distracted(index: Index, tmp_path_factory: pytest.TempPathFactory) -> tuple[Answerer, Index]:
    corpus = tmp_path_factory.mktemp("distracted") / "corpus"
    shutil.copytree(Path(__file__).resolve().parents[2] / "corpus", corpus)
    for path in (DATA / "distractors").iterdir():
        shutil.copy(path, corpus / path.name)
    built = Index.open(tmp_path_factory.mktemp("distracted-index"), embedder=index.embedder)
    assert not built.sync(corpus).problems
    return Answerer(built), built


def by_class() -> dict[str, list[Question]]:
    grouped: dict[str, list[Question]] = defaultdict(list)
    for q in QUESTIONS:
        grouped[q.category or ""].append(q)
    return grouped


def test_every_class_is_asked_in_every_language() -> None:
    for category in [*CLASSES, "answerable"]:
        assert {q.lang for q in by_class()[category]} == LANGUAGES, category
    assert CLASSES == ["a", "b", "c", "d", "e", "f", "g"]


@pytest.mark.parametrize("category", CLASSES)
def test_unanswerable_questions_are_refused(category: str, distracted: tuple[Answerer, Index]) -> None:
    answerer, index = distracted
    result = evaluate_answers(lambda q: answerer.ask(q.question), index, by_class()[category])
    wrong = [(r.id, r.text.splitlines()[1:2]) for r in result.questions if r.kind != AnswerKind.NOT_COVERED]
    assert result.metrics["refusal_accuracy"] >= MIN_REFUSED[category], wrong


def test_answerable_questions_beside_them_are_answered_from_the_right_sentence(
    distracted: tuple[Answerer, Index],
) -> None:
    answerer, index = distracted
    result = evaluate_answers(lambda q: answerer.ask(q.question), index, by_class()["answerable"])
    assert result.metrics["answer_rate"] >= 0.875
    assert result.metrics["first_quote_supported"] >= 0.85  # measured: 6 of the 7 answered
