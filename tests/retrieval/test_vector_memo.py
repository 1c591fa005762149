"""The on-disk memo of question-time vectors: exact, shared across processes, never in the way."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np

from retrieval import vector_memo
from retrieval.vector_memo import VectorMemo

DIMENSION = 8


class CountingModel:
    """Deterministic vectors per text, counting what it was asked to compute."""

    def __init__(self) -> None:
        self.computed: list[str] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.computed.extend(texts)
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = np.random.default_rng(sum(map(ord, text))).standard_normal(DIMENSION)
        return out


def test_remembered_vectors_are_exact_and_computed_once(tmp_path: Path) -> None:
    model = CountingModel()
    memo = VectorMemo(tmp_path / "memo.sqlite", "model-a", DIMENSION)
    first = memo.vectors(["alpha", "beta"], model)
    again = memo.vectors(["beta", "gamma", "alpha"], model)
    assert model.computed == ["alpha", "beta", "gamma"]
    np.testing.assert_array_equal(again[0], first[1])
    np.testing.assert_array_equal(again[2], first[0])
    np.testing.assert_array_equal(again, CountingModel()(["beta", "gamma", "alpha"]))


def test_another_process_reads_what_one_remembered(tmp_path: Path) -> None:
    path = tmp_path / "memo.sqlite"
    VectorMemo(path, "model-a", DIMENSION).vectors(["kept"], CountingModel())
    script = (
        "import sys, numpy as np\n"
        "from retrieval.vector_memo import VectorMemo\n"
        "def fail(texts): raise SystemExit('computed ' + repr(texts))\n"
        f"v = VectorMemo(__import__('pathlib').Path(sys.argv[1]), 'model-a', {DIMENSION}).vectors(['kept'], fail)\n"
        "print(float(v.sum()))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True)
    assert float(done.stdout) == float(CountingModel()(["kept"]).sum())


def test_another_model_does_not_read_these_vectors(tmp_path: Path) -> None:
    path = tmp_path / "memo.sqlite"
    VectorMemo(path, "model-a", DIMENSION).vectors(["text"], CountingModel())
    other = CountingModel()
    VectorMemo(path, "model-b", DIMENSION).vectors(["text"], other)
    assert other.computed == ["text"]


def test_unwritable_place_turns_the_memo_off_not_the_vectors(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the memo's folder should be")
    memo = VectorMemo(blocker / "vectors" / "memo.sqlite", "model-a", DIMENSION)
    model = CountingModel()
    assert not memo.enabled
    np.testing.assert_array_equal(memo.vectors(["x"], model), CountingModel()(["x"]))


def test_damaged_file_turns_the_memo_off(tmp_path: Path) -> None:
    path = tmp_path / "memo.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    memo = VectorMemo(path, "model-a", DIMENSION)
    model = CountingModel()
    vectors = memo.vectors(["x", "y"], model)
    np.testing.assert_array_equal(vectors, CountingModel()(["x", "y"]))
    assert not memo.enabled


def test_oldest_vectors_go_past_the_cap(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(vector_memo, "MAX_VECTORS", 10)
    memo = VectorMemo(tmp_path / "memo.sqlite", "model-a", DIMENSION)
    for n in range(30):
        memo.vectors([f"text {n}"], CountingModel())
    model = CountingModel()
    memo.vectors(["text 0", "text 29"], model)
    assert model.computed == ["text 0"]


def test_embedder_remembers_question_time_texts_but_not_sync_chunks(embedder) -> None:
    asked, chunk = "A sentence embedded for a question.", "A chunk a sync stores itself."
    before = embedder.raw_passages([asked])
    embedder.encode_passages([chunk], "en", remember=False)
    computed: list[str] = []

    def model(texts: list[str]) -> np.ndarray:
        computed.extend(texts)
        return embedder.raw_passages(texts, remember=False)

    memo = embedder._memo
    assert memo.enabled
    prompt = embedder._passage_prompt
    np.testing.assert_array_equal(memo.vectors([prompt + asked, prompt + chunk], model)[0], before[0])
    assert computed == [prompt + chunk]
