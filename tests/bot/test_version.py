"""The version is written once (bot/__init__.py) and shown by both ways of starting the bot."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
from pathlib import Path

import pytest

import bot
from bot.__main__ import main

REPO = Path(__file__).resolve().parents[2]


def test_python_m_bot_version_prints_the_one_version(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out == f"reflection-companion {bot.__version__}\n"


def test_the_installed_package_carries_the_same_version():
    assert re.fullmatch(r"\d+\.\d+\.\d+", bot.__version__)
    assert importlib.metadata.version("reflection-companion") == bot.__version__


def test_the_changelog_names_this_version():
    changelog = (REPO / "CHANGELOG.md").read_text()
    assert f"## [{bot.__version__}]" in changelog


@pytest.mark.e2e  # a subprocess, like the other command-line tests
def test_the_console_command_is_installed_beside_python():
    command = Path(sys.executable).parent / "reflection-companion"
    assert command.exists(), "pip install -e . installs it"
    version = subprocess.run(
        [str(command), "--version"], capture_output=True, text=True, timeout=60, check=True
    )
    assert version.stdout == f"reflection-companion {bot.__version__}\n"
    usage = subprocess.run(
        [str(command), "--help"], capture_output=True, text=True, timeout=60, check=True
    )
    assert usage.stdout.startswith("usage: reflection-companion ")
