"""The image's build steps without a Docker engine: the build stage's COPY and RUN instructions,
replayed in a temporary folder with a fresh virtual environment, must install the application and
materialize the model so that it loads, indexes and answers offline."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .deploy_support import CORPUS, REPO, dockerfile_stages, env_of

pytestmark = pytest.mark.slow

SMOKE = """
import json, sys
from pathlib import Path
import torch
from retrieval import Index, load_embedder
embedder = load_embedder("intfloat/multilingual-e5-small", Path(sys.argv[1]))
index = Index.open(sys.argv[2], embedder=embedder)
report = index.sync(sys.argv[3])
hits = index.search("What did the Budapest memorandum promise Ukraine?", k=3)
print(json.dumps({
    "torch": torch.__version__, "model": str(embedder.path), "retrieval": __import__("retrieval").__file__,
    "added": report.added, "problems": [p.reason for p in report.problems],
    "hits": [h.document.id for h in hits],
}))
"""


def replay_build_stage(root: Path) -> tuple[Path, Path]:
    """Run the build stage's COPY and RUN instructions with its absolute paths moved under
    `root`; return the virtual environment and the model cache folder."""
    build = dockerfile_stages()[0]
    workdir = next(args for keyword, args in build if keyword == "WORKDIR")
    cache = env_of(build)["BRIEFING_MODEL_CACHE_DIR"]

    def moved(text: str) -> str:
        for absolute in sorted({workdir, cache, "/opt/venv"}, key=len, reverse=True):
            text = text.replace(absolute, str(root / absolute.lstrip("/")))
        return text

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_NO_CACHE", "VIRTUAL_ENV"))}
    env |= {"BRIEFING_MODEL_CACHE_DIR": moved(cache), "PYTHONNOUSERSITE": "1"}
    env["PATH"] = f"{root / 'opt/venv/bin'}{os.pathsep}{env['PATH']}"
    context = Path(moved(workdir))
    context.mkdir(parents=True)
    for keyword, args in build:
        if keyword == "COPY":
            assert not args.startswith("--"), f"COPY with options is not replayed: {args}"
            source, target = args.split()
            destination = context / target
            if (REPO / source).is_dir():
                ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
                shutil.copytree(REPO / source, destination, ignore=ignore)
            else:
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(REPO / source, destination)
        elif keyword == "RUN":
            command = moved(args)
            if command.startswith("python -m venv"):
                # The interpreter that runs the tests stands in for the image's python.
                command = command.replace("python", shlex.quote(sys.executable), 1)
            done = subprocess.run(command, shell=True, cwd=context, env=env, capture_output=True, text=True)
            assert done.returncode == 0, f"RUN {args} failed:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    return root / "opt/venv", Path(moved(cache))


def test_build_steps_install_a_working_offline_application(tmp_path: Path) -> None:
    venv, models = replay_build_stage(tmp_path / "image")
    python = venv / "bin" / "python"
    assert (venv / "bin" / "briefing").is_file()
    model = models / "intfloat--multilingual-e5-small"
    assert (model / "modules.json").is_file()
    # The ONNX export sits beside the model folder, with the language offsets computed for it.
    assert list(models.glob("*/model-*.onnx")), "the model is exported to ONNX at build time"
    assert list(models.glob("*/language-offsets-*.npz")), "offsets are computed at build time"
    before = sorted((p.name, p.stat().st_mtime_ns) for p in models.rglob("*"))

    offline = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFING_", "VIRTUAL_ENV"))}
    offline |= {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    done = subprocess.run(
        [str(python), "-c", SMOKE, str(models), str(run_dir / "index"), str(CORPUS)],
        cwd=run_dir,  # not the repo: the installed package must be complete on its own
        env=offline,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["torch"].startswith("2.13.0")
    assert str(venv) in result["retrieval"]
    assert result["model"] == str(model)
    assert result["added"] and not result["problems"]
    assert "budapest-memorandum-1994" in result["hits"]
    assert sorted((p.name, p.stat().st_mtime_ns) for p in models.rglob("*")) == before
