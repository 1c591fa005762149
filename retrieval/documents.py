"""Source files → normalized text plus the metadata a citation needs, one reader per file type."""

from __future__ import annotations

import codecs
import hashlib
import io
import os
import re
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from retrieval.errors import DocumentError
from retrieval.language import detect_language, language_code
from retrieval.pdf_lines import joined_lines
from retrieval.types import DocumentInfo

if TYPE_CHECKING:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".md", ".markdown", ".txt", ".html", ".htm", ".pdf", ".docx"})

_TITLE_MAX_CHARS = 200
# Enough text for a confident guess; lingua's cost grows with length and a long PDF adds nothing.
_LANGUAGE_SAMPLE_CHARS = 10_000
# Real text has a few tabs or form feeds at most; a tenth of control characters means bytes.
_BINARY_CONTROL_SHARE = 0.1
# Below this share of undecodable bytes, a file is UTF-8 with damage, not another encoding.
_STRAY_BYTE_SHARE = 0.01

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_HTML_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.IGNORECASE)
# Control characters (terminal escapes among them) carry no meaning in a quote and must not
# reach a terminal or a chat; tabs and line ends stay, form and line feeds become line ends.
_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]|[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_PAGE_BREAK = re.compile(r"[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
DEFAULT_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class LoadedDocument:
    """A source file read and normalized; chunk and citation offsets index into `text`."""

    info: DocumentInfo
    text: str


@dataclass(frozen=True)
class _Extracted:
    """What a reader found: raw text and the metadata the file states about itself."""

    text: str
    title: str | None = None
    language: str | None = None
    published: str | None = None
    source: str | None = None
    publisher: str | None = None


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML that keeps dates as strings, so a bad date is reported with its field name
    instead of failing inside the YAML parser."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def normalize_text(text: str) -> str:
    """NFC, '\\n' line ends, no trailing spaces, at most one blank line in a row, no blank
    lines at either end. Idempotent, so normalized text survives a write and a reload."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", _PAGE_BREAK.sub("\n", text))
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def slugify(text: str) -> str:
    """Lowercase words joined by single hyphens; letters of any script are kept."""
    return re.sub(r"[\W_]+", "-", unicodedata.normalize("NFC", text).lower()).strip("-")


def document_id(path: Path, corpus_dir: Path) -> str:
    """Stable id from the path relative to the corpus, without its final suffix; folders are
    joined with '--' (slugs never contain a double hyphen, so ids stay unambiguous)."""
    relative = _relative_path(path, corpus_dir)
    parts = [*relative.parent.parts, relative.stem]
    # A name with no letters or digits still needs an id that is stable and distinct.
    return "--".join(slugify(p) or hashlib.sha256(p.encode()).hexdigest()[:8] for p in parts)


def corpus_files(corpus_dir: Path) -> list[Path]:
    """Supported files under `corpus_dir`, sorted by relative path. Hidden files and folders,
    Word lock files and the corpus's own README.md are not documents."""
    if not corpus_dir.is_dir():
        raise DocumentError(
            str(corpus_dir),
            "is not a folder: create it or point the corpus setting at the folder of documents",
        )
    found: list[Path] = []
    for folder, dirnames, filenames in os.walk(corpus_dir):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            path = Path(folder, name)
            if (
                name.startswith((".", "~$"))
                or path.suffix.lower() not in SUPPORTED_SUFFIXES
                or (path.parent == corpus_dir and name.lower() == "readme.md")
            ):
                continue
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(corpus_dir).as_posix())


def check_corpus_file(path: Path, corpus_dir: Path, max_bytes: int | None = DEFAULT_MAX_DOCUMENT_BYTES) -> None:
    """Refuse, before a byte is read, what a corpus scan must not open: a link to a file outside
    the corpus (it would make that file quotable), a pipe or device (reading hangs or never
    ends), and a file over `max_bytes`."""
    where = _relative_path(path, corpus_dir).as_posix()
    try:
        inside = Path(path).resolve().is_relative_to(Path(corpus_dir).resolve())
    except (OSError, RuntimeError):  # a link loop
        inside = False
    if not inside:
        raise DocumentError(
            where, "is a link to a file outside the corpus folder: copy the file into the corpus instead"
        )
    check_source_file(path, where, max_bytes)


def check_source_file(path: Path, where: str, max_bytes: int | None = DEFAULT_MAX_DOCUMENT_BYTES) -> None:
    """Refuse a pipe, device or folder, and a file over `max_bytes`, without reading it."""
    try:
        status = os.stat(path)
    except OSError as exc:
        raise DocumentError(where, f"could not be read ({exc.strerror}): check it exists and is readable") from None
    if not stat.S_ISREG(status.st_mode):
        raise DocumentError(where, "is not a regular file (a pipe, device or folder): remove it from the corpus")
    if max_bytes is not None and status.st_size > max_bytes:
        raise DocumentError(
            where,
            f"is {_megabytes(status.st_size)}, over the limit of {_megabytes(max_bytes)}: split it into "
            "smaller documents, or raise the limit with BRIEFING_MAX_DOCUMENT_MB",
        )


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def load_document(path: Path, corpus_dir: Path, max_bytes: int | None = DEFAULT_MAX_DOCUMENT_BYTES) -> LoadedDocument:
    """Read one corpus file; raises DocumentError saying what is wrong and what to do."""
    where = _relative_path(path, corpus_dir).as_posix()
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise DocumentError(where, f"'{path.suffix}' files are not supported: convert it to one of {supported}")
    check_source_file(path, where, max_bytes)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DocumentError(where, f"could not be read ({exc.strerror}): check it exists and is readable") from exc
    found = reader(raw, where)
    text = normalize_text(found.text)
    if not text:
        raise DocumentError(where, "is empty: add text or remove the file")
    info = DocumentInfo(
        id=document_id(path, corpus_dir),
        title=found.title or _title_from_text(text),
        language=found.language or detect_language(text[:_LANGUAGE_SAMPLE_CHARS]) or "und",
        published=found.published,
        source=found.source,
        publisher=found.publisher,
        path=where,
        content_hash=hashlib.sha256(raw + _READER_REVISIONS.get(path.suffix.lower(), b"")).hexdigest(),
    )
    return LoadedDocument(info=info, text=text)


def iso_date(value: object) -> str:
    """A date as 'YYYY-MM-DD' from a date, a datetime or an ISO 8601 string."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        for parse in (date.fromisoformat, datetime.fromisoformat):
            try:
                return iso_date(parse(value.strip()))
            except ValueError:
                pass
    raise ValueError(f"{value!r} is not a date: write it as YYYY-MM-DD")


def checked_language(value: object) -> str:
    """A language tag as its ISO 639 code ('en-GB' → 'en'), or a ValueError naming the fix."""
    if isinstance(value, str) and value.strip().lower() == "und":
        return "und"  # what a document whose language could not be told is stored with
    code = language_code(value) if isinstance(value, str) else None
    if code is None:
        raise ValueError(f"{value!r} is not a language code: use an ISO 639-1 code such as 'en'")
    return code


def _relative_path(path: Path, corpus_dir: Path) -> Path:
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(corpus_dir))
    except ValueError:
        raise DocumentError(str(path), f"is not inside the corpus folder {corpus_dir}: move or copy it there") from None


def _title_from_text(text: str) -> str:
    lines = text.split("\n")
    for line in lines:
        heading = _HEADING.match(line)
        if heading:
            return _capped(heading.group(1))
    return _capped(next(line for line in lines if line.strip()).lstrip("#"))


def _capped(title: str) -> str:
    title = " ".join(title.split())
    if len(title) <= _TITLE_MAX_CHARS:
        return title
    cut = title[: _TITLE_MAX_CHARS - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"


def _read_plain(raw: bytes, where: str) -> _Extracted:
    text = _decode(raw, where)
    match = _FRONT_MATTER.match(text)
    if match is None:
        return _Extracted(text=text)
    try:
        fields = yaml.load(match.group(1), Loader=_FrontMatterLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 2}" if mark else ""
        raise DocumentError(
            where, f"front matter is not valid YAML{at}: fix the block between the '---' lines"
        ) from None
    if fields is None:
        fields = {}
    if not isinstance(fields, dict):
        raise DocumentError(where, "front matter must be 'key: value' lines (title, language, published, ...)")
    return _Extracted(
        text=text[match.end() :],
        title=_text_field(fields, "title", where),
        language=_checked(checked_language, fields, "language", where),
        published=_checked(iso_date, fields, "published", where),
        source=_text_field(fields, "source", where),
        publisher=_text_field(fields, "publisher", where),
    )


def _text_field(fields: dict[object, object], name: str, where: str) -> str | None:
    value = fields.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise DocumentError(
            where,
            f"front matter field '{name}' must be text, not {type(value).__name__}: put the value in quotes",
        )
    return value.strip() or None


def _checked(parse: Callable[[object], str], fields: dict[object, object], name: str, where: str) -> str | None:
    if fields.get(name) is None:
        return None
    try:
        return parse(fields[name])
    except ValueError as exc:
        raise DocumentError(where, f"front matter field '{name}': {exc}") from None


def _decode(raw: bytes, where: str) -> str:
    looks_binary = (
        "looks binary, not text: if it is a PDF or Word file give it the right suffix "
        "(.pdf, .docx), otherwise remove it from the corpus"
    )
    # UTF-16 and UTF-32 text is full of NUL bytes, so only their byte-order mark tells it apart.
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
        text = _detected(raw, where)
    elif b"\x00" in raw:
        raise DocumentError(where, looks_binary)
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _mostly_utf8(raw) or _detected(raw, where)
    controls = sum(1 for c in text if c not in "\n\r\t\f" and unicodedata.category(c) == "Cc")
    if text and controls / len(text) > _BINARY_CONTROL_SHARE:
        raise DocumentError(where, looks_binary)
    return text


def _mostly_utf8(raw: bytes) -> str | None:
    """UTF-8 text with a few stray bytes (a damaged copy, a bad paste) keeps its UTF-8 reading
    without them; guessing another encoding for the whole file would garble every accent."""
    text = raw.decode("utf-8-sig", errors="replace")
    if text.count("\ufffd") > len(raw) * _STRAY_BYTE_SHARE:
        return None
    return text.replace("\ufffd", "")


def _detected(raw: bytes, where: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise DocumentError(
            where,
            "is not UTF-8 and its encoding could not be recognised (or it is not text at all): re-save it as UTF-8",
        )
    return str(best)


def _read_html(raw: bytes, where: str) -> _Extracted:
    # The parsers load only for their formats: a process that answers questions never needs them.
    import trafilatura
    from trafilatura.metadata import extract_metadata

    tree = trafilatura.load_html(raw)
    if tree is None:
        raise DocumentError(where, "could not be parsed as HTML: re-save the page or use a .txt")
    # Metadata first: content extraction prunes the tree it is given.
    meta = extract_metadata(tree)
    text = trafilatura.extract(tree, output_format="markdown")
    if not text:
        raise DocumentError(
            where,
            "has no main text that could be extracted: copy the article text into a .md file",
        )
    lang = _HTML_LANG.search(raw)
    return _Extracted(
        text=text,
        title=meta.title or None,
        language=language_code(lang.group(1).decode()) if lang else None,
        published=meta.date or None,
        source=meta.url or None,
        publisher=meta.sitename or None,
    )


def _read_pdf(raw: bytes, where: str) -> _Extracted:
    from pypdf import PdfReader

    # pypdf raises many exception types on damaged files; any of them means the same to the user.
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(where, "is password-protected: save an unprotected copy and add that instead")
        pages = [joined_lines(page.extract_text() or "") for page in reader.pages]
        title = reader.metadata.title if reader.metadata else None
    except DocumentError:
        raise
    except Exception as exc:
        raise DocumentError(
            where,
            f"could not be read as PDF ({type(exc).__name__}: {exc}): re-export it or convert it to text",
        ) from None
    text = "\n\n".join(pages)
    if not normalize_text(text):
        raise DocumentError(
            where,
            "has no text layer (a scanned PDF?): run OCR on it first (e.g. ocrmypdf) or convert it to text",
        )
    return _Extracted(text=text, title=(title or "").strip() or None)


def _read_docx(raw: bytes, where: str) -> _Extracted:
    import docx

    # python-docx fails with zip, XML or key errors on damaged files; all mean "not a DOCX".
    try:
        document = docx.Document(io.BytesIO(raw))
        blocks = [_docx_block(item) for item in document.iter_inner_content()]
        title = document.core_properties.title
    except Exception as exc:
        raise DocumentError(
            where,
            f"could not be read as DOCX ({type(exc).__name__}): re-save it from Word as .docx or convert it to text",
        ) from None
    return _Extracted(text="\n\n".join(b for b in blocks if b), title=title.strip() or None)


def _docx_block(item: Paragraph | Table) -> str:
    """A paragraph as one line (headings as Markdown headings), a table as one line per row."""
    from docx.table import Table

    if isinstance(item, Table):
        rows = []
        for row in item.rows:
            cells: list[str] = []
            for cell in row.cells:
                # Merged cells come back once per grid column; repeat them only once.
                if not cells or cells[-1] != cell.text.strip():
                    cells.append(cell.text.strip())
            rows.append(" | ".join(cells))
        return "\n".join(rows)
    text = " ".join(item.text.split())
    style = (item.style.name if item.style else "") or ""
    if not text:
        return ""
    if style == "Title":
        return f"# {text}"
    level = style.removeprefix("Heading ")
    if level.isdigit():
        return f"{'#' * min(int(level), 6)} {text}"
    return text


# What a reader's text depends on besides the file's bytes: a change in how a type is read makes
# the next sync read its files again (PDF lines are joined into paragraphs since revision 2, their
# justifying runs of spaces read as one since revision 3).
_READER_REVISIONS = {".pdf": b"\0pdf-reader-3"}

_READERS: dict[str, Callable[[bytes, str], _Extracted]] = {
    ".md": _read_plain,
    ".markdown": _read_plain,
    ".txt": _read_plain,
    ".html": _read_html,
    ".htm": _read_html,
    ".pdf": _read_pdf,
    ".docx": _read_docx,
}
