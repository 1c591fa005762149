"""A corpus and its index synced once per session; each test gets its own copy in the
environment (BRIEFING_CORPUS_DIR, BRIEFING_INDEX_DIR), as a user's shell would have it."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import CORPUS

# The fake Bot API and the bot harness live with the bot tests; the battery uses them too.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bot"))


@dataclass(frozen=True)
class Setup:
    corpus: Path
    index: Path


@pytest.fixture(scope="session")
def synced_template(embedder, tmp_path_factory) -> Setup:
    from retrieval import Index

    root = tmp_path_factory.mktemp("battery-template")
    corpus, index_dir = root / "corpus", root / "index"
    shutil.copytree(CORPUS, corpus)
    report = Index.open(index_dir, embedder=embedder).sync(corpus)
    assert not report.problems
    return Setup(corpus, index_dir)


@pytest.fixture
def setup(synced_template: Setup, tmp_path: Path, monkeypatch) -> Setup:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(synced_template.corpus, corpus)
    shutil.copytree(synced_template.index, index_dir)
    for name in ("BRIEFING_CHROMA_URL", "BRIEFING_ADMIN_IDS", "BRIEFING_MODEL_CACHE_DIR", "BRIEFING_LLM_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BRIEFING_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("BRIEFING_INDEX_DIR", str(index_dir))
    monkeypatch.chdir(tmp_path)  # no stray .env
    return Setup(corpus, index_dir)
