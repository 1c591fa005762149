"""Decide whether the sources answer a question, before anything is composed.

Similarity alone cannot decide it: e5's cosine is compressed (answerable and unanswerable
questions overlap by 0.05 on the extended set), and a passage on the right topic that lacks the
asked detail scores as high as the answer. So the decision combines signals that each catch one
way a reply goes wrong, in a logistic model fitted by `scripts/fit_gate.py` on questions apart
from the held-back evaluation split (weights in data/gate_model.json):
- `quote_similarity`, `top_dense`: how close the best quote (read alone, without the title it is
  ranked with) and the best passage are;
- `background`: how close the question is to sentences on unrelated topics (data/prototypes.json),
  so that a question close to everything is not taken as close to the sources;
- `quote_terms`, `passage_terms`: the weighted share of the question's content terms (names,
  numbers, key nouns) that the best quote, and its passage, name (`terms.py`): "the annual
  budget", "in 2019", "who chaired" are what near misses lack;
- `missing_number`: a number of the question that no retrieved passage holds: numbers are
  written alike in every language, so "the 2018 World Cup" next to texts on 2014 and 2022 means
  the passages speak of something else; or a name's number ("Apollo 12") that the best quote
  does not tell of (`designations.py`);
- `type_fits`: a "how many"/"when" question needs a quantity or a date in the best quote,
  "how many X" a quantity next to X, and "which president…" a quote naming that role (`roles.py`);
- `chatter`: closeness to small talk, instructions to the assistant and requests for opinions or
  predictions, beyond closeness to plain factual questions (both written for this,
  data/prototypes.json), 0 for a question closer to the factual ones;
- `speculative`: the question asks for an opinion, advice or a prediction (`speculation.py`): no
  source answers it, however close a quote on its topic is;
- `focus_terms`: the share of the question's terms *beyond its document's title* that the best
  quote names. A distractor names the topic and nothing of what is asked about it ("Which wine goes
  with borscht?" quoted from the borscht recipe's opening line): when the quote names none of the
  terms its document's title does not already name, it does not answer;
- `names_missing`: the best quote's document lacks a name the question gives (`names.py`): the
  Warsaw metro's opening date does not say when Kharkiv's metro opened."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import astuple, dataclass, fields
from functools import cached_property
from importlib import resources
from typing import Any

import numpy as np

from answering.answer_type import (
    AnswerType,
    asks_when,
    counted_words,
    counts_occasions,
    expected_type,
    fits,
    quantity_contexts,
)
from answering.designations import designations, tells_of
from answering.entities import tells_of_other_countries
from answering.evidence import Evidence
from answering.measures import states_measure, unit_measure
from answering.names import NameMatcher, question_names
from answering.ports import Encoder
from answering.roles import asked_role, names_role
from answering.speculation import told_as_plans
from answering.terms import Term, TermMatcher, content_terms, counted_terms, coverage
from retrieval import Hit


@dataclass(frozen=True)
class GateFeatures:
    quote_similarity: float
    top_dense: float
    background: float
    quote_terms: float
    passage_terms: float
    missing_number: float
    type_fits: float
    chatter: float
    speculative: float
    focus_terms: float
    names_missing: float

    def values(self, names: list[str] | None = None) -> list[float]:
        return [float(getattr(self, n)) for n in names] if names else [float(v) for v in astuple(self)]

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


@dataclass(frozen=True)
class GateDecision:
    features: GateFeatures
    probability: float
    threshold: float

    @property
    def vetoed(self) -> bool:
        """A number the passages lack, a quote without the wanted kind of answer, a quote naming
        nothing the question asks beyond its document's topic, a document lacking a name the
        question gives, or a request for an opinion or a forecast is a refusal whatever the
        similarity: no weighing of other signals can make such a quote answer."""
        return (
            bool(self.features.missing_number)
            or not self.features.type_fits
            or self.features.focus_terms < FOCUS_MIN
            or bool(self.features.names_missing)
            or bool(self.features.speculative)
        )

    @property
    def covered(self) -> bool:
        return not self.vetoed and self.probability >= self.threshold


@dataclass(frozen=True)
class GateModel:
    """Standardized logistic regression: p = σ(coef · (x − mean) / scale + intercept)."""

    names: list[str]
    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float
    threshold: float

    @classmethod
    def load(cls) -> GateModel:
        data = json.loads(resources.files("answering").joinpath("data/gate_model.json").read_text("utf-8"))
        model = cls(**{f.name: data[f.name] for f in fields(cls)})
        if not set(model.names) <= set(GateFeatures.names()):
            raise ValueError("data/gate_model.json was fitted on other features: run scripts/fit_gate.py")
        return model

    def probability(self, features: GateFeatures) -> float:
        values = features.values(self.names)
        z = self.intercept + sum(
            c * (x - m) / s for c, x, m, s in zip(self.coef, values, self.mean, self.scale, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-z))


# Quotes re-ranked by the content terms they name, among the best few by similarity: the
# similarity of a one-sentence quote is compressed within about 0.03 among the top windows, so
# a quote naming what the question asks about should win over one that merely shares its topic.
RERANK_TOP = 8
# Half what it was before windows were read after their title: the title's terms, which every
# window of a document shares, were counted twice (fitting sets, wrong replies at 0.03 / 0.02 /
# 0.015 / 0.01 / 0: 22 / 21 / 19 / 19 / 18, answered 75 / 74 / 74 / 74 / 72 of 85).
TERM_WEIGHT = 0.015
# What a quantity counts is named next to it when the words there match this weighted share of
# the question's counted words ("bilet siedmiodniowy": a price next to "Deutschlandticket" names
# the ticket but not the seven days); a translation scores 0.5 and up on terms.py's scale.
COUNTED_MATCH = 0.5
# A further point must name this share of the question's terms on its own, else it is dropped.
POINT_TERMS = 0.5
# A title term is one the document's title names at least this surely; a quote naming less than
# FOCUS_MIN of the other terms names none of them (partial cross-lingual matches stay below it).
TITLE_MATCH = 0.5
FOCUS_MIN = 0.1
TYPED_MARGIN = 0.03


def prepare_gate(encoder: Encoder) -> None:
    """Embed the gate's prototypes through `encoder`, whose on-disk memo keeps them: done after a
    sync, the first question of a new process reads them (half a second less to wait)."""
    Gate(encoder).prepare()


class Gate:
    """`document_text` reads an indexed document's text, to check that it gives the question's
    names; without it (a gate that only prepares its prototypes) names are not checked."""

    def __init__(
        self,
        encoder: Encoder,
        model: GateModel | None = None,
        document_text: Callable[[str], str] | None = None,
    ) -> None:
        self._encoder = encoder
        self._model = model
        self.terms = TermMatcher(encoder)
        self._names = NameMatcher(self.terms, document_text) if document_text else None
        self._document_text = document_text

    @cached_property
    def model(self) -> GateModel:
        return self._model or GateModel.load()

    def prepare(self) -> None:
        """Embed the prototypes now rather than at the first question."""
        _ = self._prototypes

    @cached_property
    def _prototypes(self) -> dict[str, np.ndarray]:
        data: dict[str, Any] = json.loads(
            resources.files("answering").joinpath("data/prototypes.json").read_text("utf-8")
        )
        return {
            "chatter": self._encoder.encode_queries(data["not_a_question_for_the_sources"]),
            "factual": self._encoder.encode_queries(data["question_for_the_sources"]),
            "background": self._encoder.encode_passages(data["background"]),
        }

    def features(
        self,
        question: str,
        language: str,
        hits: list[Hit],
        ranked: list[Evidence],
        raw_vector: np.ndarray | None = None,
        speculative: bool = False,
        quote_similarity: float | None = None,
    ) -> GateFeatures:
        """`raw_vector` is the question's vector without language correction, as the prototypes'
        (the search's, so the question is not encoded twice); `speculative` is read off the
        question as asked, before its time expression is taken out (`speculation.py`);
        `quote_similarity` is the best quote's own, read without its document's title (its
        ranking similarity by default)."""
        raw = raw_vector if raw_vector is not None else self._encoder.encode_queries([question])[0]
        protos = self._prototypes
        # One-sided: a question more like a factual one than like small talk is not thereby one the
        # sources answer ("Who wrote the Divine Comedy?" is as factual as questions get).
        chatter = max(0.0, float((protos["chatter"] @ raw).max() - (protos["factual"] @ raw).max()))
        background = float((protos["background"] @ raw).mean())
        top_dense = max((h.dense_score for h in hits), default=0.0)
        if not ranked:
            return GateFeatures(0.0, top_dense, background, 0.0, 0.0, 1.0, 0.0, chatter, float(speculative), 0.0, 0.0)
        best = ranked[0]
        terms = content_terms(question, language)
        doc_language = best.hit.document.language
        quote_matches = self.terms.matched(terms, language, best.text, doc_language)
        passage = best.hit.text
        passage_terms = coverage(terms, self.terms.matched(terms, language, passage, doc_language))
        numbers = [t for t in terms if t.is_number]
        found = self.terms.matched(numbers, language, " ".join(h.text for h in hits), doc_language) if numbers else []
        if asked := designations(question):
            told = self._document_text(best.hit.document.id) if self._document_text else passage
            document = f"{best.hit.document.title}\n{told}"
            found += [float(tells_of(d, best.text, passage, document)) for d in asked]
        typed = self.typed(question, language, best)
        in_title = self.terms.matched(terms, language, best.hit.document.title, doc_language)
        focus = [(t, m) for t, m, titled in zip(terms, quote_matches, in_title, strict=True) if titled < TITLE_MATCH]
        return GateFeatures(
            best.similarity if quote_similarity is None else quote_similarity,
            top_dense,
            background,
            coverage(terms, quote_matches),
            passage_terms,
            float(not all(found)),
            float(typed),
            chatter,
            float(speculative),
            coverage([t for t, _ in focus], [m for _, m in focus]),
            float(self.lacks_names(question, language, best)),
        )

    def lacks_names(self, question: str, language: str, evidence: Evidence) -> bool:
        """Whether the quote's document lacks a name the question gives."""
        if self._names is None:
            return False
        return bool(self._names.missing(question_names(question, language), language, evidence.hit.document))

    def quote_terms(self, question: str, language: str, evidence: Evidence) -> float:
        terms = content_terms(question, language)
        return coverage(terms, self.terms.matched(terms, language, evidence.text, evidence.hit.document.language))

    def rerank(self, question: str, language: str, ranked: list[Evidence]) -> list[Evidence]:
        """`ranked` with the quotes of the closest document giving every name the question gives
        first, then its best few reordered by similarity plus the share of terms they name; when the
        question asks for a role, the quotes naming it first (any other is refused):
        those of the closest document, and another document's only if they name as many of the
        question's terms (else they tell of another event: "the president signed the 1997
        treaty" does not say who signed the 1994 memorandum)."""
        named: dict[int, float] = {}

        def terms_named(ev: Evidence) -> float:
            if id(ev) not in named:
                named[id(ev)] = self.quote_terms(question, language, ev)
            return named[id(ev)]

        giving: str | None = None
        if self._names is not None and (names := question_names(question, language)):
            # Documents are read in rank order up to the first that gives every name (reading one
            # the first time costs its words' vectors): its quotes lead, the others keep their order.
            giving = next(
                (
                    doc.id
                    for doc in {ev.hit.document.id: ev.hit.document for ev in ranked}.values()
                    if not self._names.missing(names, language, doc)
                ),
                None,
            )
            ranked = sorted(ranked, key=lambda ev: ev.hit.document.id != giving)
        role = asked_role(question)
        promoted: set[int] = set()
        if role and ranked:
            closest = ranked[0].hit.document.id
            # Measured against the closest document's best few, not its single closest quote: a
            # lead sentence naming little of the question would let any role-naming quote in.
            bar = max(terms_named(ev) for ev in ranked[:RERANK_TOP] if ev.hit.document.id == closest)
            promoted = {
                id(ev)
                for ev in ranked
                if names_role(ev.text, role) and (ev.hit.document.id == closest or terms_named(ev) >= bar)
            }
        ranked = sorted(ranked, key=lambda ev: id(ev) in promoted, reverse=True)
        head = ranked[:RERANK_TOP]
        # After the quotes naming the role asked for, the document giving the names keeps the lead,
        # whatever quotes of others reach the head.
        head.sort(
            key=lambda ev: (
                id(ev) in promoted,
                ev.hit.document.id == giving,
                ev.score + TERM_WEIGHT * terms_named(ev),
            ),
            reverse=True,
        )
        if head and not self.typed(question, language, head[0]):
            lead = head[0]
            typed = next(
                (
                    ev
                    for ev in head[1:]
                    if ev.hit.document.id == lead.hit.document.id
                    and ev.score >= lead.score - TYPED_MARGIN
                    and terms_named(ev) >= terms_named(lead)
                    and self.typed(question, language, ev)
                ),
                None,
            )
            if typed is not None:
                head.remove(typed)
                head.insert(0, typed)
        return head + ranked[RERANK_TOP:]

    def supports(self, question: str, language: str, evidence: Evidence) -> bool:
        """Whether a quote answers the question on its own: names enough of its terms, holds the
        wanted kind of answer and comes from a document giving the question's names. (Asking a
        further point to name as many terms as the first, the first being chosen partly for its
        terms, let a second point in almost never: when the first missed, the reply was wrong.)"""
        return (
            self.quote_terms(question, language, evidence) >= POINT_TERMS
            and self.typed(question, language, evidence)
            and not self.lacks_names(question, language, evidence)
        )

    def typed(self, question: str, language: str, evidence: Evidence) -> bool:
        """Whether the quote holds the kind of answer the question wants; for "how many X", a
        quantity named next to X: a number of something else does not answer it; for "which
        minister", a minister: a quote naming other people does not answer it either. In the
        question's own language X is named by its stem ("cuántos votos" is not "dos décadas").
        A question asking how many and when is answered in part by a date ("¿Cuántas veces ha
        ganado… y en qué años?": "won in 2020, 2022 and 2024"). When a country did something is
        not said by a date of other countries' ("Коли Україна вступила до Ради Європи?": "España
        ingresó el 24 de noviembre de 1977"), nor what happened in a year by a plan for that year."""
        doc_language = evidence.hit.document.language
        if not names_role(evidence.text, asked_role(question)) or told_as_plans(question, evidence.text):
            return False
        wanted = expected_type(question)
        if (
            wanted is AnswerType.QUANTITY
            and asks_when(question)
            and fits(evidence.text, AnswerType.TIME, question, doc_language)
        ):
            return True
        if not fits(evidence.text, wanted, question, doc_language):
            return False
        if wanted is AnswerType.TIME and tells_of_other_countries(question, language, evidence.text, doc_language):
            return False
        if counts_occasions(question) and not self._names_in_quote(question, language, evidence):
            return False
        things = counted_terms(counted_words(question, language), language)
        if not things:
            return True
        if unit := unit_measure(things[0].text):
            # "¿A cuántos kilómetros…": the unit is written as the text writes it ("47 km"), and
            # what else is counted is named next to it
            if not states_measure(evidence.text, unit):
                return False
            things = things[1:]
            if not things:
                return True
        return any(
            coverage(things, self.terms.matched(things, language, context, doc_language, stems_only=True))
            >= COUNTED_MATCH
            for context in quantity_contexts(evidence.text)
        )

    def _names_in_quote(self, question: str, language: str, evidence: Evidence) -> bool:
        """Whether the quote itself names one of the question's names other than bodies and treaties
        (true for a question giving none). "How many times" counts occasions of what someone did,
        and "times" is no noun to find next to the count: "sept fois" of all allies does not say how
        often Turkey invoked Article 4, while "dziewięć zwycięstw" names Mora-Nisse, whose wins are
        asked for."""
        names = question_names(question, language)
        # Bodies and treaties name what is counted in, not who did it ("статтю 5 НАТО").
        words = [
            Term(word, 1.0)
            for name in names
            for word, entity in name.words
            if entity is None or entity.kind not in ("organization", "treaty")
        ]
        if not words:
            return True
        found = self.terms.matched(words, language, evidence.text, evidence.hit.document.language)
        return max(found) >= TITLE_MATCH

    def decide(self, features: GateFeatures) -> GateDecision:
        return GateDecision(features, self.model.probability(features), self.model.threshold)
