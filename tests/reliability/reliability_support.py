"""What the battery shares: the CLI run in-process as a user runs it, and a fingerprint of the
corpus and the index to prove that a refused input changed nothing."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

TESTS = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def cli(*args: str) -> Run:
    """`briefing ARGS`, with the settings read afresh from the environment."""
    from briefing.cli import app
    from briefing.settings import get_settings

    get_settings.cache_clear()
    result = CliRunner().invoke(app, list(args))
    get_settings.cache_clear()
    run = Run(result.exit_code, result.stdout, result.stderr)
    # A traceback never reaches the user, whatever the input.
    assert "Traceback" not in run.output, run.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {type(result.exception).__name__}: {result.exception}\n{run.output}")
    return run


def one_line_error(run: Run) -> str:
    """The error a failed command printed: one message, however the terminal wraps and boxes it."""
    assert run.code != 0
    return " ".join(re.sub("[│╭╮╰╯─]", " ", run.output).split())


def corpus_state(corpus_dir: Path) -> dict[str, str]:
    """Every file under the corpus folder with a hash of its bytes (links and pipes by name)."""
    state = {}
    for path in sorted(corpus_dir.rglob("*")):
        name = path.relative_to(corpus_dir).as_posix()
        if path.is_symlink() or not path.is_file():
            state[name] = "special"
        else:
            state[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return state


def index_state(index_dir: Path) -> list[tuple[str, str, int]]:
    """The indexed documents as (id, content hash, passages), read as a fresh process would."""
    from retrieval.store import Store, make_client

    store = Store(make_client(index_dir, None))
    return sorted((doc_id, d.info.content_hash, d.chunks) for doc_id, d in store.stored_documents().items())
