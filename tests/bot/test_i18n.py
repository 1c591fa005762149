"""Every UI string is translated in every locale, placeholders intact, and the .mo are fresh."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from bot.app import LOCALES_DIR

LOCALES = ["en", "uk", "ru", "fr", "de", "pl"]
BOT_DIR = Path(LOCALES_DIR).parent


def source_messages() -> set[str]:
    return {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            BOT_DIR, method_map=[("**.py", "python")], keywords={"_": None, "gettext": None}
        )
    }


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_is_complete_and_compiled(locale):
    po_path = LOCALES_DIR / locale / "LC_MESSAGES" / "messages.po"
    with po_path.open("rb") as f:
        catalog = read_po(f)
    ids = {m.id for m in catalog if m.id}
    assert source_messages() <= ids, "run pybabel extract/update: the .po lacks messages"
    with (po_path.with_suffix(".mo")).open("rb") as f:
        compiled = read_mo(f)
    for message in catalog:
        if not message.id:
            continue
        if locale != "en":
            assert message.string, f"{locale}: untranslated {message.id!r}"
            assert sorted(re.findall(r"{\w+}", message.string)) == sorted(re.findall(r"{\w+}", message.id))
            assert re.findall(r"</?\w+>", message.string) == re.findall(r"</?\w+>", message.id)
        stored = compiled.get(message.id)
        assert (stored.string if stored else "") == message.string, "run pybabel compile"


def test_en_catalog_needs_no_translation():
    with (LOCALES_DIR / "en" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        assert all(not m.string for m in read_po(io.BytesIO(f.read())) if m.id)
