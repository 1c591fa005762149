import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import docx
import pytest

from retrieval.corpus_files import add_to_corpus, remove_from_corpus
from retrieval.documents import LoadedDocument, corpus_files, load_document
from retrieval.errors import DocumentError, DocumentNotFoundError

UKRAINIAN = (
    "Україна та її партнери обговорюють гарантії безпеки. "
    "Кожна держава-учасниця укладе з Україною двосторонню угоду про безпеку."
)

ARTICLE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Paris talks on guarantees</title>
<meta property="article:published_time" content="2025-01-06"></head>
<body><nav>Home | World | Contact</nav>
<article><h1>Paris talks on guarantees</h1>
<p>Leaders of the coalition of the willing met in Paris to discuss security guarantees.</p>
<p>They considered monitoring mechanisms in case the war ends with a ceasefire.</p>
</article><footer>All rights reserved</footer></body></html>"""

# path -> (status, headers, body)
ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/news/paris-talks": (200, {"Content-Type": "text/html; charset=utf-8"}, ARTICLE.encode()),
    "/old-link": (301, {"Location": "/news/paris-talks"}, b""),
    "/notes": (
        200,
        {"Content-Type": "text/plain; charset=windows-1251"},
        UKRAINIAN.encode("cp1251"),
    ),
    "/report": (200, {"Content-Type": "application/pdf"}, b"not a real PDF"),
    "/picture": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n"),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, headers, body = ROUTES.get(self.path, (404, {}, b"not found"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder


def metadata(document: LoadedDocument) -> tuple:
    info = document.info
    return (info.title, info.language, info.published, info.source, info.publisher)


def test_add_local_text_file_round_trips(tmp_path, corpus):
    source = tmp_path / "incoming" / "paris.txt"
    source.parent.mkdir()
    source.write_bytes(f"Гарантії безпеки\r\n\r\n\r\n\r\n{UKRAINIAN}   \r\n".encode("cp1251"))
    original = load_document(source, source.parent)

    written = add_to_corpus(str(source), corpus)

    assert written == corpus / "paris.md"
    reloaded = load_document(written, corpus)
    assert reloaded.text == original.text == f"Гарантії безпеки\n\n{UKRAINIAN}"
    assert metadata(reloaded) == metadata(original)
    assert reloaded.info.id == "paris"
    assert written.read_text(encoding="utf-8").startswith("---\ntitle: Гарантії безпеки\n")
    assert written.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in corpus.iterdir()] == [written.name]


def test_add_applies_overrides(tmp_path, corpus):
    source = tmp_path / "note.md"
    source.write_text("# Draft\n\nThe memorandum was signed in Budapest.\n", encoding="utf-8")

    written = add_to_corpus(
        str(source),
        corpus,
        title="Budapest Memorandum: 1994",
        language="en-GB",
        published="1994-12-05",
        source_url="https://example.org/memo",
    )

    assert written.name == "budapest-memorandum-1994.md"
    info = load_document(written, corpus).info
    assert (info.title, info.language, info.published, info.source) == (
        "Budapest Memorandum: 1994",
        "en",
        "1994-12-05",
        "https://example.org/memo",
    )


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"published": "5 Dec 1994"}, "'5 Dec 1994' is not a date"),
        ({"language": "English"}, "'English' is not a language code"),
        ({"title": "  "}, "the given title is blank"),
    ],
)
def test_bad_overrides_are_refused(tmp_path, corpus, override, message):
    source = tmp_path / "note.txt"
    source.write_text("Some text.", encoding="utf-8")

    with pytest.raises(DocumentError, match=message):
        add_to_corpus(str(source), corpus, **override)
    assert corpus_files(corpus) == []


def test_adding_the_same_document_twice_returns_the_existing_file(tmp_path, corpus):
    source = tmp_path / "note.txt"
    source.write_text("Security note\n\nThe same text twice.", encoding="utf-8")

    first = add_to_corpus(str(source), corpus)
    second = add_to_corpus(str(source), corpus)

    assert first == second
    assert corpus_files(corpus) == [first]


def test_a_different_document_with_the_same_id_is_not_overwritten(tmp_path, corpus):
    for folder, text in (("a", "First version."), ("b", "Second version.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "note.txt").write_text(f"Security note\n\n{text}", encoding="utf-8")
    first = add_to_corpus(str(tmp_path / "a" / "note.txt"), corpus)
    before = first.read_bytes()

    with pytest.raises(DocumentError, match="already has a different document with the id"):
        add_to_corpus(str(tmp_path / "b" / "note.txt"), corpus)

    assert first.read_bytes() == before
    other = add_to_corpus(str(tmp_path / "b" / "note.txt"), corpus, title="Security note, revised")
    assert other.name == "security-note-revised.md"


def test_the_id_is_the_file_name_slug_not_the_title(tmp_path, corpus):
    source = tmp_path / "ramstein-note.md"
    source.write_text("# The Ukraine Defense Contact Group\n\nIt met at Ramstein.", encoding="utf-8")

    written = add_to_corpus(str(source), corpus)

    assert written == corpus / "ramstein-note.md"
    assert load_document(written, corpus).info.title == "The Ukraine Defense Contact Group"


def test_add_docx_writes_markdown(tmp_path, corpus):
    word = docx.Document()
    word.add_heading("Bilateral agreements", level=1)
    word.add_paragraph("Ukraine signed security agreements with its partners in 2024.")
    word.save(tmp_path / "agreements.docx")

    written = add_to_corpus(str(tmp_path / "agreements.docx"), corpus)

    assert written.name == "agreements.md"
    assert load_document(written, corpus).text == (
        "# Bilateral agreements\n\nUkraine signed security agreements with its partners in 2024."
    )


def test_add_missing_local_file(tmp_path, corpus):
    with pytest.raises(DocumentError, match="does not exist or is not a file"):
        add_to_corpus(str(tmp_path / "nope.pdf"), corpus)


def test_add_unreadable_local_file_names_the_source(tmp_path, corpus):
    source = tmp_path / "scan.pdf"
    source.write_bytes(b"garbage")

    with pytest.raises(DocumentError, match="could not be read as PDF") as error:
        add_to_corpus(str(source), corpus)
    assert error.value.path == str(source)


@pytest.mark.slow
def test_add_web_page(server, corpus):
    url = f"{server}/old-link"

    written = add_to_corpus(url, corpus)

    assert written.name == "paris-talks-on-guarantees.md"
    document = load_document(written, corpus)
    assert document.text.startswith("# Paris talks on guarantees\n\nLeaders of the coalition")
    assert "All rights reserved" not in document.text
    assert metadata(document) == (
        "Paris talks on guarantees",
        "en",
        "2025-01-06",
        f"{server}/news/paris-talks",
        None,
    )
    assert add_to_corpus(url, corpus) == written


@pytest.mark.slow
def test_add_plain_text_url_uses_the_declared_charset(server, corpus):
    written = add_to_corpus(f"{server}/notes", corpus, title="Нотатки")

    assert load_document(written, corpus).text == UKRAINIAN


@pytest.mark.slow
@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "download failed with HTTP 404 Not Found"),
        ("/picture", "is served as 'image/png', which is not a supported document type"),
        ("/report", "could not be read as PDF"),
    ],
)
def test_add_url_failures(server, corpus, path, message):
    with pytest.raises(DocumentError, match=message) as error:
        add_to_corpus(f"{server}{path}", corpus)
    assert error.value.path == f"{server}{path}"
    assert corpus_files(corpus) == []


def test_add_url_on_a_closed_port(corpus):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    with pytest.raises(DocumentError, match=r"could not be downloaded \(ConnectError"):
        add_to_corpus(f"http://127.0.0.1:{port}/page", corpus)


def test_remove_deletes_the_file_with_that_id(corpus):
    (corpus / "budapest-memorandum-1994.md").write_text("Text.", encoding="utf-8")
    (corpus / "paris.fr.txt").write_text("Texte.", encoding="utf-8")

    removed = remove_from_corpus("paris-fr", corpus)

    assert removed == corpus / "paris.fr.txt"
    assert corpus_files(corpus) == [corpus / "budapest-memorandum-1994.md"]


def test_remove_unknown_id_suggests_close_ones(corpus):
    (corpus / "budapest-memorandum-1994.md").write_text("Text.", encoding="utf-8")

    with pytest.raises(DocumentNotFoundError, match="did you mean budapest-memorandum-1994"):
        remove_from_corpus("budapest-memorandum", corpus)


def test_remove_refuses_an_ambiguous_id(corpus):
    (corpus / "note.md").write_text("Text.", encoding="utf-8")
    (corpus / "note.txt").write_text("Text.", encoding="utf-8")

    with pytest.raises(DocumentError, match="several files have the id 'note'"):
        remove_from_corpus("note", corpus)
    assert len(corpus_files(corpus)) == 2
