"""Tie-breaks of quote ranking, with an encoder whose similarities the test sets."""

from __future__ import annotations

import numpy as np
import pytest

from answering.answer_type import AnswerType
from answering.evidence import SentenceVectors, candidate_spans, favoured, rank_evidence
from retrieval import DocumentInfo, Hit


class _Encoder:
    """The question is the unit vector (1, 0); a passage's vector has the cosine `sims[text]`,
    whatever title it is encoded after ("title. text")."""

    def __init__(self, sims: dict[str, float]) -> None:
        self.sims = sims
        self.encoded: list[str] = []

    def encode_queries(self, texts: list[str], language: str | None = None) -> np.ndarray:
        return np.array([[1.0, 0.0]] * len(texts), dtype=np.float32)

    def encode_passages(self, texts: list[str], language: str | None = None) -> np.ndarray:
        self.encoded += texts
        sims = [self.sims[t.partition(". ")[2]] for t in texts]
        return np.array([[s, np.sqrt(1 - s**2)] for s in sims], dtype=np.float32)


class _Index:
    def __init__(self, texts: dict[str, str], sims: dict[str, float]) -> None:
        self.texts = texts
        self.embedder = _Encoder(sims)

    def document_text(self, doc_id: str) -> str:
        return self.texts[doc_id]


def _hit(doc_id: str, language: str, text: str) -> Hit:
    info = DocumentInfo(doc_id, doc_id, language, None, None, None, f"{doc_id}.md", "h")
    return Hit(f"{doc_id}::c0000", text, 1.0, 0, len(text), info, 0.8)


def _rank(index: _Index, hits: list[Hit], **kwargs):  # type: ignore[no-untyped-def]
    question = index.embedder.encode_queries(["?"])[0]
    return rank_evidence(question, hits, SentenceVectors(index.embedder), **kwargs)


def test_a_nearly_equal_quote_in_the_askers_language_comes_first() -> None:
    fr = "La surveillance du cessez-le-feu sera dirigée par les États-Unis."
    uk = "Моніторинг припинення вогню очолять Сполучені Штати."
    # The French passage is retrieved first; the Ukrainian sentence is a hair closer.
    index = _Index({"fr": fr, "uk": uk}, {fr: 0.850, uk: 0.857})
    hits = [_hit("fr", "fr", fr), _hit("uk", "uk", uk)]
    assert _rank(index, hits, reply_language="uk")[0].hit.document.id == "uk"
    assert _rank(index, hits, reply_language="de")[0].hit.document.id == "fr"
    # A clearly better quote in another language still wins.
    index = _Index({"fr": fr, "uk": uk}, {fr: 0.870, uk: 0.857})
    assert _rank(index, hits, reply_language="uk")[0].hit.document.id == "fr"


def test_a_sentence_is_encoded_after_its_documents_title() -> None:
    """Read in context, as in its document: the title names the topic for every sentence, so the
    lead sentence does not win by naming it."""
    text = "The coldest month is January."
    index = _Index({"klimat": text}, {text: 0.8})
    info = DocumentInfo("klimat", "Climate of Kyiv.", "en", None, None, None, "klimat.md", "h")
    _rank(index, [Hit("klimat::c0000", text, 1.0, 0, len(text), info, 0.8)])
    assert index.embedder.encoded == ["Climate of Kyiv. The coldest month is January."]


def test_a_quote_holding_the_wanted_quantity_comes_first() -> None:
    vague = "Most of the agreements were concluded for a long period."
    exact = "Most of the agreements run for ten years."
    text = f"{vague} {exact}"
    index = _Index({"a": text}, {vague: 0.86, exact: 0.855, text: 0.85})
    hits = [_hit("a", "en", text)]
    question = "For how many years do the agreements run?"
    assert _rank(index, hits)[0].text == vague
    assert _rank(index, hits, wanted=AnswerType.QUANTITY, question=question)[0].text == exact


def test_an_abbreviation_before_a_number_does_not_cut_a_quote() -> None:
    for text, whole in [
        ("Die Stelle wurde mit Beschluss Nr. 42 des Rates geschaffen. Sie besteht bis heute.", "Nr. 42 des Rates"),
        ("Рішення ухвалено відповідно до ст. 12 статуту. Воно набуло чинності.", "ст. 12 статуту"),
        ("El comité se creó por la resolución núm. 7 del consejo. Se reunió en mayo.", "núm. 7 del consejo"),
        ("See p. 14 for the full list. It was published in 2020.", "p. 14 for"),
    ]:
        quotes = [text[s:e] for s, e in candidate_spans(text, 0, len(text))]
        assert all(q[:1].isupper() for q in quotes), quotes  # no quote opens on the number
        assert any(whole in q and q.endswith(".") and q.count(". ") == 1 for q in quotes), quotes
    # Two sentences still stand apart when the first ends on an ordinary word.
    text = "The council met in Geneva. It agreed on the plan."
    assert "The council met in Geneva." in [text[s:e] for s, e in candidate_spans(text, 0, len(text))]


def test_a_day_written_as_an_ordinal_stays_with_its_month() -> None:
    text = "Die letzten Kernkraftwerke gingen am 15. April 2023 vom Netz. Am 1. Januar 1949 trat sie in Kraft."
    quotes = [text[s:e] for s, e in candidate_spans(text, 0, len(text))]
    assert "Die letzten Kernkraftwerke gingen am 15. April 2023 vom Netz." in quotes
    assert "Am 1. Januar 1949 trat sie in Kraft." in quotes
    # A number ending a sentence before another that does not open on a month still ends it.
    text = "Die Mannschaft gewann 3:1 und wurde Erster am Tag 15. Danach kam die Pause."
    assert "Danach kam die Pause." in [text[s:e] for s, e in candidate_spans(text, 0, len(text))]


def test_initials_stay_with_their_name() -> None:
    text = "Заповідник імені Ф. Е. Фальц-Фейна заснували 1898 року. Його очолив J. R. Smith."
    quotes = [text[s:e] for s, e in candidate_spans(text, 0, len(text))]
    assert "Заповідник імені Ф. Е. Фальц-Фейна заснували 1898 року." in quotes
    assert "Його очолив J. R. Smith." in quotes
    assert "Е." not in quotes


def test_a_favoured_quote_gains_its_bonus_and_its_place() -> None:
    lead = "The festival is held every summer on the quays."
    dated = "In July 2015 a floating stage was added."
    index = _Index({"a": lead, "b": dated}, {lead: 0.86, dated: 0.83})
    ranked = _rank(index, [_hit("a", "en", lead), _hit("b", "en", dated)])
    assert ranked[0].text == lead
    raised = favoured(ranked, lambda ev: "2015" in ev.text, 0.05)
    assert [ev.text for ev in raised] == [dated, lead]
    assert raised[0].score == pytest.approx(0.83 - 0.01 + 0.05, abs=1e-6)
    assert favoured(ranked, lambda ev: False, 0.05) == ranked


def test_a_title_standing_alone_is_no_quote_but_a_long_list_item_is() -> None:
    title = "Матч за звание чемпиона мира по шахматам 2023 года: как Дин Лижэнь стал чемпионом"
    claim = "В апреле 2023 года в Астане прошёл матч за звание чемпиона мира по шахматам."
    item = "- Ukraine agreed to hand over the nuclear weapons it had inherited to Russia for dismantlement"
    text = f"{title}\n\n{claim}\n\n{item}\n\nThe end."
    quotes = [text[s:e] for s, e in candidate_spans(text, 0, len(text))]
    assert title not in quotes
    assert claim in quotes and item in quotes
    # The same words without a final stop inside a paragraph are a sentence cut by a line break.
    text = f"{claim}\n{title}\nи что было дальше."
    assert title in [text[s:e] for s, e in candidate_spans(text, 0, len(text))]


def test_list_items_are_quotes_and_keep_their_numbers() -> None:
    text = (
        "## Ingredientes\n\n- 1 kg de tomates bien maduros\n- Notas\n\n"
        "1. Lava las hortalizas.\n2. Tritura todo. Sirve frío."
    )
    quotes = [text[s:e] for s, e in candidate_spans(text, 0, len(text))]
    assert "- 1 kg de tomates bien maduros" in quotes  # short, no final stop, but a fact
    assert "- Notas" not in quotes
    assert "2. Tritura todo." in quotes
    assert not any(q in {"1.", "2."} or q.endswith("\n2.") for q in quotes), quotes


def test_table_rows_are_quotes_and_their_header_is_not() -> None:
    text = (
        "Tabela 2.\nPunkt | Odległość od startu | Uwagi\nSmågan | 11 km | pierwszy punkt\n"
        "Evertsberg | 47 km | półmetek\n\n| Okres | Dowódca |\n|---|---|\n| 2007–2010 | Claudio Graziano |\n\nKoniec."
    )
    quotes = [text[s:e] for s, e in candidate_spans(text, 0, len(text))]
    assert "Evertsberg | 47 km | półmetek" in quotes
    assert "| 2007–2010 | Claudio Graziano |" in quotes
    assert "Punkt | Odległość od startu | Uwagi" not in quotes and "| Okres | Dowódca |" not in quotes
    assert "|---|---|" not in quotes
