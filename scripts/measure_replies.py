"""Direct answers and compact replies on the dev and extended sets (issue 11).

Run from the repository: `python scripts/measure_replies.py [--shared ../shared] [--index-dir DIR]`.
Reports, per set and overall: the share of answered who/when/where/how-many questions that carry a
direct answer, how many direct answers fail the grounding checker, replies listing a document
under two numbers, the median and longest reply (plain text), and language accuracy."""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
from pathlib import Path

from answering import Answer, Answerer, AnswerKind
from answering.evaluation import own_words
from answering.grounding import ungrounded
from answering.language import detect_reply_language
from answering.question_kind import question_kind
from retrieval import Index
from retrieval.evaluation import Question, load_questions


def measure(answers: list[tuple[Question, Answer]]) -> dict[str, object]:
    answered = [(q, a) for q, a in answers if a.kind is AnswerKind.ANSWER]
    typed = [(q, a) for q, a in answered if question_kind(q.question) is not None]
    direct = [(q, a) for q, a in typed if a.direct_answer]
    failing = [
        q.id
        for q, a in answered
        if a.direct_answer and ungrounded(a.direct_answer, a.citations[0].quote, a.language, a.citations[0].language)
    ]
    doubled = [
        q.id
        for q, a in answered
        if len({c.document_id for c in a.sources}) != len(a.sources)
        or len({c.n for c in a.citations}) != len({c.document_id for c in a.citations})
    ]
    lengths = [len(a.text) for _, a in answered]
    language_ok = [detect_reply_language(own_words(a)) == q.lang for q, a in answers]
    return {
        "questions": len(answers),
        "answered": len(answered),
        "typed_answered": len(typed),
        "typed_with_direct_answer": len(direct),
        "direct_answer_rate": round(len(direct) / len(typed), 3) if typed else None,
        "direct_answers_failing_checker": failing,
        "replies_listing_a_document_twice": doubled,
        "median_reply_chars": statistics.median(lengths) if lengths else None,
        "longest_reply_chars": max(lengths, default=None),
        "language_accuracy": round(sum(language_ok) / len(language_ok), 4) if language_ok else None,
    }


def ask_all(corpus: Path, questions: Path, index_dir: Path) -> list[tuple[Question, Answer]]:
    index = Index.open(index_dir)
    index.sync(corpus)
    answerer = Answerer(index)
    return [(q, answerer.ask(q.question)) for q in load_questions(questions)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--index-dir", type=Path, help="Keep the indexes here (default: a temporary folder).")
    parser.add_argument("--json", type=Path, help="Also write every reply and the figures here.")
    args = parser.parse_args()
    evaluation = args.shared / "eval"
    with tempfile.TemporaryDirectory(prefix="measure-replies-") as tmp:
        work = args.index_dir or Path(tmp)
        union = work / "union-corpus"
        union.mkdir(parents=True, exist_ok=True)
        for folder in (args.shared / "corpus", evaluation / "corpus"):
            for file in folder.iterdir():
                shutil.copy2(file, union / file.name)
        sets = {
            "dev": ask_all(args.shared / "corpus", evaluation / "questions.jsonl", work / "index-dev"),
            "extended": ask_all(union, evaluation / "questions-extra.jsonl", work / "index-union"),
        }
    report = {name: measure(pairs) for name, pairs in sets.items()}
    report["all"] = measure([pair for pairs in sets.values() for pair in pairs])
    print(json.dumps(report, ensure_ascii=False, indent=2))
    if args.json:
        replies = [
            {"id": q.id, "question": q.question, "direct_answer": a.direct_answer, "text": a.text}
            for pairs in sets.values()
            for q, a in pairs
        ]
        args.json.write_text(json.dumps({"figures": report, "replies": replies}, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
