"""Battery, the bot's first run: a malformed token or no network is one line on stderr and a
non-zero exit at once, before the sync and the model; no traceback, no hang."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from fake_telegram import TOKEN
from reliability_support import TESTS

START_TIMEOUT = 300  # far more than a check needs (seconds of CPU); a hang would never end


def _bot(tmp_path: Path, **settings: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
    env.update(
        PYTHONPATH=str(TESTS.parent),
        BRIEFING_CORPUS_DIR=str(tmp_path / "corpus"),
        BRIEFING_INDEX_DIR=str(tmp_path / "index"),
        BRIEFING_DATA_DIR=str(tmp_path / "data"),
        **settings,
    )
    return subprocess.run(
        [sys.executable, "-c", "from briefing.cli import app; app()", "bot"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT,
    )


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize(
    ("token", "says"),
    [
        ("<token from @BotFather>", "it contains spaces; is it still the README's placeholder?"),
        ("123456789", "it has no ':' between the bot id and the secret"),
        ("bot:AAEabcdefghijklmnopqrstuvwxyz012345678", "the part before ':' must be the bot's numeric id"),
        ("123456789:short", "the part after ':' is too short"),
    ],
    ids=["README placeholder", "no colon", "id not numeric", "secret too short"],
)
def test_a_malformed_token_is_one_line_saying_what_is_wrong(tmp_path, token, says):
    run = _bot(tmp_path, BRIEFING_BOT_TOKEN=token)

    assert run.returncode == 2
    assert run.stdout == "" and run.stderr.count("\n") == 1, run.stderr
    assert says in run.stderr and "@BotFather" in run.stderr
    assert not (tmp_path / "index").exists()  # nothing was synced


def test_no_network_at_start_is_one_line_with_the_url_tried(tmp_path):
    url = f"http://127.0.0.1:{_closed_port()}"

    run = _bot(tmp_path, BRIEFING_BOT_TOKEN=TOKEN, BRIEFING_TELEGRAM_API_URL=url)

    assert run.returncode == 2
    assert run.stderr.count("\n") == 1, run.stderr
    assert f"Cannot reach the Telegram Bot API at {url}" in run.stderr
    assert "check the network connection" in run.stderr
    assert TOKEN.split(":")[1] not in run.stderr
    assert not (tmp_path / "index").exists()
