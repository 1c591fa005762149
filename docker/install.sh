#!/bin/sh
# The image's install and model steps. tests/deploy/test_image_install.py runs this same script in
# a fresh virtual environment, so what the Dockerfile does is tested without a Docker engine.
#
# usage: install.sh SOURCE_DIR
#   TORCH_INDEX_URL           optional: a pip index with CPU-only torch wheels (on Linux, PyPI's
#                             torch pulls CUDA libraries worth gigabytes)
#   BRIEFING_EMBEDDING_MODEL  the model to materialize (default: the application's default)
#   BRIEFING_MODEL_CACHE_DIR  where to materialize it (default: the application's default)
set -eu

source_dir=${1:?usage: install.sh SOURCE_DIR}

if [ -n "${TORCH_INDEX_URL:-}" ]; then
    python -m pip install --extra-index-url "$TORCH_INDEX_URL" torch==2.13.0
else
    python -m pip install torch==2.13.0
fi
python -m pip install "$source_dir"

# Build the model folder now, and the per-language offsets cached beside it, so that the running
# container neither downloads nor writes anything there. Run from / so that the installed package
# is imported, not the source tree: a file missing from the package fails the build here.
cd /
python - <<'PY'
import os
from pathlib import Path

from retrieval import load_embedder
from retrieval.embeddings import DEFAULT_MODEL

cache = os.environ.get("BRIEFING_MODEL_CACHE_DIR")
embedder = load_embedder(
    os.environ.get("BRIEFING_EMBEDDING_MODEL") or DEFAULT_MODEL, Path(cache) if cache else None
)
embedder.encode_queries(["warm-up"], "en")
print(f"model ready: {embedder.path} (dimension {embedder.dimension})")
PY
