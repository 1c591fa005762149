"""Which measure a question asks for (a length, an area, a power, a mass, a speed), and whether a
text states one: a number with a unit of it ("180 kilomètres", "558 мегават", "351 MW").

"Какой протяжённости буферная зона?" is answered by a length, not by the lead sentence naming the
buffer zone, nor by a number of soldiers; and "Quelle est la longueur du Danube ?" counts nothing
(the Danube is named four words before its length), so a unit, not a counted word, says that a
number answers. German "Höhe" and "wie hoch" ask for sums of money as often as heights, and "how
long" ("jak długo", "як довго") for durations: they ask for no measure here."""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

from wordfreq import zipf_frequency


class Measure(StrEnum):
    LENGTH = "length"
    AREA = "area"
    POWER = "power"
    MASS = "mass"
    SPEED = "speed"


_LENGTH, _AREA, _POWER, _MASS, _SPEED = Measure

# Nouns naming a measure, by the measure; a question asks for it when one follows its interrogative
# within a few words ("Quelle est la longueur", "Какой протяжённости", "Jaka była moc").
_NOUNS: dict[Measure, str] = {
    _LENGTH: r"length|distance|width|height|depth|altitude|elevation|"
    r"довжин\w*|відстан\w*|протяжн\w*|ширин\w*|висот\w*|глибин\w*|"
    r"длин\w*|расстояни\w*|протяж[её]нност\w*|высот\w*|глубин\w*|"
    r"longueur|largeur|hauteur|profondeur|"
    r"länge|entfernung|breite|tiefe|"
    r"długoś\w*|odległoś\w*|szerokoś\w*|wysokoś\w*|głębokoś\w*|"
    r"longitud|distancia|anchura|altura|profundidad|altitud|"
    r"lunghezza|distanza|larghezza|altezza|profondità",
    _AREA: r"area|surface|floor space|space|площ\w*|superficie|fläche|powierzchni\w*|área",
    _POWER: r"power(?=\s+(?:of|output|generation))|output|потужн\w*|мощност\w*|puissance|leistung|moc|mocy|"
    r"potencia|potenza",
    _MASS: r"weight|mass|вага|ваги|вагу|вес|веса|масс\w*|poids|masse|gewicht|masa|masy|waga|wagi|wagę|peso",
    _SPEED: r"speed|швидк\w*|скорост\w*|vitesse|geschwindigkeit|prędkoś\w*|szybkoś\w*|velocidad|velocità",
}
# Adjectives and verbs that ask for a measure right after their interrogative ("how deep", "wie
# tief", "jak długi", "quanto è alto", "cuánto mide", "combien pèse", "скільки важить").
_ASKING_WORDS: dict[Measure, str] = {
    _LENGTH: r"far|high|tall|deep|wide|lang|tief|breit|weit|"
    r"довг(?!о\b)\w*|високий|висока|високе|глибок\w*|широк\w*|далеко|длинн\w*|высок\w*|глубок\w*|"
    r"dług(?!o\b)\w*|wysok\w*|głębok\w*|szerok\w*|daleko|"
    r"lung[oa]|alt[oa]|profond[oa]|larg[oa]|distante|largo|larga|"
    r"mide|miden|mesure|mesurent|misura|misurano",
    _MASS: r"heavy|weigh|weighs|weighed|schwer|ciężk\w*|pesa|pesan|pèse|pèsent|pesano|важить|весит|"
    r"pesare|pesar|peser|wiegen|wiegt|wog|wogen|ważyć|waży|важити|весить|важк\w*|тяжел\w*|"
    # past tenses: "Ile ważył Sputnik?", "Сколько весил…", "Cuánto pesaba…"
    r"waży\w+|важив|важила|важило|важили|весил\w*|pesaba|pesó|pesait|pesaient|pesava|pesò",
    _SPEED: r"fast|schnell|szybk\w*|veloce",
}
_INTERROGATIVE = (
    r"what|which|how|який|яка|яке|якої|якого|скільки|наскільки|какой|какая|какое|какова|каков|каких|сколько|"
    r"насколько|"
    r"quel|quelle|combien|welche[rsmn]?|wie|jaki|jaka|jakie|jak|jakiej|ile|"
    r"cuál|qué|cuánto|cuánta|qual|quale|quanto|quanta"
)
_ASKS = {
    measure: re.compile(
        rf"\b(?:{_INTERROGATIVE})\b(?:\s+[\w'’]+){{0,4}}?\s+(?:{_NOUNS[measure]}"
        + (rf"|{_ASKING_WORDS[measure]}" if measure in _ASKING_WORDS else "")
        + r")\b",
        re.IGNORECASE,
    )
    for measure in Measure
}
# "metro"/"метро" and "metropolitana"/"метрополітен" are no metres, nor "тоннель" a ton.
_LENGTH_UNITS = (
    r"km|m|cm|mm|mi|ft|miles?|feet|foot|"
    r"kilomet\w*|kilomèt\w*|kilómet\w*|chilomet\w*|metr(?!o\b|opol)\w*|mètres?|meter\w*|met(?:er|re)s?|miglia|millas?|"
    r"км|м|см|кілометр\w*|километр\w*|метр(?!о\b|опол)\w*|миль|милі|мили|"
    r"meilen|seemeilen|inch|inches|zoll|pouces?|pulgadas?|pollici|cali|дюйм\w*|yards?|jardas?|iarde"
)
# Units after a number, by the measure.
_UNITS: dict[Measure, re.Pattern[str]] = {
    _LENGTH: re.compile(_LENGTH_UNITS),
    _AREA: re.compile(
        r"km²|km2|m²|m2|кв|км²|м²|sq|square|квадрат\w*|carrés?|quadrat\w*|kwadrat\w*|cuadrad\w*|"
        r"hectares?|hektar\w*|гектар\w*|ha|га|ettar\w*|hectáreas?|acres?"
    ),
    _POWER: re.compile(
        r"[kmgt]w|[kmgt]wh|[kmgt]we|[кмгт]вт|megawat\w*|mégawat\w*|gigawat\w*|kilowat\w*|terawat\w*|"
        r"мегават\w*|гігават\w*|гигават\w*|кіловат\w*|киловат\w*|тераван\w*|"
        r"megavatios?|gigavatios?|kilovatios?"
    ),
    _MASS: re.compile(
        r"t|kg|lb|lbs|pounds?|tons?|tonnes?|tonnen|tonn\w*|tonelad\w*|tony|кг|т|тонн(?!ел)\w*|тон|тони|"
        r"kilogra\w*|kilo|kilos|кілограм\w*|килограмм\w*|g|mg|gram\w*|gramm\w*|grammes?|gramos?|grammi|грам\w*|"
        r"грамм\w*"
    ),
    # "km/h" is read as the two words "km" and "h", joined here
    _SPEED: re.compile(
        r"(?:km|км|m|м|mi)(?:h|ч|год|godz|std|hr)|mph|knots?|nœuds?|knoten|węzł\w*|nudos?|nodi|вузл\w*|узл\w*"
    ),
}
_WORD = re.compile(r"\w+")
# A year, written like a four-digit number.
YEAR = re.compile(r"1\d{3}|20\d{2}")
# A unit follows its number at once or after one word ("2 850 km", "60 metri", "351 MW").
_UNIT_REACH = 2
# "288 e 294 km", "5 to 7 MW": a short word between two numbers of one range.
_CONJUNCTION = 3
# Once in 100,000 words ("were", "people", "Menschen"): no unit.
_EVERYDAY_ZIPF = 4.0
_UNIT_LETTERS = 4
_REPLY_LANGUAGES = ("en", "uk", "ru", "fr", "de", "pl", "es", "it")
_DESIGNATION_NUMBER = re.compile(r"(?<=[^\W\d_])-\d+")


def asked_measure(question: str) -> Measure | None:
    """The measure `question` asks for, None when it asks for none."""
    return next((measure for measure, asks in _ASKS.items() if asks.search(question)), None)


def _units_after(words: list[str], i: int) -> list[str]:
    """The words that may be the unit of the number at `i`, and the next two joined ("km/h"); of
    a number in groups or a range, the unit after its last number ("2 850 km", "288 e 294 km")."""
    after = words[i + 1 : i + 1 + _UNIT_REACH]
    if after and _continued(after[0]):
        return _units_after(words, i + 1)
    if (
        len(after) == _UNIT_REACH
        and len(after[0]) <= _CONJUNCTION
        and not unit_measure(after[0])
        and _continued(after[1])
    ):
        return _units_after(words, i + 2)
    return [*after, "".join(after)]


def _continued(word: str) -> bool:
    return word.isdigit() and not YEAR.fullmatch(word)


def unit_measure(word: str) -> Measure | None:
    """The measure `word` is a unit of ("kilómetros", "тонн", "MW"), None for any other word."""
    folded = unicodedata.normalize("NFC", word).casefold()
    return next((measure for measure, units in _UNITS.items() if units.fullmatch(folded)), None)


def states_measure(text: str, measure: Measure) -> bool:
    """Whether `text` states a number with a unit of `measure`."""
    words = _WORD.findall(unicodedata.normalize("NFC", text).casefold())
    units = _UNITS[measure]
    return any(
        word[:1].isdigit() and any(units.fullmatch(w) for w in _units_after(words, i)) for i, word in enumerate(words)
    )


def _unknown_unit(word: str, language: str | None) -> bool:
    """Whether `word` may be a unit not known here: short ("GeV", "AU", "psi") and no everyday word
    ("were", "в", "Menschen")."""
    languages = [language] if language else _REPLY_LANGUAGES
    return len(word) <= _UNIT_LETTERS and max(zipf_frequency(word, lang) for lang in languages) < _EVERYDAY_ZIPF


def may_state_measure(text: str, measure: Measure, language: str | None) -> bool:
    """Whether a number of `text` (in `language`, any of the reply languages when unknown), its
    years and names' numbers aside, may be of `measure`: it has a unit of it, or a short word after
    it that is no everyday word, perhaps a unit not known here ("125 GeV" of a mass). "16 км" does
    not say a plant's power, nor "about 150 were injured" how high a wave rose, nor a year how deep
    a lake is, nor "Спутник-1" what it weighed."""
    # A name's number ("Спутник-1", "ПС-1") measures nothing.
    words = _WORD.findall(_DESIGNATION_NUMBER.sub(" ", unicodedata.normalize("NFC", text).casefold()))
    for i, word in enumerate(words):
        if not word[:1].isdigit():
            continue
        after = _units_after(words, i)
        found = {m for m, units in _UNITS.items() for w in after if units.fullmatch(w)}
        if measure in found:
            return True  # "1642 метра" is a depth, though written like a year
        if not (found or YEAR.fullmatch(word) or (after and not _unknown_unit(after[0], language))):
            return True
    return False
