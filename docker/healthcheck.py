"""The container's health check: exit 0 when healthy, 1 (with a reason on stderr) when not.

With a URL argument: that URL answers 200 (used for the Chroma service in compose.yaml).
Webhook mode (BRIEFING_WEBHOOK_URL set): the bot's /healthz on its webhook port answers 200.
Polling mode with BRIEFING_METRICS_PORT: the bot's /healthz on that port answers 200.
Polling mode with a Chroma server: the server's heartbeat answers 200, since no question can be
answered without it. Polling mode with the embedded index has nothing to ask: the bot's process
is the container's, and its exit is what Docker sees.

Only the standard library: it runs every few seconds, in the image's interpreter."""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request

TIMEOUT = 3.0


def target() -> str | None:
    if len(sys.argv) > 1:
        return sys.argv[1]
    if os.environ.get("BRIEFING_WEBHOOK_URL"):
        port = os.environ.get("BRIEFING_WEBHOOK_PORT") or "8080"
        return f"http://127.0.0.1:{port}/healthz"
    if os.environ.get("BRIEFING_METRICS_PORT"):
        return f"http://127.0.0.1:{os.environ['BRIEFING_METRICS_PORT']}/healthz"
    chroma = os.environ.get("BRIEFING_CHROMA_URL")
    if chroma:
        return chroma.rstrip("/") + "/api/v2/heartbeat"
    return None


def main() -> int:
    url = target()
    if url is None:
        return 0
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError as error:
        print(f"unhealthy: {url}: {error}", file=sys.stderr)
        return 1
    if status != 200:
        print(f"unhealthy: {url} answered {status}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
