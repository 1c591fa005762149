"""Maintainers (BRIEFING_ADMIN_IDS) change the corpus: upload a document, /add URL, /remove ID,
/reindex, and read /stats. Anyone else is politely refused and nothing changes."""

from __future__ import annotations

import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urlparse

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message
from aiogram.utils.chat_action import ChatActionSender
from aiogram.utils.i18n import gettext as _

from bot.filters import IsAdmin
from bot.render import split_html, text
from bot.services import Change, Corpus
from bot.storage import TraceStore
from retrieval.errors import DocumentError, DocumentNotFoundError, RetrievalError

ACCEPTED_SUFFIXES = {".pdf", ".docx", ".txt", ".md", ".html", ".htm"}
# The cloud Bot API serves files up to 20 MB to bots.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
ADMIN_COMMANDS = ("add", "remove", "reindex", "stats")


async def upload(message: Message, bot: Bot, corpus: Corpus) -> None:
    document = message.document
    assert document is not None
    name = Path(document.file_name or "document").name
    if Path(name).suffix.lower() not in ACCEPTED_SUFFIXES:
        accepted = _("I can add PDF, DOCX, TXT, Markdown and HTML files; {name} is none of these.")
        await message.answer(accepted.format(name=text(name)))
        return
    if document.file_size and document.file_size > MAX_UPLOAD_BYTES:
        await message.answer(_("This file is larger than 20 MB; please send a smaller one."))
        return
    async with ChatActionSender.upload_document(bot=bot, chat_id=message.chat.id):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / name
            await bot.download(document, destination=path)
            # A caption, if any, is the document's title.
            title = (message.caption or "").strip() or None
            await _change(message, corpus, lambda: corpus.add(str(path), title=title), name)


async def add_url(message: Message, command: CommandObject, bot: Bot, corpus: Corpus) -> None:
    url = (command.args or "").strip()
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc or " " in url:
        await message.answer(_("Usage: /add https://example.org/article"))
        return
    async with ChatActionSender.typing(bot=bot, chat_id=message.chat.id):
        await _change(message, corpus, lambda: corpus.add(url))


async def remove(message: Message, command: CommandObject, corpus: Corpus) -> None:
    document_id = (command.args or "").strip()
    if not document_id:
        await message.answer(_("Usage: /remove ID (the ids are listed by /sources)"))
        return
    await _change(message, corpus, lambda: corpus.remove(document_id))


async def reindex(message: Message, bot: Bot, corpus: Corpus) -> None:
    async with ChatActionSender.typing(bot=bot, chat_id=message.chat.id):
        await _change(message, corpus, corpus.sync)


async def stats(message: Message, corpus: Corpus, store: TraceStore) -> None:
    documents = await corpus.documents()
    chunks = await corpus.chunk_count()
    day = await store.daily_stats()

    def ms(value: float | None) -> str:
        return "—" if value is None else f"{value:.0f} ms"

    await message.answer(
        _(
            "<b>Statistics</b>\n"
            "Documents: {documents}\n"
            "Passages: {chunks}\n"
            "Questions today: {questions}\n"
            "Refusals today: {refusals}\n"
            "Latency today: p50 {p50}, p95 {p95}\n"
            "Feedback today: 👍 {up} / 👎 {down}"
        ).format(
            documents=len(documents),
            chunks=chunks,
            questions=day.questions,
            refusals=day.refusals,
            p50=ms(day.latency_p50_ms),
            p95=ms(day.latency_p95_ms),
            up=day.thumbs_up,
            down=day.thumbs_down,
        )
    )


async def refuse(message: Message) -> None:
    await message.answer(
        _(
            "Sorry, only the maintainers of this bot can change its documents or see its "
            "statistics. You can ask me questions about them, though!"
        )
    )


async def _change(
    message: Message, corpus: Corpus, action: Callable[[], Awaitable[Change]], label: str | None = None
) -> None:
    """Run `action` (a corpus change) and reply with what changed or why nothing did; `label`
    names an uploaded file in errors instead of its temporary path."""
    try:
        change = await action()
    except DocumentNotFoundError as error:
        problem = _without_folder(str(error), corpus)
        await message.answer(_("No such document: {error}. /sources lists the ids.").format(error=text(problem)))
        return
    except DocumentError as error:
        problem = f"{label}: {error.reason}" if label else str(error)
        await message.answer(_("I could not add this: {error}").format(error=text(_without_folder(problem, corpus))))
        return
    except RetrievalError as error:
        problem = _without_folder(str(error), corpus)
        await message.answer(_("That did not work: {error}").format(error=text(problem)))
        return
    for part in split_html(await _describe(change, corpus)):
        await message.answer(part)


def _without_folder(message: str, corpus: Corpus) -> str:
    """Chat replies name documents by their place in the corpus, never the server's folders."""
    folder = str(corpus.corpus_dir.resolve())
    for spelling in {folder, str(corpus.corpus_dir)}:
        message = message.replace(spelling + "/", "").replace(spelling, "the corpus")
    return message


async def _describe(change: Change, corpus: Corpus) -> str:
    report = change.report
    by_id = {d.id: d for d in await corpus.documents()}
    lines = [
        _(
            "Index updated: {added} added, {updated} updated, {removed} removed, {unchanged} "
            "unchanged; {chunks} passages embedded."
        ).format(
            added=len(report.added),
            updated=len(report.updated),
            removed=len(report.removed),
            unchanged=len(report.unchanged),
            chunks=report.chunks_embedded,
        )
    ]
    changed = [*report.added, *report.updated]
    if not changed and change.path is not None and change.path.exists():
        changed = [d.id for d in by_id.values() if Path(d.path).name == change.path.name]
        if changed:
            lines.append(_("This document was already in the corpus:"))
    for document_id in changed:
        document = by_id.get(document_id)
        if document is not None:
            date = f", {text(document.published)}" if document.published else ""
            lines.append(
                f"• <b>{text(document.title)}</b> ({text(document.language)}{date}) <code>{text(document.id)}</code>"
            )
    for document_id in report.removed:
        lines.append(f"✕ <code>{text(document_id)}</code>")
    for problem in report.problems:
        lines.append(
            f"⚠️ {text(_without_folder(problem.path, corpus))}: {text(_without_folder(problem.reason, corpus))}"
        )
    return "\n".join(lines)


def create_router() -> Router:
    router = Router(name="admin")
    router.message.register(upload, IsAdmin(), F.document)
    router.message.register(add_url, IsAdmin(), Command("add"))
    router.message.register(remove, IsAdmin(), Command("remove"))
    router.message.register(reindex, IsAdmin(), Command("reindex"))
    router.message.register(stats, IsAdmin(), Command("stats"))
    router.message.register(refuse, F.document)
    router.message.register(refuse, Command(*ADMIN_COMMANDS))
    return router
