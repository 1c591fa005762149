"""One router per feature; `all_routers()` lists them in the order they must be included."""

from __future__ import annotations

from aiogram import Router

from bot.routers import admin, asking, commands, errors, fallback, feedback, language, sources


def all_routers() -> list[Router]:
    # Commands and buttons first, free text (questions) after them, catch-alls last.
    return [
        errors.router,
        commands.router,
        language.router,
        sources.router,
        feedback.router,
        admin.router,
        asking.router,
        fallback.router,
    ]
