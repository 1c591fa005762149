"""Model resolution order and the language-bias removal, on the real model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from retrieval import ModelUnavailableError
from retrieval.embeddings import resolve_model


def test_explicit_folder_wins(embedder, tmp_path: Path) -> None:
    assert resolve_model(str(embedder.path), cache_dir=tmp_path / "unused") == embedder.path


def test_cached_model_is_found_without_building(embedder) -> None:
    cache = embedder.path.parent
    assert resolve_model("intfloat/multilingual-e5-small", cache_dir=cache) == embedder.path


def test_unknown_model_offline_says_what_to_do(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelUnavailableError, match="BRIEFING_EMBEDDING_MODEL"):
        resolve_model("someone/unknown-model", cache_dir=tmp_path)


def test_folder_that_is_not_a_model(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailableError, match="not a sentence-transformers model"):
        resolve_model(str(tmp_path))


def test_vectors_are_unit_length_and_prompted(embedder) -> None:
    q = embedder.encode_queries(["Who signed the memorandum?"], "en")
    p = embedder.encode_passages(["The memorandum was signed in Budapest."], "en")
    assert q.shape == p.shape == (1, embedder.dimension)
    assert np.allclose(np.linalg.norm(q, axis=1), 1, atol=1e-4)
    # query and passage prompts differ, so the same text gives different vectors
    same = "The memorandum was signed in Budapest."
    assert not np.allclose(embedder.raw_queries([same]), embedder.raw_passages([same]))


def test_bias_removal_brings_a_translation_closer_than_a_same_language_distractor(embedder) -> None:
    question = embedder.encode_queries(["Хто підписав меморандум у Будапешті?"], "uk")[0]
    answer_fr = embedder.encode_passages(["Le mémorandum a été signé à Budapest par trois États."], "fr")[0]
    distractor_uk = embedder.encode_passages(["Погода в Києві була теплою і сонячною."], "uk")[0]
    assert question @ answer_fr > question @ distractor_uk
