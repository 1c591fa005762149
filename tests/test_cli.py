"""The `briefing` command, run in-process with real settings from the environment."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import CORPUS, SHARED_EVAL, require_shared

pytestmark = pytest.mark.slow


def settings_for(source: Path, tmp_path: Path, embedder, monkeypatch) -> Iterator[Path]:
    """Settings pointing at a copy of the corpus `source` and an index in `tmp_path`."""
    from briefing.settings import get_settings

    corpus = tmp_path / "corpus"
    shutil.copytree(source, corpus)
    monkeypatch.setenv("BRIEFING_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("BRIEFING_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("BRIEFING_MODEL_CACHE_DIR", str(embedder.path.parent))
    get_settings.cache_clear()
    yield corpus
    get_settings.cache_clear()


@pytest.fixture
def env(tmp_path: Path, embedder, monkeypatch) -> Iterator[Path]:
    yield from settings_for(CORPUS, tmp_path, embedder, monkeypatch)


def run(*args: str) -> str:
    from briefing.cli import app

    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_sync_search_list_remove(env: Path) -> None:
    report = json.loads(run("corpus", "sync", "--json"))
    assert len(report["added"]) == 5 and report["chunks_embedded"] > 0
    assert json.loads(run("corpus", "sync", "--json"))["chunks_embedded"] == 0

    hits = json.loads(run("search", "Who negotiated Minsk II?", "--k", "2", "--json"))
    assert len(hits) == 2 and hits[0]["document"]["id"] == "minsker-abkommen-osze"
    assert {"chunk_id", "start", "end", "score", "text"} <= set(hits[0])

    listed = json.loads(run("corpus", "list", "--json"))
    assert {d["id"] for d in listed} >= {"artykul-5-nato", "coalition-paris-guarantees-fr"}

    removed = json.loads(run("corpus", "remove", "artykul-5-nato", "--json"))
    assert removed["sync"]["removed"] == ["artykul-5-nato"]
    assert not (env / "artykul-5-nato.md").exists()


def test_sync_leaves_the_gate_prototypes_for_the_next_process(env: Path, tmp_path: Path, monkeypatch) -> None:
    from answering import prepare_gate
    from briefing.settings import get_settings
    from retrieval import load_embedder
    from retrieval.embeddings import Embedder

    settings = get_settings()

    def embedded_by_a_new_process() -> list[str]:
        embedder = Embedder(settings.embedding_model, settings.model_cache_dir)
        computed: list[str] = []
        encode = embedder._encoder.encode
        monkeypatch.setattr(embedder._encoder, "encode", lambda texts: computed.extend(texts) or encode(texts))
        prepare_gate(embedder)
        return computed

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "fresh-cache"))  # an empty vector memo
    load_embedder.cache_clear()  # so the sync's model keeps its vectors there too
    try:
        run("corpus", "sync", "--json")
        assert embedded_by_a_new_process() == []
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-cache"))
        assert len(embedded_by_a_new_process()) > 50  # without the sync's work, the question would pay
    finally:
        load_embedder.cache_clear()


def test_add_a_local_file(env: Path, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Demining talks in Lviv\n\nThe Lviv talks agreed on demining the border areas by spring.")
    out = json.loads(run("corpus", "add", str(note), "--language", "en", "--published", "2026-11-01", "--json"))
    assert Path(out["path"]).parent == env and out["sync"]["added"]
    hits = json.loads(run("search", "demining the border areas", "--k", "1", "--json"))
    assert hits[0]["document"]["published"] == "2026-11-01"


def test_remove_unknown_id_fails_clearly(env: Path) -> None:
    from briefing.cli import app

    result = CliRunner().invoke(app, ["corpus", "remove", "no-such-document"])
    assert result.exit_code == 1 and "no-such-document" in result.output


def test_eval_reports_the_readme_format(env: Path, tmp_path: Path) -> None:
    require_shared(SHARED_EVAL)
    out = tmp_path / "eval.json"
    run("eval", "--corpus", str(env), "--questions", str(SHARED_EVAL), "--json", str(out), "--no-answers")
    report = json.loads(out.read_text())
    assert report["k"] == 5 and len(report["questions"]) == 28
    assert set(report["metrics"]) == {"recall_at_k", "mrr"}
    assert 0 <= report["metrics"]["mrr"] <= report["metrics"]["recall_at_k"] <= 1
    assert {"id", "first_relevant_rank"} <= set(report["questions"][0])


@pytest.fixture
def dated_env(tmp_path: Path, embedder, monkeypatch) -> Iterator[Path]:
    for corpus in settings_for(Path(__file__).parent / "data" / "dated_corpus", tmp_path, embedder, monkeypatch):
        (corpus / "undated.md").write_text("# Undated note\n\nThis note has no date of its own. It was added last.\n")
        yield corpus


def test_latest_lists_newest_first(dated_env: Path) -> None:
    run("corpus", "sync", "--json")
    listed = json.loads(run("latest", "--json"))
    assert [d["published"] for d in listed] == [
        None,  # undated: listed by the day it was indexed, today
        "2026-11-20",
        "2025-12-08",
        "2025-02-14",
        "2024-06-20",
        "2023-12-05",
        "2023-03-10",
    ]
    assert set(listed[0]) == {"id", "title", "published", "ingested_at", "language"}
    assert all(d["ingested_at"] for d in listed) and listed[1]["language"] == "en"

    since = json.loads(run("latest", "--since", "2025-01-01", "--json"))
    assert [d["id"] for d in since] == [d["id"] for d in listed[:4]]

    text = run("latest", "--since", "2025-12-01", "--lang", "uk")
    assert "2025-12-08" in text and "2025-02-14" not in text
    assert "Починається так: «Партнери пообіцяли Україні шість нових систем" in text


def test_latest_rejects_a_bad_date_with_a_usage_error(dated_env: Path) -> None:
    from briefing.cli import app

    result = CliRunner().invoke(app, ["latest", "--since", "last tuesday"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output and "--since" in result.output


def _console_script(*args: str, env_dir: Path) -> subprocess.CompletedProcess[str]:
    """`briefing ARGS` as installed: the console script's `main`, in a process of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
    env |= {"BRIEFING_INDEX_DIR": str(env_dir / "index"), "BRIEFING_CORPUS_DIR": str(env_dir / "corpus")}
    return subprocess.run(
        [sys.executable, "-c", "from briefing.cli import main; main()", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_read_only_commands_leave_at_once_with_their_output_and_exit_code(env: Path, tmp_path: Path) -> None:
    run("corpus", "sync")
    done = _console_script("latest", "--limit", "2", "--json", env_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 2
    refused = _console_script("ask", "Who negotiated Minsk II?", "--lang", "zz", env_dir=tmp_path)
    assert refused.returncode == 2 and "not a reply language" in refused.stderr
