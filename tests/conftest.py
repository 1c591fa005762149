"""Fixtures shared by every test package: an isolated environment, the real model (built once per
run into a cache of the run's own), and a synced index."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
SHARED_EVAL = REPO.parent / "shared" / "eval" / "questions.jsonl"


def require_shared(path: Path) -> Path:
    """`path` from shared/ beside the repository. Without it a developer's run skips the test; CI
    lays shared/ out, so there its absence is a failure, not a silent skip."""
    if not path.exists():
        message = f"{path} is missing: a copy of shared/ belongs beside the repository"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session", autouse=True)
def _private_model_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The run (and every process it starts) builds and reads models in a cache of its own, never
    the home cache that a developer's earlier runs left behind."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(autouse=True)
def _no_developer_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """No BRIEFING_* variable from the shell and no ./.env: each test states the settings it uses."""
    from briefing.settings import Settings, get_settings

    for key in [k for k in os.environ if k.startswith("BRIEFING_")]:
        monkeypatch.delenv(key)
    monkeypatch.setitem(Settings.model_config, "env_file", None)
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def embedder():
    """The real multilingual-e5-small, built once into the user's model cache (as in production)."""
    from retrieval import load_embedder

    return load_embedder()


@pytest.fixture(scope="session")
def shared_corpus(tmp_path_factory) -> Path:
    """One copy of the repository's corpus for the whole session: read it, never change it."""
    target = tmp_path_factory.mktemp("corpus") / "corpus"
    shutil.copytree(CORPUS, target)
    return target


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A copy of the repository's corpus that the test may change."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


@pytest.fixture(scope="session")
def synced_index(embedder, shared_corpus, tmp_path_factory):
    """An index of the repository's corpus; tests must not change it (copy the corpus for that)."""
    from retrieval import Index

    index = Index.open(tmp_path_factory.mktemp("index"), embedder=embedder)
    report = index.sync(shared_corpus)
    assert not report.problems, report.problems
    return index
