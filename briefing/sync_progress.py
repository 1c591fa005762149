"""What a sync shows while it works, on stderr only (stdout stays for results and `--json`): on a
terminal, a live bar measured in bytes, so a long document takes the share of the bar (and of
the wait) that it takes of the work; elsewhere (a log, a cron mail), one line per long document,
so a sync that seems to stall says what it is reading."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from rich.console import Console
from rich.filesize import decimal
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

# A document this large takes seconds to embed: worth a line of its own in a log.
LONG_DOCUMENT_BYTES = 256 * 1024


class SyncProgress:
    """The `progress` callback of `Index.sync`, used as a context manager around the sync. On a
    terminal (`interactive`, default: whether `console` is one) it draws the bar when `bar`;
    elsewhere it prints the lines when `lines`."""

    def __init__(
        self,
        console: Console,
        corpus_dir: Path,
        *,
        bar: bool = True,
        lines: bool = True,
        interactive: bool | None = None,
    ) -> None:
        self._console = console
        interactive = console.is_terminal if interactive is None else interactive
        self._show_bar = interactive and bar
        self._show_lines = not interactive and lines
        self._sizes = _document_sizes(corpus_dir) if self._show_bar or self._show_lines else {}
        self._bar = Progress(
            SpinnerColumn(),
            TextColumn("[bold]sync[/bold] {task.description}"),
            BarColumn(),
            DownloadColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=not self._show_bar,
        )
        self._task = self._bar.add_task("", total=sum(self._sizes.values()) or None)
        self._bytes_before: dict[str, int] = {}
        self._done_bytes = 0

    def __enter__(self) -> SyncProgress:
        self._bar.__enter__()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._bar.__exit__(kind, error, trace)

    def __call__(self, done: int, total: int, doc_id: str) -> None:
        """Document number `done` of `total` is about to be read (and embedded if it changed):
        the ones before it are finished."""
        size = self._sizes.get(doc_id, 0)
        described = f"{done}/{total} {doc_id} ({decimal(size)})"
        # Drawn at once: a long document's name is on screen for the whole of its wait.
        self._bar.update(self._task, completed=self._done_bytes, description=described, refresh=True)
        self._done_bytes += size
        if self._show_lines and size >= LONG_DOCUMENT_BYTES:
            self._console.print(
                f"sync: document {done} of {total}, {doc_id} ({decimal(size)}): a long one, this takes a while",
                markup=False,
                highlight=False,
                soft_wrap=True,
            )


def log_long_documents(corpus_dir: Path, log: logging.Logger) -> Callable[[int, int, str], None]:
    """The `progress` callback for a sync whose output is a log (the bot's JSON lines): one
    record per long document, so a start that seems to stall says what it is reading."""
    sizes = _document_sizes(corpus_dir)

    def progress(done: int, total: int, doc_id: str) -> None:
        size = sizes.get(doc_id, 0)
        if size >= LONG_DOCUMENT_BYTES:
            log.info(
                "sync: document %d of %d, %s (%s): a long one, this takes a while", done, total, doc_id, decimal(size)
            )

    return progress


def _document_sizes(corpus_dir: Path) -> dict[str, int]:
    """Each document's file size by id; a file that cannot be measured counts as empty (the sync
    itself reports what is wrong with it)."""
    from retrieval.documents import corpus_files, document_id

    if not corpus_dir.is_dir():
        return {}
    sizes: dict[str, int] = {}
    for path in corpus_files(corpus_dir):
        try:
            size = path.stat().st_size if path.is_file() else 0
        except OSError:
            size = 0
        sizes[document_id(path, corpus_dir)] = size
    return sizes
