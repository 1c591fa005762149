"""The real `briefing bot` process, end to end: it syncs a fresh index from a copy of the corpus,
polls the fake Bot API server over HTTP, answers, serves /metrics and /healthz, and stops cleanly
on SIGTERM without ever printing its token."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest
from conftest import CORPUS
from fake_telegram import TOKEN, Call, FakeTelegram, text_message

pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="session")]

CYRILLIC = re.compile("[а-яіїєґ]", re.IGNORECASE)
FRENCH_TITLE = "Garanties d’action"
STARTUP_TIMEOUT = 120
REPLY_TIMEOUT = 120
STOP_TIMEOUT = 20

# (chat id, Telegram language_code, question): one per language, each about a corpus document.
LATENCY_QUESTIONS = [
    (11, "uk", "Які гарантії безпеки обговорює коаліція охочих у Парижі?"),
    (12, "en", "What did the Budapest Memorandum of 1994 promise Ukraine?"),
    (13, "fr", "Qui dirigera le mécanisme de surveillance du cessez-le-feu ?"),
    (14, "de", "Welche Rolle spielte die OSZE-Beobachtermission bei den Minsker Abkommen?"),
    (15, "pl", "Co mówi artykuł 5 Traktatu Północnoatlantyckiego?"),
    (16, "ru", "Какие двусторонние соглашения о безопасности Украина подписала в 2024 году?"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def briefing_command() -> list[str]:
    """`python -m briefing.cli` does nothing (cli.py has no __main__ guard): use the console script."""
    script = Path(sys.executable).parent / "briefing"
    assert script.is_file(), f"console script missing: {script} (pip install -e .)"
    return [str(script), "bot"]


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


async def reply_to(
    telegram: FakeTelegram, chat_id: int, text: str, language_code: str
) -> tuple[list[Call], float, float]:
    """Push a question and wait for its reply messages, the last one carrying the buttons.
    Returns the replies and the update→first-reply and update→last-reply latencies in ms."""
    before = len(telegram.of("sendMessage", chat_id))
    update_id = await telegram.push(text_message(chat_id, text, language_code))
    deadline = time.monotonic() + REPLY_TIMEOUT
    count = before + 1
    while True:
        left = deadline - time.monotonic()
        calls = await telegram.wait_for("sendMessage", count, chat_id=chat_id, timeout=max(left, 0.1))
        if calls[-1].keyboard:
            break
        count = len(calls) + 1
    replies = calls[before:]
    pushed = telegram.pushed_at(update_id)
    return replies, (replies[0].at - pushed) * 1000, (replies[-1].at - pushed) * 1000


async def wait_for_polling(telegram: FakeTelegram, process: subprocess.Popen, timeout: float) -> float:
    started = time.monotonic()
    while not telegram.polls:
        if process.poll() is not None:
            raise AssertionError(f"`briefing bot` exited with {process.returncode} before polling")
        if time.monotonic() - started > timeout:
            raise AssertionError(f"`briefing bot` did not poll getUpdates within {timeout} s")
        await asyncio.sleep(0.2)
    return time.monotonic() - started


async def test_briefing_bot_process_answers_serves_metrics_and_stops_on_sigterm(tmp_path: Path, embedder):
    corpus_dir = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus_dir)
    metrics_port = free_port()
    telegram = FakeTelegram()
    url = await telegram.start()

    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
    env.update(
        BRIEFING_BOT_TOKEN=TOKEN,
        BRIEFING_TELEGRAM_API_URL=url,
        BRIEFING_CORPUS_DIR=str(corpus_dir),
        BRIEFING_INDEX_DIR=str(tmp_path / "index"),
        BRIEFING_DATA_DIR=str(tmp_path / "data"),
        BRIEFING_MODEL_CACHE_DIR=str(embedder.path.parent),
        BRIEFING_METRICS_PORT=str(metrics_port),
        BRIEFING_WEBHOOK_HOST="127.0.0.1",
        BRIEFING_FLOOD_INTERVAL="0",
        HF_HUB_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
        PYTHONUNBUFFERED="1",
    )
    stdout_path, stderr_path = tmp_path / "bot.stdout", tmp_path / "bot.stderr"
    process: subprocess.Popen | None = None
    try:
        with stdout_path.open("wb") as out, stderr_path.open("wb") as err:
            # cwd=tmp_path: no stray .env from the working directory.
            process = subprocess.Popen(briefing_command(), cwd=tmp_path, env=env, stdout=out, stderr=err)
        startup = await wait_for_polling(telegram, process, STARTUP_TIMEOUT)
        print(f"\n`briefing bot`: sync + warm-up + first getUpdates in {startup:.1f} s")

        # A Ukrainian question about the French article: a Ukrainian, cited answer.
        replies, _first, _last = await reply_to(
            telegram, 7, "Хто очолить механізм моніторингу припинення вогню?", language_code="uk"
        )
        text = "\n".join(r.text for r in replies)
        lead = replies[0].text.split("\n")[0]
        assert CYRILLIC.search(lead), lead
        assert "[1]" in text, text
        assert FRENCH_TITLE in text, text

        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{metrics_port}/metrics") as response:
                assert response.status == 200
                scraped = await response.text()
            assert 'briefing_questions_total{kind="answer",language="uk"} 1.0' in scraped, scraped
            async with http.get(f"http://127.0.0.1:{metrics_port}/healthz") as response:
                assert response.status == 200, await response.text()

        # Latency, update pushed → reply recorded, one question at a time (printed, not asserted).
        latencies = []
        for chat_id, language, question in LATENCY_QUESTIONS:
            replies, first, last = await reply_to(telegram, chat_id, question, language)
            latencies.append(last)
            lead = replies[0].text.split("\n")[0][:70]
            print(f"  {language}: {last:7.1f} ms (first message {first:.1f} ms, {len(replies)} in all)  {lead}")
        print(
            f"  update→reply latency: p50 {statistics.median(latencies):.1f} ms, "
            f"p95 {percentile(latencies, 95):.1f} ms, max {max(latencies):.1f} ms over {len(latencies)} questions"
        )

        process.send_signal(signal.SIGTERM)
        stopping = time.monotonic()
        code = await asyncio.to_thread(process.wait, STOP_TIMEOUT)
        print(f"  SIGTERM → exit {code} in {time.monotonic() - stopping:.2f} s")
        assert code == 0, stderr_path.read_text(errors="replace")[-4000:]
    finally:
        if process is not None and process.poll() is None:
            process.kill()
            process.wait(10)
        await telegram.stop()

    output = stdout_path.read_bytes() + stderr_path.read_bytes()
    assert output, "the bot logged nothing"
    # Logs are JSON lines, each an event with its level: no progress bar, no stray print, no
    # warning or traceback outside a log record.
    for name, path in (("stdout", stdout_path), ("stderr", stderr_path)):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                raise AssertionError(f"not a JSON log line on {name}: {line[:300]!r}") from None
            assert isinstance(record, dict) and {"event", "level", "timestamp"} <= set(record), line[:300]
    assert TOKEN.encode() not in output
    assert TOKEN.split(":", 1)[1].encode() not in output
