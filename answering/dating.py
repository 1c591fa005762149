"""Dates in replies: "as of <date>" when the newest cited source is old, and a plain notice when
the period a question asks about holds no source. Sentences per language, like templates.py."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from answering.timeframe import TimeFrame
    from answering.types import Citation

# Older than this, a reply may no longer describe the present: it says which date it reflects.
STALE_AFTER = timedelta(days=180)

_AS_OF = {
    "en": "As of {date}: this is the date of the newest source cited here.",
    "uk": "Станом на {date}: це дата найновішого з цитованих джерел.",
    "ru": "По состоянию на {date}: это дата самого нового из цитируемых источников.",
    "fr": "Situation au {date} : c'est la date de la source la plus récente citée ici.",
    "de": "Stand {date}: Das ist das Datum der neuesten hier zitierten Quelle.",
    "pl": "Stan na {date}: to data najnowszego z cytowanych tu źródeł.",
    "es": "Situación a {date}: es la fecha de la fuente más reciente citada aquí.",
    "it": "Situazione al {date}: è la data della fonte più recente citata qui.",
}
_NONE_IN_PERIOD = {
    "en": "No indexed source is dated within the period you asked about ({period}), so I cannot "
    "answer for that period. Ask again without the period to search all sources.",
    "uk": "Жодне проіндексоване джерело не датоване періодом, про який ви питаєте ({period}), тому я "
    "не можу відповісти щодо цього періоду. Запитайте без періоду, щоб шукати в усіх джерелах.",
    "ru": "Ни один проиндексированный источник не датирован периодом, о котором вы спрашиваете "
    "({period}), поэтому я не могу ответить за этот период. Спросите без периода, чтобы искать во всех "
    "источниках.",
    "fr": "Aucune source indexée n'est datée de la période demandée ({period}) : je ne peux donc pas "
    "répondre pour cette période. Reposez la question sans période pour chercher dans toutes les sources.",
    "de": "Keine indexierte Quelle stammt aus dem erfragten Zeitraum ({period}), daher kann ich für "
    "diesen Zeitraum nicht antworten. Fragen Sie ohne Zeitraum, um in allen Quellen zu suchen.",
    "pl": "Żadne zindeksowane źródło nie pochodzi z okresu, o który pytasz ({period}), więc nie mogę "
    "odpowiedzieć dla tego okresu. Zapytaj bez okresu, aby przeszukać wszystkie źródła.",
    "es": "Ninguna fuente indexada está fechada en el periodo por el que pregunta ({period}), así que "
    "no puedo responder para ese periodo. Pregunte sin el periodo para buscar en todas las fuentes.",
    "it": "Nessuna fonte indicizzata è datata nel periodo richiesto ({period}), quindi non posso "
    "rispondere per quel periodo. Chieda di nuovo senza il periodo per cercare in tutte le fonti.",
}

# For a dated period that may be when events happened ("in 2022"): the sources of all dates were
# searched instead, and the reply says so first.
_NONE_DATED = {
    "en": "No indexed source is dated within {period}, so I searched sources of all dates.",
    "uk": "Жодне проіндексоване джерело не датоване періодом {period}, тому я шукав у джерелах усіх дат.",
    "ru": "Ни один проиндексированный источник не датирован периодом {period}, поэтому я искал в источниках всех дат.",
    "fr": "Aucune source indexée n'est datée de la période {period} : j'ai donc cherché dans les sources "
    "de toutes dates.",
    "de": "Keine indexierte Quelle stammt aus dem Zeitraum {period}, daher habe ich Quellen aller Daten durchsucht.",
    "pl": "Żadne zindeksowane źródło nie pochodzi z okresu {period}, więc przeszukałem źródła ze wszystkich dat.",
    "es": "Ninguna fuente indexada está fechada en el periodo {period}, así que busqué en fuentes de todas las fechas.",
    "it": "Nessuna fonte indicizzata è datata nel periodo {period}, quindi ho cercato tra le fonti di tutte le date.",
}


def as_of_note(language: str, as_of: str) -> str:
    """The sentence that says which date a reply reflects, in `language` (English if unknown)."""
    return _AS_OF.get(language, _AS_OF["en"]).format(date=as_of)


def stale_as_of(citations: Iterable[Citation], today: date) -> str | None:
    """The newest cited source's date when it is older than STALE_AFTER, else None."""
    dates = [c.published for c in citations if c.published]
    if not dates:
        return None
    newest = max(dates)
    try:
        old = today - date.fromisoformat(newest[:10]) > STALE_AFTER
    except ValueError:
        return None
    return newest if old else None


def none_in_period_note(language: str, frame: TimeFrame) -> str:
    """The plain notice that no source is dated within `frame` (a strict one: the reply ends there)."""
    return _NONE_IN_PERIOD.get(language, _NONE_IN_PERIOD["en"]).format(period=_period(frame))


def none_dated_note(language: str, frame: TimeFrame) -> str:
    """The notice that no source is dated within a non-strict `frame`, so all were searched."""
    return _NONE_DATED.get(language, _NONE_DATED["en"]).format(period=_period(frame))


def _period(frame: TimeFrame) -> str:
    return f"{frame.published_from or '…'} – {frame.published_to or '…'}"
