"""Follow-up memory lives in the FSM storage, so another bot process sharing it (Redis) knows
the previous question of a chat."""

from __future__ import annotations

import pytest
from aiogram.fsm.storage.base import DefaultKeyBuilder
from aiogram.fsm.storage.redis import RedisStorage
from fakeredis import FakeAsyncRedis

from answering import Conversation, Turn
from answering.conversation import MAX_TURNS
from bot.services import Conversations

session_loop = pytest.mark.asyncio(loop_scope="session")


def shared(server: FakeAsyncRedis) -> Conversations:
    # As bot.app.create_storage builds it: keys carry a destiny beside the FSM's own.
    return Conversations(RedisStorage(server, key_builder=DefaultKeyBuilder(with_destiny=True)))


@session_loop
async def test_a_turn_saved_by_one_process_is_loaded_by_another() -> None:
    server = FakeAsyncRedis()
    first, second = shared(server), shared(server)
    conversation = await first.load(bot_id=1, chat_id=42)
    assert conversation.last is None
    conversation.remember(Turn("Who will monitor the ceasefire?", "Who will monitor the ceasefire?", "en"))
    await first.save(1, 42, conversation)

    loaded = await second.load(1, 42)
    assert loaded.last == Turn("Who will monitor the ceasefire?", "Who will monitor the ceasefire?", "en")
    assert (await second.load(1, 43)).last is None  # another chat has its own memory


@session_loop
async def test_only_the_last_turns_are_kept() -> None:
    conversations = shared(FakeAsyncRedis())
    conversation = Conversation()
    for i in range(MAX_TURNS + 2):
        conversation.remember(Turn(f"q{i}", f"q{i}", "en"))
    await conversations.save(1, 7, conversation)
    loaded = await conversations.load(1, 7)
    assert [t.question for t in loaded.turns] == [f"q{i}" for i in range(2, MAX_TURNS + 2)]


def test_one_lock_per_chat() -> None:
    conversations = shared(FakeAsyncRedis())
    assert conversations.lock(1) is conversations.lock(1)
    assert conversations.lock(1) is not conversations.lock(2)
