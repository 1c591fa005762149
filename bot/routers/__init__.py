"""One router per feature. Routers are built per dispatcher (a router can belong to one only)."""

from __future__ import annotations

from aiogram import Router

from bot.routers import admin, asking, commands, errors, fallback, feedback, language, news, sources


def create_routers() -> list[Router]:
    # Commands and buttons first, free text (questions) after them, catch-alls last.
    order = (errors, commands, language, sources, news, feedback, admin, asking, fallback)
    return [module.create_router() for module in order]
