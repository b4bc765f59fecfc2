"""The container: the image built from the Dockerfile and compose.yaml's stack (the bot and
PostgreSQL) answer /healthz, with the bot polling the emulator on this host.

Runs only where docker answers and the base images are present (pulled, or on a machine
without a registry built by deploy/test/build-local-bases.sh); it never builds them itself,
so CI, which has no docker daemon running, skips it and says why. The bot's image is built
each time, from the layer cache after the first (about 85 s on two cores without it).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BASES = ("python:3.11-slim-bookworm", "postgres:15-bookworm")

pytestmark = pytest.mark.docker


def _why_not() -> str | None:
    """Why the stack can't be run here, or None."""
    if shutil.which("docker") is None:
        return "no docker command"
    try:
        info = subprocess.run(["docker", "info"], capture_output=True, timeout=20)
    except subprocess.TimeoutExpired:
        return "docker info did not answer in 20 s"
    if info.returncode != 0:
        return "the docker daemon is not running"
    compose = subprocess.run(["docker", "compose", "version"], capture_output=True)
    if compose.returncode != 0 and shutil.which("docker-compose") is None:
        return "neither docker compose nor docker-compose is installed"
    for image in BASES:
        found = subprocess.run(["docker", "image", "inspect", image], capture_output=True)
        if found.returncode != 0:
            return f"no {image} image (pull it, or run deploy/test/build-local-bases.sh)"
    return None


def test_the_stack_answers_healthz_with_the_bot_polling_the_emulator():
    why = _why_not()
    if why is not None:
        pytest.skip(why)
    run = subprocess.run(
        ["sh", str(REPO / "deploy/test/prove-stack.sh")],
        capture_output=True, text=True, timeout=900, cwd=REPO,
    )  # fmt: skip
    print(run.stdout)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "healthy: healthy" in run.stdout
    assert '"database": "ok", "telegram": "ok"' in run.stdout
    assert "bot user: reflection; key mounted: encryption_key; in the image: nothing" in run.stdout
    assert "Ready as @reflection_test_bot" in run.stdout


def test_no_key_token_or_database_goes_into_the_image():
    ignored = (REPO / ".dockerignore").read_text().splitlines()
    assert ignored[1] == "*"  # everything, but what the Dockerfile copies
    allowed = {line[1:].rstrip("/") for line in ignored if line.startswith("!")}
    assert allowed == {
        "requirements/run.txt", "pyproject.toml", "README.md", "LICENSE",
        "bot", "handlers", "features", "storage",
    }  # fmt: skip
