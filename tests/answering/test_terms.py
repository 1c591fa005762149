"""Content terms and the gate's checks on single quotes, with the real embedding model."""

import pytest

from answering.evidence import Evidence
from answering.gate import Gate
from answering.terms import TermMatcher, content_terms, coverage
from retrieval import DocumentInfo, Hit


def quote(text: str, language: str) -> Evidence:
    doc = DocumentInfo("d", "Title", language, None, None, None, "d.md", "hash")
    return Evidence(Hit("d::c0000", text, 1.0, 0, len(text), doc), 0, 0, len(text), text, 0.85)


def test_interrogatives_and_function_words_carry_no_content() -> None:
    terms = {t.text: t.weight for t in content_terms("How many monitors did the OSCE have in 2019?", "en")}
    assert {"monitors", "osce", "2019"} <= set(terms)
    assert not {"how", "many", "did", "the", "have"} & set(terms)
    assert terms["osce"] > terms["monitors"] > 0
    uk = {t.text for t in content_terms("Скільки спостерігачів мала місія ОБСЄ?", "uk")}
    assert "скільки" not in uk and {"спостерігачів", "обсє"} <= uk


@pytest.mark.slow
def test_terms_are_found_across_languages_and_scripts(embedder) -> None:
    matcher = TermMatcher(embedder)
    terms = content_terms("Wie viele Soldaten schickte Budapest 1994?", "de")
    text = "In 1994 the government in Budapest sent three hundred soldiers."
    found = dict(zip([t.text for t in terms], matcher.matched(terms, "de", text, "en"), strict=True))
    assert found["budapest"] == 1.0 and found["1994"] == 1.0  # a name, a number
    assert found["soldaten"] >= 0.5  # a translation
    ru = content_terms("Сколько стоил бюджет миссии?", "ru")
    unrelated = coverage(ru, matcher.matched(ru, "ru", "Das Hauptquartier wechselt halbjährlich.", "de"))
    assert unrelated < 0.3


@pytest.mark.slow
def test_how_many_wants_a_quantity_of_the_counted_thing(embedder) -> None:
    gate = Gate(embedder)
    budapest = quote("On 5 December 1994, at the CSCE summit in Budapest, Ukraine signed the memorandum.", "en")
    assert not gate.typed("Сколько ядерных боеголовок передала Украина?", "ru", budapest)  # a date is no count
    mission = quote("All'inizio la missione contava 100 osservatori civili.", "it")
    assert gate.typed("Ilu obserwatorów liczyła na początku misja?", "pl", mission)
    assert not gate.typed("Wie viele Soldaten hatte die Mission?", "de", quote("La missione aveva 12 sedi.", "it"))
    assert gate.typed("Who led the mission?", "en", mission)  # no type wanted
