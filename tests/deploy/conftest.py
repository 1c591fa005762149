"""Real servers on 127.0.0.1 for the deployment tests: a Chroma server (`chroma run`, from the
installed chromadb) and a Redis server (Debian's redis-server, which .ci/run installs)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval import Embedder, load_embedder

from .deploy_support import executable, free_port, http_ok, server, wait_until


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The real model, loaded once (seconds and a few hundred megabytes)."""
    return load_embedder()


@pytest.fixture(scope="session")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Chroma server on a free port, storing in a temporary folder, for the whole session."""
    chroma = executable("chroma")
    if chroma is None:
        pytest.skip("no `chroma` executable: pip install -e '.[test]' installs chromadb with it")
    folder = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    argv = [chroma, "run", "--path", str(folder / "data"), "--host", "127.0.0.1", "--port", str(port)]
    with server(argv, folder / "server.log", {"ANONYMIZED_TELEMETRY": "False"}) as process:
        wait_until(lambda: http_ok(f"{url}/api/v2/heartbeat"), process, folder / "server.log", "chroma run", 60)
        yield url
