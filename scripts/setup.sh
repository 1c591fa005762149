#!/usr/bin/env bash
# Set up a fresh machine: a virtualenv in .venv with the CPU build of torch, the project and its
# test tools, and the embedding model built once into the local cache (no model hub needed).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null || PYTHON=python3
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
# torch first and pinned: any other route pulls a multi-gigabyte CUDA build.
.venv/bin/python -m pip install --quiet torch==2.13.0
.venv/bin/python -m pip install --quiet -e '.[test,bench]'
HF_HUB_OFFLINE=1 .venv/bin/briefing model >/dev/null
