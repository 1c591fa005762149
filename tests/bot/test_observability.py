"""Observability over real HTTP: a question and a 👍 through the webhook show up in /metrics,
/healthz answers, and the log lines are JSON with a request id and never the token."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from dataclasses import replace

import aiohttp
import pytest
import structlog
from aiohttp.test_utils import TestClient, TestServer
from fake_telegram import TOKEN, FakeTelegram, callback, text_message
from prometheus_client.parser import text_string_to_metric_families
from test_app import free_port

from bot.app import build_dispatcher, build_webhook_app, create_bot, serve, set_commands
from bot.observability import Metrics, configure_logging
from bot.services import Corpus
from bot.storage import TraceStore
from bot.subscriptions import SqliteSubscriptions
from briefing.bot_command import bot_config
from briefing.settings import Settings

session_loop = pytest.mark.asyncio(loop_scope="session")
SECRET = "hook-secret"


class TimedAnswerer:
    """The fake answerer with the stage timings a real one reports; "leak" fails with the token
    in the error, as a failed Bot API URL would carry it."""

    def __init__(self, inner) -> None:
        self.inner = inner

    def ask(self, question, **kwargs):
        if question == "leak":
            raise RuntimeError(f"GET https://api.telegram.org/bot{TOKEN}/getMe failed")
        answer = self.inner.ask(question, **kwargs)
        return replace(answer, timings_ms={"retrieve": 12.0, "compose": 3.0, "total": 16.0})


def samples(text: str) -> dict[tuple[str, frozenset], float]:
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


@pytest.fixture
def json_logs():
    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    handler = configure_logging(TOKEN, stream=stream)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        structlog.reset_defaults()


@session_loop
async def test_webhook_serves_metrics_health_and_json_logs(tmp_path, corpus_copy, fake_services, json_logs):
    index, answerer = fake_services
    telegram = FakeTelegram()
    await telegram.start()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    settings = Settings(
        _env_file=None,
        bot_token=TOKEN,
        telegram_api_url=telegram.url,
        webhook_url=f"{base}/telegram/hook",
        webhook_secret=SECRET,
        webhook_host="127.0.0.1",
        webhook_port=port,
        data_dir=tmp_path / "data",
        flood_interval=0,
    )
    corpus = Corpus(index, corpus_copy, lambda *a, **k: None, lambda *a: None)
    server = asyncio.create_task(serve(bot_config(settings), answerer=TimedAnswerer(answerer), corpus=corpus))
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    try:
        await telegram.wait_for("setWebhook", timeout=10)
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{base}/healthz") as response:
                assert response.status == 200
                assert await response.json() == {"status": "ok"}

            question = {"update_id": 1, **text_message(7, "What did the Budapest memorandum promise?")}
            async with http.post(f"{base}/telegram/hook", json=question, headers=headers) as response:
                assert response.status == 200
            (reply,) = await telegram.wait_for("sendMessage", chat_id=7, timeout=30)
            thumbs_up = reply.button("👍")["callback_data"]
            vote = {"update_id": 2, **callback(7, thumbs_up)}
            async with http.post(f"{base}/telegram/hook", json=vote, headers=headers) as response:
                assert response.status == 200
            await telegram.wait_for("answerCallbackQuery", timeout=10)

            failing = {"update_id": 3, **text_message(8, "leak")}
            async with http.post(f"{base}/telegram/hook", json=failing, headers=headers) as response:
                assert response.status == 200
            await telegram.wait_for("sendMessage", chat_id=8, timeout=10)
            await asyncio.sleep(0.2)  # the update's own timing is recorded after the reply

            async with http.get(f"{base}/metrics") as response:
                assert response.status == 200
                assert response.content_type == "text/plain"
                metrics = samples(await response.text())
    finally:
        server.cancel()
        with pytest.raises(asyncio.CancelledError):
            await server
        await telegram.stop()

    def value(name: str, **labels: str) -> float:
        return metrics.get((name, frozenset(labels.items())), 0.0)

    assert value("briefing_questions_total", language="en", kind="answer") >= 1
    assert value("briefing_feedback_total", value="up") == 1
    assert value("briefing_errors_total", where="message") == 1
    for stage in ("retrieve", "compose", "total"):
        assert value("briefing_stage_seconds_count", stage=stage) >= 1
    assert value("briefing_stage_seconds_sum", stage="total") == pytest.approx(0.016)
    assert value("briefing_update_seconds_count") >= 3

    text = json_logs.getvalue()
    assert TOKEN not in text
    lines = [json.loads(line) for line in text.splitlines()]
    assert all({"timestamp", "level", "event", "logger"} <= set(line) for line in lines)
    in_updates = [line for line in lines if "request_id" in line]
    assert {line["update_id"] for line in in_updates} >= {1, 2, 3}
    (failure,) = [line for line in in_updates if line["level"] == "error" and line["update_id"] == 3]
    assert failure["user_id"] == 8
    assert "/bot***/getMe" in failure["exception"]
    # One id per update, different across updates.
    ids = {line["update_id"]: line["request_id"] for line in in_updates}
    assert len(set(ids.values())) == len(ids)


@session_loop
async def test_healthz_is_503_when_the_index_cannot_be_read(tmp_path, corpus_copy, fake_services):
    index, answerer = fake_services

    def unreadable() -> int:
        raise OSError("index gone")

    index.chunk_count = unreadable
    store = await TraceStore(tmp_path / "bot.sqlite3").open()
    subscriptions = await SqliteSubscriptions(tmp_path / "subscriptions.sqlite3").open()
    dp = build_dispatcher(
        answerer=answerer,
        corpus=Corpus(index, corpus_copy, lambda *a, **k: None, lambda *a: None),
        store=store,
        subscriptions=subscriptions,
    )
    # No Bot API here to set the command menu on; readiness is what is tested.
    dp.startup.handlers = [h for h in dp.startup.handlers if h.callback is not set_commands]
    bot = create_bot(TOKEN, "http://127.0.0.1:9")
    app = build_webhook_app(bot, dp, path="/hook", secret=SECRET)
    try:
        async with TestClient(TestServer(app)) as client:
            response = await client.get("/healthz")
            assert response.status == 503
            assert "index unreadable" in (await response.json())["reason"]
    finally:
        await bot.session.close()
        await store.close()
        await subscriptions.close()


def test_each_metrics_instance_has_its_own_registry():
    first, second = Metrics(), Metrics()
    first.voted(1)
    assert b'briefing_feedback_total{value="up"} 1.0' in first.render()
    assert b"briefing_feedback_total{" not in second.render()
