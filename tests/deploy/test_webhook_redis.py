"""Two bot processes in webhook mode sharing one Redis server, as compose.yaml scaled to several
bot instances runs them: a user's /lang choice made through one process holds in the other."""

from __future__ import annotations

import contextlib
import itertools
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from .deploy_support import CORPUS, REPO, free_port, stop

sys.path.insert(0, str(REPO / "tests" / "bot"))
from fake_telegram import TOKEN, Call, FakeTelegram, callback, text_message  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="session")]

SECRET = "webhook-secret-for-tests"
PATH = "/telegram/webhook"
CHOOSER, OTHER, POLISH_REFERENCE, GERMAN_REFERENCE = 11, 12, 13, 14
_update_ids = itertools.count(1)


@dataclass
class BotProcess:
    url: str
    process: subprocess.Popen
    log: Path

    async def post(self, session: aiohttp.ClientSession, update: dict[str, Any]) -> None:
        body = {"update_id": next(_update_ids), **update}
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        async with session.post(self.url, json=body, headers=headers) as response:
            assert response.status == 200, await response.text()


@contextlib.asynccontextmanager
async def bot_processes(
    tmp_path: Path, telegram: FakeTelegram, redis_url: str, count: int
) -> AsyncIterator[list[BotProcess]]:
    bots = []
    try:
        for n in range(count):
            port = free_port()
            env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
            env |= {
                "BRIEFING_BOT_TOKEN": TOKEN,
                "BRIEFING_TELEGRAM_API_URL": telegram.url,
                "BRIEFING_WEBHOOK_URL": f"http://127.0.0.1:{port}{PATH}",
                "BRIEFING_WEBHOOK_SECRET": SECRET,
                "BRIEFING_WEBHOOK_HOST": "127.0.0.1",
                "BRIEFING_WEBHOOK_PORT": str(port),
                "BRIEFING_REDIS_URL": redis_url,
                "BRIEFING_DATA_DIR": str(tmp_path / f"state-{n}"),
                "BRIEFING_FLOOD_INTERVAL": "0",
            }
            log = tmp_path / f"bot-{n}.log"
            with log.open("wb") as out:
                process = subprocess.Popen(
                    [sys.executable, str(Path(__file__).with_name("webhook_bot.py")), str(CORPUS)],
                    cwd=tmp_path,
                    env=env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            bots.append(BotProcess(f"http://127.0.0.1:{port}{PATH}", process, log))
        await started(telegram, bots)
        yield bots
    finally:
        for bot in bots:
            stop(bot.process)


async def started(telegram: FakeTelegram, bots: list[BotProcess], timeout: float = 60) -> None:
    """Each process registers its webhook once it is listening."""
    for _ in range(int(timeout)):
        with contextlib.suppress(TimeoutError):
            await telegram.wait_for("setWebhook", len(bots), timeout=1)
            return
        if any(bot.process.poll() is not None for bot in bots):
            break
    logs = "\n".join(f"--- {b.log.name}\n{b.log.read_text()[-3000:]}" for b in bots)
    pytest.fail(f"the bot processes did not start:\n{logs}")


async def reply(
    telegram: FakeTelegram,
    bot: BotProcess,
    session: aiohttp.ClientSession,
    user: int,
    text: str,
    language_code: str = "en",
) -> Call:
    before = len(telegram.of("sendMessage", user))
    await bot.post(session, text_message(user, text, language_code))
    return (await telegram.wait_for("sendMessage", before + 1, chat_id=user))[-1]


async def test_lang_choice_holds_across_bot_processes(tmp_path: Path, redis_url: str) -> None:
    telegram = FakeTelegram()
    await telegram.start()
    try:
        async with (
            bot_processes(tmp_path, telegram, redis_url, 2) as (first, second),
            aiohttp.ClientSession() as session,
        ):
            polish = (await reply(telegram, first, session, POLISH_REFERENCE, "/help", "pl")).text
            german = (await reply(telegram, second, session, GERMAN_REFERENCE, "/help", "de")).text
            english = (await reply(telegram, second, session, OTHER, "/help", "en")).text
            assert len({polish, german, english}) == 3

            menu = await reply(telegram, first, session, CHOOSER, "/lang")
            await first.post(session, callback(CHOOSER, menu.button("Polski")["callback_data"]))
            await telegram.wait_for("editMessageText", 1, chat_id=CHOOSER)

            assert (await reply(telegram, second, session, CHOOSER, "/help")).text == polish
            menu = await reply(telegram, second, session, CHOOSER, "/lang")
            assert menu.button("✓ Polski")
            await second.post(session, callback(CHOOSER, menu.button("Deutsch")["callback_data"]))
            await telegram.wait_for("editMessageText", 2, chat_id=CHOOSER)

            assert (await reply(telegram, first, session, CHOOSER, "/help")).text == german
            assert (await reply(telegram, second, session, CHOOSER, "/help")).text == german
            # Another user's language is untouched, whichever process answers.
            assert (await reply(telegram, first, session, OTHER, "/help")).text == english
    finally:
        await telegram.stop()
