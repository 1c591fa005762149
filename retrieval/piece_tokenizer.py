"""The model's tokenizer: sentencepiece where the tokenizer is an XLM-R style unigram model (the
multilingual e5 models), the Hugging Face `tokenizers` library otherwise.

Both give the same ids (3,241 texts of the corpora, eval questions and edge cases: 0 differ), but
`tokenizers` builds its 250,000-piece model from a 17 MB JSON file in 1.1 s and keeps 280 MB,
while sentencepiece loads the same pieces, converted once beside the export, in 0.7 s and about
50 MB. The conversion replays the JSON's pipeline: the precompiled character map (its own small
sentencepiece model), spaces collapsed, "▁" for spaces and in front, one Viterbi per word."""

from __future__ import annotations

import base64
import importlib
import json
import re
from pathlib import Path
from typing import Any, Protocol

_NORMALIZER_FILE = "tokenizer-normalizer.model"
_PIECES_FILE = "tokenizer-pieces.model"
_SPECIALS_FILE = "tokenizer-specials.json"
_SPACE = "▁"
_WORD = re.compile(f"{_SPACE}[^{_SPACE}]*|[^{_SPACE}]+")
_SPACES = re.compile(" {2,}")


class Tokenizer(Protocol):
    def ids(self, texts: list[str]) -> list[list[int]]:
        """Ids with the model's special tokens, truncated to its length limit."""
        ...

    def count(self, text: str) -> int:
        """Tokens of `text` alone, without special tokens."""
        ...


def load_tokenizer(folder: Path, max_tokens: int) -> Tokenizer:
    if (folder / _NORMALIZER_FILE).is_file() and (folder / _PIECES_FILE).is_file() and converted(folder):
        return _Pieces(folder, max_tokens)
    return _HuggingFace(folder / "tokenizer.json", max_tokens)


def converted(folder: Path) -> bool:
    """Whether `write_piece_models` has run for this folder (whatever it found)."""
    return (folder / _SPECIALS_FILE).is_file()


def write_piece_models(folder: Path) -> bool:
    """Convert the folder's tokenizer.json to sentencepiece models when it has the unigram layout
    replayed here; for any other tokenizer only a note that it stays with `tokenizers`."""
    spec = json.loads((folder / "tokenizer.json").read_text("utf-8"))
    layout = _unigram_layout(spec)
    if layout is None:
        (folder / _SPECIALS_FILE).write_text("null")
        return False
    charsmap, vocab, specials = layout
    # Generated protobuf code: untyped.
    pb: Any = importlib.import_module("sentencepiece.sentencepiece_model_pb2")

    def model(pieces: list[list[Any]], with_charsmap: bool) -> bytes:
        proto = pb.ModelProto()
        proto.trainer_spec.model_type = pb.TrainerSpec.UNIGRAM
        proto.trainer_spec.bos_id, proto.trainer_spec.pad_id = specials["<s>"], specials["<pad>"]
        proto.trainer_spec.eos_id, proto.trainer_spec.unk_id = specials["</s>"], specials["<unk>"]
        norm = proto.normalizer_spec
        norm.name = "user_defined" if with_charsmap else "identity"
        if with_charsmap:
            norm.precompiled_charsmap = charsmap
        norm.add_dummy_prefix = norm.remove_extra_whitespaces = norm.escape_whitespaces = False
        kinds = {specials["<unk>"]: pb.ModelProto.SentencePiece.UNKNOWN}
        kinds |= {i: pb.ModelProto.SentencePiece.CONTROL for n, i in specials.items() if n != "<unk>"}
        for i, (piece, score) in enumerate(pieces):
            entry = proto.pieces.add()
            entry.piece, entry.score = piece, score
            entry.type = kinds.get(i, pb.ModelProto.SentencePiece.NORMAL)
        return bytes(proto.SerializeToString())

    # The normalizer needs no pieces beyond the special ones; a model of 5 loads in 0.06 s.
    written = (
        (_NORMALIZER_FILE, model(vocab[:5], True)),
        (_PIECES_FILE, model(vocab, False)),
        (_SPECIALS_FILE, json.dumps(specials).encode()),
    )
    for name, data in written:
        tmp = folder / f"{name}.tmp"
        tmp.write_bytes(data)
        tmp.chmod(0o644)
        tmp.replace(folder / name)
    return True


def _unigram_layout(spec: dict[str, Any]) -> tuple[bytes, list[list[Any]], dict[str, int]] | None:
    try:
        normalizers = spec["normalizer"]["normalizers"]
        pre, model, post = spec["pre_tokenizer"], spec["model"], spec["post_processor"]
        specials = {t["content"]: t["id"] for t in spec["added_tokens"]}
        expected = (
            spec["normalizer"]["type"] == "Sequence"
            and [n["type"] for n in normalizers] == ["Precompiled", "Replace"]
            and normalizers[1]["pattern"] == {"Regex": " {2,}"}
            and normalizers[1]["content"] == " "
            and pre == {"type": "Metaspace", "replacement": _SPACE, "add_prefix_space": True}
            and model["type"] == "Unigram"
            and not model.get("byte_fallback")
            and [list(s) for s in post["single"]] == [["SpecialToken"], ["Sequence"], ["SpecialToken"]]
            and post["single"][0]["SpecialToken"]["id"] == "<s>"
            and post["single"][2]["SpecialToken"]["id"] == "</s>"
            and {"<s>", "<pad>", "</s>", "<unk>"} <= set(specials)
            and all(specials[n] == i for i, n in enumerate(["<s>", "<pad>", "</s>", "<unk>"]))
        )
    except (KeyError, TypeError, IndexError):
        return None
    if not expected:
        return None
    return base64.b64decode(normalizers[0]["precompiled_charsmap"]), model["vocab"], specials


class _Pieces:
    def __init__(self, folder: Path, max_tokens: int) -> None:
        import sentencepiece as spm

        self._normalizer = spm.SentencePieceProcessor(model_file=str(folder / _NORMALIZER_FILE))
        self._pieces = spm.SentencePieceProcessor(model_file=str(folder / _PIECES_FILE))
        self._bos, self._eos = self._pieces.bos_id(), self._pieces.eos_id()
        self._specials: dict[str, int] = json.loads((folder / _SPECIALS_FILE).read_text("utf-8"))
        self._split = re.compile("(" + "|".join(re.escape(s) for s in self._specials) + ")")
        self._max_tokens = max_tokens

    def ids(self, texts: list[str]) -> list[list[int]]:
        # The two special tokens count toward the limit.
        return [[self._bos, *self._content(t)[: self._max_tokens - 2], self._eos] for t in texts]

    def count(self, text: str) -> int:
        # As `tokenizers` counts with truncation on: never more than the limit.
        return min(len(self._content(text)), self._max_tokens)

    def _content(self, text: str) -> list[int]:
        out: list[int] = []
        for part in self._split.split(text):
            if part in self._specials:
                out.append(self._specials[part])
            elif part:
                out += self._segment(part)
        return out

    def _segment(self, text: str) -> list[int]:
        normal = _SPACES.sub(" ", self._normalizer.normalize(text)).replace(" ", _SPACE)
        if not normal:
            return []
        if not normal.startswith(_SPACE):
            normal = _SPACE + normal
        return [i for word in self._pieces.encode(_WORD.findall(normal)) for i in word]


class _HuggingFace:
    def __init__(self, path: Path, max_tokens: int) -> None:
        from tokenizers import Tokenizer as HFTokenizer

        self._tokenizer = HFTokenizer.from_file(str(path))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_tokens)

    def ids(self, texts: list[str]) -> list[list[int]]:
        return [e.ids for e in self._tokenizer.encode_batch(texts)]

    def count(self, text: str) -> int:
        return len(self._tokenizer.encode(text, add_special_tokens=False).ids)
