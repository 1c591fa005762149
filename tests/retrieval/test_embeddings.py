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


def test_export_keeps_its_weights_in_a_file_of_their_own(embedder) -> None:
    from retrieval.onnx_export import ONNX_FILE, WEIGHTS_FILE

    graph, weights = embedder.onnx_path / ONNX_FILE, embedder.onnx_path / WEIGHTS_FILE
    assert weights.stat().st_size > 100 * graph.stat().st_size


def test_single_file_export_is_split_with_the_same_outputs(tmp_path: Path) -> None:
    """An export made before the weights moved out is converted in place, outputs unchanged."""
    import onnx
    import onnxruntime as ort
    from onnx import TensorProto, helper, numpy_helper

    from retrieval.onnx_export import WEIGHTS_FILE, externalize_weights

    weight = np.random.default_rng(0).standard_normal((64, 32)).astype(np.float32)
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "w"], ["y"])],
        "tiny",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 64])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 32])],
        [numpy_helper.from_array(weight, "w")],
    )
    path = tmp_path / "model-fp32.onnx"
    onnx.save_model(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), str(path))
    x = np.ones((1, 64), dtype=np.float32)
    before = ort.InferenceSession(str(path)).run(None, {"x": x})[0]

    externalize_weights(path)

    assert (tmp_path / WEIGHTS_FILE).stat().st_size >= weight.nbytes
    assert path.stat().st_size < weight.nbytes
    np.testing.assert_array_equal(ort.InferenceSession(str(path)).run(None, {"x": x})[0], before)
