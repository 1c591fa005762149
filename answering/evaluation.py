"""Answer metrics of shared/eval/README.md, per question and aggregate.

`language_accuracy` detects the language of the reply's own words (lead, point texts, closing),
never trusting `answer.language` and never reading quotes, which stay in the sources' languages.
`supported_rate` is strict: a citation is supported when its own quote, not just the passage
around it, comes from the expected document and holds an evidence string. `first_quote_supported`
asks that of the first quote alone (the one a reader sees first), `any_quote_supported` of at
least one. `wrong_reply_rate` counts, over all questions, the replies a reader would be misled
by: an answer to an unanswerable question, or an answer none of whose quotes holds the evidence.
`refusal_accuracy_<class>` splits refusal accuracy by the set's `class` field where it has one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from answering.language import detect_reply_language
from answering.ports import SearchIndex
from answering.types import Answer, AnswerKind, Citation
from answering.verify import contains
from retrieval import RetrievalError
from retrieval.evaluation import Question

REFUSALS = (AnswerKind.NOT_COVERED,)
STAGES = ("retrieve", "compose", "total")


@dataclass
class AnswerResult:
    id: str
    lang: str
    answerable: bool
    kind: str
    reply_language: str | None
    language_ok: bool
    citations: int
    valid_citations: int
    citations_valid: bool
    supported: bool | None
    first_supported: bool | None = None
    any_supported: bool | None = None
    wrong: bool = False
    category: str | None = None
    timings_ms: dict[str, float] = field(default_factory=dict)
    text: str = ""


@dataclass
class AnswerEvaluation:
    metrics: dict[str, float]
    questions: list[AnswerResult]

    def to_dict(self) -> dict[str, Any]:
        return {"metrics": self.metrics, "questions": [asdict(q) for q in self.questions]}


def evaluate_answers(
    ask: Callable[[Question], Answer], index: SearchIndex, questions: list[Question]
) -> AnswerEvaluation:
    """Ask every question with `ask` (e.g. `lambda q: answerer.ask(q.question)`) and score the
    replies against `index`."""
    results = [_score(q, ask(q), index) for q in questions]
    return AnswerEvaluation(aggregate(results), results)


def own_words(answer: Answer) -> str:
    """The reply's words in its own language: everything but quotes, titles and dates."""
    parts = [answer.lead, *(p.text for p in answer.points), answer.closing]
    return " ".join(p for p in parts if p)


def citation_valid(citation: Citation, index: SearchIndex) -> bool:
    """The quote is verbatim in the cited document, at offsets that exist in it."""
    try:
        text = index.document_text(citation.document_id)
    except RetrievalError:
        return False
    in_bounds = 0 <= citation.start < citation.end <= len(text)
    return (
        in_bounds and contains(text[citation.start : citation.end], citation.quote) and contains(text, citation.quote)
    )


def _score(q: Question, answer: Answer, index: SearchIndex) -> AnswerResult:
    reply_language = detect_reply_language(own_words(answer))
    valid = sum(citation_valid(c, index) for c in answer.citations)
    supported = first_supported = any_supported = None
    answered = answer.kind is AnswerKind.ANSWER
    if answered and q.answerable:
        flags = [_supports(c, q) for c in answer.citations]
        supported, first_supported, any_supported = bool(flags) and all(flags), flags[:1] == [True], any(flags)
    return AnswerResult(
        id=q.id,
        lang=q.lang,
        answerable=q.answerable,
        kind=str(answer.kind),
        reply_language=reply_language,
        language_ok=reply_language == q.lang,
        citations=len(answer.citations),
        valid_citations=valid,
        citations_valid=valid == len(answer.citations),
        supported=supported,
        first_supported=first_supported,
        any_supported=any_supported,
        wrong=answered and not (q.answerable and any_supported),
        category=q.category,
        timings_ms=dict(answer.timings_ms),
        text=answer.text,
    )


def _supports(c: Citation, q: Question) -> bool:
    return Path(c.path).name == q.doc and any(contains(c.quote, e) for e in q.evidence)


def aggregate(results: list[AnswerResult]) -> dict[str, float]:
    """The aggregate metrics of `results` (any subset of an evaluation's rows)."""
    metrics: dict[str, float] = {}
    answerable = [r for r in results if r.answerable]
    unanswerable = [r for r in results if not r.answerable]
    if answerable:
        metrics["answer_rate"] = _share(r.kind == AnswerKind.ANSWER for r in answerable)
    if unanswerable:
        metrics["refusal_accuracy"] = _share(r.kind in REFUSALS for r in unanswerable)
        for category in sorted({r.category for r in unanswerable if r.category}):
            of_class = [r for r in unanswerable if r.category == category]
            metrics[f"refusal_accuracy_{category}"] = _share(r.kind in REFUSALS for r in of_class)
    if results:
        metrics["language_accuracy"] = _share(r.language_ok for r in results)
    cited = [r for r in results if r.citations]
    if cited:
        total = sum(r.citations for r in cited)
        metrics["citation_validity"] = round(sum(r.valid_citations for r in cited) / total, 4)
    answered = [r for r in answerable if r.supported is not None]
    if answered:
        metrics["supported_rate"] = _share(bool(r.supported) for r in answered)
        metrics["first_quote_supported"] = _share(bool(r.first_supported) for r in answered)
        metrics["any_quote_supported"] = _share(bool(r.any_supported) for r in answered)
    if results:
        metrics["wrong_reply_rate"] = _share(r.wrong for r in results)
    for stage in STAGES:
        values = [r.timings_ms[stage] for r in results if stage in r.timings_ms]
        if values:
            metrics[f"{stage}_p50_ms"] = round(float(np.percentile(values, 50)), 1)
            metrics[f"{stage}_p95_ms"] = round(float(np.percentile(values, 95)), 1)
    return metrics


def _share(flags: Any) -> float:
    values = list(flags)
    return round(sum(values) / len(values), 4) if values else 0.0
