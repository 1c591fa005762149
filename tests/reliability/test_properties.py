"""Properties over generated input: split messages fit Telegram and are valid HTML; chunk and
sentence offsets map back to the text; verification never accepts a quote absent from its
passage."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from answering.compose_llm import Passage, verified_answer
from answering.errors import UnverifiableOutputError
from answering.verify import contains, locate, normalize
from bot.render import MAX_MESSAGE_LENGTH, split_html, utf16_length
from retrieval.chunking import chunk_text
from retrieval.documents import normalize_text
from retrieval.sentences import MAX_SENTENCE_CHARS, sentence_spans
from retrieval.types import DocumentInfo, Hit

# Text as documents and users write it, nasty parts included: markup characters, entities,
# emoji (two UTF-16 units), combining marks, long runs without a space, blank lines.
pieces = st.one_of(
    st.text(min_size=1, max_size=80),
    st.sampled_from(["<", ">", "&", "&amp;", "<b>", "</i>", "😀", "e\u0301", "\n\n", "\n", ". ", "Ж", "ß"]),
    st.integers(min_value=1, max_value=3000).map(lambda n: "x" * n),
)
documents = st.lists(pieces, max_size=40).map("".join)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        assert tag in {"b", "i", "blockquote"}, tag
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag

    def handle_data(self, data):
        self.text.append(data)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["b", "i", "blockquote", ""]), documents), max_size=12))
def test_split_messages_fit_telegram_and_are_valid_html(paragraphs):
    markup = "\n\n".join(f"<{t}>{html.escape(p, quote=False)}</{t}>" if t else html.escape(p) for t, p in paragraphs)
    shown = []
    for part in split_html(markup):
        assert utf16_length(part) <= MAX_MESSAGE_LENGTH
        parser = _Tags()
        parser.feed(part)
        parser.close()
        assert parser.stack == []
        shown.append("".join(parser.text))
    # Nothing is lost but whitespace.
    original = re.sub(r"\s+", "", "".join(p for _, p in paragraphs))
    assert re.sub(r"\s+", "", "".join(shown)) == original


@settings(max_examples=150, deadline=None)
@given(documents)
def test_chunk_and_sentence_offsets_map_back_to_the_text(raw):
    text = normalize_text(raw)
    chunks = chunk_text(text, lambda s: len(s.split()) + 1, max_tokens=60)
    covered = set()
    for chunk in chunks:
        assert 0 <= chunk.start < chunk.end <= len(text)
        for start, end in chunk.sentences:
            assert chunk.start <= start < end <= chunk.end
            assert end - start <= MAX_SENTENCE_CHARS
            assert text[start:end] == text[start:end].strip()
            covered.update(range(start, end))
    # Every visible character of the text is in some sentence of some chunk.
    assert all(i in covered for i, c in enumerate(text) if not c.isspace())
    assert [s for c in chunks for s in c.sentences if s not in sentence_spans(text)] == []


def _hit(text: str) -> Hit:
    info = DocumentInfo("d", "T", "en", None, None, None, "d.md", "h")
    return Hit("d::c0000", text, 1.0, 100, 100 + len(text), info)


@settings(max_examples=200, deadline=None)
@given(documents, st.text(min_size=12, max_size=120))
def test_a_quote_absent_from_its_passage_is_never_accepted(passage, quote):
    assume(not contains(passage, quote) and normalize(quote).strip())
    assume("«" not in quote and "»" not in quote and "\n" not in quote)
    reply = f"- «{quote}» [1]"

    assert locate(quote, passage) is None
    with pytest.raises(UnverifiableOutputError):
        verified_answer("q", "en", reply, [Passage(1, _hit(passage))])


@settings(max_examples=200, deadline=None)
@given(documents, st.data())
def test_an_accepted_quote_is_cut_verbatim_from_its_passage(passage, data):
    words = passage.split()
    assume(len(" ".join(words)) >= 20)
    i = data.draw(st.integers(0, len(words) - 1))
    j = data.draw(st.integers(i + 1, len(words)))
    quote = " ".join(words[i:j])
    assume(len(quote) >= 12 and "«" not in quote and "»" not in quote and "[" not in quote)
    hit = _hit(passage)

    try:
        answer = verified_answer("q", "en", f"- «{quote}» [1]", [Passage(1, hit)])
    except UnverifiableOutputError:
        return  # refusing is always allowed; accepting something not in the passage is not
    for citation in answer.citations:
        assert citation.quote == passage[citation.start - hit.start : citation.end - hit.start]
        assert normalize(quote).strip() in normalize(citation.quote)
