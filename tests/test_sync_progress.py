"""Progress of a sync on stderr: a bar in bytes on a terminal, a line per long document in a log,
nothing that a `--json` reader or a pipe would have to skip."""

from __future__ import annotations

import io
import json
import logging
import re
from pathlib import Path

import pytest
from rich.console import Console

from briefing import sync_progress
from briefing.sync_progress import LONG_DOCUMENT_BYTES, SyncProgress


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "short-note.md").write_text("# Short\n\nA short note.\n")
    (folder / "long-report.md").write_text("# Long\n\n" + "A sentence of the report. " * 60_000)
    return folder


def replay(progress: SyncProgress) -> None:
    """The calls `Index.sync` makes: one before each document."""
    with progress:
        progress(1, 2, "short-note")
        progress(2, 2, "long-report")


def test_a_terminal_sees_a_bar_in_bytes_naming_each_document(corpus: Path) -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=120)
    replay(SyncProgress(console, corpus))
    drawn = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.getvalue())  # colours and cursor moves
    assert "1/2 short-note (23 bytes)" in drawn
    assert "2/2 long-report (1.6 MB)" in drawn
    # The bar counts bytes: when the long document starts, only the short one's are done.
    assert "0.0/1.6 MB" in drawn


def test_a_log_gets_one_line_per_long_document(corpus: Path) -> None:
    log = io.StringIO()
    replay(SyncProgress(Console(file=log, width=200), corpus))
    lines = log.getvalue().splitlines()
    assert lines == ["sync: document 2 of 2, long-report (1.6 MB): a long one, this takes a while"]
    assert (corpus / "long-report.md").stat().st_size >= LONG_DOCUMENT_BYTES


def test_nothing_but_the_bar_when_lines_are_off(corpus: Path) -> None:
    log = io.StringIO()
    replay(SyncProgress(Console(file=log), corpus, lines=False))
    assert log.getvalue() == ""
    screen = io.StringIO()
    replay(SyncProgress(Console(file=screen, force_terminal=True), corpus, bar=False))
    assert screen.getvalue() == ""


def test_a_file_that_cannot_be_measured_counts_as_empty(corpus: Path) -> None:
    (corpus / "gone.md").symlink_to(corpus / "missing-target.md")
    log = io.StringIO()
    with SyncProgress(Console(file=log, width=200), corpus) as progress:
        progress(1, 1, "gone")
    assert log.getvalue() == ""


@pytest.mark.slow
def test_corpus_sync_names_long_documents_on_stderr_only(tmp_path: Path, embedder, monkeypatch) -> None:
    from typer.testing import CliRunner

    from briefing.cli import app
    from tests.conftest import CORPUS
    from tests.test_cli import settings_for

    monkeypatch.setattr(sync_progress, "LONG_DOCUMENT_BYTES", 2000)  # two of the five documents
    for _corpus in settings_for(CORPUS, tmp_path, embedder, monkeypatch):
        result = CliRunner().invoke(app, ["corpus", "sync"])
        assert result.exit_code == 0, result.output
        named = sorted(line.split(", ")[1].split(" (")[0] for line in result.stderr.splitlines() if "long one" in line)
        assert named == ["bilateral-security-agreements-2024", "coalition-paris-guarantees-fr"]
        assert "long one" not in result.stdout

        result = CliRunner().invoke(app, ["corpus", "sync", "--json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["unchanged"]
        assert "long one" not in result.stderr


def test_the_bot_logs_one_json_record_per_long_document(corpus: Path) -> None:
    from bot.observability import configure_logging
    from briefing.sync_progress import log_long_documents

    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    handler = configure_logging(stream=stream)
    try:
        progress = log_long_documents(corpus, logging.getLogger("briefing.bot_command"))
        progress(1, 2, "short-note")
        progress(2, 2, "long-report")
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    records = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [r["event"] for r in records] == [
        "sync: document 2 of 2, long-report (1.6 MB): a long one, this takes a while"
    ]
