"""The sentencepiece tokenizer gives the ids of the model's own tokenizer.json, text for text."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from retrieval.piece_tokenizer import _HuggingFace, load_tokenizer, write_piece_models
from tests.conftest import CORPUS

EDGE_CASES = [
    "",
    " ",
    "  two  leading and  inner  spaces ",
    "trailing  ",
    "a\u00a0 b and a \u00a0b",
    "\u3000ideographic space",
    "tab\tand\nnew lines\n\n",
    "ﬁ ligature, Ⅻ, １２３ fullwidth",
    "e\u0301 combining and \u200bzero width",
    "emoji 🇺🇦 and 中文 and العربية",
    "<s> literal specials </s> <mask> <pad><unk>",
    "▁already marked",
    "word " * 700,  # longer than the model's 512 tokens: truncated alike
]


@pytest.fixture(scope="module")
def tokenizers(embedder):
    folder = embedder.onnx_path
    return load_tokenizer(folder, 512), _HuggingFace(folder / "tokenizer.json", 512)


def test_the_export_uses_sentencepiece(tokenizers) -> None:
    pieces, _ = tokenizers
    assert type(pieces).__name__ == "_Pieces"


def test_same_ids_and_counts_as_the_models_tokenizer(tokenizers) -> None:
    pieces, reference = tokenizers
    texts = list(EDGE_CASES)
    for path in sorted(CORPUS.iterdir()):
        text = path.read_text("utf-8")
        texts += [text, *(line for line in text.splitlines() if line.strip())]
    assert pieces.ids(texts) == reference.ids(texts)
    assert [pieces.count(t) for t in texts] == [reference.count(t) for t in texts]


def test_another_tokenizer_layout_stays_with_tokenizers(embedder, tmp_path: Path) -> None:
    spec = json.loads((embedder.onnx_path / "tokenizer.json").read_text("utf-8"))
    spec["pre_tokenizer"] = {"type": "Whitespace"}
    (tmp_path / "tokenizer.json").write_text(json.dumps(spec))
    assert write_piece_models(tmp_path) is False
    assert type(load_tokenizer(tmp_path, 512)).__name__ == "_HuggingFace"
    assert not list(tmp_path.glob("*.model"))


def test_an_export_made_before_is_converted_in_place(embedder, tmp_path: Path) -> None:
    shutil.copy(embedder.onnx_path / "tokenizer.json", tmp_path / "tokenizer.json")
    assert type(load_tokenizer(tmp_path, 512)).__name__ == "_HuggingFace"
    assert write_piece_models(tmp_path) is True
    assert load_tokenizer(tmp_path, 512).ids(["Хто очолить моніторинг?"]) == _HuggingFace(
        tmp_path / "tokenizer.json", 512
    ).ids(["Хто очолить моніторинг?"])
