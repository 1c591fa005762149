"""A sync killed with SIGKILL at any point leaves an index that the next sync repairs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from retrieval import Index

pytestmark = pytest.mark.slow

_SYNC_SCRIPT = textwrap.dedent(
    """
    import sys
    from retrieval import Index
    index = Index.open(sys.argv[1])
    index.sync(sys.argv[2], progress=lambda done, total, doc: print(done, flush=True))
    print("finished", flush=True)
    """
)


def _make_corpus(folder: Path, count: int) -> None:
    folder.mkdir()
    for i in range(count):
        body = " ".join(
            f"Report {i} paragraph {p}: the monitoring mission in sector {i} recorded {p + i} incidents on day {p}."
            for p in range(12)
        )
        (folder / f"report-{i:02d}.md").write_text(f"# Field report {i}\n\n{body}\n")


@pytest.mark.parametrize("kill_after_progress_lines", [1, 4, 9])
def test_kill_9_mid_sync_then_repair(tmp_path: Path, embedder, kill_after_progress_lines: int) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    _make_corpus(corpus, 12)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.Popen(
        [sys.executable, "-c", _SYNC_SCRIPT, str(index_dir), str(corpus)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    seen = 0
    for line in proc.stdout:
        if line.strip().isdigit():
            seen += 1
        if seen >= kill_after_progress_lines or line.startswith("finished"):
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    index = Index.open(index_dir, embedder=embedder)
    report = index.sync(corpus)
    assert not report.problems
    assert len(report.added) + len(report.unchanged) == 12 and report.updated == []

    owners = list(index._store.passage_owners())
    ids = Counter(pid for pid, _, _ in owners)
    assert all(n == 1 for n in ids.values()), "duplicate passages"
    docs = {d.id: d for d in index.documents()}
    assert len(docs) == 12
    assert all(docs[doc_id].content_hash == digest for _, doc_id, digest in owners), "orphan passages"
    assert index.chunk_count() == sum(1 for pid in ids if "::s" not in pid)
    # Every document answers for itself.
    hit = index.search("Field report 7 monitoring mission in sector 7", k=3)
    assert "report-07" in {h.document.id for h in hit}
    assert index.sync(corpus).chunks_embedded == 0
