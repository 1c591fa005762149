"""Replies are never over 4096 UTF-16 units and never have broken HTML, whatever the answer."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from answering.source_line import short_title
from answering.types import Answer, AnswerKind, Citation, KeyPoint
from bot.render import (
    MAX_MESSAGE_LENGTH,
    render_answer,
    render_documents,
    render_quotes,
    shown_quote,
    split_html,
    utf16_length,
)

ALLOWED = {"b", "i", "a", "code", "blockquote"}


class TelegramHTML(HTMLParser):
    """Checks what Telegram's HTML parser would reject: unknown or unbalanced tags, bare `<`/`&`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        assert tag in ALLOWED, tag
        if tag == "a":
            assert [name for name, _ in attrs] == ["href"]
            assert dict(attrs)["href"].startswith(("http://", "https://"))
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()

    def handle_data(self, data):
        assert "<" not in data and ">" not in data
        self.text.append(data)

    def handle_entityref(self, name):
        assert name in {"lt", "gt", "amp", "quot"}, name
        self.text.append(html.unescape(f"&{name};"))

    def handle_charref(self, name):
        self.text.append(html.unescape(f"&#{name};"))


def check(message: str) -> str:
    """Assert `message` is a valid Telegram HTML message; return its visible text."""
    assert utf16_length(message) <= MAX_MESSAGE_LENGTH
    assert "&" not in re.sub(r"&(lt|gt|amp|quot|#x?[0-9a-fA-F]+);", "", message)
    parser = TelegramHTML()
    parser.feed(message)
    parser.close()
    assert parser.stack == []
    text = "".join(parser.text)
    assert text.strip()
    return text


def words(text: str) -> list[str]:
    return text.split()


# Text with everything that can go wrong: markup characters, emoji (2 UTF-16 units), newlines.
nasty = st.lists(
    st.sampled_from(list("ab <>&\"'\n«»") + ["😀", "й", "\u00a0", "&amp;", "<b>", "</i>"]),
    max_size=150,
).map("".join)
long_text = st.one_of(nasty, st.text(max_size=3000), st.just("x" * 5000), st.just("😀" * 2100))
urls = st.one_of(st.none(), st.just("https://example.org/a?b=1&c=<2>"), st.just("javascript:x"))


@st.composite
def answers(draw) -> Answer:
    n = draw(st.integers(0, 12))
    citations = [
        Citation(
            n=i + 1,
            document_id=f"doc-{i}",
            title=draw(nasty) or "t",
            published=draw(st.one_of(st.none(), st.just("2025-02-16"))),
            source=draw(urls),
            path="corpus/x.md",
            chunk_id=f"doc-{i}#0",
            quote=draw(long_text),
            start=0,
            end=1,
            language="fr",
        )
        for i in range(n)
    ]
    points = [KeyPoint(quote=c.quote, n=c.n, text=draw(nasty)) for c in citations]
    return Answer(
        language="uk",
        kind=AnswerKind.ANSWER,
        lead=draw(long_text),
        points=points,
        citations=citations,
        closing=draw(nasty),
        related=draw(st.lists(nasty, max_size=3)),
        direct_answer=draw(st.one_of(st.none(), nasty)),
    )


@settings(max_examples=300, deadline=None)
@given(answers())
def test_answers_split_into_valid_messages(answer):
    messages = render_answer(answer)
    visible = "".join(check(m) for m in messages)
    expected = [answer.lead, answer.closing, *answer.related, answer.direct_answer or ""]
    expected += [shown_quote(c.quote) for c in answer.citations] + [short_title(c.title) for c in answer.citations]
    # Nothing is lost (but the end of an overlong quote): every word of the answer is shown, in one message or another.
    shown = "".join(words(visible))
    for part in expected:
        for word in words(part):
            assert word in shown


@settings(max_examples=200, deadline=None)
@given(answers())
def test_quotes_and_short_citations_stay_whole(answer):
    for message in render_quotes(answer.citations, "uk"):
        check(message)
    messages = render_answer(answer)
    for c in answer.citations:
        if utf16_length(c.title) < 200:
            marker = f"[{c.n}]"
            assert any(marker in m for m in messages)


@given(st.text(max_size=20000), st.integers(min_value=64, max_value=4096))
@settings(max_examples=200, deadline=None)
def test_split_plain_escaped_text(text, limit):
    escaped = html.escape(text, quote=False)
    for message in split_html(f"<b>{escaped}</b>", limit):
        assert utf16_length(message) <= limit
        parser = TelegramHTML()
        parser.feed(message)
        assert parser.stack == []


def test_paragraphs_are_kept_together_when_they_fit():
    paragraphs = [f"<i>{'word ' * 150}</i>" for _ in range(12)]
    messages = split_html("\n\n".join(paragraphs), 2000)
    for message in messages:
        assert message.startswith("<i>") and message.endswith("</i>")
        assert message.count("<i>") == message.count("</i>")
    assert len(messages) == 6


def test_a_long_quote_is_cut_between_words_and_its_tag_reopened():
    quote = "mot " * 3000
    (first, second, third, *_rest) = split_html(f"<blockquote>{quote}</blockquote>")
    assert first.endswith("</blockquote>") and second.startswith("<blockquote>")
    assert all(w == "mot" for w in words(re.sub("<[^>]+>", " ", first + second + third)))


def test_citations_are_numbered_dated_linked_and_escaped():
    citation = Citation(
        1,
        "d",
        "Garanties <d'action>",
        "2025-02-16",
        "https://ex.org/?a=1&b=2",
        "p",
        "c",
        "« Une réponse globale » & <rapide>",
        0,
        1,
        "fr",
    )
    answer = Answer(
        "uk",
        AnswerKind.ANSWER,
        "Коаліція <обіцяє>:",
        [KeyPoint(citation.quote, 1, ""), KeyPoint(citation.quote, 1, "")],
        [citation, citation],
        direct_answer="Сполучені Штати <&>",
    )
    (message,) = render_answer(answer)
    assert message.startswith("<b>Сполучені Штати &lt;&amp;&gt;</b>\n\nКоаліція &lt;обіцяє&gt;:")
    link = '<a href="https://ex.org/?a=1&amp;b=2">Garanties &lt;d\'action&gt;</a>'
    source = f"[1] {link} · Опубліковано: 16 лютого 2025\u202fр."
    assert message.count(source) == 1  # one document, one source line, however often it is quoted
    assert "<blockquote>« Une réponse globale » &amp; &lt;rapide&gt; [1]</blockquote>" in message
    assert "Станом на" not in message
    check(message)

    (dated,) = render_answer(replace(answer, as_of="2025-02-16"))
    assert dated.index(source) < dated.index("<i>Станом на 2025-02-16:")
    check(dated)


def test_long_titles_are_shortened_at_a_word():
    title = "Une coalition des volontaires à Paris : vers de nouvelles garanties de sécurité pour l'Ukraine"
    assert short_title(title) == "Une coalition des volontaires à Paris : vers de nouvelles…"
    assert short_title("Budapest Memorandum") == "Budapest Memorandum"


def test_documents_list_newest_first():
    class Doc:
        def __init__(self, id, published):
            self.id, self.title, self.language = id, id.upper(), "en"
            self.published, self.source = published, None

    (message,) = render_documents([Doc("a", "2020-01-01"), Doc("b", "2024-01-01"), Doc("c", None)], "Docs:")
    assert message.index("B") < message.index("A") < message.index("C")
    check(message)


def test_an_overlong_quote_is_capped_so_a_reply_stays_a_few_messages():
    quote = "word " * 40_000  # 200 KB: one "sentence" of a document with no full stop
    citations = [Citation(n, f"d{n}", "T", None, None, "p", "c", quote, 0, len(quote), "en") for n in (1, 2, 3)]
    answer = Answer("en", AnswerKind.ANSWER, "Lead:", [KeyPoint(quote, c.n, "") for c in citations], citations)

    assert len(render_answer(answer)) <= 2
    assert len(render_quotes(citations, "en")) <= 2
    assert "… [1]</blockquote>" in render_answer(answer)[0]
