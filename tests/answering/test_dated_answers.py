"""Dates in answers over a small corpus of dated updates: time expressions filter the sources,
old sources are flagged "as of", an empty period is said plainly. Real index, real model."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from answering import Answerer, AnswerKind
from retrieval import Index

pytestmark = pytest.mark.slow

DATED_CORPUS = Path(__file__).resolve().parents[1] / "data" / "dated_corpus"
TODAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def dated_index(embedder, tmp_path_factory: pytest.TempPathFactory) -> Index:
    index = Index.open(tmp_path_factory.mktemp("dated-index"), embedder=embedder)
    report = index.sync(DATED_CORPUS)
    assert len(report.added) == 6 and not report.problems
    return index


@pytest.fixture(scope="module")
def answerer(dated_index: Index) -> Answerer:
    return Answerer(dated_index, today=lambda: TODAY)


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("Що партнери пообіцяли щодо протиповітряної оборони після 2024 року?", "2025-01-01", "9999-12-31"),
        ("What did partners promise Ukraine on air defence in 2023?", "2023-01-01", "2023-12-31"),
        ("What did partners promise Ukraine on air defence last week?", "2026-11-16", "2026-11-22"),
        ("Welche Luftverteidigungssysteme wurden der Ukraine seit 2025 zugesagt?", "2025-01-01", "9999-12-31"),
        ("Was wurde der Ukraine vor 2025 zur Luftverteidigung zugesagt?", "0000-01-01", "2024-12-31"),
        ("Які системи ППО пообіцяли Україні у грудні?", "2025-12-01", "2025-12-31"),
    ],
)
def test_a_time_expression_limits_the_cited_sources(answerer: Answerer, question: str, start: str, end: str) -> None:
    answer = answerer.ask(question)
    assert answer.kind is AnswerKind.ANSWER and answer.citations, answer.text
    assert all(c.published and start <= c.published <= end for c in answer.citations), answer.text


def test_without_a_time_expression_every_date_is_searched(dated_index: Index) -> None:
    hits = dated_index.search("Partners promised air defence systems to protect cities", k=6)
    assert len({h.document.published for h in hits}) == 6


def test_old_sources_are_flagged_as_of_their_date(answerer: Answerer) -> None:
    old = answerer.ask("What did partners promise Ukraine on air defence in 2023?")
    newest = max(c.published for c in old.citations if c.published)
    assert old.as_of == newest and newest < "2024"
    assert f"As of {newest}" in old.text

    recent = answerer.ask("What did partners promise Ukraine on air defence last week?")
    assert recent.kind is AnswerKind.ANSWER
    assert [c.published for c in recent.citations] == ["2026-11-20"] and recent.as_of is None


def test_a_bound_or_relative_period_without_sources_is_said_plainly(answerer: Answerer) -> None:
    for question, words in [
        ("What did partners promise on air defence before 2020?", "2019-12-31"),
        ("Що партнери обіцяли щодо ППО до 2020 року?", "… – 2019-12-31"),
    ]:
        answer = answerer.ask(question)
        assert answer.kind is AnswerKind.NOT_COVERED and not answer.citations and not answer.related
        assert words in answer.lead
    assert "Жодне проіндексоване джерело" in answer.text


def test_a_dated_period_without_sources_is_searched_as_a_topic_and_said_so(answerer: Answerer) -> None:
    answer = answerer.ask("What did partners promise on air defence in 2021?")
    assert answer.lead.startswith(
        "No indexed source is dated within 2021-01-01 – 2021-12-31, so I searched sources of all dates."
    )
    # Searched as a topic, 2021 must then appear in the passages, and it appears in none.
    assert answer.kind is AnswerKind.NOT_COVERED and not answer.citations
