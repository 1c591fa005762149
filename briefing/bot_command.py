"""`briefing bot`: start-up wiring. Sync the index, warm the answerer, then serve Telegram."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import sys

from bot import BotConfig, BotConfigError, Corpus, serve
from bot.app import check_telegram
from bot.observability import configure_logging
from briefing import services
from briefing.settings import Settings

logger = logging.getLogger(__name__)


def bot_config(settings: Settings) -> BotConfig:
    return BotConfig(
        token=settings.bot_token.get_secret_value().strip() if settings.bot_token else "",
        api_url=settings.telegram_api_url,
        admin_ids=tuple(settings.admin_ids),
        webhook_url=settings.webhook_url,
        webhook_secret=settings.webhook_secret.get_secret_value() if settings.webhook_secret else None,
        webhook_host=settings.webhook_host,
        webhook_port=settings.webhook_port,
        metrics_port=settings.metrics_port,
        redis_url=settings.redis_url,
        data_dir=settings.data_dir,
        flood_interval=settings.flood_interval,
        digest_interval=settings.digest_interval,
        flood_burst=settings.flood_burst,
        max_document_bytes=settings.max_document_bytes,
    )


def run_bot(settings: Settings) -> None:
    """Check the token and reach Telegram, sync the index with the corpus, then serve until
    stopped. What stops the start (no token, a malformed or rejected token, no network, a
    damaged index) is one line on stderr and a non-zero exit, before any slow work."""
    config = bot_config(settings)
    try:
        config.check()
        asyncio.run(check_telegram(config))
    except BotConfigError as error:
        print(error, file=sys.stderr)
        raise SystemExit(2) from None
    configure_logging(config.token)

    from retrieval import RetrievalError
    from retrieval.corpus_files import add_to_corpus, remove_from_corpus

    try:
        index = services.open_index(settings)
        report = index.sync(settings.corpus_dir, max_document_bytes=settings.max_document_bytes)
    except RetrievalError as error:
        print(error, file=sys.stderr)
        raise SystemExit(1) from None
    except Exception as error:  # a damaged index file, a Chroma server down
        print(
            f"cannot open or sync the index ({type(error).__name__}: {error}): "
            "run `briefing corpus sync --rebuild` if the index is damaged",
            file=sys.stderr,
        )
        raise SystemExit(1) from None
    logger.info(
        "index synced: %d added, %d updated, %d removed, %d unchanged, %d problems",
        len(report.added),
        len(report.updated),
        len(report.removed),
        len(report.unchanged),
        len(report.problems),
    )
    for problem in report.problems:
        logger.warning("skipped %s: %s", problem.path, problem.reason)
    add = functools.partial(add_to_corpus, max_bytes=settings.max_document_bytes)
    corpus = Corpus(index, settings.corpus_dir, add, remove_from_corpus)
    answerer = services.make_answerer(settings, index)
    answerer.warm_up()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(config, answerer=answerer, corpus=corpus))
