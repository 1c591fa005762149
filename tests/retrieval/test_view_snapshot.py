"""The search's view saved beside an embedded index: the next process reads it instead of every
chunk, and never answers from a view of another version of the index."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from retrieval import Index
from retrieval.index import VIEW_FOLDER
from retrieval.store import Store

pytestmark = pytest.mark.slow

QUESTION = "How many times has NATO's Article 5 been invoked?"


def _ranking(index: Index, question: str = QUESTION) -> list[tuple[str, str, int, int]]:
    return [(h.document.id, h.chunk_id, h.start, h.end) for h in index.search(question, k=5)]


@pytest.fixture
def synced(tmp_path: Path, embedder, corpus_copy: Path) -> tuple[Path, list[tuple[str, str, int, int]]]:
    folder = tmp_path / "index"
    index = Index.open(folder, embedder=embedder)
    index.sync(corpus_copy)
    return folder, _ranking(index)


def _reading_no_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Store) -> list:
        raise AssertionError("the view was rebuilt from every chunk instead of read from its saved copy")

    monkeypatch.setattr(Store, "chunks", refuse)


def test_next_process_reads_the_saved_view_and_ranks_the_same(synced, embedder, monkeypatch) -> None:
    folder, ranking = synced
    assert [p.name for p in (folder / VIEW_FOLDER).iterdir()] != []
    _reading_no_chunks(monkeypatch)
    assert _ranking(Index.open(folder, embedder=embedder)) == ranking


def test_a_sync_makes_a_new_view_and_drops_the_old(synced, embedder, corpus_copy: Path) -> None:
    folder, _ = synced
    before = {p.name for p in (folder / VIEW_FOLDER).iterdir()}
    (corpus_copy / "artykul-5-nato.md").unlink()
    index = Index.open(folder, embedder=embedder)
    index.sync(corpus_copy)
    assert all(h.document.id != "artykul-5-nato" for h in index.search(QUESTION, k=20))
    after = {p.name for p in (folder / VIEW_FOLDER).iterdir()}
    assert after and not after & before
    fresh = Index.open(folder, embedder=embedder)
    assert all(h.document.id != "artykul-5-nato" for h in fresh.search(QUESTION, k=20))


def test_sync_cut_short_is_not_answered_from_the_old_view(synced, embedder, corpus_copy: Path, monkeypatch) -> None:
    """Passages written without the new generation (the process died before the end of the sync)
    change the passage count, so the saved view is not taken for this version."""
    folder, _ = synced
    (corpus_copy / "new-note.md").write_text(
        "# Ramstein-Kontaktgruppe\n\nDie Kontaktgruppe traf sich im Februar 2025 in Brüssel zum 26. Mal.\n"
    )
    monkeypatch.setattr(Store, "mark_changed", lambda self: None)
    Index.open(folder, embedder=embedder).sync(corpus_copy)
    monkeypatch.undo()
    fresh = Index.open(folder, embedder=embedder)
    hits = fresh.search("Wie oft traf sich die Ramstein-Kontaktgruppe?", k=3)
    assert "new-note" in {h.document.id for h in hits}


def test_damaged_saved_view_is_rebuilt(synced, embedder) -> None:
    folder, ranking = synced
    for saved in (folder / VIEW_FOLDER).glob("*/chunks.json"):
        saved.write_text("{ not json")
    assert _ranking(Index.open(folder, embedder=embedder)) == ranking


def test_unwritable_view_folder_costs_only_the_rebuild(tmp_path: Path, embedder, corpus_copy: Path) -> None:
    folder = tmp_path / "index"
    folder.mkdir()
    (folder / VIEW_FOLDER).write_text("a file where the view's folder should be")
    index = Index.open(folder, embedder=embedder)
    index.sync(corpus_copy)
    assert index.search(QUESTION, k=1)[0].document.id == "artykul-5-nato"
    assert Index.open(folder, embedder=embedder).search(QUESTION, k=1)[0].document.id == "artykul-5-nato"


def test_a_view_left_half_written_by_a_killed_process_is_cleared(synced, embedder, corpus_copy: Path) -> None:
    folder, _ = synced
    views = folder / VIEW_FOLDER
    abandoned, in_progress = views / ".old-version.killed", views / ".other-version.writing"
    for debris in (abandoned, in_progress):
        debris.mkdir()
        (debris / "chunks.json").write_text("[")
    os.utime(abandoned, (time.time() - 7200, time.time() - 7200))
    (corpus_copy / "artykul-5-nato.md").unlink()
    Index.open(folder, embedder=embedder).sync(corpus_copy)
    assert not abandoned.exists()
    assert in_progress.exists()
