"""/sources (the documents) and the "Sources" button under an answer (the quoted passages)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, LinkPreviewOptions, Message
from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _

from bot.keyboards import SourcesCallback
from bot.render import render_documents, render_quotes
from bot.services import Corpus
from bot.storage import TraceStore

_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


async def list_documents(message: Message, corpus: Corpus) -> None:
    documents = await corpus.documents()
    if not documents:
        await message.answer(_("No documents are indexed yet."))
        return
    for part in render_documents(documents, heading=_("Documents I rely on:")):
        await message.answer(part, link_preview_options=_NO_PREVIEW)


async def show_quotes(callback: CallbackQuery, callback_data: SourcesCallback, store: TraceStore) -> None:
    chat = callback.message.chat.id if callback.message else callback.from_user.id
    citations = await store.citations(callback_data.answer_id, chat)
    if not citations:
        await callback.answer(_("These sources are no longer available."), show_alert=True)
        return
    await callback.answer()
    for part in render_quotes(citations, get_i18n().current_locale):
        await callback.message.answer(part, link_preview_options=_NO_PREVIEW)  # type: ignore[union-attr]


async def unreadable(callback: CallbackQuery) -> None:
    """Callback data that does not parse (forged, or an id out of range): nothing to show."""
    await callback.answer(_("These sources are no longer available."), show_alert=True)


def create_router() -> Router:
    router = Router(name="sources")
    router.message.register(list_documents, Command("sources"))
    router.callback_query.register(show_quotes, SourcesCallback.filter(), F.message)
    router.callback_query.register(unreadable, F.data.startswith(f"{SourcesCallback.__prefix__}:"))
    return router
