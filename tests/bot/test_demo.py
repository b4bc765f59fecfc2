"""`python -m bot demo`: a newcomer chats with the bot in the terminal, no token needed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# The bot's own command line in a subprocess, a second or so each: with the end-to-end
# tests, out of the quick tier.
pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]


def test_the_demo_goes_through_start_in_the_terminal(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env["PYTHONPATH"] = str(REPO)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "demo"],
        # Start, a near miss chosen by number, Tuesday toggled, Done, 17:00 typed, 50 min,
        # weekly; then /help.
        input="/start\nBerln\n1\n2\n8\n17:00\n2\n1\n/help\n/quit\n",
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "what's your time zone?" in out
    assert "[1] Europe/Berlin" in out  # buttons are numbered...
    assert "set your time zone to Europe/Berlin" in out  # ...and chosen by number
    assert "(updated)" in out and "\u2705 Tue" in out  # a toggled button is shown redrawn
    assert "Your sessions: every Tue at 17:00, 50 minutes." in out
    assert "I'll ask how it went:" in out
    assert "/timezone - Show or change your time zone" in out
    assert "Demo ended." in out
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []  # the demo's database was temporary
