"""/latest (the newest documents) and /subscribe, /unsubscribe (the digest of new ones)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import LinkPreviewOptions, Message
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.services import Corpus
from bot.subscriptions import Subscriptions
from bot.whats_new import render_entries

LATEST_LIMIT = 10
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


async def latest(message: Message, corpus: Corpus, i18n: I18n) -> None:
    entries = await corpus.latest(i18n.current_locale, limit=LATEST_LIMIT)
    if not entries:
        await message.answer(_("No documents are indexed yet."))
        return
    for part in render_entries(entries, _("Newest documents:")):
        await message.answer(part, link_preview_options=_NO_PREVIEW)


async def subscribe(message: Message, corpus: Corpus, subscriptions: Subscriptions, i18n: I18n) -> None:
    # A new subscriber has seen everything indexed so far: the first digest brings what comes next.
    seen = max((d.ingested_at or "" for d in await corpus.documents()), default="")
    await subscriptions.subscribe(message.chat.id, i18n.current_locale, seen)
    await message.answer(_("Subscribed: I will send you a digest when new documents are added. /unsubscribe stops it."))


async def unsubscribe(message: Message, subscriptions: Subscriptions) -> None:
    if await subscriptions.unsubscribe(message.chat.id):
        await message.answer(_("Unsubscribed: I will send you no more digests."))
    else:
        await message.answer(_("You are not subscribed. /subscribe starts the digest of new documents."))


def create_router() -> Router:
    router = Router(name="news")
    router.message.register(latest, Command("latest"))
    router.message.register(subscribe, Command("subscribe"))
    router.message.register(unsubscribe, Command("unsubscribe"))
    return router
