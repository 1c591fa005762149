"""Maintainer operations on the corpus folder: add a file or web page as normalized Markdown,
remove a document by id. Indexing the folder is another module's job."""

from __future__ import annotations

import contextlib
import difflib
import errno
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import httpx
import yaml

from retrieval.documents import (
    DEFAULT_MAX_DOCUMENT_BYTES,
    SUPPORTED_SUFFIXES,
    LoadedDocument,
    check_source_file,
    checked_language,
    corpus_files,
    document_id,
    iso_date,
    load_document,
    slugify,
)
from retrieval.errors import DocumentError, DocumentNotFoundError

_SLUG_MAX_CHARS = 80
_DOWNLOAD_TIMEOUT_SECONDS = 30.0
_USER_AGENT = "briefing-corpus/0.1 (+adds a source document for a briefing assistant)"
_SUFFIX_BY_CONTENT_TYPE = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "text/x-markdown": ".md",
}


@dataclass(frozen=True)
class _Entry:
    """What a corpus Markdown file holds; equal entries mean the same document."""

    title: str
    language: str
    published: str | None
    source: str | None
    publisher: str | None
    text: str

    @classmethod
    def of(cls, loaded: LoadedDocument) -> _Entry:
        info = loaded.info
        return cls(info.title, info.language, info.published, info.source, info.publisher, loaded.text)

    def markdown(self) -> str:
        fields = {
            "title": self.title,
            "language": self.language,
            "published": self.published,
            "source": self.source,
            "publisher": self.publisher,
        }
        header = yaml.safe_dump(
            {k: v for k, v in fields.items() if v is not None},
            allow_unicode=True,
            sort_keys=False,
            width=10_000,  # one line per field, however long the title
        )
        return f"---\n{header}---\n\n{self.text}\n"


def add_to_corpus(
    source: str,
    corpus_dir: Path,
    *,
    title: str | None = None,
    language: str | None = None,
    published: str | None = None,
    source_url: str | None = None,
    http: httpx.Client | None = None,
    max_bytes: int | None = DEFAULT_MAX_DOCUMENT_BYTES,
) -> Path:
    """Add a local file or an http(s) URL to the corpus as `<slug>.md` and return its path.

    The slug (the document id) is the given title's, else a local file's name, else a web
    page's title. An existing document with that id is never overwritten; adding the identical
    document again returns the existing path. A file over `max_bytes` is refused.
    """
    with tempfile.TemporaryDirectory() as staging:
        if source.startswith(("http://", "https://")):
            staged, fetched_from = _download(source, Path(staging), http, max_bytes)
        else:
            staged, fetched_from = _local(source, max_bytes), None
        try:
            loaded = load_document(staged, staged.parent, max_bytes)
        except DocumentError as exc:
            raise DocumentError(source, exc.reason) from None
    entry = _with_overrides(_Entry.of(loaded), source, title, language, published, source_url or fetched_from)
    named_by = title or (entry.title if fetched_from else staged.stem)
    slug = _slug(named_by) or _slug(entry.title) or "document"
    target = corpus_dir / f"{slug}.md"
    existing = _files_with_id(slug, corpus_dir)
    for path in existing:
        if _same_document(path, corpus_dir, entry):
            return path
    if existing:
        raise DocumentError(
            source,
            f"the corpus already has a different document with the id '{slug}' "
            f"({existing[0].name}): remove it first or give this one another title",
        )
    with _writing(source, corpus_dir):
        corpus_dir.mkdir(parents=True, exist_ok=True)
        _write_atomically(target, entry.markdown())
    return target


def remove_from_corpus(doc_id: str, corpus_dir: Path) -> Path:
    """Delete the corpus file whose document id is `doc_id` and return its path."""
    matches = _files_with_id(doc_id, corpus_dir)
    if len(matches) > 1:
        names = ", ".join(p.relative_to(corpus_dir).as_posix() for p in matches)
        raise DocumentError(
            str(corpus_dir),
            f"several files have the id '{doc_id}' ({names}): delete the one you mean by hand",
        )
    if not matches:
        ids = [document_id(p, corpus_dir) for p in corpus_files(corpus_dir)]
        close = difflib.get_close_matches(doc_id, ids, n=3, cutoff=0.5)
        hint = f"did you mean {', '.join(close)}?" if close else "list the corpus to see its ids"
        raise DocumentNotFoundError(f"no document '{doc_id}' in {corpus_dir}: {hint}")
    with _writing(doc_id, corpus_dir):
        matches[0].unlink()
    return matches[0]


@contextlib.contextmanager
def _writing(what: str, corpus_dir: Path) -> Iterator[None]:
    """Turn a failed write into a DocumentError that says why and what to do."""
    try:
        yield
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            reason = "the disk is full, so nothing was changed: free some space and try again"
        elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            reason = (
                f"the corpus folder {corpus_dir} is read-only for this user ({exc.strerror}): check its permissions"
            )
        else:
            reason = f"could not change the corpus folder {corpus_dir} ({exc.strerror}); nothing was changed"
        raise DocumentError(what, reason) from None


def _local(source: str, max_bytes: int | None) -> Path:
    path = Path(source).expanduser()
    if not path.is_file():
        raise DocumentError(source, "does not exist or is not a file: check the path")
    check_source_file(path, source, max_bytes)
    return path


def _download(url: str, folder: Path, http: httpx.Client | None, max_bytes: int | None) -> tuple[Path, str]:
    """Fetch `url` into `folder` with a suffix chosen by the content type; returns the file and
    the address it was finally served from."""
    with contextlib.ExitStack() as stack:
        client = http or stack.enter_context(_default_client())
        try:
            response = client.get(url, follow_redirects=True)
            response.raise_for_status()
        except httpx.HTTPStatusError as exc:
            status = exc.response
            raise DocumentError(
                url,
                f"download failed with HTTP {status.status_code} {status.reason_phrase}: "
                "check the address, or save the page and add the file",
            ) from None
        except httpx.HTTPError as exc:
            raise DocumentError(
                url,
                f"could not be downloaded ({type(exc).__name__}: {exc}): check the address and the network",
            ) from None
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    url_path = PurePosixPath(response.url.path)
    suffix = _SUFFIX_BY_CONTENT_TYPE.get(content_type) or url_path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(
            url,
            f"is served as '{content_type or 'no content type'}', which is not a supported "
            "document type: download it, convert it to text and add the file",
        )
    content = response.content
    if max_bytes is not None and len(content) > max_bytes:
        raise DocumentError(
            url,
            f"is {len(content) / 1024 / 1024:.1f} MB, over the limit of {max_bytes / 1024 / 1024:.1f} MB: "
            "raise the limit with BRIEFING_MAX_DOCUMENT_MB or add a shorter document",
        )
    # A declared charset is better evidence than guessing from the bytes.
    if suffix in (".txt", ".md") and response.charset_encoding:
        content = response.text.encode("utf-8")
    staged = folder / f"{_slug(url_path.stem) or 'download'}{suffix}"
    staged.write_bytes(content)
    return staged, str(response.url)


def _default_client() -> httpx.Client:
    return httpx.Client(
        follow_redirects=True,
        timeout=_DOWNLOAD_TIMEOUT_SECONDS,
        headers={"User-Agent": _USER_AGENT},
    )


def _with_overrides(
    entry: _Entry,
    source: str,
    title: str | None,
    language: str | None,
    published: str | None,
    source_url: str | None,
) -> _Entry:
    if title is not None and not title.strip():
        raise DocumentError(source, "the given title is blank: give a title or leave it out")
    try:
        return _Entry(
            title=" ".join(title.split()) if title else entry.title,
            language=checked_language(language) if language else entry.language,
            published=iso_date(published) if published else entry.published,
            source=source_url or entry.source,
            publisher=entry.publisher,
            text=entry.text,
        )
    except ValueError as exc:
        raise DocumentError(source, str(exc)) from None


def _slug(text: str) -> str:
    slug = slugify(text)
    if len(slug) <= _SLUG_MAX_CHARS:
        return slug
    cut = slug[:_SLUG_MAX_CHARS]
    return cut.rsplit("-", 1)[0] if "-" in cut else cut


def _files_with_id(doc_id: str, corpus_dir: Path) -> list[Path]:
    if not corpus_dir.is_dir():
        return []
    return [p for p in corpus_files(corpus_dir) if document_id(p, corpus_dir) == doc_id]


def _same_document(path: Path, corpus_dir: Path, entry: _Entry) -> bool:
    try:
        return _Entry.of(load_document(path, corpus_dir)) == entry
    except DocumentError:
        return False


def _write_atomically(target: Path, text: str) -> None:
    # The temporary name is hidden, so a crash mid-write never leaves a half document that a
    # corpus scan would pick up.
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        # mkstemp creates the file private (0600); a corpus file must stay readable by the bot.
        os.chmod(temporary, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
