"""Battery, corpus side: bad files dropped into the corpus folder. `briefing corpus sync` names
each with what is wrong and what to do, exits 0, indexes the rest, and changes nothing else."""

from __future__ import annotations

import codecs
import io
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfWriter
from reliability_support import cli, corpus_state, index_state

pytestmark = pytest.mark.slow


def _pdf(encrypt: bool = False) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    if encrypt:
        writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _write(name: str, content: bytes) -> Callable[[Path], None]:
    def make(corpus: Path) -> None:
        (corpus / name).write_bytes(content)

    return make


def _link(name: str, target: str) -> Callable[[Path], None]:
    def make(corpus: Path) -> None:
        (corpus / name).symlink_to(target)

    return make


def _pipe(corpus: Path) -> None:
    os.mkfifo(corpus / "pipe.md")


def _fifty_megabytes(corpus: Path) -> None:
    with (corpus / "huge.txt").open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: the size is what counts, nothing is read


def _broken_front_matter(corpus: Path) -> None:
    (corpus / "broken.md").write_text("---\ntitle: [unclosed\nlanguage: en\n---\n\nText.\n", encoding="utf-8")


def _copy_of_a_document(corpus: Path) -> None:
    (corpus / "copy-of-artykul.md").write_bytes((corpus / "artykul-5-nato.md").read_bytes())


# (case, how to make it, what `corpus sync` says about the file)
REFUSED = [
    ("corrupt PDF", _write("corrupt.pdf", b"%PDF-1.7\n1 0 obj <<>> garbage"), "could not be read as PDF"),
    ("encrypted PDF", _write("locked.pdf", _pdf(encrypt=True)), "is password-protected"),
    ("empty PDF (a blank page)", _write("blank.pdf", _pdf()), "has no text layer"),
    ("zero-byte PDF", _write("zero.pdf", b""), "could not be read as PDF"),
    ("a .docx that is not a zip", _write("fake.docx", b"This is plain text, not Word."), "could not be read as DOCX"),
    ("binary junk named .md", _write("junk.md", bytes(range(256)) * 64), "looks binary"),
    ("broken YAML front matter", _broken_front_matter, "front matter is not valid YAML at line"),
    ("a link to /etc/passwd", _link("passwd.txt", "/etc/passwd"), "is a link to a file outside the corpus folder"),
    ("a link to /dev/zero", _link("zero.md", "/dev/zero"), "is a link to a file outside the corpus folder"),
    ("a named pipe", _pipe, "is not a regular file"),
    ("a 50 MB file", _fifty_megabytes, "is 50.0 MB, over the limit of 10.0 MB"),
    ("the same content under another name", _copy_of_a_document, "has the same content as"),
]


@pytest.mark.parametrize(("make", "reason"), [case[1:] for case in REFUSED], ids=[case[0] for case in REFUSED])
def test_a_bad_file_is_reported_and_nothing_else_changes(setup, make, reason):
    make(setup.corpus)
    corpus_before, index_before = corpus_state(setup.corpus), index_state(setup.index)

    run = cli("corpus", "sync", "--json")

    assert run.code == 0
    report = json.loads(run.stdout)
    (problem,) = report["problems"]
    assert reason in problem["reason"]
    assert report["added"] == report["updated"] == report["removed"] == []
    assert corpus_state(setup.corpus) == corpus_before
    assert index_state(setup.index) == index_before
    text = cli("corpus", "sync").output  # the same, as a person reads it
    assert "skipped" in text and reason in " ".join(text.split())


UKRAINIAN = "Гарантії безпеки для України обговорили в Парижі. Коаліція охочих погодила план моніторингу."


GERMAN = "Die Garantien für die Ukraine wurden in Paris besprochen. "


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("utf16.txt", codecs.BOM_UTF16_LE + UKRAINIAN.encode("utf-16-le"), "Коаліція охочих погодила"),
        ("cp1251.txt", UKRAINIAN.encode("cp1251"), "Коаліція охочих погодила"),
        ("bad-bytes.txt", GERMAN.encode() * 20 + b"\xff\xfe\x80", "Garantien für die Ukraine"),
    ],
    ids=["UTF-16 text", "Windows-1251 text", "invalid UTF-8 bytes"],
)
def test_text_in_another_encoding_is_read_right(setup, name, content, expected):
    (setup.corpus / name).write_bytes(content)

    run = cli("corpus", "sync", "--json")

    report = json.loads(run.stdout)
    assert run.code == 0 and report["problems"] == [] and report["added"] == [Path(name).stem]
    shown = cli("search", expected, "--document", Path(name).stem, "--json")
    texts = " ".join(h["text"] for h in json.loads(shown.stdout))
    assert expected in texts and "\ufffd" not in texts


def test_escape_codes_in_a_document_never_reach_the_terminal(setup):
    (setup.corpus / "escapes.md").write_text(
        "# Escapes\n\nThe \x1b[2J\x1b[31mmonitoring\x1b[0m mission\x07 reported forty ceasefire violations.\n",
        encoding="utf-8",
    )
    assert cli("corpus", "sync").code == 0

    run = cli("search", "monitoring mission ceasefire violations", "--document", "escapes")

    assert "monitoring mission reported forty ceasefire violations" in run.stdout
    assert "\x1b" not in run.output and "\x07" not in run.output


def test_forty_copies_of_each_document_give_five_different_passages(setup):
    originals = sorted(setup.corpus.glob("*.md"))
    for path in originals:
        for n in range(40):
            (setup.corpus / f"{path.stem}-copy-{n:02d}.md").write_bytes(path.read_bytes())
    index_before = index_state(setup.index)

    run = cli("corpus", "sync", "--json")

    report = json.loads(run.stdout)
    assert len(report["problems"]) == 40 * len(originals)
    assert all("has the same content as" in p["reason"] for p in report["problems"])
    assert index_state(setup.index) == index_before
    hits = json.loads(cli("search", "Article 5 collective defence", "--json").stdout)
    assert len({h["text"] for h in hits}) == len(hits) == 5
