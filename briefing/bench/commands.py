"""The `briefing bench` subcommands: each prints a table, or JSON with --json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from briefing.settings import get_settings

bench_app = typer.Typer(help="Speed and memory, beside baselines measured in the same run.", no_args_is_help=True)
CorpusOption = Annotated[Path, typer.Option(help="Real documents to generate the benchmark corpus from.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
WorkDirOption = Annotated[Path, typer.Option(help="Where the benchmark indexes are kept between runs.")]


def _embedder() -> Any:
    from retrieval import load_embedder

    settings = get_settings()
    return load_embedder(settings.embedding_model, settings.model_cache_dir)


def _print(rows: list[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    columns = list(dict.fromkeys(key for row in rows for key in row))
    table = Table(*columns)
    for row in rows:
        table.add_row(*(str(row.get(c, "")) for c in columns))
    Console().print(table)


@bench_app.command()
def ingest(
    corpus: CorpusOption = Path("corpus"),
    documents: Annotated[int, typer.Option(min=1, help="Documents to generate.")] = 100,
    as_json: JsonOption = False,
) -> None:
    """KB/s of `corpus sync` against the naive LangChain pipeline, and an unchanged resync."""
    from briefing.bench.measure import ingest as measure

    _print(measure(corpus, documents, _embedder()), as_json)


@bench_app.command()
def search(
    corpus: CorpusOption = Path("corpus"),
    chunks: Annotated[list[int] | None, typer.Option("--chunks", help="Index size; repeat for several.")] = None,
    work_dir: WorkDirOption = Path(".briefing-bench"),
    repeat: Annotated[int, typer.Option(min=1)] = 5,
    plot: Annotated[Path | None, typer.Option(help="Also draw latency and memory against size (PNG).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Search p50/p95 with the query embedding included, over indexes of pseudo-vector passages."""
    from briefing.bench.measure import search as measure

    rows = measure(corpus, chunks or [10_000, 100_000], _embedder(), work_dir, repeat)
    if plot:
        from briefing.bench.plots import plot_search

        plot_search(rows, plot)
    _print(rows, as_json)


@bench_app.command()
def memory(
    corpus: CorpusOption = Path("corpus"),
    chunks: Annotated[list[int] | None, typer.Option("--chunks", help="Index size; repeat for several.")] = None,
    work_dir: WorkDirOption = Path(".briefing-bench"),
    plot: Annotated[Path | None, typer.Option(help="Also draw memory against size (PNG).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Peak RSS of a fresh process: at start, with the model, with an index of N chunks searched."""
    from briefing.bench.memory import memory as measure

    rows = measure(corpus, chunks or [10_000, 100_000], _embedder(), work_dir)
    if plot:
        from briefing.bench.plots import plot_memory

        plot_memory(rows, plot)
    _print(rows, as_json)


@bench_app.command()
def answer(
    corpus: CorpusOption = Path("corpus"),
    work_dir: WorkDirOption = Path(".briefing-bench"),
    repeat: Annotated[int, typer.Option(min=1)] = 5,
    as_json: JsonOption = False,
) -> None:
    """Offline answer p50/p95 once warm, the first time, and `briefing ask` cold, beside
    embedding the question alone."""
    from briefing.bench.answer import answer as measure

    _print(measure(corpus, work_dir, repeat, _embedder()), as_json)


@bench_app.command()
def bot(
    corpus: CorpusOption = Path("corpus"),
    work_dir: WorkDirOption = Path(".briefing-bench"),
    chats: Annotated[int, typer.Option(min=1, help="Chats asking at once.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """N chats asking at once through the aiogram dispatcher and a loopback fake Bot API: lost
    updates, replies sent twice, latency, and wall time against answering them in turn."""
    from briefing.bench.bot_load import bot_load

    _print(bot_load(corpus, work_dir, chats, _embedder()), as_json)
