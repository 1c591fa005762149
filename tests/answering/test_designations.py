"""Numbers that are part of a name ("Apollo 12") belong to the quote's document, not to a near
neighbour that mentions them in passing."""

from answering.designations import Designation, designations, tells_of

APOLLO_11 = (
    "«Аполлон-11» — пилотируемый полёт НАСА. Экипаж «Аполлона-11» провёл в карантине 21 день. "
    "Следующая высадка состоялась в ходе миссии «Аполлон-12»."
)
APOLLO_12 = "Apollo 12 była szóstą załogową misją. Po locie Apollo 11 załoga Apollo 12 wylądowała w Oceanie."


def test_a_designation_is_a_capitalized_word_and_a_short_number() -> None:
    assert designations("Combien de jours l'équipage d'Apollo 12 a-t-il passé en quarantaine ?") == [
        Designation("Apollo", "12")
    ]
    assert [d.number for d in designations("How heavy is the Leopard 2A7?")] == ["2a7"]
    assert [d.number for d in designations("Когда совершил первый полёт Ту-144?")] == ["144"]
    # Years, dates and ordinals are no designations.
    assert designations("Who signed it in January 2024?") == []
    assert designations("Was geschah am 12. Mai?") == []
    assert designations("Kiedy otwarto 3 maja?") == []


def test_a_quote_tells_of_a_designation_its_document_is_about() -> None:
    apollo_12 = Designation("Apollo", "12")
    quarantine = "Экипаж «Аполлона-11» провёл в карантине 21 день."
    # The Apollo 11 article names Apollo 12 once, in the very passage: it is not about it.
    assert not tells_of(apollo_12, quarantine, APOLLO_11, APOLLO_11)
    assert tells_of(Designation("Apollo", "11"), quarantine, APOLLO_11, APOLLO_11)
    # The Apollo 12 article is, whatever the quote writes.
    assert tells_of(apollo_12, "Załoga wylądowała w Oceanie.", APOLLO_12, APOLLO_12)
    # A quote writing the number tells of it, wherever it stands.
    assert tells_of(apollo_12, "Следующая высадка состоялась в ходе миссии «Аполлон-12».", APOLLO_11, APOLLO_11)
    # A document that attaches no number to the name: the passage must write it.
    article = Designation("Article", "5")
    nato = "Статтю 5 застосовували лише раз. Стаття 4 передбачає консультації."
    assert tells_of(article, "Її застосовували лише раз.", nato, nato)
    assert not tells_of(article, "Консультації відбулися сім разів.", "Консультації відбулися сім разів.", nato)
