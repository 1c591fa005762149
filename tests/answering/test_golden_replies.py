"""Golden replies over the repository's corpus with the real model, one per reply language: the
direct answer leads, it passes the checker against the quote that follows it, every document has
one number, and the reply fits a phone screen. The whole text is compared with
tests/answering/golden/<name>.txt; after an intended change, rerun with --update-golden and review
the diff."""

from __future__ import annotations

from pathlib import Path

import pytest

from answering import Answerer
from answering.grounding import ungrounded

GOLDEN = Path(__file__).parent / "golden"
PHONE_SCREEN_CHARS = 700

CASES = [
    ("uk-osce", "Коли було створено моніторингову місію ОБСЄ?", "березень 2014\u202fр."),
    (
        "uk-signatories",
        "Хто підписав безпекову угоду з Україною в Києві 12 січня 2024 року?",
        "Ріші Сунак і Володимир Зеленський",
    ),
    ("en-budapest", "When was the Budapest Memorandum signed?", "December 5, 1994"),
    ("ru-washington", "Когда был подписан Североатлантический договор?", "4 апреля 1949\u202fг."),
    (
        "de-duration",
        "Für wie viele Jahre gelten die meisten bilateralen Sicherheitsabkommen mit der Ukraine?",
        "10 Jahre",
    ),
    ("fr-osce", "Quand la mission d'observation de l'OSCE a-t-elle été créée ?", "mars 2014"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "question", "direct"), CASES)
def test_golden_reply(answerer: Answerer, update_golden: bool, name: str, question: str, direct: str) -> None:
    answer = answerer.ask(question)
    assert answer.direct_answer == direct
    first = answer.citations[0]
    assert ungrounded(direct, first.quote, answer.language, first.language) == []
    assert answer.text.startswith(direct + "\n")
    assert len({c.document_id for c in answer.sources}) == len(answer.sources)
    assert len({(c.document_id, c.n) for c in answer.citations}) == len({c.document_id for c in answer.citations})
    assert len(answer.text) <= PHONE_SCREEN_CHARS
    golden = GOLDEN / f"{name}.txt"
    if update_golden:
        golden.write_text(answer.text + "\n", encoding="utf-8")
    assert answer.text + "\n" == golden.read_text(encoding="utf-8")
