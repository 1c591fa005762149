"""/start, /help, /about."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandStart
from aiogram.types import Message
from aiogram.utils.i18n import gettext as _

from bot.services import Corpus


async def start(message: Message, corpus: Corpus) -> None:
    documents = await corpus.documents()
    dates = sorted(d.published for d in documents if d.published)
    text = _(
        "Hello! I answer questions about <b>security guarantees for Ukraine</b>: the Budapest "
        "Memorandum, NATO's Article 5, the bilateral security agreements, the coalition of the "
        "willing and related talks.\n\n"
        "Every answer quotes the documents word for word and cites them, so you can check it. "
        "When the documents do not cover a question, I say so instead of guessing.\n\n"
        "Just write your question, in any language."
    )
    if dates:
        text += "\n\n" + _("Documents: {count}, dated {first} to {last}.").format(
            count=len(documents), first=dates[0], last=dates[-1]
        )
    elif documents:
        text += "\n\n" + _("Documents: {count}.").format(count=len(documents))
    await message.answer(text + "\n\n" + _("Commands: /help"))


async def help_(message: Message) -> None:
    await message.answer(
        _(
            "Write a question as a normal message, for example: "
            "<i>What does the coalition of the willing promise Ukraine?</i>\n\n"
            "Under each answer:\n"
            "📚 <b>Sources</b> shows the quoted passages,\n"
            "👍 / 👎 tells us whether the answer helped.\n\n"
            "/sources - the documents I rely on\n"
            "/lang - the language of my replies\n"
            "/about - how I work\n"
            "/help - this message"
        )
    )


async def about(message: Message) -> None:
    await message.answer(
        _(
            "<b>Briefing</b> is a grounded assistant: it only states what its documents say, "
            "with verbatim quotes and numbered citations (title and date, linked to the "
            "original when there is one).\n\n"
            "For quality control it keeps each question with its answer's citations and "
            "timings, and your 👍/👎, in a local database. It keeps nothing else about you "
            "except your /lang choice."
        )
    )


def create_router() -> Router:
    router = Router(name="commands")
    router.message.register(start, CommandStart())
    router.message.register(help_, Command("help"))
    router.message.register(about, Command("about"))
    return router
