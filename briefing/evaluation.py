"""`briefing eval`: retrieval metrics, and answer metrics when answers are composed."""

from __future__ import annotations

from typing import Any

from briefing import services
from briefing.settings import Settings
from retrieval.evaluation import Question, evaluate_retrieval


def run_evaluation(index: Any, questions: list[Question], k: int, settings: Settings | None) -> dict[str, Any]:
    """The report of shared/eval/README.md: aggregate metrics, k, and one row per question."""
    metrics, retrieved = evaluate_retrieval(index, questions, k)
    rows: list[dict[str, Any]] = [
        {"id": r.id, "first_relevant_rank": r.first_relevant_rank, "retrieve_ms": round(r.retrieve_ms, 1)}
        for r in retrieved
    ]
    if settings is not None:
        from answering.evaluation import evaluate_answers

        answer_metrics, answer_rows = evaluate_answers(services.make_answerer(settings, index), index, questions)
        metrics.update(answer_metrics)
        for row, extra in zip(rows, answer_rows, strict=True):
            row.update(extra)
    return {"metrics": metrics, "k": k, "questions": rows}
