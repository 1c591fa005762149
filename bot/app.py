"""Wiring: the Bot, the Dispatcher with its routers and middlewares, polling or webhook."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import PRODUCTION, TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramAPIError, TelegramNetworkError, TelegramUnauthorizedError
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.types import BotCommand
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.config import BotConfig
from bot.digest import DigestSender
from bot.errors import TelegramUnreachableError, TokenRejectedError
from bot.middlewares import LocaleMiddleware, RateLimit, ReceivedAt
from bot.observability import Metrics, add_routes, observe, start_monitoring
from bot.retry import RetryMiddleware
from bot.routers import create_routers
from bot.services import AnswererLike, Conversations, Corpus
from bot.storage import LanguagePreferences, TraceStore
from bot.subscriptions import RedisSubscriptions, SqliteSubscriptions, Subscriptions

logger = logging.getLogger(__name__)

LOCALES_DIR = Path(__file__).parent / "locales"
DEFAULT_REQUEST_TIMEOUT = 60.0
STARTUP_CHECK_TIMEOUT = 10.0
DEFAULT_WEBHOOK_PATH = "/telegram/webhook"


def create_bot(
    token: str,
    api_url: str | None = None,
    *,
    retry: RetryMiddleware | None = None,
    request_timeout: float = DEFAULT_REQUEST_TIMEOUT,
) -> Bot:
    """A Bot that sends HTML and retries 429/5xx/network failures; `api_url` points it at a
    self-hosted Bot API server (or a test double)."""
    session = AiohttpSession(
        api=TelegramAPIServer.from_base(api_url) if api_url else PRODUCTION, timeout=request_timeout
    )
    session.middleware(retry or RetryMiddleware())
    return Bot(token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))


async def open_subscriptions(redis_url: str | None, data_dir: Path) -> Subscriptions:
    """Redis when configured, so that bot processes on several machines share the digest marks;
    else SQLite in the data folder."""
    if redis_url:
        return RedisSubscriptions.from_url(redis_url)
    return await SqliteSubscriptions(data_dir / "subscriptions.sqlite3").open()


async def check_telegram(config: BotConfig, timeout: float = STARTUP_CHECK_TIMEOUT) -> None:
    """Ask the Bot API who we are, once and quickly, so that a start without network or with a
    revoked token fails at once with one line instead of after the sync, in the polling loop."""
    url = config.api_url or PRODUCTION.base.split("/bot{token}")[0]
    session = AiohttpSession(api=TelegramAPIServer.from_base(config.api_url) if config.api_url else PRODUCTION)
    bot = Bot(config.token, session=session)
    try:
        await bot.get_me(request_timeout=int(timeout))
    except TelegramUnauthorizedError:
        raise TokenRejectedError(url) from None
    except TelegramNetworkError as error:
        raise TelegramUnreachableError(url, _reason(error)) from None
    except TelegramAPIError as error:
        raise TelegramUnreachableError(url, f"it answered: {error.message}") from None
    finally:
        await session.close()


def _reason(error: TelegramNetworkError) -> str:
    cause = error.__cause__
    if cause is None or isinstance(cause, TimeoutError):
        return "no answer in time" if cause is not None else error.message
    return str(getattr(cause, "os_error", None) or cause).split(" [")[0] or type(cause).__name__


def create_storage(redis_url: str | None) -> BaseStorage:
    """Memory by default; Redis when configured, so several bot processes share state."""
    if not redis_url:
        return MemoryStorage()
    from aiogram.fsm.storage.redis import RedisStorage

    # with_destiny: the /lang preference lives next to the FSM state under its own destiny.
    return RedisStorage.from_url(redis_url, key_builder=DefaultKeyBuilder(with_destiny=True))


def build_dispatcher(
    *,
    answerer: AnswererLike,
    corpus: Corpus,
    store: TraceStore,
    admin_ids: Iterable[int] = (),
    subscriptions: Subscriptions,
    storage: BaseStorage | None = None,
    flood_interval: float = 1.0,
    flood_burst: int = 5,
    redis_url: str | None = None,
) -> Dispatcher:
    dp = Dispatcher(storage=storage or MemoryStorage())
    dp["subscriptions"] = subscriptions
    preferences = LanguagePreferences(dp.storage)
    i18n = I18n(path=LOCALES_DIR, default_locale="en", domain="messages")
    dp["answerer"] = answerer
    dp["corpus"] = corpus
    dp["store"] = store
    dp["conversations"] = Conversations(dp.storage)
    dp["preferences"] = preferences
    dp["admin_ids"] = frozenset(admin_ids)
    dp["i18n"] = i18n
    dp["metrics"] = metrics = Metrics()

    observe(dp, metrics)
    dp.update.outer_middleware(ReceivedAt())
    LocaleMiddleware(i18n, preferences).setup(dp)
    flood = RateLimit(flood_interval, flood_burst, redis_url)
    dp.message.outer_middleware(flood)
    dp.callback_query.outer_middleware(flood)

    dp.include_routers(*create_routers())
    dp.startup.register(set_commands)
    return dp


async def set_commands(bot: Bot, i18n: I18n) -> None:
    """The command menu, in each interface language."""
    for locale in [None, *sorted(i18n.available_locales)]:
        with i18n.context(), i18n.use_locale(locale or i18n.default_locale):
            commands = [
                BotCommand(command="help", description=_("How to ask")),
                BotCommand(command="sources", description=_("The documents I rely on")),
                BotCommand(command="latest", description=_("The newest documents")),
                BotCommand(command="subscribe", description=_("A digest of new documents")),
                BotCommand(command="unsubscribe", description=_("Stop the digest")),
                BotCommand(command="lang", description=_("Language of my replies")),
                BotCommand(command="about", description=_("How I work")),
            ]
        await bot.set_my_commands(commands, language_code=locale)


async def run_polling(bot: Bot, dp: Dispatcher, *, handle_signals: bool = True, **kwargs: Any) -> None:
    # Telegram refuses getUpdates while a webhook is set.
    await bot.delete_webhook()
    await dp.start_polling(
        bot,
        handle_signals=handle_signals,
        allowed_updates=dp.resolve_used_update_types(),
        **kwargs,
    )


def build_webhook_app(bot: Bot, dp: Dispatcher, *, path: str, secret: str) -> web.Application:
    """An aiohttp app that feeds Telegram's webhook calls carrying `secret` to `dp`; other
    calls get 401. It also serves GET /metrics and GET /healthz."""
    app = web.Application()
    SimpleRequestHandler(dispatcher=dp, bot=bot, secret_token=secret).register(app, path=path)
    setup_application(app, dp, bot=bot)
    add_routes(app, dp)
    return app


async def run_webhook(bot: Bot, dp: Dispatcher, settings: BotConfig) -> None:
    settings.check()
    assert settings.webhook_url is not None and settings.webhook_secret is not None
    secret = settings.webhook_secret
    path = urlparse(settings.webhook_url).path or DEFAULT_WEBHOOK_PATH
    app = build_webhook_app(bot, dp, path=path, secret=secret)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, host=settings.webhook_host, port=settings.webhook_port)
    await site.start()
    await bot.set_webhook(
        settings.webhook_url,
        secret_token=secret,
        allowed_updates=dp.resolve_used_update_types(),
    )
    logger.info("webhook %s served on %s:%d", path, settings.webhook_host, settings.webhook_port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    signals = (signal.SIGINT, signal.SIGTERM)
    for sig in signals:
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        for sig in signals:
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(sig)
        await runner.cleanup()


async def serve(
    settings: BotConfig,
    *,
    answerer: AnswererLike,
    corpus: Corpus,
) -> None:
    """Run the bot until it is stopped: long polling, or a webhook when `webhook_url` is set."""
    settings.check()
    store = await TraceStore(Path(settings.data_dir) / "bot.sqlite3").open()
    subscriptions = await open_subscriptions(settings.redis_url, Path(settings.data_dir))
    bot = create_bot(settings.token, settings.api_url)
    dp = build_dispatcher(
        answerer=answerer,
        corpus=corpus,
        store=store,
        admin_ids=settings.admin_ids,
        subscriptions=subscriptions,
        storage=create_storage(settings.redis_url),
        flood_interval=settings.flood_interval,
        flood_burst=settings.flood_burst,
        redis_url=settings.redis_url,
    )
    digests = None
    if settings.digest_interval > 0:
        sender = DigestSender(bot, subscriptions, corpus, dp["i18n"])
        digests = asyncio.create_task(sender.run(settings.digest_interval))
    try:
        if settings.webhook_url:
            await run_webhook(bot, dp, settings)
        elif settings.metrics_port:
            monitoring = await start_monitoring(dp, settings.webhook_host, settings.metrics_port)
            try:
                await run_polling(bot, dp)
            finally:
                await monitoring.cleanup()
        else:
            await run_polling(bot, dp)
    finally:
        if digests is not None:
            digests.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await digests
        await dp.storage.close()
        await bot.session.close()
        await store.close()
        await subscriptions.close()
