"""docker/healthcheck.py, the image's HEALTHCHECK: what it asks in each mode, and its verdicts."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from .deploy_support import REPO, free_port

SCRIPT = REPO / "docker" / "healthcheck.py"


class _Handler(BaseHTTPRequestHandler):
    status = 200
    paths: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        self.paths.append(self.path)
        self.send_response(self.status)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def endpoint() -> Iterator[tuple[int, type[_Handler]]]:
    handler = type("Handler", (_Handler,), {"status": 200, "paths": []})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1], handler
    httpd.shutdown()
    httpd.server_close()


def check(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
    return subprocess.run([sys.executable, str(SCRIPT), *args], env=clean | env, capture_output=True, text=True)


def test_webhook_mode_asks_healthz_on_the_webhook_port(endpoint) -> None:
    port, handler = endpoint
    env = {"BRIEFING_WEBHOOK_URL": "https://bot.example.org/hook", "BRIEFING_WEBHOOK_PORT": str(port)}
    assert check(**env).returncode == 0
    assert handler.paths == ["/healthz"]
    handler.status = 503
    done = check(**env)
    assert done.returncode == 1 and "503" in done.stderr


def test_polling_mode_with_a_metrics_port_asks_healthz_there(endpoint) -> None:
    port, handler = endpoint
    assert check(BRIEFING_METRICS_PORT=str(port)).returncode == 0
    assert handler.paths == ["/healthz"]


def test_nothing_listening_is_unhealthy() -> None:
    done = check(BRIEFING_WEBHOOK_URL="https://bot.example.org/hook", BRIEFING_WEBHOOK_PORT=str(free_port()))
    assert done.returncode == 1 and "unhealthy" in done.stderr


def test_polling_with_embedded_index_has_nothing_to_ask() -> None:
    assert check().returncode == 0


@pytest.mark.slow
def test_polling_with_a_chroma_server_asks_its_heartbeat(chroma_url: str) -> None:
    assert check(BRIEFING_CHROMA_URL=chroma_url).returncode == 0
    assert check(f"{chroma_url}/api/v2/heartbeat").returncode == 0
    assert check(f"{chroma_url}/api/v2/no-such-thing").returncode == 1
