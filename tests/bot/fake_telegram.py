"""A fake Telegram Bot API server over real HTTP (aiohttp on 127.0.0.1), for end-to-end tests.

It serves getUpdates from a queue, getFile and file downloads, records every other call and
answers it plausibly, and can be told to fail the next calls of a method: with 429 or 5xx (the
call is not carried out), or after carrying it out, by answering too late (TIMEOUT) or by
dropping the connection (RESET), as a real server or network can.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from briefing.bench.fake_bot_api import ok_response, request_params

BOT_ID = 123456
TOKEN = f"{BOT_ID}:TEST-fake-token-0123456789abcdefghijk"
# Failure kinds besides HTTP status codes: the call is recorded as carried out, then the answer
# comes after `hang_seconds` (TIMEOUT) or never, the connection being closed (RESET).
TIMEOUT = -1
RESET = -2


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.perf_counter)

    @property
    def text(self) -> str:
        return self.params.get("text", "")

    @property
    def keyboard(self) -> list[list[dict[str, Any]]]:
        markup = self.params.get("reply_markup")
        return markup["inline_keyboard"] if markup else []

    def button(self, label_part: str) -> dict[str, Any]:
        for row in self.keyboard:
            for button in row:
                if label_part in button["text"]:
                    return button
        raise AssertionError(f"no button containing {label_part!r} in {self.keyboard}")


class FakeTelegram:
    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.calls: list[Call] = []
        self.failed: list[Call] = []
        # When each getUpdates request arrived (kept apart from `calls`, which it would flood).
        self.polls: list[float] = []
        self.files: dict[str, tuple[str, bytes]] = {}
        self._updates: list[dict[str, Any]] = []
        self._pushed_at: dict[int, float] = {}
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._failures: dict[str, deque[tuple[int, int | None]]] = defaultdict(deque)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.url = ""
        self.hang_seconds = 5.0

    # -- lifecycle ------------------------------------------------------------------------
    async def start(self) -> str:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._file)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # -- scripting ------------------------------------------------------------------------
    def fail_next(self, method: str, times: int = 1, status: int = 429, retry_after: int | None = 1) -> None:
        for _ in range(times):
            self._failures[method].append((status, retry_after))

    async def push(self, update: dict[str, Any]) -> int:
        update_id = next(self._update_ids)
        update = {"update_id": update_id, **update}
        self._pushed_at[update_id] = time.perf_counter()
        async with self._changed:
            self._updates.append(update)
            self._changed.notify_all()
        return update_id

    def pushed_at(self, update_id: int) -> float:
        return self._pushed_at[update_id]

    def add_file(self, file_id: str, path: str, content: bytes) -> None:
        self.files[file_id] = (path, content)

    async def wait_for(
        self, method: str, count: int = 1, *, chat_id: int | None = None, timeout: float = 30
    ) -> list[Call]:
        """Wait until at least `count` calls of `method` (to `chat_id`) were recorded."""

        def matching() -> list[Call]:
            return [
                c
                for c in self.calls
                if c.method == method and (chat_id is None or str(c.params.get("chat_id")) == str(chat_id))
            ]

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: len(matching()) >= count), timeout)
        return matching()

    def of(self, method: str, chat_id: int | None = None) -> list[Call]:
        return [
            c
            for c in self.calls
            if c.method == method and (chat_id is None or str(c.params.get("chat_id")) == str(chat_id))
        ]

    # -- handlers -------------------------------------------------------------------------
    async def _method(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params = await request_params(request)
        if self._failures.get(method):
            status, retry_after = self._failures[method].popleft()
            if status in (TIMEOUT, RESET):
                return await self._carried_out_but_unanswered(request, method, params, status)
            self.failed.append(Call(method, params))
            if status == 429:
                return _error(
                    429,
                    f"Too Many Requests: retry after {retry_after}",
                    {"retry_after": retry_after},
                )
            return _error(status, "Internal Server Error")
        if method == "getUpdates":
            self.polls.append(time.perf_counter())
            return ok_response(await self._get_updates(params))
        call = Call(method, params)
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()
        return ok_response(self._result(method, params))

    async def _carried_out_but_unanswered(
        self, request: web.Request, method: str, params: dict[str, Any], status: int
    ) -> web.Response:
        async with self._changed:
            self.calls.append(Call(method, params))
            self._changed.notify_all()
        if status == RESET:
            assert request.transport is not None
            request.transport.abort()
        else:
            await asyncio.sleep(self.hang_seconds)
        return ok_response(self._result(method, params))

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

    async def _file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        for path, content in self.files.values():
            if path == request.match_info["path"]:
                return web.Response(body=content)
        return web.Response(status=404)

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return {"id": BOT_ID, "is_bot": True, "first_name": "Briefing", "username": "b_bot"}
        if method in ("sendMessage", "editMessageText", "sendDocument"):
            message_id = params.get("message_id") or next(self._message_ids)
            return {
                "message_id": int(message_id),
                "date": int(time.time()),
                "chat": {"id": int(params["chat_id"]), "type": "private"},
                "from": {"id": BOT_ID, "is_bot": True, "first_name": "Briefing"},
                "text": params.get("text", ""),
            }
        if method == "getFile":
            file_id = params["file_id"]
            path, content = self.files[file_id]
            return {
                "file_id": file_id,
                "file_unique_id": file_id[::-1],
                "file_size": len(content),
                "file_path": path,
            }
        return True


def _error(status: int, description: str, parameters: dict[str, Any] | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=status)


# -- update builders ------------------------------------------------------------------------
_message_ids = itertools.count(1)


def user(user_id: int, language_code: str | None = "en") -> dict[str, Any]:
    data: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}
    if language_code:
        data["language_code"] = language_code
    return data


def message(user_id: int, language_code: str | None = "en", **content: Any) -> dict[str, Any]:
    return {
        "message": {
            "message_id": next(_message_ids),
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private"},
            "from": user(user_id, language_code),
            **content,
        }
    }


def text_message(user_id: int, text: str, language_code: str | None = "en") -> dict[str, Any]:
    entities = []
    if text.startswith("/"):
        entities = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return message(user_id, language_code, text=text, entities=entities)


def callback(user_id: int, data: str, message_id: int = 1000, language_code: str | None = "en") -> dict[str, Any]:
    return {
        "callback_query": {
            "id": f"cb{next(_message_ids)}",
            "from": user(user_id, language_code),
            "chat_instance": "ci",
            "data": data,
            "message": {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": {"id": user_id, "type": "private"},
                "from": {"id": BOT_ID, "is_bot": True, "first_name": "Briefing"},
                "text": "…",
            },
        }
    }
