"""Observability: JSON log lines tagged with the update they belong to, Prometheus metrics, and
the /metrics and /healthz endpoints."""

from __future__ import annotations

import asyncio
import logging
import secrets
import sys
import time
from collections.abc import Awaitable, Callable
from typing import IO, Any

import structlog
from aiogram import BaseMiddleware, Dispatcher
from aiogram.dispatcher.middlewares.user_context import UserContextMiddleware
from aiogram.types import TelegramObject, Update
from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest

from answering import Answer

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]

log = structlog.get_logger(__name__)

STAGES = ("retrieve", "compose", "total")
# Kinds that decline to answer (as in answering.evaluation.REFUSALS).
REFUSAL_KINDS = ("not_covered",)
HEALTH_TIMEOUT = 5.0


def configure_logging(*secrets_: str, level: int = logging.INFO, stream: IO[str] | None = None) -> logging.Handler:
    """JSON lines on `stream` (stderr) for structlog and stdlib loggers alike: timestamp, level,
    event, logger and the bound context (request_id…). Each secret is replaced by "***" in the
    finished line, so it cannot leak through a message, an argument or a traceback."""
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        # Not cached: a reconfiguration (tests) must reach loggers already used.
        cache_logger_on_first_use=False,
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(),
            _redactor(*secrets_),  # type: ignore[list-item]  # after JSONRenderer: gets the rendered str
        ],
    )
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    # sentence-transformers draws a progress bar on every encode when its logger is at INFO;
    # a log of JSON lines has no room for one.
    logging.getLogger("sentence_transformers").setLevel(max(level, logging.WARNING))
    return handler


def _redactor(*secrets_: str) -> Callable[[Any, str, str], str]:
    # Runs on the rendered line: a bot token ([0-9]+:[A-Za-z0-9_-]+) is never escaped by JSON,
    # so a plain replace catches it wherever it came from.
    kept = [s for s in secrets_ if s]

    def redact(_logger: Any, _method: str, line: str) -> str:
        for secret in kept:
            line = line.replace(secret, "***")
        return line

    return redact


class Metrics:
    """The bot's Prometheus metrics in a registry of their own, so that several bots in one
    process (tests) do not clash in the global one."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.questions = Counter("briefing_questions", "Questions answered", ["language", "kind"], registry=r)
        self.refusals = Counter("briefing_refusals", "Questions declined as not covered", ["language"], registry=r)
        self.errors = Counter("briefing_errors", "Failures", ["where"], registry=r)
        self.feedback = Counter("briefing_feedback", "Feedback votes", ["value"], registry=r)
        self.stage_seconds = Histogram("briefing_stage_seconds", "Answering stage duration", ["stage"], registry=r)
        self.update_seconds = Histogram("briefing_update_seconds", "Time to handle one update", registry=r)

    def answered(self, answer: Answer) -> None:
        kind = str(answer.kind)
        self.questions.labels(language=answer.language, kind=kind).inc()
        if kind in REFUSAL_KINDS:
            self.refusals.labels(language=answer.language).inc()
        if kind == "error":
            self.errors.labels(where="answerer").inc()
        for stage in STAGES:
            if stage in answer.timings_ms:
                self.stage_seconds.labels(stage=stage).observe(answer.timings_ms[stage] / 1000)

    def voted(self, vote: int) -> None:
        self.feedback.labels(value="up" if vote > 0 else "down").inc()

    def failed(self, where: str) -> None:
        self.errors.labels(where=where).inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)


class Observe(BaseMiddleware):
    """Outer update middleware: binds a short request id (and the update and user ids) to every
    log line written while the update is handled, and times the handling. Install it with
    `observe(dp, metrics)` so that it wraps aiogram's own error middleware too."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        update = event if isinstance(event, Update) else None
        user = UserContextMiddleware.resolve_event_context(update).user if update else None
        tokens = structlog.contextvars.bind_contextvars(
            request_id=secrets.token_hex(4),
            update_id=update.update_id if update else None,
            user_id=user.id if user else None,
        )
        started = time.perf_counter()
        try:
            return await handler(event, data)
        finally:
            seconds = time.perf_counter() - started
            self.metrics.update_seconds.observe(seconds)
            # aiogram's own "Update id=… is handled" line is written outside this context.
            log.info("update handled", duration_ms=round(seconds * 1000, 1))
            # Reset rather than clear: whatever the caller had bound stays bound.
            structlog.contextvars.reset_contextvars(**tokens)


def observe(dp: Dispatcher, metrics: Metrics) -> None:
    """Puts `Observe` first among the update middlewares. The Dispatcher registers its
    ErrorsMiddleware first, and the error handler's log line must carry the request id too."""
    existing = list(dp.update.outer_middleware)
    for middleware in existing:
        dp.update.outer_middleware.unregister(middleware)
    dp.update.outer_middleware(Observe(metrics))
    for middleware in existing:
        dp.update.outer_middleware(middleware)


class Health:
    """Ready once the dispatcher has started (webhook app up, commands set) and while the index
    answers a cheap query."""

    def __init__(self, dp: Dispatcher) -> None:
        self.dp = dp
        self.started = False
        dp.startup.register(self._on_startup)
        dp.shutdown.register(self._on_shutdown)

    async def _on_startup(self) -> None:
        self.started = True

    async def _on_shutdown(self) -> None:
        self.started = False

    async def check(self) -> str | None:
        """None when healthy, else what is wrong."""
        if not self.started:
            return "bot not started"
        try:
            await asyncio.wait_for(self.dp["corpus"].chunk_count(), HEALTH_TIMEOUT)
        except Exception as error:  # noqa: BLE001 - any failure means "not healthy"
            return f"index unreadable: {type(error).__name__}"
        return None


def add_routes(app: web.Application, dp: Dispatcher) -> None:
    """GET /metrics (Prometheus text format) and GET /healthz on `app`."""
    metrics: Metrics = dp["metrics"]
    health = Health(dp)

    async def metrics_view(_: web.Request) -> web.Response:
        response = web.Response(body=metrics.render())
        response.headers["Content-Type"] = CONTENT_TYPE_LATEST
        return response

    async def healthz_view(_: web.Request) -> web.Response:
        problem = await health.check()
        if problem is None:
            return web.json_response({"status": "ok"})
        return web.json_response({"status": "unavailable", "reason": problem}, status=503)

    app.router.add_get("/metrics", metrics_view)
    app.router.add_get("/healthz", healthz_view)


async def start_monitoring(dp: Dispatcher, host: str, port: int) -> web.AppRunner:
    """GET /metrics and /healthz on their own port, for polling mode (webhook mode serves them on
    the webhook's port). The caller cleans the runner up."""
    app = web.Application()
    add_routes(app, dp)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, host=host, port=port).start()
    return runner
