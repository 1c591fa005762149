"""/latest, /subscribe, /unsubscribe and the digest of new documents, over real HTTP against the
fake Bot API. Two digest senders sharing one subscription store stand for two bot processes;
the clock is injected (ticks are triggered directly, sleeps are recorded instead of waited)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import fakeredis
import pytest
from conftest import running_bot
from fake_telegram import text_message

from bot.digest import SEND_INTERVAL, DigestSender
from bot.subscriptions import RedisSubscriptions, SqliteSubscriptions, Subscriptions

pytestmark = pytest.mark.asyncio(loop_scope="session")

EN, UK, LEFT, NEVER = 11, 12, 13, 14


class FakeClock:
    """Records what the sender would sleep; stops `run` after `ticks` intervals."""

    def __init__(self, interval: float = 3600.0, ticks: int | None = None) -> None:
        self.slept: list[float] = []
        self.interval, self.ticks = interval, ticks

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        if self.ticks is not None and self.slept.count(self.interval) >= self.ticks:
            raise asyncio.CancelledError


async def two_stores(kind: str, tmp_path: Path) -> tuple[Subscriptions, Subscriptions]:
    """Two connections to one store, as two bot processes would have."""
    if kind == "sqlite":
        path = tmp_path / "data" / "subscriptions.sqlite3"
        return await SqliteSubscriptions(path).open(), await SqliteSubscriptions(path).open()
    server = fakeredis.FakeServer()
    return (
        RedisSubscriptions(fakeredis.FakeAsyncRedis(server=server, decode_responses=True)),
        RedisSubscriptions(fakeredis.FakeAsyncRedis(server=server, decode_responses=True)),
    )


def add_document(corpus_dir: Path, name: str, title: str) -> None:
    (corpus_dir / f"{name}.md").write_text(f"# {title}\n\n{title} was agreed by the partners. Details follow.\n")


@pytest.mark.parametrize("kind", ["sqlite", "redis"])
async def test_a_digest_reaches_each_subscriber_once_and_no_unsubscribed_chat(
    tmp_path, corpus_copy, fake_services, kind
):
    index, answerer = fake_services
    mine, other = await two_stores(kind, tmp_path)
    async with running_bot(tmp_path, index=index, answerer=answerer, corpus_dir=corpus_copy, subscriptions=mine) as h:
        (confirmed,) = await h.send(text_message(EN, "/subscribe", "en"), EN)
        assert "Subscribed" in confirmed.text
        await h.send(text_message(UK, "/subscribe", "uk"), UK)
        await h.send(text_message(LEFT, "/subscribe", "en"), LEFT)
        (left,) = await h.send(text_message(LEFT, "/unsubscribe", "en"), LEFT)
        assert "Unsubscribed" in left.text
        (not_subscribed,) = await h.send(text_message(NEVER, "/unsubscribe", "de"), NEVER)
        assert "/subscribe" in not_subscribed.text and "nichts abonniert" in not_subscribed.text

        clock = FakeClock()
        i18n = h.dp["i18n"]
        processes = [DigestSender(h.bot, store, h.corpus, i18n, sleep=clock.sleep) for store in (mine, other)]
        before = {chat: len(h.telegram.of("sendMessage", chat)) for chat in (EN, UK, LEFT, NEVER)}
        # Nothing was added since the subscriptions: no digest.
        assert await asyncio.gather(*(p.tick() for p in processes)) == [0, 0]

        add_document(corpus_copy, "zz-new-one", "Demining agreement")
        add_document(corpus_copy, "zz-new-two", "Energy grid repair plan")
        await h.corpus.sync()
        sent = await asyncio.gather(*(p.tick() for p in processes))
        assert sum(sent) == 2  # one digest per subscriber, whichever process sent it
        assert await asyncio.gather(*(p.tick() for p in processes)) == [0, 0]

        new = {chat: h.telegram.of("sendMessage", chat)[before[chat] :] for chat in (EN, UK, LEFT, NEVER)}
        assert [len(new[chat]) for chat in (EN, UK, LEFT, NEVER)] == [1, 1, 0, 0]
        english, ukrainian = new[EN][0].text, new[UK][0].text
        assert "New documents since the last digest:" in english and "Opens with:" in english
        assert "Нові документи від попереднього дайджесту:" in ukrainian and "Починається так:" in ukrainian
        for text in (english, ukrainian):
            assert "Demining agreement" in text and "Energy grid repair plan" in text
            assert "budapest" not in text.lower()  # documents from before the subscription are not news
        # Sends were paced: one pause before each message.
        assert clock.slept.count(SEND_INTERVAL) == 2

        # The next batch brings only the next document.
        add_document(corpus_copy, "zz-new-three", "Air defence pledge")
        await h.corpus.sync()
        assert sum(await asyncio.gather(*(p.tick() for p in processes))) == 2
        latest_en = h.telegram.of("sendMessage", EN)[-1].text
        assert "Air defence pledge" in latest_en and "Demining agreement" not in latest_en
        assert not h.telegram.of("sendMessage", LEFT)[before[LEFT] :]
        assert not h.telegram.of("sendMessage", NEVER)[before[NEVER] :]
    await other.close()


async def test_the_loop_ticks_on_schedule_and_a_failed_send_is_retried(tmp_path, corpus_copy, fake_services):
    index, answerer = fake_services
    async with running_bot(tmp_path, index=index, answerer=answerer, corpus_dir=corpus_copy) as h:
        await h.send(text_message(EN, "/subscribe", "en"), EN)
        before = len(h.telegram.of("sendMessage", EN))
        add_document(corpus_copy, "zz-new-one", "Demining agreement")
        await h.corpus.sync()

        h.telegram.fail_next("sendMessage", times=5, status=500)  # every attempt of the retrying session
        clock = FakeClock(interval=60, ticks=1)
        sender = DigestSender(h.bot, h.subscriptions, h.corpus, h.dp["i18n"], sleep=clock.sleep)
        with pytest.raises(asyncio.CancelledError):
            await sender.run(60)
        assert len(h.telegram.of("sendMessage", EN)) == before  # Telegram failed: nothing delivered

        clock = FakeClock(interval=60, ticks=2)
        sender = DigestSender(h.bot, h.subscriptions, h.corpus, h.dp["i18n"], sleep=clock.sleep)
        with pytest.raises(asyncio.CancelledError):
            await sender.run(60)
        delivered = h.telegram.of("sendMessage", EN)[before:]
        assert len(delivered) == 1 and "Demining agreement" in delivered[0].text
        assert clock.slept.count(60) == 2


async def test_latest_lists_the_newest_documents_in_the_users_language(tmp_path, corpus_copy, fake_services):
    index, answerer = fake_services
    add_document(corpus_copy, "zz-new-one", "Demining agreement")
    async with running_bot(tmp_path, index=index, answerer=answerer, corpus_dir=corpus_copy) as h:
        await h.corpus.sync()
        (listed,) = await h.send(text_message(EN, "/latest", "uk"), EN)
        assert listed.text.startswith("<b>Найновіші документи:</b>")
        assert listed.text.index("Demining agreement") < listed.text.index("Budapest")
        assert "2025-01-01 · " in listed.text and "Починається так: «Demining agreement was agreed" in listed.text
