"""A minimal Telegram Bot API on loopback for `bench bot`: getUpdates from a queue, every other
call recorded and answered plausibly. No failure injection: the bench measures load, not faults."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

TOKEN = "123456:BENCH-fake-token-0123456789abcdefghijk"
_BOT = {"id": 123456, "is_bot": True, "first_name": "Briefing", "username": "b_bot"}


@dataclass
class Sent:
    chat_id: int
    text: str
    has_buttons: bool
    at: float = field(default_factory=time.perf_counter)


class FakeBotApi:
    def __init__(self) -> None:
        self.sent: list[Sent] = []
        self.pushed_at: dict[int, float] = {}
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None

    async def start(self) -> str:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._method)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def push_text(self, chat_id: int, text: str) -> int:
        update_id = next(self._update_ids)
        sender = {"id": chat_id, "is_bot": False, "first_name": f"User{chat_id}", "language_code": "en"}
        message = {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": sender,
            "text": text,
        }
        self.pushed_at[update_id] = time.perf_counter()
        async with self._changed:
            self._updates.append({"update_id": update_id, "message": message})
            self._changed.notify_all()
        return update_id

    async def wait_until(self, done: Any, timeout: float) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: done(self.sent)), timeout)

    async def _method(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await request_params(request)
        if method == "getUpdates":
            return ok_response(await self._get_updates(params))
        if method == "getMe":
            return ok_response(_BOT)
        if method in ("sendMessage", "editMessageText"):
            chat_id = int(params["chat_id"])
            async with self._changed:
                if method == "sendMessage":
                    self.sent.append(Sent(chat_id, params.get("text", ""), bool(params.get("reply_markup"))))
                self._changed.notify_all()
            return ok_response(
                {
                    "message_id": int(params.get("message_id") or next(self._message_ids)),
                    "date": int(time.time()),
                    "chat": {"id": chat_id, "type": "private"},
                    "from": _BOT,
                    "text": params.get("text", ""),
                }
            )
        return ok_response(True)

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        async with self._changed:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            if not self._updates and timeout:
                try:
                    await asyncio.wait_for(self._changed.wait_for(lambda: self._updates), timeout)
                except TimeoutError:
                    return []
            return list(self._updates)


async def request_params(request: web.Request) -> dict[str, Any]:
    """A Bot API call's parameters, sent as JSON or as a form whose JSON values are decoded."""
    if request.content_type == "application/json":
        return dict(await request.json())
    form = await request.post()
    params: dict[str, Any] = {}
    for key, value in form.items():
        if isinstance(value, str) and value[:1] in "{[":
            try:
                params[key] = json.loads(value)
                continue
            except ValueError:
                pass
        params[key] = value
    return params


def ok_response(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})
