import pytest

from answering.answer_type import AnswerType, counted_words, expected_type, fits
from answering.measures import Measure, asked_measure, states_measure, unit_measure


def test_quantity_and_time_questions_in_several_languages() -> None:
    assert expected_type("How many times has Article 5 been invoked?") is AnswerType.QUANTITY
    assert expected_type("Скільки країн підписали угоди?") is AnswerType.QUANTITY
    assert expected_type("Für wie viele Jahre gelten die Abkommen?") is AnswerType.QUANTITY
    assert expected_type("Ile państw podpisało memorandum?") is AnswerType.QUANTITY
    assert expected_type("Ilu żołnierzy wyśle koalicja?") is AnswerType.QUANTITY  # "ile" of men
    assert expected_type("Quanta acqua serve?") is AnswerType.QUANTITY
    assert expected_type("Quand le mémorandum a-t-il été signé ?") is AnswerType.TIME
    assert expected_type("Коли закінчилася місія?") is AnswerType.TIME
    assert expected_type("¿Cuándo se firmó el acuerdo?") is AnswerType.TIME
    assert expected_type("Who negotiated Minsk II?") is None
    # Inflected "how many": Ukrainian and Russian oblique cases.
    assert expected_type("Скількох військових відправить коаліція?") is AnswerType.QUANTITY
    assert expected_type("Скольких наблюдателей направила миссия?") is AnswerType.QUANTITY
    # An amount named by a compound noun: "le plafond de prix", "the level of cost".
    assert expected_type("Quel est le plafond de prix du gaz russe ?") is AnswerType.QUANTITY
    assert expected_type("What is the level of cost for the mission?") is AnswerType.QUANTITY
    assert expected_type("Which countries agreed on a price cap?") is None
    assert expected_type("Qui dirigera la surveillance ?") is None


def test_a_quote_fits_when_it_adds_a_number_or_a_number_word() -> None:
    assert fits("Most agreements run for ten years.", AnswerType.QUANTITY)
    assert fits("Більшість угод укладено строком на десять років.", AnswerType.QUANTITY)
    assert fits("Artykuł 5 został uruchomiony tylko raz.", AnswerType.QUANTITY, "Ile razy użyto artykułu 5?")
    # Teens and tens are spelled out too ("eleven member states").
    assert fits("Gli Stati membri sono undici.", AnswerType.QUANTITY, "How many member states?")
    assert fits("Im Ausschuss sitzen zwölf Vertreter.", AnswerType.QUANTITY)
    assert fits("signed on 5 December 1994", AnswerType.TIME)
    assert not fits("La réunion de la coalition marque un nouveau modèle.", AnswerType.QUANTITY)
    assert not fits("The memorandum was signed in Budapest.", AnswerType.TIME)


def test_a_month_named_in_words_says_when() -> None:
    when = AnswerType.TIME
    assert fits("Цвітіння каштанів зазвичай припадає на травень.", when, "Коли цвітуть каштани?", "uk")
    assert fits("Каштани квітнуть у травні.", when, "", "uk")  # locative case
    assert fits("Саміт відбувся у листопаді.", when, "", "uk") and fits("Угоду підписали у лютому.", when, "", "uk")
    assert fits("Каштаны цветут в мае.", when, "", "ru")
    assert fits("Kasztany kwitną w maju.", when, "", "pl")
    assert fits("The chestnuts blossom in May.", when, "", "en")
    assert not fits("The chestnuts may blossom early.", when, "", "en")  # the verb
    assert not fits("Non è mai successo.", when, "", "it")  # French "mai" is not Italian


def test_a_number_the_question_names_is_not_an_answer() -> None:
    question = "Скільки держав приєдналося до декларації G7?"
    assert not fits("Країни «Групи семи» (G7) ухвалили декларацію.", AnswerType.QUANTITY, question)
    assert fits("До декларації G7 приєдналися 25 держав.", AnswerType.QUANTITY, question)


def test_no_type_wanted_always_fits() -> None:
    assert fits("anything at all", None)


def test_a_date_is_no_quantity() -> None:
    question = "How many warheads did Ukraine hand over?"
    assert not fits("On 5 December 1994, in Budapest, Ukraine signed.", AnswerType.QUANTITY, question)
    assert not fits("Il 23 aprile 2017 un veicolo urtò una mina.", AnswerType.QUANTITY, question)
    assert fits("All'inizio la missione contava 100 osservatori.", AnswerType.QUANTITY, question)
    assert fits("Nel marzo 2015 il tetto salì a 1.000 osservatori.", AnswerType.QUANTITY, question)
    assert fits("On 5 December 1994 it was signed.", AnswerType.TIME, "When was it signed?")


def test_an_amount_asked_for_by_its_noun_wants_a_quantity() -> None:
    assert expected_type("What is the budget of the peacekeeping force?") is AnswerType.QUANTITY
    assert expected_type("Яка вартість будівництва мосту?") is AnswerType.QUANTITY
    assert expected_type("Какова численность контингента?") is AnswerType.QUANTITY
    assert expected_type("Quel est le montant de l'aide promise ?") is AnswerType.QUANTITY
    assert expected_type("Wie hoch sind die Baukosten?") is AnswerType.QUANTITY
    assert expected_type("Jaki jest koszt biletu?") is AnswerType.QUANTITY
    assert expected_type("¿Cuál es el presupuesto de la misión?") is AnswerType.QUANTITY
    assert expected_type("Qual è il prezzo del biglietto?") is AnswerType.QUANTITY
    # further on, the noun is context: the countries are asked for, not the price
    assert expected_type("Which countries agreed on the price cap for oil?") is None
    assert not fits("The mission is funded from the regular budget.", AnswerType.QUANTITY)


def test_a_price_is_answered_by_a_sum_of_money_only() -> None:
    for question, language, money, other in [
        ("Скільки коштує проїзд у варшавському метро?", "pl", "Bilet kosztuje 4,40 zł.", "Obie linie krzyżują się."),
        ("How much does a ticket cost?", "en", "A single ticket is $2.90.", "The line has 21 stations."),
        ("Wie viel kostete der Sarkophag?", "de", "Er kostete 2,1 Milliarden Euro.", "Daran bauten 10.000 Arbeiter."),
        ("¿Cuánto cuesta la visita?", "es", "La entrada cuesta 15 euros.", "La visita dura dos horas."),
        # Paying and costing in other tenses, after an auxiliary or a subject.
        ("Ile płaci Grecja?", "fr", "La Grèce verse 6,5 millions de dollars.", "La Grèce a envoyé 2 navires."),
        ("Quanto è costato il telescopio?", "en", "It cost NASA $10 billion.", "It has 18 mirror segments."),
        ("Combien la Grèce paie-t-elle ?", "en", "Greece pays $6.5 million.", "Greece sent 2 ships."),
        ("How much did the rebuilding cost?", "de", "Der Wiederaufbau kostete 1 Mrd. Euro.", "Er dauerte 5 Jahre."),
        ("Wie viel Geld bekam die Ukraine?", "en", "Ukraine received $2 billion.", "Ukraine received 40 tanks."),
        # A tariff, fee or fare is a price too.
        ("Какой был тариф за транзит газа?", "it", "La tariffa era di 2 dollari.", "Transitarono 40 miliardi di m³."),
    ]:
        wanted = expected_type(question)
        assert fits(money, wanted, question, language)
        assert not fits(other, wanted, question, language)
    # A word for price that also means something else does not make a question ask for one.
    # Currencies of history are money too.
    paid = "How much did the king pay for the castle?"
    for text in ("za 190 000 florenów węgierskich", "auf 6,2 Millionen Mark", "mit einem Kredit von 100 000 Talern"):
        assert fits(f"Er kaufte es {text}.", expected_type(paid), paid, "de")
    crowns = "Скільки коштувало будівництво мосту?"
    assert fits("Der Bau kostete 21,4 Milliarden Dänische Kronen.", expected_type(crowns), crowns, "de")
    coast = "Quante navi hanno lasciato la costa?"
    assert fits("Dalla costa partirono 12 navi.", expected_type(coast), coast, "it")


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        ("Quelle est la longueur du Danube ?", Measure.LENGTH),
        ("Какой протяжённости буферная зона на Кипре?", Measure.LENGTH),
        ("How deep is Lake Baikal?", Measure.LENGTH),
        ("Wie lang ist der Rhein?", Measure.LENGTH),
        ("Jak wysoka jest wieża?", Measure.LENGTH),
        ("¿Cuál es la superficie del parque?", Measure.AREA),
        ("Jaka była moc Dnieprogesu?", Measure.POWER),
        ("Яка потужність станції?", Measure.POWER),
        ("Quanto pesa la campana?", Measure.MASS),
        ("Quelle est la vitesse du train ?", Measure.SPEED),
        ("Наскільки довгий підйом Поджо?", Measure.LENGTH),
        ("Quanto deve pesare un obwarzanek?", Measure.MASS),
        ("How much floor space does the museum have?", Measure.AREA),
    ],
)
def test_a_measure_asked_for_wants_a_quantity_and_counts_nothing(question: str, measure: Measure) -> None:
    assert asked_measure(question) is measure
    assert expected_type(question) is AnswerType.QUANTITY
    assert counted_words(question, "en") == ""


@pytest.mark.parametrize(
    "question",
    [
        "Wie hoch ist der Preis?",  # a sum of money as often as a height
        "How long did the war last?",  # a duration as often as a length
        "Jak długo trwa dzień w Kijowie?",  # a duration
        "Як довго тривала блокада?",
        "Which power signed the treaty?",  # a state
        "Who holds power in the region?",
    ],
)
def test_words_of_measure_with_another_meaning_ask_for_none(question: str) -> None:
    assert asked_measure(question) is None


def test_a_unit_states_its_measure_after_a_number() -> None:
    assert unit_measure("kilómetros") is Measure.LENGTH and unit_measure("тонн") is Measure.MASS
    assert unit_measure("soldiers") is None
    # Words that begin like a unit: a tunnel, the metro.
    assert unit_measure("тоннелей") is None and unit_measure("тонн") is Measure.MASS
    assert unit_measure("metro") is None and unit_measure("метрополитен") is None and unit_measure("метров")
    assert states_measure("La zone tampon, longue d'environ 180 kilomètres, traverse l'île.", Measure.LENGTH)
    assert states_measure("Miała sześć turbin o łącznej mocy 351 MW.", Measure.POWER)
    assert states_measure("Потужність становила 558 мегават.", Measure.POWER)
    assert not states_measure("The zone is patrolled by 800 soldiers.", Measure.LENGTH)
    assert not states_measure("Його відкрили 1932 р.", Measure.MASS)  # "р." is a year, "г." too
    # A quote whose every number is of another measure does not give the one asked for.
    power = "What was the electrical output of Unit 1?"
    assert not fits("Станция расположена примерно в 16 км от столицы.", expected_type(power), power, "ru")
    assert fits("Энергоблок мощностью 880 МВт ввели в 1974 году.", expected_type(power), power, "ru")
    mass = "Quelle masse a la particule ?"
    assert fits("Sa masse est d'environ 125 GeV.", expected_type(mass), mass, "fr")  # a unit not known here
    # A number followed by an everyday word is no measure, a year neither, unless a unit follows it.
    height = "¿Qué altura tenía la ola de melaza?"
    assert not fits("Twenty-one people were killed and about 150 were injured.", expected_type(height), height, "en")
    assert fits("A wave up to 25 feet (7.6 m) high swept the streets.", expected_type(height), height, "en")
    # A name's number measures nothing, nor does a long word that no unit is; grams weigh.
    weight = "Ile ważył pierwszy sztuczny satelita?"
    assert asked_measure(weight) is Measure.MASS and asked_measure("How much did it weigh?") is Measure.MASS
    assert not fits(
        "«Спутник-1», или ПС-1 («Простейший спутник»), запустили 4 октября.", expected_type(weight), weight, "ru"
    )
    assert fits("Масса аппарата составляла 83,6 кг.", expected_type(weight), weight, "ru")
    assert fits("Musi mieć wagę od 80 do 120 gramów.", expected_type(weight), weight, "pl")
    depth = "Quanto è profondo il lago Bajkal?"
    assert not fits("Озеро образовалось в 1642 году.", expected_type(depth), depth, "ru")
    assert fits("Наибольшая глубина — 1642 метра.", expected_type(depth), depth, "ru")
    # A speed is a length per hour; a range or a grouped number has its unit after the last number.
    assert states_measure("Il record è di 45,8 km/h.", Measure.SPEED)
    assert not states_measure("La corsa misura quasi 300 km.", Measure.SPEED)
    speed = "¿Cuál es el récord de velocidad media de la carrera?"
    assert not fits("La distanza è oscillata tra 288 e 294 km.", expected_type(speed), speed, "it")
    assert states_measure("Il Reno è lungo 1 230 km.", Measure.LENGTH)


@pytest.mark.parametrize(
    "question",
    [
        "¿En qué fecha se disputó la primera carrera?",
        "С какого числа США вышли из договора?",
        "Якого числа підписали угоду?",
        "À quelle date le traité est-il entré en vigueur ?",
        "An welchem Tag wurde der Vertrag unterzeichnet?",
        "Którego dnia podpisano traktat?",
        "In che data è entrato in vigore il trattato?",
        "On what date did the treaty enter into force?",
    ],
)
def test_asking_for_a_date_asks_when(question: str) -> None:
    assert expected_type(question) is AnswerType.TIME
