"""Retrieval metrics on a question set in the format of shared/eval/README.md."""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from retrieval.types import Hit

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"'})


def normalize_for_match(text: str) -> str:
    """The evaluation's matching form: NFKC, case-folded, plain quotes, single spaces."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).casefold().translate(_QUOTES)).strip()


@dataclass(frozen=True)
class Question:
    id: str
    lang: str
    question: str
    answerable: bool
    doc: str | None
    evidence: tuple[str, ...]
    # The set's `class` field where it has one: `answerable`, or why the corpus does not answer
    # (a near miss … g chit-chat, shared/eval/README.md), so refusals can be reported per class.
    category: str | None = None


def load_questions(path: str | Path) -> list[Question]:
    questions = []
    for n, line in enumerate(Path(path).read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            questions.append(
                Question(
                    id=str(raw["id"]),
                    lang=str(raw["lang"]),
                    question=str(raw["question"]),
                    answerable=bool(raw["answerable"]),
                    doc=raw.get("doc"),
                    evidence=tuple(raw.get("evidence") or ()),
                    category=raw.get("class"),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{n}: not a question line ({exc}); see shared/eval/README.md") from exc
    return questions


def is_relevant(hit: Hit, question: Question) -> bool:
    if question.doc is None or Path(hit.document.path).name != question.doc:
        return False
    text = normalize_for_match(hit.text)
    return any(normalize_for_match(e) in text for e in question.evidence)


@dataclass
class RetrievalResult:
    id: str
    first_relevant_rank: int | None
    retrieve_ms: float
    hits: list[Hit] = field(repr=False)


class Searchable(Protocol):
    def search(self, query: str, k: int = 5) -> Sequence[Hit]: ...


def evaluate_retrieval(
    index: Searchable, questions: list[Question], k: int = 5
) -> tuple[dict[str, float], list[RetrievalResult]]:
    results = []
    for q in questions:
        started = time.perf_counter()
        hits = index.search(q.question, k=k)
        elapsed = (time.perf_counter() - started) * 1000
        rank = next((i + 1 for i, h in enumerate(hits) if is_relevant(h, q)), None) if q.answerable else None
        results.append(RetrievalResult(q.id, rank, elapsed, list(hits)))
    answerable = [r for r, q in zip(results, questions, strict=True) if q.answerable]
    metrics: dict[str, float] = {}
    if answerable:
        metrics["recall_at_k"] = sum(r.first_relevant_rank is not None for r in answerable) / len(answerable)
        metrics["mrr"] = sum(1 / r.first_relevant_rank for r in answerable if r.first_relevant_rank) / len(answerable)
    return metrics, results
