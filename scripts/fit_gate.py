"""Fit the refusal gate (answering/data/gate_model.json) and report it on the held-back split.

    python scripts/fit_gate.py [--index-dir DIR] [--dry-run]

Fitted on: the dev set, the odd ids of the extended set, tests/data/gate_train.jsonl
(questions written for training, apart from every evaluation file) and the odd ids of
tests/data/other_questions.jsonl (over other documents, tests/data/other_corpus); the label is
whether the question is answerable. Reported on: the even ids of the extended and other sets,
which are never fitted on.
The threshold is the one that maximizes balanced accuracy (answer rate + refusal rate) of
out-of-fold predictions on the fitting questions, so it is not chosen on the questions it
was fitted to either. Needs scikit-learn (a dev extra); the product reads only the JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO))

from eval_gate import OTHER, OTHER_CORPUS, SETS, is_held_back, own_index_dir, union_index  # noqa: E402

from answering import Answerer, choose_language  # noqa: E402
from answering.answer_type import expected_type, fits  # noqa: E402
from answering.gate import Gate, GateDecision, GateFeatures  # noqa: E402
from answering.language import reply_language  # noqa: E402
from answering.verify import contains  # noqa: E402
from retrieval.evaluation import Question, load_questions  # noqa: E402

TRAINING = REPO / "tests" / "data" / "gate_train.jsonl"
# The weighed signals; `missing_number` and `type_fits` veto on their own (GateDecision.vetoed).
WEIGHED = ["quote_similarity", "top_dense", "background", "quote_terms", "passage_terms", "chatter"]
MODEL = REPO / "answering" / "data" / "gate_model.json"
C = 1.0


def features(answerer: Answerer, questions: list[Question], dump: list[dict] | None = None) -> list[GateFeatures]:
    gate = Gate(answerer.index.embedder, document_text=answerer.index.document_text)  # type: ignore[union-attr]
    rows = []
    for n, q in enumerate(questions, 1):
        choice = choose_language(q.question)
        assessment = answerer.assess(q.question, choice.code, reply_language(choice))
        rows.append(assessment.features)
        if dump is not None:
            best = assessment.ranked[0] if assessment.ranked else None
            top = [
                {
                    "text": ev.text,
                    "doc": Path(ev.hit.document.path).name,
                    "score": ev.score,
                    "similarity": ev.similarity,
                    "type_bonus": ev.type_bonus,
                    "named": gate.quote_terms(q.question, choice.code, ev),
                    "fits": fits(ev.text, expected_type(q.question), q.question),
                    "supports": Path(ev.hit.document.path).name == q.doc
                    and any(contains(ev.text, e) for e in q.evidence),
                }
                for ev in sorted(assessment.ranked[:8], key=lambda ev: ev.score, reverse=True)
            ]
            dump.append(
                {
                    "answerable": q.answerable,
                    "top": top,
                    "id": q.id,
                    "class": q.category,
                    "question": q.question,
                    "features": assessment.features.__dict__,
                    "quote": best.text if best else None,
                    "doc": best.hit.document.path if best else None,
                }
            )
        if n % 20 == 0:
            print(f"  {n}/{len(questions)} questions", file=sys.stderr)
    return rows


def rates(probabilities: np.ndarray, vetoed: np.ndarray, labels: np.ndarray, threshold: float) -> tuple[float, float]:
    answered = (probabilities >= threshold) & ~vetoed
    return float(answered[labels == 1].mean()), float((~answered[labels == 0]).mean())


def vetoes(rows: list[GateFeatures]) -> np.ndarray:
    return np.array([GateDecision(f, 1.0, 0.0).vetoed for f in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index-dir", type=Path, default=REPO / ".briefing" / "eval-union-index")
    parser.add_argument("--dry-run", action="store_true", help="report, but do not write the model")
    parser.add_argument("--dump", type=Path, help="write every question's features and best quote here")
    args = parser.parse_args()

    answerer = Answerer(union_index(args.index_dir))
    other_answerer = Answerer(union_index(own_index_dir(args.index_dir, "other"), (OTHER_CORPUS,)))
    extra, other = load_questions(SETS["extra"]), load_questions(OTHER)
    fit_on = load_questions(SETS["dev"]) + [q for q in extra if not is_held_back(q)] + load_questions(TRAINING)
    other_fit = [q for q in other if not is_held_back(q)]
    held_back = [q for q in extra if is_held_back(q)]
    other_held = [q for q in other if is_held_back(q)]
    dump: list[dict] = []
    f_fit = features(answerer, fit_on, dump) + features(other_answerer, other_fit, dump)
    f_held = features(answerer, held_back, dump) + features(other_answerer, other_held, dump)
    fit_on, held_back = fit_on + other_fit, held_back + other_held
    x_fit = np.array([f.values(WEIGHED) for f in f_fit])
    x_held = np.array([f.values(WEIGHED) for f in f_held])
    v_fit, v_held = vetoes(f_fit), vetoes(f_held)
    if args.dump:
        args.dump.write_text(json.dumps(dump, ensure_ascii=False, indent=1))
    y_fit = np.array([int(q.answerable) for q in fit_on])
    y_held = np.array([int(q.answerable) for q in held_back])

    mean, scale = x_fit.mean(axis=0), x_fit.std(axis=0) + 1e-6
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=1000)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    out_of_fold = cross_val_predict(model, (x_fit - mean) / scale, y_fit, cv=folds, method="predict_proba")[:, 1]
    candidates = np.unique(out_of_fold)
    threshold = float(max(candidates, key=lambda t: (sum(rates(out_of_fold, v_fit, y_fit, t)), -t)))
    model.fit((x_fit - mean) / scale, y_fit)
    p_held = model.predict_proba((x_held - mean) / scale)[:, 1]

    names = WEIGHED
    print("feature weights:", ", ".join(f"{n} {c:+.2f}" for n, c in zip(names, model.coef_[0], strict=True)))
    print(f"threshold {threshold:.3f}")
    print("fit (out-of-fold): answer {:.3f} refusal {:.3f}".format(*rates(out_of_fold, v_fit, y_fit, threshold)))
    print("held-back:         answer {:.3f} refusal {:.3f}".format(*rates(p_held, v_held, y_held, threshold)))
    answered = (p_held >= threshold) & ~v_held
    for category in sorted({q.category for q in held_back if not q.answerable and q.category}):
        refused = [not a for q, a in zip(held_back, answered, strict=True) if q.category == category]
        print(f"  held-back refusal [{category}] {sum(refused)}/{len(refused)}")
    for q, p, v in zip(held_back, p_held, v_held, strict=True):
        if (p >= threshold and not v) != q.answerable:
            print(f"  ✗ {q.id} [{q.category}] p={p:.2f} veto={v} {q.question}")
    if not args.dry_run:
        MODEL.write_text(
            json.dumps(
                {
                    "_about": "Written by scripts/fit_gate.py; fitted on the dev set, the odd ids of the "
                    "extended and other sets and tests/data/gate_train.jsonl.",
                    "names": names,
                    "mean": [round(float(v), 6) for v in mean],
                    "scale": [round(float(v), 6) for v in scale],
                    "coef": [round(float(v), 6) for v in model.coef_[0]],
                    "intercept": round(float(model.intercept_[0]), 6),
                    "threshold": round(threshold, 6),
                },
                indent=2,
            )
            + "\n"
        )
        print(f"wrote {MODEL}")


if __name__ == "__main__":
    main()
