"""Questions no source can answer by their nature: the asker wants the assistant's own opinion or
advice ("do you think", "selon vous", "як ви вважаєте", "which is better, A or B"), or a prediction about what has not
happened yet ("next year", "у майбутньому", "prima del 2030").

Sources report what happened and what was announced; a reply to such a question would pass off
a quote on the topic as a verdict or a forecast. Similarity cannot tell them apart (they are as
close to the sources as real questions), so the cues are listed per language, the way the
interrogatives are: second-person opinion and advice phrases, "is it worth", and words that
place the asked event after today. A plain future tense is no cue ("Qui dirigera le mécanisme ?" asks about a
plan the sources state), nor is a later year in a question that asks what, who or until when
("What does the agreement provide until 2034?"); a later year in a question whether something
will happen is ("L'Ucraina entrerà nella NATO prima del 2030?")."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from answering.evidence import quote_sentences
from answering.terms import is_interrogative, words

_OPINION_BY_LANGUAGE = (
    r"do you (?:think|believe|reckon|expect)|would you say|in your (?:opinion|view)|your (?:opinion|view|guess|"
    r"prediction)|according to you|what do you (?:think|make of)|(?:would|do|can) you recommend|is it worth",
    r"як (?:ти|ви) (?:думаєш|думаєте|вважаєш|вважаєте)|що (?:ти|ви) (?:думаєш|думаєте)|на (?:твою|вашу) думку|"
    r"на (?:твій|ваш) погляд|(?:ти|ви) (?:вважаєш|вважаєте)|порадь\w*|порадите|порадиш|чи варто",
    r"как (?:ты|вы) (?:думаешь|думаете|считаешь|считаете)|что (?:ты|вы) (?:думаешь|думаете)|по-твоему|"
    r"по-вашему|по (?:твоему|вашему) мнению|на (?:твой|ваш) взгляд|(?:ты|вы) (?:считаешь|считаете)|"
    r"посоветуй|стоит ли",
    r"selon (?:toi|vous)|d'après (?:toi|vous)|à (?:ton|votre) avis|pens(?:es|ez)-(?:tu|vous)|"
    r"cro(?:is|yez)-(?:tu|vous)|(?:tu|vous) (?:penses?|pensez|crois|croyez) que|qu'en pens|"
    r"(?:ton|votre) (?:opinion|avis)|(?:me|nous) conseill|vaut-il la peine|ça vaut la peine",
    r"(?:glaubst|meinst|denkst|findest) du|(?:glauben|meinen|denken|finden) sie|(?:deiner|ihrer) "
    r"(?:meinung|ansicht)|(?:deine|ihre) meinung|was (?:hältst|halten) (?:du|sie)|empfiehlst|empfehlen sie|"
    r"lohnt es sich",
    r"jak (?:myślisz|sądzisz|uważasz)|(?:według|wg) (?:ciebie|pana|pani|was)|(?:twoim|pana|pani|waszym) "
    r"zdaniem|czy (?:uważasz|sądzisz|myślisz)|co (?:myślisz|sądzisz)|polecisz|polecasz|poradź|czy warto",
    r"(?:crees|piensas|opinas|cree usted|piensa usted) que|según (?:tú|usted|ustedes|vosotros)|en (?:tu|su) "
    r"opinión|qué (?:opinas|piensas)|a tu juicio|me recomiendas|(?:nos|me) recomienda|vale la pena",
    r"secondo (?:te|lei|voi)|(?:pensi|credi|ritieni) che|a (?:tuo|suo|vostro) (?:parere|avviso)|"
    r"(?:che|cosa) ne pensi|la tua opinione|mi consigli|vale la pena",
)
_FUTURE_BY_LANGUAGE = (
    r"next (?:year|month|week|summer|winter|spring|autumn|decade)|(?:in|within|over) the (?:next|coming) \w+|"
    r"tomorrow|in the (?:near )?future|"
    r"in the coming|upcoming|predict|forecast",
    r"наступн\w+ (?:року|році|місяця|місяці|тижня|тижні|літа|зими|весни|осені)|завтра|майбутн\w+|"
    r"найближчим часом|найближч\w+ (?:рок|місяц|тижн)\w*|через \w+ (?:рок\w*|років|місяц\w*)|прогноз",
    r"следующ\w+ (?:году|года|месяце|месяца|неделе|недели|летом)|завтра|будущ\w+|в ближайш\w+ (?:время|год\w*|"
    r"месяц\w*|недел\w*)|через \w+ (?:лет|год\w*|месяц\w*)|прогноз",
    r"(?:l'année|le mois|la semaine|l'été|l'hiver) prochaine?|prochaine? (?:année|mois|semaine|été|hiver)|"
    r"(?:les|des) (?:prochaines|prochains) (?:années|mois|semaines)|demain|à l'avenir|futur\w*|prévision|prédi\w+",
    r"nächste[nmrs]? (?:jahr|monat|woche|sommer|winter)|in den (?:nächsten|kommenden) \w+|künftig\w*|"
    r"zukünftig\w*|in zukunft|prognose|"
    r"vorhersage|(?-i:morgen)",
    r"przyszł\w+|następn\w+ (?:roku|rok|miesiącu|miesiąc|tygodniu|tydzień|lecie|lat\w*)|najbliższ\w+ (?:lat\w*|"
    r"miesiąc\w*|tygodni\w*)|jutr\w+|prognoz\w+",
    r"próxim\w+ (?:años?|mes|meses|semanas?|verano|invierno|década)|el año que viene|mañana|futur\w+|"
    r"pronóstico|predic\w+",
    r"prossim\w+ (?:anno|anni|mese|mesi|settimana|settimane|estate|inverno|decennio)|l'anno prossimo|domani|"
    r"in futuro|futur\w+|"
    r"previsione|prevedi",
)
# What a source says is planned or expected, not what happened: "Następna edycja została
# zaplanowana na październik 2025 roku" does not say who won in 2025.
_PLAN = re.compile(
    r"\b(?:planned|scheduled|expected|will|to be held|"
    r"заплан\w*|очіку\w*|відбудеться|має відбутися|"
    r"ожида\w*|состоится|пройд[её]т|"
    r"prévue?s?|aura lieu|se tiendra|programmée?s?|"
    r"geplant\w*|vorgesehen\w*|soll|sollen|"
    r"zaplanowan\w*|odbędzie|przewidzian\w*|"
    r"previst[oa]s?|programad[oa]s?|se celebrará|tendrá lugar|"
    r"previst[oaie]|programmat[oaie]|si terrà|avrà luogo)\b",
    re.IGNORECASE,
)
# "Which is better, A or B?", "Когда лучше ехать — зимой или летом?": a comparison of worth between
# alternatives, or than something, asks for a judgement.
_BETTER = r"(?:better|лучше|краще|mieux|meilleure?s?|besser\w*|lepiej|lepsz\w*|mejor(?:es)?|meglio|migliori?e?)"
_THAN = r"(?:than|чем|ніж|que|als|niż|di)"
_OR = r"(?:or|или|чи|або|ou|oder|czy|albo|o|oppure)"
_ALTERNATIVES = re.compile(
    rf"(?<!\w){_BETTER}(?!\w)(?:\s+{_THAN}(?!\w)|.*(?<!\w){_OR}(?!\w))|(?<!\w){_OR}(?!\w).*(?<!\w){_BETTER}(?!\w)",
    re.IGNORECASE,
)
_OPINION = re.compile(r"(?<!\w)(?:" + "|".join(_OPINION_BY_LANGUAGE) + r")", re.IGNORECASE)
_FUTURE = re.compile(r"(?<!\w)(?:" + "|".join(_FUTURE_BY_LANGUAGE) + r")", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def speculative(question: str, today: date | None = None) -> bool:
    """Whether `question` asks for an opinion, advice or a prediction rather than for a fact."""
    folded = unicodedata.normalize("NFC", question).replace("’", "'").replace("ʼ", "'")
    if _OPINION.search(folded) or _FUTURE.search(folded) or _ALTERNATIVES.search(folded):
        return True
    this_year = (today or date.today()).year
    later = any(int(y) > this_year for y in _YEAR.findall(folded))
    return later and not any(is_interrogative(w) for w in words(folded))


def told_as_plans(question: str, text: str) -> bool:
    """Whether a year the question names is in `text` only in sentences telling a plan ("will be
    held", "zaplanowana na", "prévu en"): such a quote does not date what happened that year."""
    years = set(_YEAR.findall(question))
    if not years:
        return False  # asked of every quote the gate types: most questions name no year
    sentences = [text[start:end] for start, end in quote_sentences(text)]
    for year in years:
        holding = [s for s in sentences if year in s]
        if holding and all(_PLAN.search(s) for s in holding):
            return True
    return False
