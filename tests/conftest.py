"""Fixtures shared by every test package: the real model, loaded once, and a synced index."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
SHARED_EVAL = REPO.parent / "shared" / "eval" / "questions.jsonl"


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
