"""Real servers on 127.0.0.1 for the deployment tests: a Chroma server (`chroma run`, from the
installed chromadb) and a Redis server (Debian's redis-server, which .ci/run installs)."""

from __future__ import annotations

import shutil
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


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A throwaway Redis server (no persistence) on a free port, for the whole session."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed: apt-get install -y redis-server (.ci/run does)")
    import redis

    folder = tmp_path_factory.mktemp("redis-server")
    port = free_port()
    argv = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    argv += ["--dir", str(folder)]
    client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=1)

    def pong() -> bool:
        try:
            return bool(client.ping())
        except redis.ConnectionError:
            return False

    with server(argv, folder / "server.log") as process:
        wait_until(pong, process, folder / "server.log", "redis-server", 30)
        client.close()
        yield f"redis://127.0.0.1:{port}/0"
