"""People's names in the reader's script: Latin names in Cyrillic for uk/ru readers, Cyrillic names
in Latin for the others. A rule-based approximation of how names sound, so the original always
follows in parentheses ("Стів Віткофф (Steve Witkoff)")."""

from __future__ import annotations

import re
import unicodedata

CYRILLIC_LANGUAGES = frozenset({"uk", "ru"})
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")

# Letter groups first, longest first; per-language spellings of the same sound where they differ.
_GROUPS_COMMON = {
    "sch": "ш",
    "tch": "ч",
    "shch": "щ",
    "sh": "ш",
    "ch": "ч",
    "zh": "ж",
    "kh": "х",
    "ts": "ц",
    "tz": "ц",
    "ph": "ф",
    "th": "т",
    "ck": "к",
    "qu": "кв",
    "sz": "ш",
    "cz": "ч",
    "rz": "ж",
    "oo": "у",
    "ee": "і",
    "ou": "у",
    "gn": "нь",
    "x": "кс",
    "w": "в",
    "q": "к",
    "ya": "я",
    "yu": "ю",
    "yo": "йо",
    "ye": "є",
}
_GROUPS_BY_SOURCE = {
    "de": {"ch": "х", "ei": "ай", "eu": "ой", "ie": "і", "j": "й", "z": "ц", "v": "ф", "w": "в"},
    "fr": {"ch": "ш", "j": "ж", "ou": "у", "eau": "о", "au": "о", "ai": "е", "oi": "уа", "gn": "нь"},
    "es": {"j": "х", "ll": "й", "ñ": "нь", "ch": "ч", "z": "с"},
    "it": {
        "gli": "льї",
        "ch": "к",
        "gh": "г",
        "sc": "ш",
        "ci": "чі",
        "ce": "че",
        "gi": "джі",
        "ge": "дже",
        # "i" between "c"/"g" and a vowel is no sound of its own: Giovanni, Poggio, Boccaccio
        **{
            f"{consonant}i{vowel}": f"{sound}{cyrillic}"
            for consonant, sound in (("gg", "дж"), ("cc", "ч"), ("g", "дж"), ("c", "ч"))
            for vowel, cyrillic in (("a", "а"), ("o", "о"), ("u", "у"))
        },
    },
    "pl": {
        "ch": "х",
        "j": "й",
        "ł": "л",
        "ń": "нь",
        "ś": "сь",
        "ć": "ць",
        "ż": "ж",
        "ź": "зь",
        "ó": "у",
        "ą": "он",
        "ę": "ен",
        "ie": "є",
    },
    "en": {"j": "дж"},
}
_LETTERS = {
    "a": "а",
    "b": "б",
    "c": "к",
    "d": "д",
    "e": "е",
    "f": "ф",
    "g": "г",
    "h": "х",
    "i": "і",
    "j": "дж",
    "k": "к",
    "l": "л",
    "m": "м",
    "n": "н",
    "o": "о",
    "p": "п",
    "r": "р",
    "s": "с",
    "t": "т",
    "u": "у",
    "v": "в",
    "y": "і",
    "z": "з",
}
# Where Russian spells a sound differently from Ukrainian.
_TO_RUSSIAN = str.maketrans({"і": "и", "є": "е", "ї": "йи"})
_UKRAINIAN_H = {"h": "г"}

_TO_LATIN = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "ye",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": "yi",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ъ": "",
    "ы": "y",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    "'": "",
    "’": "",
    "ʼ": "",
}
_RUSSIAN_TO_LATIN = {"г": "g", "и": "i", "й": "y"}


def is_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


def in_script_of(name: str, reply_language: str, source_language: str) -> str | None:
    """`name` in the reply's script, or None when it is already in it."""
    wants_cyrillic = reply_language in CYRILLIC_LANGUAGES
    if wants_cyrillic == is_cyrillic(name):
        return None
    if wants_cyrillic:
        return to_cyrillic(name, reply_language, source_language)
    return to_latin(name, source_language)


def to_cyrillic(name: str, language: str, source_language: str) -> str:
    """A Latin-script name as a uk (or ru) reader would spell it."""
    groups = {**_GROUPS_COMMON, **_GROUPS_BY_SOURCE.get(source_language, {})}
    if language == "uk":
        groups = {**groups, **_UKRAINIAN_H}
    longest = max(len(g) for g in groups)
    words = []
    for word in re.split(r"(?<=-)|\s+", name):
        out: list[str] = []
        lower = word.casefold()
        i = 0
        while i < len(lower):
            for size in range(longest, 0, -1):
                piece = lower[i : i + size]
                if piece in groups:
                    out.append(groups[piece])
                    i += size
                    break
            else:
                letter = _plain(lower[i])
                out.append(_LETTERS.get(letter, letter))
                i += 1
        spelled = "".join(out)
        if language == "ru":
            spelled = spelled.translate(_TO_RUSSIAN)
        words.append(spelled[:1].upper() + spelled[1:])
    return " ".join(words).replace("- ", "-")


def to_latin(name: str, source_language: str) -> str:
    """A Cyrillic-script name in Latin letters (Ukrainian national system, Russian where it differs)."""
    table = {**_TO_LATIN, **(_RUSSIAN_TO_LATIN if source_language == "ru" else {})}
    out = []
    for ch in name:
        latin = table.get(ch.lower())
        if latin is None:
            out.append(ch)
        else:
            out.append(latin.capitalize() if ch.isupper() else latin)
    return "".join(out)


def _plain(letter: str) -> str:
    """é → e, ü → u: the base letter of an accented one."""
    return unicodedata.normalize("NFD", letter)[0]
