"""`briefing eval`: retrieval metrics, and answer metrics when answers are composed."""

from __future__ import annotations

from typing import Any

from briefing import services
from briefing.settings import Settings
from retrieval import Index
from retrieval.evaluation import Question, evaluate_retrieval


def run_evaluation(index: Index, questions: list[Question], k: int, settings: Settings | None) -> dict[str, Any]:
    """The report of shared/eval/README.md: aggregate metrics, k, and one row per question."""
    metrics, retrieved = evaluate_retrieval(index, questions, k)
    rows: list[dict[str, Any]] = [
        {"id": r.id, "first_relevant_rank": r.first_relevant_rank, "retrieve_ms": round(r.retrieve_ms, 1)}
        for r in retrieved
    ]
    if settings is not None:
        from answering.evaluation import evaluate_answers

        answerer = services.make_answerer(settings, index)
        evaluation = evaluate_answers(lambda q: answerer.ask(q.question), index, questions)
        metrics.update(evaluation.metrics)
        for row, extra in zip(rows, evaluation.to_dict()["questions"], strict=True):
            row.update({k: v for k, v in extra.items() if k != "id"})
    return {"metrics": metrics, "k": k, "questions": rows}
