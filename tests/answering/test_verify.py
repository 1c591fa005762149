from hypothesis import given
from hypothesis import strategies as st

from answering.verify import locate, normalize

TEXT = "L’élément clé est l’abandon de formulations floues du type « profonde\npréoccupation »."


def test_normalize_matches_the_eval_rules() -> None:
    assert normalize("« L’Ukraine »\n\tSTRASSE") == '" l\'ukraine " strasse'


def test_locate_finds_typographic_variants_and_returns_document_offsets() -> None:
    span = locate('l\'abandon de formulations floues du type " profonde préoccupation "', TEXT)
    assert span is not None
    assert TEXT[span[0] : span[1]].startswith("l’abandon")
    assert TEXT[span[0] : span[1]].endswith("»")


def test_a_character_that_normalizes_to_a_space_and_a_mark_is_found() -> None:
    assert locate("0 ¸", "0 ¸") == (0, 3)  # NFKC: "¸" → " ̧", next to a space


def test_locate_rejects_paraphrase() -> None:
    assert locate("abandon of vague wording", TEXT) is None
    assert locate("   ", TEXT) is None


@given(st.text(min_size=1, max_size=60), st.data())
def test_any_substring_is_found_at_offsets_that_normalize_to_it(text: str, data) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    span = locate(quote, text)
    if not normalize(quote).strip():
        assert span is None
        return
    assert span is not None
    assert normalize(quote).strip() in normalize(text[span[0] : span[1]])
