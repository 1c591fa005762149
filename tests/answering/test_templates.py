from dataclasses import fields

import pytest

from answering.language import detect_reply_language
from answering.templates import PHRASES, Phrases


@pytest.mark.parametrize("code", sorted(PHRASES))
def test_every_phrase_is_detected_as_its_language(code: str) -> None:
    for f in fields(Phrases):
        text = getattr(PHRASES[code], f.name)
        if "{language}" in text:
            continue
        assert detect_reply_language(text) == code, (f.name, text)


def test_required_languages_exist() -> None:
    assert {"en", "uk", "ru", "fr", "de", "pl", "es", "it"} <= set(PHRASES)
