"""Every reply phrase is translated in every reply language, placeholders intact, .mo fresh, and
each translation reads as its language."""

import re
from dataclasses import fields
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from answering.language import detect_reply_language
from answering.templates import DOMAIN, LOCALES_DIR, Phrases, phrases, reply_languages

REPLY_LANGUAGES = ["en", "uk", "ru", "fr", "de", "pl", "es", "it"]


def source_messages() -> set[str]:
    package = Path(LOCALES_DIR).parent
    return {
        m for _f, _l, m, _c, _x in extract_from_dir(package, method_map=[("**.py", "python")], keywords={"N_": None})
    }


@pytest.mark.parametrize("code", REPLY_LANGUAGES)
def test_catalog_is_complete_and_compiled(code: str) -> None:
    po_path = LOCALES_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    with po_path.open("rb") as f:
        catalog = read_po(f)
    ids = {m.id for m in catalog if m.id}
    assert source_messages() <= ids, "add the new phrases to the .po files"
    with po_path.with_suffix(".mo").open("rb") as f:
        compiled = read_mo(f)
    for message in catalog:
        if not message.id:
            continue
        if code != "en":
            assert message.string, f"{code}: untranslated {message.id!r}"
            assert sorted(re.findall(r"{\w+}", str(message.string))) == sorted(re.findall(r"{\w+}", str(message.id)))
        stored = compiled.get(message.id)
        assert (stored.string if stored else "") == message.string, (
            "run pybabel compile -d answering/locales -D answering"
        )


@pytest.mark.parametrize("code", REPLY_LANGUAGES)
def test_every_phrase_is_detected_as_its_language(code: str) -> None:
    for f in fields(Phrases):
        text = getattr(phrases(code), f.name)
        if "{language}" in text or "{date}" in text:
            continue  # labels, never read alone: the evaluation detects the reply's sentences
        assert detect_reply_language(text) == code, (f.name, text)


def test_required_languages_exist_and_others_fall_back_to_english() -> None:
    assert set(REPLY_LANGUAGES) <= reply_languages()
    assert phrases("zz") == phrases("en")
