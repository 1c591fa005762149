"""Battery, command line: wrong input is a usage error (exit 2) that names the accepted form;
faults (disk full, read-only folder, a damaged index, a killed sync) end in one clear line, and
the corpus and the index are left as they were or repaired."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import tempfile

import pytest
from reliability_support import TESTS, cli, corpus_state, index_state, one_line_error

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["search", "ceasefire", "--from", "26-11-2025"], "'26-11-2025' is not a date: write it as YYYY-MM-DD"),
        (["search", "ceasefire", "--from", "notadate"], "'notadate' is not a date: write it as YYYY-MM-DD"),
        (["search", "ceasefire", "--to", "2099-13-45"], "'2099-13-45' is not a calendar date"),
        (["search", "ceasefire", "--document", "no-such-doc"], "no document 'no-such-doc' in the index"),
        (["search", "ceasefire", "--language", "French"], "'French' is not a language code"),
        (["ask", "Who monitors the ceasefire?", "--lang", "zz"], "'zz' is not a reply language: use one of de, en"),
        (["ask", ""], "the question is empty"),
        (["ask", "   "], "the question is empty"),
        (["ask", "Who\udcff signed?"], "the question is not valid UTF-8 text"),
        (["search", "Who\udcff signed?"], "the question is not valid UTF-8 text"),
    ],
    ids=[
        "--from DD-MM-YYYY",
        "--from notadate",
        "--to 2099-13-45",
        "unknown --document",
        "--language French",
        "ask --lang zz",
        "ask empty",
        "ask blank",
        "ask invalid UTF-8",
        "search invalid UTF-8",
    ],
)
def test_wrong_input_is_a_usage_error_naming_the_accepted_form(setup, args, says):
    before = corpus_state(setup.corpus), index_state(setup.index)

    run = cli(*args)

    assert run.code == 2
    assert says in one_line_error(run)
    assert (corpus_state(setup.corpus), index_state(setup.index)) == before


def test_invalid_admin_ids_are_one_line_on_every_command(setup, monkeypatch):
    monkeypatch.setenv("BRIEFING_ADMIN_IDS", "abc")

    for args in (["corpus", "list"], ["search", "ceasefire"], ["bot"]):
        run = cli(*args)
        assert run.code == 2
        assert run.output.strip().count("\n") <= 1, run.output
        assert "BRIEFING_ADMIN_IDS: 'abc' is not a Telegram user id" in one_line_error(run)


def test_corpus_list_needs_no_model_and_shows_whole_ids(setup, monkeypatch):
    long_id = "a-document-whose-file-name-is-much-longer-than-the-eighty-columns-of-a-terminal"
    (setup.corpus / f"{long_id}.md").write_text("# Long\n\nThe OSCE mission counted ceasefire breaches.\n")
    assert cli("corpus", "sync").code == 0
    # A model that cannot load: listing must not try.
    monkeypatch.setenv("BRIEFING_EMBEDDING_MODEL", str(setup.corpus / "no-such-model"))

    run = cli("corpus", "list")

    assert run.code == 0 and long_id in run.stdout


def test_adding_the_same_file_twice_says_so(setup, tmp_path):
    note = tmp_path / "ramstein-note.md"
    note.write_text("# The Ukraine Defense Contact Group\n\nIt met at Ramstein air base in April 2022.\n")

    first = cli("corpus", "add", str(note))
    second = cli("corpus", "add", str(note))

    assert first.code == second.code == 0
    assert "added" in first.output and (setup.corpus / "ramstein-note.md").is_file()
    assert "already in the corpus" in second.output


def test_a_file_over_the_size_limit_is_refused_naming_the_setting(setup, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_MAX_DOCUMENT_MB", "1")
    big = tmp_path / "big.txt"
    big.write_text("The convoy carried grain. " * 50_000)
    before = corpus_state(setup.corpus), index_state(setup.index)

    run = cli("corpus", "add", str(big))

    assert run.code == 1
    assert "over the limit of 1.0 MB" in one_line_error(run) and "BRIEFING_MAX_DOCUMENT_MB" in run.output
    assert (corpus_state(setup.corpus), index_state(setup.index)) == before


def _raise(code: int):
    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return fail


def test_disk_full_on_add_is_one_line_and_leaves_nothing_half_written(setup, tmp_path, monkeypatch):
    note = tmp_path / "note.md"
    note.write_text("# Note\n\nThe talks resumed in Geneva.\n")
    before = corpus_state(setup.corpus), index_state(setup.index)
    monkeypatch.setattr(os, "fsync", _raise(errno.ENOSPC))  # where a full disk shows on a write

    run = cli("corpus", "add", str(note))

    assert run.code == 1 and "the disk is full, so nothing was changed" in one_line_error(run)
    assert (corpus_state(setup.corpus), index_state(setup.index)) == before


def test_a_read_only_corpus_folder_makes_add_and_remove_one_line(setup, tmp_path, monkeypatch):
    note = tmp_path / "note.md"
    note.write_text("# Note\n\nThe talks resumed in Geneva.\n")
    before = corpus_state(setup.corpus), index_state(setup.index)
    # What a read-only folder answers (chmod does not stop root, who runs CI containers).
    monkeypatch.setattr(tempfile, "mkstemp", _raise(errno.EROFS))
    monkeypatch.setattr(os, "unlink", _raise(errno.EROFS))

    added = cli("corpus", "add", str(note))
    removed = cli("corpus", "remove", "artykul-5-nato")

    for run in (added, removed):
        assert run.code == 1 and "is read-only for this user" in one_line_error(run)
    assert (corpus_state(setup.corpus), index_state(setup.index)) == before


def test_a_truncated_index_says_how_to_recover_and_rebuild_recovers(setup):
    database = setup.index / "chroma.sqlite3"
    with database.open("r+b") as f:
        f.truncate(database.stat().st_size // 2)
    import chromadb

    chromadb.api.client.SharedSystemClient.clear_system_cache()

    broken = cli("corpus", "list")
    assert broken.code == 1
    assert "run `briefing corpus sync --rebuild`" in one_line_error(broken)

    rebuilt = cli("corpus", "sync", "--rebuild", "--json")
    assert rebuilt.code == 0, rebuilt.output
    assert "its files were moved to" in rebuilt.stderr
    assert len(json.loads(rebuilt.stdout)["added"]) == 5
    assert len(json.loads(cli("corpus", "list", "--json").stdout)) == 5


def test_kill_9_in_the_middle_of_a_sync_then_the_next_sync_repairs(setup):
    for i in range(30):
        body = " ".join(f"Sector {i} report {p}: observers logged {p + i} incidents on day {p}." for p in range(15))
        (setup.corpus / f"sector-{i:02d}.md").write_text(f"# Sector {i}\n\n{body}\n")
    env = {**os.environ, "PYTHONPATH": str(TESTS.parent)}
    script = (
        "import sys; from retrieval import Index; "
        "Index.open(sys.argv[1]).sync(sys.argv[2], progress=lambda done, total, doc: print(done, flush=True))"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script, str(setup.index), str(setup.corpus)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == "12":  # in the middle of the new documents
            break
    process.send_signal(signal.SIGKILL)
    process.wait(30)

    repaired = cli("corpus", "sync", "--json")

    assert repaired.code == 0
    report = json.loads(repaired.stdout)
    assert report["problems"] == [] and len(report["added"]) + len(report["unchanged"]) == 35
    assert len(json.loads(cli("corpus", "list", "--json").stdout)) == 35
    hits = json.loads(cli("search", "Sector 17 observers incidents", "--json").stdout)
    assert "sector-17" in {h["document"]["id"] for h in hits}
