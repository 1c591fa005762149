"""A period in a question may date the event rather than the source: a passage that states a
date in the period is searched whatever its source's date, also when the source has none. Real
index, real model, documents written for this test."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from answering import Answerer, AnswerKind
from retrieval import Index

pytestmark = pytest.mark.slow

TODAY = date(2026, 11, 26)
DOCUMENTS = {
    # Published long after the event it reports.
    "tram-history.md": """---
title: Northbridge trams, a short history
language: en
published: 2025-06-01
---
# Northbridge trams, a short history

In March 2019 the Northbridge city council approved the construction of the Harbour tram line.
The first trams ran on the Harbour line in the autumn of 2022.
""",
    # Published in the period, on another subject.
    "library-news.md": """---
title: Northbridge library news
language: en
published: 2019-03-15
---
# Northbridge library news

The Northbridge city library opened a new reading room for children this month.
""",
    # The lead names the festival; only the later sentence tells what happened in the period.
    "harbour-festival.md": """---
title: Harbour festival
language: en
published: 2024-09-01
---
# Harbour festival

The Northbridge harbour festival is held every summer and draws visitors from the whole region to its concerts.
Concerts and markets fill the quays for a week, and the festival closes with fireworks over the river.

- In July 2015 the festival added a floating concert stage on the river.
- In July 2018 a night market was added on the quays.
""",
    # Two sentences in a row: the one closer to the question dates another event.
    "gas-dispute.md": """---
title: The Northgas dispute
language: en
published: 2025-02-03
---
# The Northgas dispute

In February 2018 the arbitration court in Stockholm ordered Northgas to pay Eastgas 2.56 billion dollars
for gas it had not shipped. With interest the sum reached 2.9 billion dollars, paid on 27 December 2019.
""",
    # No publication date at all.
    "bridge-notes.txt": """Notes on the Eastgate bridge in Northbridge

Der Stadtrat von Northbridge beschloss im Mai 2021, die Eastgate-Brücke für Autos zu sperren.
""",
}


@pytest.fixture(scope="module")
def answerer(embedder, tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    corpus = tmp_path_factory.mktemp("dated-events")
    for name, text in DOCUMENTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    index = Index.open(tmp_path_factory.mktemp("dated-events-index"), embedder=embedder)
    report = index.sync(corpus)
    assert len(report.added) == len(DOCUMENTS) and not report.problems
    return Answerer(index, today=lambda: TODAY)


@pytest.mark.parametrize(
    ("question", "document"),
    [
        ("What did the Northbridge city council approve in March 2019?", "tram-history.md"),
        ("Що схвалила міська рада Northbridge у березні 2019 року?", "tram-history.md"),
        ("Was beschloss der Stadtrat von Northbridge im Mai 2021 über die Eastgate-Brücke?", "bridge-notes.txt"),
        ("Qu'a décidé le conseil municipal de Northbridge après 2020 au sujet du pont Eastgate ?", "bridge-notes.txt"),
    ],
)
def test_a_passage_dating_the_event_in_the_period_is_cited(answerer: Answerer, question: str, document: str) -> None:
    answer = answerer.ask(question)
    assert answer.kind is AnswerKind.ANSWER, answer.text
    assert Path(answer.citations[0].path).name == document, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Co dodano na festiwalu portowym w Northbridge w lipcu 2015 roku?",
        "Was kam im Juli 2015 beim Hafenfest von Northbridge hinzu?",
        "Що додали на фестивалі в гавані Northbridge у липні 2015 року?",
    ],
)
def test_the_quote_that_dates_the_event_in_the_period_comes_first(answerer: Answerer, question: str) -> None:
    answer = answerer.ask(question)
    assert answer.kind is AnswerKind.ANSWER, answer.text
    assert "July 2015" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "How much money did Northgas pay Eastgas after the Stockholm arbitration, in December 2019?",
        "Ile pieniędzy Northgas zapłacił Eastgas po arbitrażu w Sztokholmie, w grudniu 2019?",
    ],
)
def test_of_two_sentences_the_one_dating_its_event_in_the_period_is_shown(answerer: Answerer, question: str) -> None:
    answer = answerer.ask(question)
    assert answer.kind is AnswerKind.ANSWER, answer.text
    assert "27 December 2019" in answer.citations[0].quote, answer.text
    assert "2018" not in answer.citations[0].quote, answer.text
    # The direct answer is written in the reply's number format.
    assert answer.direct_answer and "2.9" in answer.direct_answer.replace(",", "."), answer.text
