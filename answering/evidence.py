"""Pick the quotes: the sentence windows inside the retrieved passages closest to the question.

Candidates are one or two consecutive sentences of a passage (two when a fact spans a sentence
break, which single sentences missed on the dev set: the right quote was in the top three for 17
of 24 questions with single sentences, 19 with windows of up to two). Similarity is cosine of
e5 vectors with the index's language-bias correction, so a French sentence competes fairly with
a question in Ukrainian. A small penalty per retrieval rank lets the fused ranking break near
ties, since it also saw BM25 and the chunk as a whole."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from answering.answer_type import MONTHS, AnswerType, fits
from answering.ports import Encoder
from retrieval import Hit
from retrieval.sentences import sentence_spans

_WINDOW = 2
_RANK_PENALTY = 0.01
# When the question asks for a quantity or a date, a quote holding one is preferred over an
# equally close one without: three retrieval ranks (first quotes that held the evidence on the
# gate's fitting questions: 0.62 at 0.01, 0.66 at 0.03).
_TYPE_BONUS = 0.03
# Between equally good quotes, one in the reply's language needs no translation by the reader.
_SAME_LANGUAGE_BONUS = 0.005
# Headings ("De la dissuasion à la réaction automatique") carry no claim: a quote must read as a
# sentence, i.e. end like one, or be long enough to be one without the final stop and not stand
# alone on its line as its own paragraph, as a title does ("Матч за звание чемпиона мира по
# шахматам 2023 года: как Дин Лижэнь стал чемпионом"). A list item ("- 1 kg de tomates bien
# maduros") states a fact however short: it is what answers "how many tomatoes".
_SENTENCE_END = re.compile(r"""[.!?…:;»"”)]$""")
_MIN_WORDS_WITHOUT_STOP = 12
_LIST_ITEM = re.compile(r"(?:[-*•–—]|\d+[.)])\s")
# The marker and at least two words: "- 1 pepino pequeño", not "- Notes".
_MIN_ITEM_WORDS = 2
# A numbered item's marker, which the sentence splitter cuts off its text ("3. Tritura todo.").
_ITEM_NUMBER = re.compile(r"\d{1,3}[.)]")
# A word of at most four letters and a full stop, on the same line as what follows: "n.", "Nr.",
# "art.", "ст.".
_ABBREVIATION_END = re.compile(r"(?<![^\W\d_])[^\W\d_]{1,4}\.$")
# A day written as an ordinal before its month: "am 15." | "April 2023" is one date ("1. Januar").
_ORDINAL_DAY_END = re.compile(r"(?<!\d)\d{1,2}\.$")
# A capital letter alone before a stop is an initial ("Ф.", "J."), not a sentence's end.
_INITIAL_END = re.compile(r"(?:^|[\s(«\"„])[^\W\d_]\.$")
_FIRST_WORD = re.compile(r"[^\W\d_]+")
# A table row states a fact in its cells ("Evertsberg | 47 km | połowa trasy" answers how far the
# checkpoint is), however short and without a final stop.
_MIN_CELLS = 2


@dataclass(frozen=True)
class Evidence:
    """A candidate quote: `text == document_text[start:end]`, inside passage `hit`."""

    hit: Hit
    rank: int
    start: int
    end: int
    text: str
    similarity: float
    type_bonus: float = 0.0

    @property
    def score(self) -> float:
        return self.similarity - _RANK_PENALTY * self.rank + self.type_bonus


class SentenceVectors:
    """Passage-side vectors of sentence windows, cached per document version: an index changes
    rarely, so each window is encoded once per process.

    A window is encoded after its document's title, as a reader reads it in context: alone, the
    document's lead sentence, which names the topic, outranked the sentence that answers for any
    question on that topic; with the title in every window, the topic is shared and what else a
    sentence says decides (first quotes holding the evidence: 52 → 55 on the fitting sets, 20 → 23
    on the held-back ones; wrong replies 28 → 24 and 9 → 7; at the same cost)."""

    def __init__(self, encoder: Encoder) -> None:
        self._encoder = encoder
        self._cache: dict[tuple[str, str, int, int], np.ndarray] = {}
        self._alone: dict[tuple[str, str, int, int], np.ndarray] = {}

    def vectors(self, hit: Hit, spans: list[tuple[int, int]], texts: list[str]) -> np.ndarray:
        doc = hit.document
        keys = [(doc.id, doc.content_hash, s, e) for s, e in spans]
        missing = [i for i, key in enumerate(keys) if key not in self._cache]
        if missing:
            title = doc.title.rstrip(" .")
            encoded = self._encoder.encode_passages([f"{title}. {texts[i]}" for i in missing], doc.language)
            for i, vector in zip(missing, encoded, strict=True):
                self._cache[keys[i]] = vector
        return np.vstack([self._cache[key] for key in keys])

    def alone(self, evidence: Evidence) -> np.ndarray:
        """The quote's vector without its title: how close the sentence itself is, which the
        refusal gate weighs (the title lifts every sentence of a document toward any question on
        its topic: "What is the tallest building in the world?" to a theatre's history, 0.78 →
        0.81)."""
        doc = evidence.hit.document
        key = (doc.id, doc.content_hash, evidence.start, evidence.end)
        if key not in self._alone:
            self._alone[key] = self._encoder.encode_passages([evidence.text], doc.language)[0]
        return self._alone[key]


def candidate_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Windows of one or two sentences of text[start:end] that read as claims."""
    sentences = [(s, e) for s, e in quote_sentences(text, start, end) if _reads_as_claim(text, s, e)]
    windows = []
    for i in range(len(sentences)):
        for width in range(1, _WINDOW + 1):
            if i + width > len(sentences):
                break
            s, e = sentences[i][0], sentences[i + width - 1][1]
            if "\n\n" not in text[s:e]:  # never join across paragraphs
                windows.append((s, e))
    return windows


def _reads_as_claim(text: str, start: int, end: int) -> bool:
    sentence = text[start:end]
    if sentence.startswith("#"):
        return False
    if _table_line(sentence):
        return _table_row(text, start, sentence)
    if _SENTENCE_END.search(sentence) or (_LIST_ITEM.match(sentence) and len(sentence.split()) > _MIN_ITEM_WORDS):
        return True
    alone = _paragraph_edge(text[:start][::-1]) and _paragraph_edge(text[end:])
    return len(sentence.split()) >= _MIN_WORDS_WITHOUT_STOP and not alone


def _table_line(line: str) -> bool:
    """A line of a table as documents give them ("Evertsberg | 47 km | połowa trasy",
    "| 2007–2010 | Claudio Graziano | Italia |", "|---|---|"): two cells at least."""
    return len([cell for cell in line.strip().strip("|").split("|") if cell.strip()]) >= _MIN_CELLS


def _table_row(text: str, start: int, line: str) -> bool:
    """Whether a table line states a fact: it has words or numbers and a table line before it (the
    first names the columns; a markdown table's next line is its dashes)."""
    end = start - 1 if text[start - 1 : start] == "\n" else start
    previous = text[text.rfind("\n", 0, end) + 1 : end]
    return any(c.isalnum() for c in line) and _table_line(previous)


def _paragraph_edge(beside: str) -> bool:
    """Whether only blank space up to a blank line or the end of the text lies in `beside`."""
    gap = beside[: len(beside) - len(beside.lstrip())]
    return len(gap) == len(beside) or gap.count("\n") >= 2


def quote_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of text[start:end] as quotes take them: the splitter's, with what it split
    wrongly joined again. An abbreviated word before a number ("la decisione n. 1117", "Art. 5",
    "ст. 5"): a quote cut there lacks the number it is about; a day's ordinal before its month
    ("am 15. April 2023"); a numbered item's marker ("3.") and its text on the same line; a
    person's initials and the name after them ("імені Ф. Е. Фальц-Фейна": a quote "Е." says
    nothing)."""
    joined: list[tuple[int, int]] = []
    for s, e in sentence_spans(text, start, end):
        previous = text[joined[-1][0] : joined[-1][1]] if joined else ""
        same_line = bool(joined) and "\n" not in text[joined[-1][1] : s]
        first_word = _FIRST_WORD.match(text, s)
        if (
            (_ABBREVIATION_END.search(previous) and text[s:e][:1].isdigit())
            or (same_line and _ITEM_NUMBER.fullmatch(previous))
            or (same_line and _ORDINAL_DAY_END.search(previous) and first_word and first_word[0].casefold() in MONTHS)
            or (same_line and _INITIAL_END.search(previous) and previous[-2].isupper())
        ):
            joined[-1] = (joined[-1][0], e)
        else:
            joined.append((s, e))
    return joined


def rank_evidence(
    question_vector: np.ndarray,
    hits: Sequence[Hit],
    cache: SentenceVectors,
    wanted: AnswerType | None = None,
    question: str = "",
    reply_language: str | None = None,
) -> list[Evidence]:
    """All candidate quotes of `hits`, best first; those of the `wanted` answer type, and those in
    the reply's language, a little ahead."""
    found: list[Evidence] = []
    for rank, hit in enumerate(hits):
        # Windows are found in the passage itself and shifted to document offsets.
        local = candidate_spans(hit.text, 0, len(hit.text))
        if not local:
            continue
        texts = [hit.text[s:e] for s, e in local]
        spans = [(hit.start + s, hit.start + e) for s, e in local]
        language_bonus = _SAME_LANGUAGE_BONUS if hit.document.language == reply_language else 0.0
        sims = cache.vectors(hit, spans, texts) @ question_vector
        found += [
            Evidence(
                hit,
                rank,
                s,
                e,
                t,
                float(sim),
                (_TYPE_BONUS if wanted and fits(t, wanted, question, hit.document.language) else 0.0) + language_bonus,
            )
            for (s, e), t, sim in zip(spans, texts, sims, strict=True)
        ]
    return sorted(found, key=lambda ev: ev.score, reverse=True)


def favoured(ranked: list[Evidence], test: Callable[[Evidence], bool], bonus: float) -> list[Evidence]:
    """`ranked` re-sorted with `bonus` added to the score of the quotes that pass `test`."""
    raised = [replace(ev, type_bonus=ev.type_bonus + bonus) if test(ev) else ev for ev in ranked]
    return sorted(raised, key=lambda ev: ev.score, reverse=True)


def pick_points(
    ranked: list[Evidence], limit: int, margin: float, supported: Callable[[Evidence], bool] = lambda ev: True
) -> list[Evidence]:
    """The first quote, then up to `limit` - 1 more within `margin` of the best score, one per
    passage (so each passage is cited once), each `supported` on its own: a further point only
    when it is nearly as relevant as the first and answers by itself, so a briefing stays short
    and on topic."""
    chosen: list[Evidence] = ranked[:1]
    best = max((ev.score for ev in ranked), default=0.0)
    for ev in ranked[1:]:
        if len(chosen) == limit:
            break
        if ev.score < best - margin or any(ev.hit.chunk_id == c.hit.chunk_id or _overlaps(ev, c) for c in chosen):
            continue
        if supported(ev):
            chosen.append(ev)
    return chosen


def _overlaps(a: Evidence, b: Evidence) -> bool:
    return a.hit.document.id == b.hit.document.id and a.start < b.end and b.start < a.end
