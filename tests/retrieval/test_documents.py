import hashlib
from datetime import date, datetime
from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval.documents import (
    SUPPORTED_SUFFIXES,
    corpus_files,
    document_id,
    iso_date,
    load_document,
    normalize_text,
)
from retrieval.errors import DocumentError

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

UKRAINIAN = (
    "Україна та її партнери обговорюють гарантії безпеки. "
    "Кожна держава-учасниця укладе з Україною двосторонню угоду про безпеку."
)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def load(folder: Path, name: str, content: str | bytes):
    return load_document(write(folder, name, content), folder)


def pdf_bytes(lines: list[str], title: str | None = None) -> bytes:
    """A minimal one-page PDF with a Helvetica text layer, written by hand."""
    shown = " 0 -16 Td ".join(f"({line}) Tj" for line in lines)
    content = f"BT /F1 12 Tf 72 720 Td {shown} ET".encode("latin-1") if lines else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    if title:
        objects.append(b"<< /Title (%s) >>" % title.encode("latin-1"))
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    info = b" /Info 6 0 R" if title else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\n" % (len(objects) + 1, info)
    return out + b"startxref\n%d\n%%%%EOF\n" % xref


def test_the_real_corpus_loads_with_its_titles_languages_and_dates():
    loaded = {d.info.id: d.info for d in (load_document(p, CORPUS) for p in corpus_files(CORPUS))}

    expected = {
        "artykul-5-nato": ("Artykuł 5 Traktatu Północnoatlantyckiego", "pl", "2026-11-25"),
        "bilateral-security-agreements-2024": (
            "Двосторонні безпекові угоди України 2024 року",
            "uk",
            "2026-11-25",
        ),
        "budapest-memorandum-1994": ("The Budapest Memorandum of 1994", "en", "2026-11-25"),
        "coalition-paris-guarantees-fr": (
            "Garanties d’action, et non d’intentions : ce que signifie le lancement de la "
            "réunion de la « coalition des volontaires » à Paris pour la sécurité de l’Ukraine",
            "fr",
            None,
        ),
        "minsker-abkommen-osze": (
            "Die Minsker Abkommen und die OSZE-Beobachtermission",
            "de",
            "2026-11-25",
        ),
    }
    assert {i: (d.title, d.language, d.published) for i, d in loaded.items()} == expected
    assert loaded["budapest-memorandum-1994"].publisher == "Briefing desk (background note)"
    assert loaded["coalition-paris-guarantees-fr"].path == "coalition-paris-guarantees.fr.txt"


@pytest.mark.parametrize("path", corpus_files(CORPUS), ids=lambda p: p.name)
def test_corpus_text_is_normalized_without_front_matter(path):
    document = load_document(path, CORPUS)

    assert normalize_text(document.text) == document.text
    assert not document.text.startswith("---")
    assert "publisher:" not in document.text
    assert document.info.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    body = path.read_text(encoding="utf-8").split("---\n", 2)[-1]
    assert normalize_text(body) == document.text


def test_normalize_text():
    raw = "\n  \ne\u0301te\u0301  \r\nline two\t\r\rthree\n\n\n\n\nfour  \n\n  \n"

    assert normalize_text(raw) == "\u00e9t\u00e9\nline two\n\nthree\n\nfour"
    assert normalize_text("  # Keep *Markdown*\n   indented") == "  # Keep *Markdown*\n   indented"


@given(st.text())
def test_normalize_text_is_idempotent(text):
    assert normalize_text(normalize_text(text)) == normalize_text(text)


def test_document_ids_come_from_the_relative_path(tmp_path):
    assert document_id(tmp_path / "coalition-paris-guarantees.fr.txt", tmp_path) == ("coalition-paris-guarantees-fr")
    assert document_id(tmp_path / "budapest-memorandum-1994.md", tmp_path) == ("budapest-memorandum-1994")
    assert document_id(tmp_path / "NATO" / "Art 5_(1949).PDF", tmp_path) == "nato--art-5-1949"
    assert document_id(tmp_path / "Угоди" / "Франція.docx", tmp_path) == "угоди--франція"


def test_corpus_files_skips_hidden_readme_and_unsupported_files(tmp_path):
    for name in [
        "b.md",
        "a.txt",
        "README.md",
        "notes.csv",
        ".hidden.md",
        ".git/HEAD.txt",
        "~$lock.docx",
        "sub/README.md",
        "sub/page.HTML",
        "sub/.cache/x.md",
    ]:
        write(tmp_path, name, "text")

    names = [p.relative_to(tmp_path).as_posix() for p in corpus_files(tmp_path)]

    assert names == ["a.txt", "b.md", "sub/README.md", "sub/page.HTML"]
    assert {".md", ".markdown", ".txt", ".html", ".htm", ".pdf", ".docx"} == SUPPORTED_SUFFIXES


def test_missing_corpus_folder_is_reported(tmp_path):
    with pytest.raises(DocumentError, match="is not a folder"):
        corpus_files(tmp_path / "nowhere")


def test_windows_1251_ukrainian_text_is_decoded(tmp_path):
    document = load(tmp_path, "ua.txt", UKRAINIAN.encode("cp1251"))

    assert document.text == UKRAINIAN
    assert document.info.language == "uk"


def test_utf8_bom_is_dropped_and_front_matter_still_found(tmp_path):
    raw = "\ufeff---\ntitle: With BOM\n---\nBody text in English, long enough to detect.\n"

    document = load(tmp_path, "bom.md", raw.encode("utf-8"))

    assert document.info.title == "With BOM"
    assert document.text == "Body text in English, long enough to detect."


def test_utf16_text_with_bom_is_decoded(tmp_path):
    document = load(tmp_path, "ua16.txt", UKRAINIAN.encode("utf-16"))

    assert document.text == UKRAINIAN


@pytest.mark.parametrize(
    "content",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(1, 32)) * 20],
    ids=["nul-bytes", "control-characters"],
)
def test_binary_file_named_txt_is_refused(tmp_path, content):
    with pytest.raises(DocumentError, match="looks binary, not text") as error:
        load(tmp_path, "image.txt", content)
    assert error.value.path == "image.txt"


@pytest.mark.parametrize("content", ["", "  \n\n\t\n", "---\ntitle: Only metadata\n---\n\n"])
def test_empty_file_is_refused(tmp_path, content):
    with pytest.raises(DocumentError, match="is empty: add text or remove the file"):
        load(tmp_path, "empty.md", content)


def test_title_falls_back_to_first_heading_then_first_line(tmp_path):
    with_heading = load(tmp_path, "a.md", "Draft note\n\n## The *real* heading ##\n\nBody.")
    long_line = "word " * 100
    without_heading = load(tmp_path, "b.txt", f"\n\n{long_line}\nMore text.")

    assert with_heading.info.title == "The *real* heading"
    assert len(without_heading.info.title) <= 200
    assert without_heading.info.title.endswith("word…")


def test_front_matter_with_windows_line_ends(tmp_path):
    document = load(tmp_path, "crlf.md", b"---\r\ntitle: CRLF\r\n---\r\nLine one\r\nLine two\r\n")

    assert document.info.title == "CRLF"
    assert document.text == "Line one\nLine two"


def test_front_matter_dates_are_normalized(tmp_path):
    document = load(
        tmp_path,
        "dated.md",
        "---\npublished: 2024-05-03T10:00:00Z\nsource: https://example.org/a\n---\nText.",
    )

    assert document.info.published == "2024-05-03"
    assert document.info.source == "https://example.org/a"
    assert iso_date(date(2024, 5, 3)) == "2024-05-03"
    assert iso_date(datetime(2024, 5, 3, 23, 59)) == "2024-05-03"


@pytest.mark.parametrize(
    ("front_matter", "message"),
    [
        ("title: 1994", "field 'title' must be text, not int: put the value in quotes"),
        ("published: May 2024", "field 'published': 'May 2024' is not a date"),
        ("published: 2024-13-45", "field 'published': '2024-13-45' is not a date"),
        ("language: English", "field 'language': 'English' is not a language code"),
        ("title: a: b", "front matter is not valid YAML at line 2"),
        ("- a list", "front matter must be 'key: value' lines"),
    ],
)
def test_bad_front_matter_names_the_problem(tmp_path, front_matter, message):
    with pytest.raises(DocumentError, match=message):
        load(tmp_path, "bad.md", f"---\n{front_matter}\n---\nSome text.")


def test_unsupported_suffix_is_refused(tmp_path):
    with pytest.raises(DocumentError, match="'.rtf' files are not supported"):
        load(tmp_path, "a.rtf", "text")


def test_pdf_text_and_title_from_metadata(tmp_path):
    raw = pdf_bytes(["Security guarantees for Ukraine", "were discussed in Paris."], "PDF title")

    document = load(tmp_path, "report.pdf", raw)

    assert document.text == "Security guarantees for Ukraine were discussed in Paris."  # one sentence again
    assert document.info.title == "PDF title"
    assert document.info.language == "en"


def test_pdf_without_metadata_title_uses_its_first_line(tmp_path):
    body = ["A body line of the report, a good deal longer than its title above,", "and its end."]
    document = load(tmp_path, "report.pdf", pdf_bytes(["First line", *body]))

    assert document.info.title == "First line"


def test_corrupt_pdf_is_refused(tmp_path):
    with pytest.raises(DocumentError, match=r"could not be read as PDF \(.*\): re-export it"):
        load(tmp_path, "broken.pdf", b"this is not a PDF at all\x00\x01")


def test_pdf_without_text_layer_is_refused(tmp_path):
    with pytest.raises(DocumentError, match=r"no text layer \(a scanned PDF\?\): run OCR"):
        load(tmp_path, "scan.pdf", pdf_bytes([]))


def test_docx_paragraphs_headings_and_tables(tmp_path):
    word = docx.Document()
    word.add_heading("Guarantees overview", level=1)
    word.add_paragraph("The coalition met in Paris to discuss security guarantees.")
    word.add_heading("Details", level=2)
    table = word.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Country"
    table.rows[0].cells[1].text = "Pledge"
    word.save(tmp_path / "brief.docx")

    document = load_document(tmp_path / "brief.docx", tmp_path)

    assert document.text == (
        "# Guarantees overview\n\n"
        "The coalition met in Paris to discuss security guarantees.\n\n"
        "## Details\n\n"
        "Country | Pledge"
    )
    assert document.info.title == "Guarantees overview"
    assert document.info.language == "en"


def test_docx_title_from_core_properties(tmp_path):
    word = docx.Document()
    word.core_properties.title = "Core title"
    word.add_paragraph("Body paragraph.")
    word.save(tmp_path / "brief.docx")

    assert load_document(tmp_path / "brief.docx", tmp_path).info.title == "Core title"


def test_corrupt_docx_is_refused(tmp_path):
    with pytest.raises(DocumentError, match="could not be read as DOCX"):
        load(tmp_path, "broken.docx", b"PK\x03\x04 not really a zip")


HTML = """<!doctype html>
<html lang="fr-FR"><head><meta charset="utf-8"><title>Coalition à Paris</title>
<meta property="article:published_time" content="2025-01-06T09:00:00+01:00"></head>
<body><nav>Accueil | Contact | Newsletter</nav>
<article><h1>Coalition à Paris</h1>
<p>La réunion de la coalition des volontaires a commencé à Paris, avec des garanties.</p>
<p>Les partenaires discutent des mécanismes de sécurité en cas de cessation de la guerre.</p>
</article><footer>Tous droits réservés</footer></body></html>"""


def test_html_main_text_and_metadata(tmp_path):
    document = load(tmp_path, "page.html", HTML)

    assert document.text.startswith("# Coalition à Paris\n\nLa réunion de la coalition")
    assert "Accueil" not in document.text
    assert "droits réservés" not in document.text
    assert document.info.title == "Coalition à Paris"
    assert document.info.language == "fr"
    assert document.info.published == "2025-01-06"


def test_html_without_main_text_is_refused(tmp_path):
    with pytest.raises(DocumentError, match="no main text"):
        load(tmp_path, "empty.htm", "<html><body><script>render();</script></body></html>")
