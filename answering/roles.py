"""A "who" question that names a role ("Which president…", "Кто был генеральным секретарём…",
"Chi era il capo osservatore…") is answered only by a quote that names that role.

A passage on the right event often names other people ("Kuchma and Yeltsin signed…") or none, and
reads as close to the question as the answer would; the word matcher's cross-lingual similarity
cannot tell "chaired" from "signed". Roles are few and recur in every domain, so they are listed
as word beginnings in the eight reply languages, grouped by role: a quote in any language names
the role when one of its words begins like one of the group's."""

from __future__ import annotations

import re
import unicodedata

# One group per role; a word names the role when it begins with one of these (case-folded).
_ROLES = (
    # presides, chairs
    "president presid présid präsid prezyd prezes президент председа головув голова голови голові головою chair "
    "vorsitz "
    "przewodnicz",
    # heads, leads, directs
    "head chief chef capo jefe szef leiter leitete führ глава главы главе главой главу очол возглав керів руковод "
    "kierow dirig director directeur direttor dyrektor директор leader guid encabez przewodz | direction "
    "dirección direzione leitung "
    "kierownictw керівництв руководств",
    # "premier" and "primera" also mean "first": they name the role in a quote, and ask for it only
    # inflected as Polish inflects the premier ("premierem")
    "minist міністр министр прем'єр премьер premierem premiera premierowi | premier primer",
    "chancellor chancelier kanzler kanclerz canciller cancellier канцлер",
    "secretar secrétaire segretari sekretär sekretar секретар",
    "coach trainer entraîneur entrenador allenator trener тренер",
    "ambassad botschafter ambasador embajador ambasciator посол",
    "command kommand befehlshaber dowódc comandant командир командувач командующ",
    "captain capitaine kapitän kapitan capitán capitano капітан капитан",
    "mayor maire bürgermeister burmistrz alcalde sindaco мер",
    "king queen roi reine könig königin król królowa rey reina regina король королева",
)
# Words after "|" name the role in a quote ("sous la direction des États-Unis") but ask for none
# in a question ("Quelles directions…").
_ASKED = tuple(tuple(group.partition("|")[0].split()) for group in _ROLES)
_NAMED = tuple(tuple(group.replace("|", " ").split()) for group in _ROLES)
# "Who …" or "which/what …" opens the question; the role follows within a few words ("Who was
# the first president", "Quel ministre", "Кто возглавлял делегацию").
_ASKS_WHO = re.compile(
    r"^\W*(?:\w+\s+)?(?:who|whom|whose|which|what|хто|кого|кому|яка|який|які|якого|кто|кого|кому|какой|какая|"
    r"какие|каким|qui|quel|quelle|quels|quelles|lequel|laquelle|wer|wen|wem|welche[rsmn]?|kto|kogo|komu|"
    r"który|która|którzy|jaki|jaka|quién|quiénes|cuál|cuáles|qué|chi|quale|quali)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+(?:'\w+)*")
_ROLE_WITHIN = 4
# A question word is taken as the role only if it is not much longer than the listed beginning
# ("лидер", "president"), so "мероприятие" is not "мер" and "headline" is not "head".
_MAX_ENDING = 5


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text).casefold().replace("’", "'").replace("ʼ", "'"))


def asked_role(question: str) -> tuple[str, ...]:
    """The beginnings of the role a who/which question asks for, () when it asks for none."""
    opening = _ASKS_WHO.match(question)
    if not opening:
        return ()
    following = _words(question[opening.end() :])[:_ROLE_WITHIN]
    for asked, named in zip(_ASKED, _NAMED, strict=True):
        if any(w.startswith(b) and len(w) - len(b) <= _MAX_ENDING for w in following for b in asked):
            return named
    return ()


def names_role(text: str, role: tuple[str, ...]) -> bool:
    """Whether `text` (in any language) names the role; always true when none is asked."""
    return not role or any(w.startswith(b) for w in _words(text) for b in role)
