"""One bot process as `briefing bot` serves it (bot.serve with the config from BRIEFING_*
variables), with tests/bot's stand-ins for the index and the answerer so that no model is
loaded. Started as a subprocess by test_webhook_redis.py; argument: the corpus folder."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bot"))

import bot_doubles as doubles  # noqa: E402

from bot import serve  # noqa: E402
from bot.services import Corpus  # noqa: E402
from briefing.bot_command import bot_config  # noqa: E402
from briefing.settings import Settings  # noqa: E402

if __name__ == "__main__":
    settings = Settings(corpus_dir=Path(sys.argv[1]))
    index = doubles.FakeIndex()
    index.sync(settings.corpus_dir)
    corpus = Corpus(index, settings.corpus_dir, doubles.add_to_corpus, doubles.remove_from_corpus)
    asyncio.run(
        serve(
            bot_config(settings),
            answerer=doubles.FakeAnswerer(index),
            corpus=corpus,
        )
    )
