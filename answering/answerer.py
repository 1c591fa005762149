"""Question → grounded, cited answer in the asker's language."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from answering.answer_type import expected_type
from answering.compact import tighten
from answering.compose_llm import LLMComposer, Passage
from answering.compose_offline import compose_answer, compose_not_covered, compose_notice
from answering.conversation import Conversation, Turn, offline_standalone
from answering.dating import none_dated_note, none_in_period_note, stale_as_of
from answering.errors import AnsweringError, LLMError
from answering.evidence import Evidence, SentenceVectors, favoured, pick_points, rank_evidence
from answering.gate import Gate, GateFeatures
from answering.language import choose_language, reply_language
from answering.ports import SearchIndex
from answering.settings import LLMSettings
from answering.speculation import speculative
from answering.timeframe import TimeFrame, parse_timeframe
from answering.types import Answer, AnswerKind
from answering.unanswerable import compose_unanswerable, unanswerable_kind
from retrieval import Hit, RetrievalError, SearchResult

log = logging.getLogger(__name__)

SEARCH_K = 5
MAX_POINTS = 3
# A second or third point must be nearly as close to the question as the first. Windows read
# after their title are closer together: at 0.02 a second point almost never passed (1.06 quotes
# per reply), and the first quote was then the only chance to hold the evidence. At 0.03 the
# fitting sets' wrong replies fell 24 → 22 (1.33 quotes per reply; 0.04: 21, at 1.52).
POINT_MARGIN = 0.03
CLOSEST_DOCUMENTS = 3
# A quote dating its event in the period the question names is preferred by five retrieval
# ranks: a list item ("- Nel luglio 2014, …") reads about 0.04 less close than the document's lead
# sentence. On the gate's fitting questions 0.03 moved no first quote and 0.05 moved one (none lost).
DATED_BONUS = 0.05


@dataclass(frozen=True)
class Assessment:
    """What the sources offer for a question: passages, candidate quotes best first, and what
    the refusal gate reads off them."""

    hits: list[Hit]
    ranked: list[Evidence]
    features: GateFeatures


class Answerer:
    """Answers questions from `index`; with `llm` settings, an LLM writes the briefing and the
    offline composer stands in whenever the model fails or says nothing verifiable. A time
    expression in a question ("since 2024", "у грудні") limits the sources to that period of
    publication, and to passages of any source that date their event in it; `today` is what
    relative ones ("last month") count from."""

    def __init__(
        self,
        index: SearchIndex | None,
        *,
        llm: LLMSettings | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.index = index
        self._today = today
        self._llm = LLMComposer(llm) if llm else None
        self._vectors = SentenceVectors(index.embedder) if index is not None else None
        self._gate = Gate(index.embedder, document_text=index.document_text) if index is not None else None

    def warm_up(self) -> None:
        """Load what the first question would otherwise wait for (language models, the lexical
        index, Chroma's segments): seconds once at start instead of on a user's first question."""
        self.ask("What do the sources say about security guarantees for Ukraine?")

    def ask(
        self,
        question: str,
        *,
        language: str | None = None,
        preferred_language: str | None = None,
        conversation: Conversation | None = None,
    ) -> Answer:
        started = time.perf_counter()
        choice = choose_language(
            question,
            explicit=language,
            conversation=conversation.language if conversation else None,
            preferred=preferred_language,
        )
        reply_in = reply_language(choice)
        timings: dict[str, float] = {}
        declined = unanswerable_kind(question)
        try:
            if declined is not None:
                # The question's own language says nothing here: reply in the asker's.
                context = choose_language(
                    "",
                    explicit=language,
                    conversation=conversation.language if conversation else None,
                    preferred=preferred_language,
                )
                answer, standalone = compose_unanswerable(question, reply_language(context), declined), question
            else:
                answer, standalone = self._answer(question, reply_in, choice.code, conversation, timings)
        except (RetrievalError, OSError) as exc:
            log.exception("answering failed: %s", exc)
            answer, standalone = compose_notice(question, reply_in, AnswerKind.ERROR), question
        timings["total"] = _ms(started)
        if conversation is not None and answer.kind in (AnswerKind.ANSWER, AnswerKind.NOT_COVERED):
            conversation.remember(Turn(question, standalone, reply_in))
        return replace(answer, timings_ms=timings, question=question)

    def _answer(
        self,
        question: str,
        reply_in: str,
        question_language: str,
        conversation: Conversation | None,
        timings: dict[str, float],
    ) -> tuple[Answer, str]:
        gate = self._gate
        if self.index is None or gate is None or self.index.is_empty():
            return compose_notice(question, reply_in, AnswerKind.INDEX_EMPTY), question
        standalone = self._standalone(question, conversation)

        started = time.perf_counter()
        today = self._today()
        frame = parse_timeframe(standalone, question_language, today)
        result = _search(self.index, standalone, question_language, frame)
        period, note = frame, ""
        if period is not None:
            unfiltered = _search(self.index, standalone, question_language, None)
            if not result and not period.strict:
                # "in 2022" may date the events, not the sources: all sources are searched, and
                # its year is then a term to find.
                note, frame = none_dated_note(reply_in, period), None
                result = _with_dated_passages(unfiltered, unfiltered, period)
            else:
                result = _with_dated_passages(result, unfiltered, period)
            if not result:
                lead = none_in_period_note(reply_in, period)
                return Answer(reply_in, AnswerKind.NOT_COVERED, lead, question=question), standalone
        # The filter already holds the sources to the period: its words are no terms to look for.
        asked = frame.remove_from(standalone) if frame else standalone
        assessment = self._assess(asked, question_language, reply_in, result, speculative(standalone, today), period)
        timings["retrieve"] = _ms(started)

        started = time.perf_counter()
        if not gate.decide(assessment.features).covered:
            answer = compose_not_covered(question, reply_in, assessment.ranked[:CLOSEST_DOCUMENTS])
        else:
            points = pick_points(
                assessment.ranked, MAX_POINTS, POINT_MARGIN, lambda ev: gate.supports(asked, question_language, ev)
            )
            points = [_tightened(gate, ev, assessment.ranked, asked, question_language) for ev in points]
            scores = {(ev.hit.chunk_id, ev.start, ev.end): ev.score for ev in assessment.ranked}

            def preference(sentence: Evidence) -> float:
                """A sentence holding the kind of answer wanted first, then one dating its event in the
                period the question names ("versò il 27 dicembre 2019" for "w grudniu 2019", not the
                2018 ruling before it), then the closest to the question."""
                typed = gate.typed(asked, question_language, sentence)
                dated = period is not None and period.dates_within(sentence.text, sentence.hit.document.language)
                score = scores.get((sentence.hit.chunk_id, sentence.start, sentence.end), 0.0)
                return float(typed) + float(dated) + score

            answer = self._compose(question, reply_in, assessment.hits, points, preference)
            answer.as_of = stale_as_of(answer.citations, today)
        if note:
            answer.lead = f"{note} {answer.lead}"
        timings["compose"] = _ms(started)
        return answer, standalone

    def assess(self, question: str, question_language: str, reply_in: str | None = None) -> Assessment:
        """Retrieve, rank quotes and read the gate's features, without composing (the gate's
        fitting script uses it)."""
        if self.index is None:
            raise AnsweringError("there is no index to answer from")
        result = _search(self.index, question, question_language, None)
        return self._assess(question, question_language, reply_in, result, speculative(question, self._today()))

    def _assess(
        self,
        question: str,
        question_language: str,
        reply_in: str | None,
        result: SearchResult,
        asks_opinion_or_forecast: bool,
        frame: TimeFrame | None = None,
    ) -> Assessment:
        """`frame` is the period the question names: a quote that dates its event in it comes a
        little ahead ("in July 2014" is answered by "Nel luglio 2014, …", not by the lead)."""
        if self._vectors is None or self._gate is None:
            raise AnsweringError("there is no index to answer from")
        # One language decision and one query encoding serve retrieval and evidence ranking alike.
        hits = list(result.hits)
        ranked = rank_evidence(result.query_vector, hits, self._vectors, expected_type(question), question, reply_in)
        if frame is not None:
            ranked = favoured(ranked, lambda ev: frame.dates_within(ev.text, ev.hit.document.language), DATED_BONUS)
        ranked = self._gate.rerank(question, question_language, ranked)
        alone = float(self._vectors.alone(ranked[0]) @ result.query_vector) if ranked else None
        features = self._gate.features(
            question, question_language, hits, ranked, result.raw_query_vector, asks_opinion_or_forecast, alone
        )
        return Assessment(hits, ranked, features)

    def _standalone(self, question: str, conversation: Conversation | None) -> str:
        last = conversation.last if conversation else None
        if self._llm is None or last is None:
            return offline_standalone(question, conversation)
        return self._llm.condense(question, last.standalone)

    def _compose(
        self,
        question: str,
        reply_in: str,
        hits: list[Hit],
        points: list[Evidence],
        preference: Callable[[Evidence], float],
    ) -> Answer:
        offline = compose_answer(question, reply_in, points, preference)
        if self._llm is None:
            return offline
        passages = [Passage(n, hit) for n, hit in enumerate(hits, start=1)]
        try:
            return self._llm.compose(question, reply_in, passages)
        except LLMError as exc:
            log.warning("LLM briefing unusable, answering offline: %s", exc)
            return offline


def _tightened(gate: Gate, point: Evidence, ranked: list[Evidence], question: str, language: str) -> Evidence:
    """`point` cut to its closest sentence only if that sentence names as many of the question's
    terms: the closest sentence is often the topic, not the answer."""
    named = gate.quote_terms(question, language, point)
    return tighten(point, ranked, lambda shorter: gate.quote_terms(question, language, shorter) >= named)


def _search(index: SearchIndex, question: str, language: str, frame: TimeFrame | None) -> SearchResult:
    published_from, published_to = (frame.published_from, frame.published_to) if frame else (None, None)
    return index.search(
        question, k=SEARCH_K, language=language, published_from=published_from, published_to=published_to
    )


def _with_dated_passages(published_in: SearchResult, unfiltered: SearchResult, frame: TimeFrame) -> SearchResult:
    """The passages of sources published in the period, after those of any source that date their
    event in it: "in March 2014", "after 2022" date the event as often as the source, and a
    source written later, or one without a date, is where an event is often told."""
    dated = [h for h in unfiltered.hits if frame.dates_within(h.text, h.document.language)]
    taken = {h.chunk_id for h in dated}
    hits = dated + [h for h in published_in.hits if h.chunk_id not in taken]
    return replace(unfiltered, hits=tuple(hits[:SEARCH_K]))


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)
