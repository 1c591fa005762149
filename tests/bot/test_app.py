"""Running the bot: webhook mode over real HTTP, settings errors, storage choice, logging."""

from __future__ import annotations

import asyncio
import socket

import aiohttp
import pytest
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.fsm.storage.redis import RedisStorage
from fake_telegram import TOKEN, FakeTelegram, text_message

from bot.app import create_storage, serve
from bot.services import Corpus
from briefing.bot_command import bot_config, run_bot
from briefing.settings import Settings

session_loop = pytest.mark.asyncio(loop_scope="session")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@session_loop
async def test_webhook_accepts_the_right_secret_and_rejects_a_wrong_one(tmp_path, corpus_copy, fake_services):
    index, answerer = fake_services
    telegram = FakeTelegram()
    await telegram.start()
    port = free_port()
    settings = Settings(
        _env_file=None,
        bot_token=TOKEN,
        telegram_api_url=telegram.url,
        webhook_url=f"http://127.0.0.1:{port}/telegram/hook",
        webhook_secret="right-secret",
        webhook_host="127.0.0.1",
        webhook_port=port,
        data_dir=tmp_path / "data",
        flood_interval=0,
    )
    corpus = Corpus(index, corpus_copy, lambda *a, **k: None, lambda *a: None)
    server = asyncio.create_task(serve(bot_config(settings), answerer=answerer, corpus=corpus))
    try:
        (registered,) = await telegram.wait_for("setWebhook", timeout=10)
        assert registered.params["url"] == settings.webhook_url
        assert registered.params["secret_token"] == "right-secret"
        url = f"http://127.0.0.1:{port}/telegram/hook"
        async with aiohttp.ClientSession() as http:
            update = {"update_id": 1, **text_message(7, "/help")}
            wrong = {"X-Telegram-Bot-Api-Secret-Token": "wrong-secret"}
            async with http.post(url, json=update, headers=wrong) as response:
                assert response.status == 401
            async with http.post(url, json=update) as response:
                assert response.status == 401
            right = {"X-Telegram-Bot-Api-Secret-Token": "right-secret"}
            update = {"update_id": 2, **text_message(8, "/help")}
            async with http.post(url, json=update, headers=right) as response:
                assert response.status == 200
        (reply,) = await telegram.wait_for("sendMessage", chat_id=8)
        assert "/sources" in reply.text
        await asyncio.sleep(0.2)
        assert telegram.of("sendMessage", chat_id=7) == []
    finally:
        server.cancel()
        with pytest.raises(asyncio.CancelledError):
            await server
        await telegram.stop()


def test_without_token_run_bot_explains_how_to_get_one(capsys):
    with pytest.raises(SystemExit) as exit_:
        run_bot(Settings(_env_file=None, bot_token=None))
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "BRIEFING_BOT_TOKEN" in err and "@BotFather" in err


def test_webhook_without_secret_is_refused(capsys):
    settings = Settings(_env_file=None, bot_token=TOKEN, webhook_url="https://example.org/hook")
    with pytest.raises(SystemExit):
        run_bot(settings)
    assert "BRIEFING_WEBHOOK_SECRET" in capsys.readouterr().err


def test_storage_is_redis_only_when_configured():
    assert isinstance(create_storage(None), MemoryStorage)
    redis = create_storage("redis://127.0.0.1:6390/0")
    assert isinstance(redis, RedisStorage) and redis.key_builder.with_destiny
