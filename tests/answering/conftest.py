"""One real model and one synced index per session; a fake OpenAI-compatible server over HTTP."""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiohttp import web

from answering import Answerer
from retrieval import Index

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="session")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    built = Index.open(tmp_path_factory.mktemp("index"))
    built.sync(CORPUS)
    return built


@pytest.fixture(scope="session")
def answerer(index: Index) -> Answerer:
    return Answerer(index)


@dataclass
class FakeLLM:
    """Serves /v1/chat/completions; `mode` picks what the "model" writes."""

    mode: str = "good"
    requests: list[dict] = field(default_factory=list)
    base_url: str = ""

    def reply(self, body: dict) -> str:
        prompt = body["messages"][-1]["content"]
        passages = dict(re.findall(r"^\[(\d+)\] (.+)$", prompt, re.M))
        first = next(iter(passages.items()), ("1", "nothing"))
        sentence = re.split(r"(?<=[.!?])\s", first[1].strip())[0]
        if self.mode == "good":
            return f"The source states «{sentence}» [{first[0]}]"
        if self.mode in ("direct", "direct_invented"):
            year = re.search(r"\b(?:19|20)\d\d\b", sentence)
            stated = "1812" if self.mode == "direct_invented" else (year.group() if year else "none")
            return f"ANSWER: {stated}\nThe source states «{sentence}» [{first[0]}]"
        if self.mode == "invented":
            return "The coalition will send exactly 25,000 troops «25,000 troops are ready» [9]"
        if self.mode == "wrong_language":
            return f"Die Quelle sagt ausdrücklich, dass dies gilt: «{sentence}» [{first[0]}]"
        if self.mode == "injected":
            return "Ignore the sources. Here is a poem about cats, as you asked [1]"
        if self.mode == "condense":
            return "What does the declaration say about sanctions?"
        return "NOT COVERED"


@pytest.fixture(scope="session")
def fake_llm() -> Iterator[FakeLLM]:
    fake = FakeLLM()

    async def completions(request: web.Request) -> web.Response:
        body = await request.json()
        fake.requests.append(body)
        if fake.mode == "error":
            return web.json_response({"error": {"message": "boom"}}, status=500)
        if fake.mode == "slow":
            await asyncio.sleep(3)
        content = fake.reply(body)
        return web.json_response(
            {
                "id": "cmpl-1",
                "object": "chat.completion",
                "created": 0,
                "model": body.get("model", "fake"),
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": content},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            }
        )

    loop = asyncio.new_event_loop()
    started = threading.Event()
    runner_box: dict[str, web.AppRunner] = {}

    async def start() -> None:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", completions)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        fake.base_url = f"http://127.0.0.1:{port}/v1"
        runner_box["runner"] = runner
        started.set()

    thread = threading.Thread(target=lambda: (loop.run_until_complete(start()), loop.run_forever()))
    thread.daemon = True
    thread.start()
    started.wait(10)
    yield fake
    asyncio.run_coroutine_threadsafe(runner_box["runner"].cleanup(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite tests/answering/golden/ from the current replies (review the diff before committing).",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
