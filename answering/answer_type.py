"""What kind of answer a question asks for, and whether a quote can be one.

"How many…" and "when…" questions are answered by a quantity or a date. A passage on the right
topic that names no number cannot answer them, however close its wording: the dev set's "exact
number of troops" question scored above real answers on similarity alone. Interrogatives are
listed for the languages the reply templates cover; a question in another language gets no type
and is judged on similarity only."""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from functools import cache

from babel import Locale
from wordfreq import zipf_frequency

from answering.measures import YEAR, asked_measure, may_state_measure


class AnswerType(StrEnum):
    QUANTITY = "quantity"
    TIME = "time"


_QUANTITY_CUES = (
    r"how many|how much|number of|amount of|"
    r"скільк\w*|кількість|скольк\w*|количеств\w*|"
    r"combien|nombre d[e']|"
    r"wie viele|wie viel|anzahl|"
    r"\bil[eu]\b|liczb[aęy]|"
    r"cu[aá]nt[oa]s?|n[uú]mero de|"
    r"quant[aeio]\b|quantità|numero di"
)
_TIME_CUES = (
    r"\bwhen\b|what year|which year|what date|which date|"
    r"\bколи\b|якого року|котрого року|в якому році|якого числа|\bкогда\b|в каком году|какого числа|"
    r"\bquand\b|en quelle année|quelle date|"
    r"\bwann\b|in welchem jahr|seit wann|welche[ms]? datum|an welchem tag|"
    r"\bkiedy\b|w którym roku|którego dnia|jakiego dnia|"
    r"cu[aá]ndo|en qu[eé] año|qu[eé] fecha|"
    r"\bquando\b|in che anno|che data|quale data"
)
# "What is the budget…", "Який обсяг…", "Wie hoch ist der Preis…", "Quel est le plafond de prix…": an
# amount asked for by its noun, right after the interrogative (further on, "Which countries agreed
# on a price cap?", the noun is context, not what is asked).
_AMOUNT_NOUNS = (
    r"budget|price|cost|tariff|fee|fare|amount|volume|size|population|"
    r"бюджет\w*|ціна|ціну|вартість|тариф\w*|обсяг\w*|сума|суму|розмір\w*|чисельність|населення|"
    r"цена|цену|стоимость|тариф\w*|объ[её]м\w*|сумма|сумму|размер\w*|численность|население|"
    r"prix|coût|tarif|redevance|montant|taille|effectifs?|"
    r"preis|kosten|tarif|gebühr|betrag|umfang|größe|höhe|bevölkerung|einwohnerzahl|"
    r"budżet\w*|cena|cenę|koszt|taryf\w*|opłat\w*|kwota|kwotę|wielkość|liczebność|ludność|"
    r"presupuesto|precio|coste|costo|tarifa|importe|monto|volumen|tamaño|población|"
    r"bilancio|prezzo|tariffa|importo|dimensione|popolazione"
)
_AMOUNT = re.compile(
    r"^\W*(?:what|which|який|яка|яке|какой|какая|какое|какова|каков|quel|quelle|welche[rsmn]?|jaki|jaka|jakie|"
    r"cuál|qual|quale)\b(?:\s+\w+){0,2}?\s+(?:\w+\s+(?:of|de|di|del|della)\s+)?(?:" + _AMOUNT_NOUNS + r")\b|"
    r"\bwie hoch\b",
    re.IGNORECASE,
)
# "How much does it cost", "what is the price": only a sum of money answers; a quote whose numbers
# count something else ("obie linie", "8 marca 2015") does not. Words that also mean something
# else are read only after "how much" ("costa" is a coast, "cena" a dinner in Italian and Spanish).
_PRICE = re.compile(
    r"\b(?:cost|costs|costed|price|коштує|коштував\w*|коштуват\w*|вартість|ціна|ціну|стоит|стоил\w*|"
    r"стоимость|цена|цену|coûte|coûtait|coûté|coût|prix|kostet|kostete|kosten|preis|kosztuje|kosztował\w*|"
    r"koszt|cenę|jaka jest cena|cuesta|cuestan|costó|precio|quanto costa|costano|costò|prezzo|"
    r"tariff|fee|fare|тариф\w*|tarif|redevance|gebühr\w*|taryf\w*|opłat\w*|tarifa|tariffa)\b",
    re.IGNORECASE,
)
# Paying and costing in any tense, after "how much": the question asks for a sum of money and counts
# nothing ("Ile płaci Grecja?", "Quanto è costato alla NASA…", "Combien coûterait…"). Forms that
# are also nouns are left to _PRICE: French "pays" is a country, Italian "costa" a coast.
_MONEY_VERB = re.compile(
    r"costs?|costed|costing|pay|paid|paying|spen[dt]|spends|"
    r"кошту\w*|коштува\w*|плат\w*|сплат\w*|сплачу\w*|заплат\w*|витрат\w*|"
    r"стои[тлм]\w*|стоить|обош[её]?л\w*|потрат\w*|"
    r"co[uû]t(?:e|ent|é|ée|ait|aient|era|erait|eraient|er)|pai(?:e|ent|era|erait)|pay(?:e|é|ée|er|ait|aient|ent)|"
    r"vers(?:e|é|ée|ent|ait|aient|era)|dépens\w*|"
    r"kost(?:et|ete|eten|en)|gekostet|zahl(?:t|te|ten)|bezahl\w*|gezahlt|ausgegeben|"
    r"koszt(?:uje|ują|ował\w*|ować|owałby|owałaby|owałoby)|płac\w*|zapłac\w*|wyda(?:ł|ła|ło|li|ły|je|ją|no)|"
    r"cuest(?:a|an)|cost(?:ó|aron|aba|aría|ará|ado|ar)|pag(?:a|an|ó|aron|aba|ará|aría|ado|ar)|gast(?:ó|aron|ado|a|an)|"
    r"cost(?:ano|ò|ato|ata|ati|erà|erebbe|ava|are)|pag(?:ano|ò|ato|ata|ava|herà|herebbe|are)|spes[oaie]",
    re.IGNORECASE,
)
_MONEY_VERB_FIRST = re.compile(r"costa|cuesta|cuestan", re.IGNORECASE)
# "How much money": the sum is what is asked; its currency names the money.
_MONEY_NOUN = re.compile(
    r"money|грош\w*|гроші|деньг\w*|денег|argent|geld(?:er)?|pieni[ąę]d\w*|pieniądze|dinero|soldi|denaro", re.IGNORECASE
)
# Cues asking "how much" of something uncounted: a verb of paying anywhere after them asks for a sum.
_UNCOUNTABLE_CUES = frozenset({"how much", "wie viel", "cuánto", "cuanto", "cuánta", "cuanta", "quanto", "quanta"})
# "How many times": the occasions are counted by whatever the quote counts them in ("dziewięć
# zwycięstw" for "quante volte ha vinto", "won in 2020, 2022 and 2024"), never by "times".
_TIMES = frozenset(
    [
        "times",
        "time",
        "раз",
        "рази",
        "разів",
        "раза",
        "fois",
        "mal",
        "male",
        "razy",
        "razów",
        "veces",
        "vez",
        "volte",
        "volta",
    ]
)
# Auxiliaries right after "how much" ("how much *did* the bridge cost", "wie viel *hat* das Teleskop
# gekostet") are no part of what is counted; after the counted noun they end it ("people *were*").
_AUXILIARIES = frozenset(
    word
    for words in (
        "do does did is are was were will would has have had can could",
        "є був була було були буде будуть",
        "есть был была было были будет будут",
        "a ont avait avaient aura auraient est sont était étaient sera seraient va vont",
        "hat hatte hatten haben wird werden wurde wurden würde würden ist sind war waren",
        "jest są był była było były byli będzie będą",
        "ha han es son fue fueron era eran será sería habrá había",
        "è hanno sono erano sarà sarebbe avrà aveva",
    )
    for word in words.split()
)
_MONEY = re.compile(
    r"[€$£¥₴₽₺]|\b(?:euros?|євро|евро|dollars?|долар\w*|доллар\w*|dolar\w*|dólar\w*|dollari|гривн\w*|грн|"
    r"рубл\w*|rubl\w*|złot\w*|zł|zloty|pounds?|фунт\w*|funt\w*|francs?|frank\w*|franken|cents?|цент\w*|"
    r"копій\w*|копе\w*|grosz\w*|yen|yuan|юан\w*|uah|usd|eur|pln|rub|chf|gbp|"
    # the Nordic crowns ("21,4 Milliarden Dänische Kronen", "275 kr")
    r"kron(?:e|en|er|a|or)|kr|dkk|sek|nok|крон\w*|koron\w*|corone|coronas|"
    # and the currencies of history: marks, florins, thalers, ducats, lire, pesetas, shillings
    r"mark|marks|marek|марок|марки|florin\w*|floren\w*|флорин\w*|gulden\w*|гульден\w*|"
    r"th?aler\w*|talar\w*|талер\w*|ducat\w*|dukat\w*|дукат\w*|lira|lire|лір\w*|лир|лиры|"
    r"peseta\w*|песет\w*|shilling\w*|schilling\w*|szyling\w*|шилінг\w*|шиллинг\w*|rupees?|рупі\w*|рупи\w*)\b",
    re.IGNORECASE,
)
_QUANTITY = re.compile(_QUANTITY_CUES, re.IGNORECASE)
_TIME = re.compile(_TIME_CUES, re.IGNORECASE)

_NUMBER = re.compile(r"\d+")
# Number words that answer "how many" without digits ("tylko raz", "десять років"). Words that
# are also articles (un, une, ein, uno, una, one) are left out: they are in almost every sentence;
# so are numbers spelled like another language's word (French "seize", German "elf").
_NUMBER_WORDS_BY_LANGUAGE = {
    "en": "once twice two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "thirteen fourteen fifteen sixteen seventeen eighteen nineteen sixty seventy eighty ninety "
    "hundred thousand million dozen single both",
    "uk": "раз один одна одне два дві три чотири п'ять шість сім вісім дев'ять десять двадцять сто тисяча мільйон "
    "одинадцять дванадцять тринадцять чотирнадцять п'ятнадцять шістнадцять сімнадцять вісімнадцять "
    "дев'ятнадцять тридцять сорок п'ятдесят шістдесят сімдесят вісімдесят дев'яносто обидва обидві",
    "ru": "раз один одна одно два две три четыре пять шесть семь восемь девять десять двадцать сто тысяча миллион "
    "одиннадцать двенадцать тринадцать четырнадцать пятнадцать шестнадцать семнадцать восемнадцать "
    "девятнадцать тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто оба обе",
    "fr": "fois deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze vingt trente "
    "quarante cinquante soixante cent mille million",
    "de": "einmal zweimal eins zwei drei vier fünf sechs sieben acht neun zehn zwölf dreizehn vierzehn fünfzehn "
    "sechzehn siebzehn achtzehn neunzehn zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig hundert "
    "tausend million beide",
    "pl": "raz jeden jedna dwa dwie trzy cztery pięć sześć siedem osiem dziewięć dziesięć dwadzieścia sto tysiąc "
    "jedenaście dwanaście trzynaście czternaście piętnaście szesnaście siedemnaście osiemnaście dziewiętnaście "
    "trzydzieści czterdzieści pięćdziesiąt sześćdziesiąt siedemdziesiąt osiemdziesiąt dziewięćdziesiąt milion oba obie",
    "es": "vez dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis diecisiete "
    "dieciocho diecinueve veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa cien mil millón",
    "it": "volta due tre quattro cinque sei sette otto nove dieci undici dodici tredici quattordici quindici sedici "
    "diciassette diciotto diciannove venti trenta quaranta cinquanta sessanta settanta ottanta novanta cento mille "
    "milione",
}
_NUMBER_WORDS = frozenset(w for words in _NUMBER_WORDS_BY_LANGUAGE.values() for w in words.split())
_WORD = re.compile(r"\w+(?:['’ʼ]\w+)*")


def _month_forms(codes: list[str], widths: tuple[str, ...]) -> frozenset[str]:
    """CLDR's month names (through Babel) in `codes`, as written after a day and on their own
    ("травня", "травень")."""
    return frozenset(
        name.casefold()
        for code in codes
        for context in ("format", "stand-alone")
        for width in widths
        for name in Locale.parse(code).months[context][width].values()
    )


# A year or a day of a month says when, not how many: "5 December 1994" does not answer "how many
# warheads". Month names in every form (грудня, März, kwietnia).
MONTHS = _month_forms(list(_NUMBER_WORDS_BY_LANGUAGE), ("wide", "abbreviated"))
# CLDR gives months in the nominative and genitive, not in the locative that follows "у"/"в"/"w"
# ("у грудні", "в декабре", "w maju"): these endings map the locative to the genitive.
MONTH_LOCATIVE_ENDINGS = {
    "uk": (("аді", "ада"), ("ому", "ого"), ("і", "я")),
    "ru": (("е", "я"), ("е", "а")),
    "pl": (("u", "a"), ("ym", "ego")),
}
_COMMON_WORD_ZIPF = 5.0
# Once in 10,000 words: "billet", "bilet", "telescopio" are rarer; "alla", "per", "the" are not.
_PRICED_ZIPF = 5.0
# "How many *ядерных боеголовок*": the counted thing follows the cue within three words, and a
# quote names it within three words of its number.
_COUNTED_WORDS = 3
_CONTEXT = 3


def expected_type(question: str) -> AnswerType | None:
    if _QUANTITY.search(question) or _AMOUNT.search(question) or asked_measure(question):
        return AnswerType.QUANTITY
    if _TIME.search(question):
        return AnswerType.TIME
    return None


def asks_when(question: str) -> bool:
    """Whether `question` asks when, also as a second part ("Cuántas veces… y en qué años?")."""
    return bool(_TIME.search(question))


def fits(text: str, wanted: AnswerType | None, question: str = "", language: str | None = None) -> bool:
    """Whether `text` (in `language`) contains something of the wanted type (always true when
    nothing is wanted). A number the question itself names ("G7", "Article 5") is not an answer to
    it, a date is no quantity, a price needs a sum of money, and a month's name ("припадає на
    травень") says when."""
    if wanted is None:
        return True
    folded = unicodedata.normalize("NFC", text).casefold().replace("’", "'").replace("ʼ", "'")
    words = _WORD.findall(folded)
    asked = set(_NUMBER.findall(question))
    if wanted is AnswerType.TIME:
        # a date or a year is written with digits in every language covered; a month by its name
        return bool(set(_NUMBER.findall(text)) - asked) or _names_month(text, language)
    if asks_price(question) and not _MONEY.search(folded):
        return False
    if measure := asked_measure(question):
        return may_state_measure(text, measure, language)
    return any(w in _NUMBER_WORDS for w in words) or bool(_quantities(words) - asked)


@cache
def _month_names(language: str) -> frozenset[str]:
    """Full month names in `language` (all eight reply languages for an unknown one)."""
    known = language in _NUMBER_WORDS_BY_LANGUAGE
    return _month_forms([language] if known else list(_NUMBER_WORDS_BY_LANGUAGE), ("wide",))


def _names_month(text: str, language: str | None) -> bool:
    names = _month_names(language or "")
    endings = MONTH_LOCATIVE_ENDINGS.get(language or "") or [e for es in MONTH_LOCATIVE_ENDINGS.values() for e in es]
    for word in _WORD.findall(unicodedata.normalize("NFC", text)):
        folded = word.casefold()
        named = folded in names or any(
            folded.endswith(locative) and folded[: -len(locative)] + genitive in names for locative, genitive in endings
        )
        # "may" is mostly the verb: a month name that is also a common word counts capitalized.
        if named and (word[:1].isupper() or zipf_frequency(folded, language or "en") < _COMMON_WORD_ZIPF):
            return True
    return False


def _quantities(words: list[str]) -> set[str]:
    """The numbers among `words` that are neither years nor days of a month."""
    return {words[i] for i in _quantity_positions(words) if words[i].isdigit()}


def _quantity_positions(words: list[str]) -> list[int]:
    positions = []
    for i, word in enumerate(words):
        if word in _NUMBER_WORDS:
            positions.append(i)
        elif word.isdigit() and not YEAR.fullmatch(word):
            neighbours = words[max(0, i - 1) : i] + words[i + 1 : i + 2]
            if not any(n in MONTHS for n in neighbours):
                positions.append(i)
    return positions


def asks_price(question: str) -> bool:
    """Whether only a sum of money answers `question`: it names a price or a cost, or asks how much
    something costs or is paid."""
    return bool(_PRICE.search(question)) or _asks_payment(*_asked_of(question))


def _asks_payment(cue: str, words: list[str]) -> bool:
    """Whether "how much" (`cue`, followed by `words`) asks what is paid or what something costs:
    money, or a verb of paying soon after the cue ("Ile płaci Grecja?", "Combien la Grèce
    paie-t-elle ?"), or anywhere after a cue that counts nothing ("How much did the bridge cost?");
    "How many soldiers will the coalition pay for?" counts soldiers."""
    reach = len(words) if cue in _UNCOUNTABLE_CUES else _COUNTED_WORDS
    return (
        any(_MONEY_VERB.fullmatch(w) for w in words[:reach])
        or _asks_money(words)
        or bool(words and _MONEY_VERB_FIRST.fullmatch(words[0]))
    )


def _asks_money(words: list[str]) -> bool:
    """Whether "how much" is followed by money ("how much money", "combien d'argent")."""
    return any(_MONEY_NOUN.fullmatch(w.rsplit("'", 1)[-1]) for w in words[:_COUNTED_WORDS])


def _asked_of(question: str) -> tuple[str, list[str]]:
    """The question's "how many"/"how much" cue and the words after it and its auxiliaries, up to
    another interrogative ("quanto costerebbe e *quanto* tempo…")."""
    match = _QUANTITY.search(question) or _AMOUNT.search(question)
    if not match:
        return "", []
    words: list[str] = []
    for word in _WORD.findall(question[match.end() :]):
        folded = word.casefold()
        if _QUANTITY.fullmatch(folded) or _TIME.fullmatch(folded):
            break
        if words or folded not in _AUXILIARIES:
            words.append(word)
    return match.group().casefold(), words


def counts_occasions(question: str) -> bool:
    """Whether `question` asks how many times ("quante volte", "combien de fois", "ile razy")."""
    return _occasions(_asked_of(question)[1])


def _occasions(words: list[str]) -> bool:
    """Whether the words after "how many" count times."""
    return bool(_TIMES & {w.casefold() for w in words[:2]})


def counted_words(question: str, language: str) -> str:
    """What a "how many" question counts, without names: the words right after its cue ("how many
    *monitors did the mission*"), '' for other questions and for "how much money"; for one asking
    what something costs, what is priced ("ile kosztuje *bilet siedmiodniowy*"), by its rarer
    words and without the verb. "How many times has *NATO*", "¿cuántos buques recibió *Rusia*"
    count times and ships; the name says whose, and a quote on it may name it elsewhere. Names
    only are kept ("how many *Rafale*"): then they are what is counted. German capitalizes every
    noun, so there every word is kept. The caller keeps the content words."""
    cue, words = _asked_of(question)
    if asked_measure(question) or _asks_money(words) or _occasions(words):
        return ""
    priced = _asks_payment(cue, words)
    if priced:
        words = [w for w in words if not (_MONEY_VERB.fullmatch(w) or _MONEY_VERB_FIRST.fullmatch(w))]
    words = words[:_COUNTED_WORDS]
    if priced:
        # What is priced is named by rarer words than what is counted ("people"): "alla NASA il
        # telescopio" prices no "alla".
        words = [w for w in words if w[:1].isupper() or zipf_frequency(w.casefold(), language) < _PRICED_ZIPF]
    common = [w for w in words if language == "de" or not w[:1].isupper()]
    if priced and not common:
        return ""  # "Ile Ukraina zapłaciła Brytyjczykom": who pays whom is no part of what is priced
    return " ".join(common if any(len(w) >= 3 for w in common) else words)


def quantity_contexts(text: str) -> list[str]:
    """The few words around each quantity in `text`: what the number counts is named next to it
    ("100 osservatori", "десять років", "13 times")."""
    words = _WORD.findall(unicodedata.normalize("NFC", text).casefold().replace("’", "'").replace("ʼ", "'"))
    return [" ".join(words[max(0, i - _CONTEXT) : i + _CONTEXT + 1]) for i in _quantity_positions(words)]
