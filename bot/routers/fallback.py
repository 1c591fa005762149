"""Messages that are not questions: unknown commands, stickers, photos, voice..."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.types import Message
from aiogram.utils.i18n import gettext as _


async def unknown_command(message: Message) -> None:
    await message.answer(_("I don't know this command. /help lists what I can do."))


async def voice(message: Message) -> None:
    await message.answer(_("I can't listen to voice messages yet. Please type your question as text."))


async def anything_else(message: Message) -> None:
    await message.answer(
        _(
            "I only understand text. Please type your question, for example: "
            "<i>What security guarantees did France promise Ukraine?</i>"
        )
    )


def create_router() -> Router:
    router = Router(name="fallback")
    router.message.filter(F.chat.type == ChatType.PRIVATE)
    router.message.register(unknown_command, F.text.startswith("/"))
    router.message.register(voice, F.voice | F.audio | F.video_note)
    router.message.register(anything_else)
    return router
