"""Content terms and the gate's checks on single quotes, with the real embedding model."""

import pytest

from answering.answer_type import counted_words
from answering.evidence import Evidence
from answering.gate import Gate
from answering.inflection import lemma
from answering.terms import Term, TermMatcher, compound_parts, content_terms, counted_terms, coverage
from retrieval import DocumentInfo, Hit


def quote(text: str, language: str, title: str = "Title") -> Evidence:
    doc = DocumentInfo("d", title, language, None, None, None, "d.md", "hash")
    return Evidence(Hit("d::c0000", text, 1.0, 0, len(text), doc), 0, 0, len(text), text, 0.85)


def test_interrogatives_and_function_words_carry_no_content() -> None:
    terms = {t.text: t.weight for t in content_terms("How many monitors did the OSCE have in 2019?", "en")}
    assert {"monitors", "osce", "2019"} <= set(terms)
    assert not {"how", "many", "did", "the", "have"} & set(terms)
    assert terms["osce"] > terms["monitors"] > 0
    uk = {t.text for t in content_terms("Скільки спостерігачів мала місія ОБСЄ?", "uk")}
    assert "скільки" not in uk and {"спостерігачів", "обсє"} <= uk


def test_what_how_many_counts_is_the_noun_after_it_however_common() -> None:
    def counted(question: str, language: str) -> list[str]:
        return [t.text for t in counted_terms(counted_words(question, language), language)]

    assert counted("How many people were evacuated from Pripyat?", "en") == ["people"]
    assert counted("Скільки людей евакуювали з Прип'яті?", "uk") == ["людей"]  # a verb ends it
    assert counted("¿Cuántas personas fueron evacuadas?", "es") == ["personas"]
    assert counted("Combien de précipitations tombent à Kyiv ?", "fr")[0] == "précipitations"
    assert counted("Сколько стоит годовой абонемент?", "ru") == ["годовой", "абонемент"]  # "стоит" is a verb
    # Other languages' verbs end the run by their endings, German ones by their lowercase first
    # letter; the counted noun and its adjectives stay.
    assert counted("Ilu obserwatorów liczyła misja?", "pl") == ["obserwatorów"]
    assert counted("Ile państw wystąpiło o konsultacje?", "pl") == ["państw"]
    assert counted("¿Cuántas décadas duraron las negociaciones?", "es") == ["décadas"]
    assert counted("Combien de navires partaient d'Odessa ?", "fr") == ["navires"]
    assert counted("Quanti soldati arrivarono a Kyiv?", "it") == ["soldati"]
    assert counted("Für wie viele Jahre gelten die Abkommen?", "de") == ["jahre"]
    assert counted("Wie viele ukrainische Soldaten wurden ausgebildet?", "de") == ["ukrainische", "soldaten"]


def test_what_a_sum_of_money_is_paid_for_is_counted_without_the_verb_of_paying() -> None:
    def counted(question: str, language: str) -> list[str]:
        return [t.text for t in counted_terms(counted_words(question, language), language)]

    # A verb of paying or costing in any tense, after auxiliaries, is what is asked, not what is counted.
    assert counted("Quanto è costato alla NASA il telescopio?", "it") == []  # who paid is not what is priced
    assert counted("Ile będzie kosztować odbudowa?", "pl") == ["odbudowa"]
    assert counted("Wie viel hat das Teleskop gekostet?", "de") == ["teleskop"]
    assert counted("Ile kosztuje bilet siedmiodniowy?", "pl") == ["bilet", "siedmiodniowy"]
    assert counted("Combien coûte le billet d'entrée ?", "fr") == ["billet"]
    assert counted("Czy Grecja płaci za misję? Jeśli tak, to ile płaci?", "pl") == []
    # "How much money" asks for a sum, whatever the verb: its currency names the money.
    assert counted("Ile pieniędzy Gazprom przelał Naftohazowi?", "pl") == []
    assert counted("Combien d'argent la France a-t-elle versé ?", "fr") == []
    # Another question word ends what the first asks about.
    assert counted("Quanto costerebbe e quanto tempo richiederebbe la ricostruzione?", "it") == []
    # "How many … pay for" still counts soldiers; a coast is no price.
    assert counted("How many soldiers will the coalition pay for?", "en") == ["soldiers"]
    assert counted("Quante navi hanno lasciato la costa?", "it") == ["navi"]


@pytest.mark.slow
def test_terms_are_found_across_languages_and_scripts(embedder) -> None:
    matcher = TermMatcher(embedder)
    terms = content_terms("Wie viele Soldaten schickte Budapest 1994?", "de")
    text = "In 1994 the government in Budapest sent three hundred soldiers."
    found = dict(zip([t.text for t in terms], matcher.matched(terms, "de", text, "en"), strict=True))
    assert found["budapest"] == 1.0 and found["1994"] == 1.0  # a name, a number
    assert found["soldaten"] >= 0.5  # a translation
    # An inflected word is compared by its dictionary form too ("суден" by "судно").
    assert lemma("суден", "uk") == "судно" and lemma("vessels", "en") == "vessels"
    inflected, dictionary_form = Term("суден", 1.0), Term("судно", 1.0)
    found = matcher.matched([inflected, dictionary_form], "uk", "Ukraine sent 60 vessels.", "en")
    assert found[0] == found[1] > 0
    ru = content_terms("Сколько стоил бюджет миссии?", "ru")
    unrelated = coverage(ru, matcher.matched(ru, "ru", "Das Hauptquartier wechselt halbjährlich.", "de"))
    assert unrelated < 0.3
    # A German compound names its parts: "Südossetien" is South Ossetia.
    ossetia = [Term("ossétie", 1.0), Term("sud", 1.0)]
    assert matcher.matched(ossetia, "fr", "Die Treffen für Südossetien finden in Ergneti statt.", "de") == [1.0, 1.0]
    assert compound_parts("südossetien") >= {"süd", "ossetien"} and not compound_parts("vertrag") & {"ossetien"}


@pytest.mark.slow
def test_how_many_wants_a_quantity_of_the_counted_thing(embedder) -> None:
    gate = Gate(embedder)
    budapest = quote("On 5 December 1994, at the CSCE summit in Budapest, Ukraine signed the memorandum.", "en")
    assert not gate.typed("Сколько ядерных боеголовок передала Украина?", "ru", budapest)  # a date is no count
    mission = quote("All'inizio la missione contava 100 osservatori civili.", "it")
    assert gate.typed("Ilu obserwatorów liczyła na początku misja?", "pl", mission)
    assert not gate.typed("Wie viele Soldaten hatte die Mission?", "de", quote("La missione aveva 12 sedi.", "it"))
    assert gate.typed("Who led the mission?", "en", mission)  # no type wanted


@pytest.mark.slow
def test_a_quantity_must_count_all_that_the_question_counts(embedder) -> None:
    gate = Gate(embedder)
    # A price next to another ticket does not price the one asked about.
    monthly = quote("A monthly ticket costs 35 euros.", "en")
    assert gate.typed("Сколько стоит месячный билет?", "ru", monthly)
    assert not gate.typed("Сколько стоит годовой абонемент?", "ru", monthly)
    assert gate.typed("Ile kosztuje bilet miesięczny?", "pl", quote("Il biglietto mensile costa 35 euro.", "it"))
    monatskarte = quote("Die Monatskarte kostet 86 Euro.", "de")
    assert not gate.typed("Ile kosztuje bilet tygodniowy na tramwaj?", "pl", monatskarte)
    # Ships are not matched by a number of years next to the fleet.
    fleet = quote("La flota quedó bajo mando conjunto durante 20 años.", "es")
    assert not gate.typed("¿Cuántos buques recibió Georgia de la flota?", "es", fleet)
    # In the question's own language the counted thing is named by its stem, not by a word on its topic.
    decades = quote("Fue el documento básico de las relaciones bilaterales durante dos décadas.", "es")
    assert not gate.typed("¿Con cuántos votos a favor se ratificó el tratado?", "es", decades)
    assert gate.typed("¿Durante cuántas décadas fue el documento básico?", "es", decades)
    # "How many times" counts occasions in whatever the quote counts them, of what the question names.
    invoked = quote("The Alliance's clause has been invoked 3 times since the treaty was signed.", "en")
    assert gate.typed("How many times has the Alliance's clause been invoked?", "en", invoked)
    wins = quote("Najwięcej zwycięstw – dziewięć – odniósł Nils Karlsson, zwany Mora-Nisse.", "pl")
    assert gate.typed("Quante volte ha vinto la gara lo sciatore Mora-Nisse?", "it", wins)
    allies = quote("Fin 2023, l'article 4 avait été invoqué formellement sept fois par les Alliés.", "fr")
    assert not gate.typed("Quante volte la Turchia ha invocato l'articolo 4?", "it", allies)
    # A body or a treaty names what is counted in, not who did it: NATO need not be in the quote.
    once = quote("Artykuł 5 został uruchomiony tylko raz: po atakach 11 września 2001 roku.", "pl")
    assert gate.typed("Скільки разів застосовували статтю 5 НАТО?", "uk", once)
    # Asked how many and when, a quote giving the years answers in part.
    years = quote("Mathieu van der Poel, the Dutch rider, won in 2020, 2022 and 2024.", "en")
    assert gate.typed("¿Cuántas veces ha ganado Mathieu van der Poel y en qué años?", "es", years)
    assert not gate.typed("¿Cuántas veces ha ganado Mathieu van der Poel?", "es", years)
    # In the question's language, the dictionary tells that "дня" counts the "дней" asked for.
    siege = quote("Блокада длилась 872 дня.", "ru")
    assert gate.typed("Сколько дней продолжалась блокада Ленинграда?", "ru", siege)
    assert not gate.typed("Сколько жителей погибло в блокаду?", "ru", siege)
    # When a country did something is not said by other countries' dates.
    spain = quote("España ingresó el 24 de noviembre de 1977, dos años después de la muerte de Franco.", "es")
    assert not gate.typed("Коли Україна вступила до Ради Європи?", "uk", spain)
    assert gate.typed("Коли Іспанія вступила до Ради Європи?", "uk", spain)
    assert gate.typed("Коли Україна вступила до Ради Європи?", "uk", quote("Ucrania ingresó en 1995.", "es"))
    # Counted in a unit, the count is the unit as the text writes it.
    row = quote("Evertsberg | 47 km | półmetek, bufet i serwis", "pl")
    assert gate.typed("¿A cuántos kilómetros de la salida está Evertsberg?", "es", row)
    assert not gate.typed(
        "¿A cuántos kilómetros de la salida está Evertsberg?", "es", quote("Evertsberg | 47 | bufet", "pl")
    )


def test_names_among_the_counted_words_are_left_out_unless_only_names_are_counted() -> None:
    assert counted_words("How many times has NATO invoked it?", "en") == ""  # occasions, counted any way
    # Who pays whom is no part of what is priced; a length or a mass counts nothing.
    assert counted_words("Ile Ukraina zapłaciła Brytyjczykom za stację?", "pl") == ""
    assert counted_words("Quelle est la longueur du Danube ?", "fr") == ""
    assert counted_words("¿Cuántos buques recibió Rusia?", "es") == "buques recibió"
    assert counted_words("Combien de Rafale la France a-t-elle vendus ?", "fr") == "de Rafale la"
    assert counted_words("Wie viele Soldaten schickte Polen?", "de") == "Soldaten schickte Polen"


@pytest.mark.slow
def test_a_quote_naming_only_its_documents_topic_is_refused(embedder) -> None:
    gate = Gate(embedder)
    title = "Український борщ: класичний рецепт"
    opening = quote("Борщ — густий суп на буряку, одна з найвідоміших страв української кухні.", "uk", title)
    serving = quote("Готовий борщ подають зі сметаною і пампушками з часником.", "uk", title)

    def vetoed(question: str, language: str, best: Evidence) -> bool:
        features = gate.features(question, language, [best.hit], [best])
        return gate.decide(features).vetoed

    # Wine: the quote names the borscht of the title and nothing that is asked about it.
    assert vetoed("Какое вино подают к борщу?", "ru", opening)
    assert vetoed("Quel vin servir avec le bortsch ?", "fr", opening)
    # What is asked beyond the topic is in the quote, or nothing is asked beyond it: not vetoed.
    assert not vetoed("З чим подають борщ?", "uk", serving)
    assert not vetoed("Z czym podaje się barszcz?", "pl", serving)
    assert not vetoed("Що таке борщ?", "uk", opening)
