"""Vectors of texts embedded at question time, kept on disk across processes.

A question embeds the sentences of its leading passages, sentence windows for quotes, single
words for term matching and the refusal gate's prototypes: several seconds for the first
question of a process, most of it for texts an earlier process already embedded. The vectors are
stored exactly (float32), keyed by a digest of the model export and the prompted text, so a
remembered vector is the one the model would make and answers do not depend on the memo.
Any failure to read or write (read-only home, a damaged file) turns the memo off, never a question."""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

# About 1.5 KB per vector (dimension 384): 200,000 vectors are ~300 MB on disk. Past it, the
# oldest half goes.
MAX_VECTORS = 200_000


class VectorMemo:
    def __init__(self, path: Path | None, namespace: str, dimension: int) -> None:
        self._namespace = namespace
        self._dimension = dimension
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        if path is not None:
            self._db = self._open(path)

    @property
    def enabled(self) -> bool:
        return self._db is not None

    def vectors(self, texts: Sequence[str], compute: Callable[[list[str]], np.ndarray]) -> np.ndarray:
        """Vectors of `texts`, remembered ones read, the others computed by `compute` and kept."""
        if self._db is None or not texts:
            return compute(list(texts))
        keys = [self._key(t) for t in texts]
        found = self._read(keys)
        missing = [i for i, key in enumerate(keys) if key not in found]
        out = np.zeros((len(texts), self._dimension), dtype=np.float32)
        if missing:
            computed = compute([texts[i] for i in missing])
            out[missing] = computed
            self._write({keys[i]: computed[n] for n, i in enumerate(missing)})
        for i, key in enumerate(keys):
            if key in found:
                out[i] = found[key]
        return out

    def _key(self, text: str) -> str:
        return hashlib.blake2b(f"{self._namespace}\0{text}".encode(), digest_size=16).hexdigest()

    def _open(self, path: Path) -> sqlite3.Connection | None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(str(path), timeout=2.0, check_same_thread=False, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")
            return db
        except (OSError, sqlite3.Error) as exc:
            log.warning("vector memo off (%s: %s): questions embed their texts each time", path, exc)
            return None

    def _read(self, keys: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        try:
            with self._lock:
                assert self._db is not None
                for start in range(0, len(keys), 500):
                    part = keys[start : start + 500]
                    marks = ",".join("?" * len(part))
                    for key, blob in self._db.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", part):
                        vector = np.frombuffer(blob, dtype=np.float32)
                        if vector.shape == (self._dimension,):
                            found[key] = vector
        except sqlite3.Error as exc:
            self._disable(exc)
        return found

    def _write(self, rows: dict[str, np.ndarray]) -> None:
        try:
            with self._lock:
                if self._db is None:
                    return
                self._db.execute("BEGIN")
                self._db.executemany(
                    "INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)",
                    [(key, np.ascontiguousarray(v, dtype=np.float32).tobytes()) for key, v in rows.items()],
                )
                (count,) = self._db.execute("SELECT max(rowid) - min(rowid) FROM vectors").fetchone()
                if count and count > MAX_VECTORS:
                    self._db.execute(
                        "DELETE FROM vectors WHERE rowid < (SELECT min(rowid) + ? FROM vectors)", (MAX_VECTORS // 2,)
                    )
                self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._disable(exc)

    def _disable(self, exc: Exception) -> None:
        log.warning("vector memo off after an error (%s): questions embed their texts each time", exc)
        with self._lock:
            db, self._db = self._db, None
        if db is not None:
            db.close()
