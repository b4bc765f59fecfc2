"""`python -m bot demo`: a newcomer chats with the bot in the terminal, no token needed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# The bot's own command line in a subprocess, a second or so each: with the end-to-end
# tests, out of the quick tier.
pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]


def _demo(tmp_path: Path, typed: str, start: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env.pop("CLOCK_FILE", None)
    env["PYTHONPATH"] = str(REPO)
    if start is not None:
        clock = tmp_path.parent / f"{tmp_path.name}-start"
        clock.write_text(start)
        env["CLOCK_FILE"] = str(clock)
    return subprocess.run(
        [sys.executable, "-m", "bot", "demo"], input=typed, cwd=tmp_path, env=env,
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip


def test_the_demo_goes_through_start_in_the_terminal(tmp_path: Path):
    # Start, a near miss chosen by number, Tuesday toggled, Done, 17:00 typed, 50 min,
    # weekly; then /help.
    result = _demo(tmp_path, "/start\nBerln\n1\n4\n10\n17:00\n27\n30\n/help\n/quit\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "what's your time zone?" in out
    assert "[1] Europe/Berlin" in out  # buttons are numbered...
    assert "set your time zone to Europe/Berlin" in out  # ...and chosen by number
    assert "(edited)" in out and "[4] \u2705 Tue" in out  # a toggled button, redrawn
    assert "Your sessions: every Tue at 17:00, 50 minutes." in out
    assert "I'll ask how it went:" in out
    assert "/timezone - Show or change your time zone" in out
    assert "Demo ended." in out
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []  # the demo's database was temporary


def test_weeks_pass_in_the_demo_any_shown_button_works_and_files_are_saved(tmp_path: Path):
    """What Telegram would show: /next goes to the bot's next planned message (the note
    the evening before, then the prompt after the session), a button of an earlier message
    can still be pressed, an edit is shown, and the exports are saved where the person can
    open them."""
    typed = [
        "/start", "Berlin", "2", "8", "17:00", "25", "28",  # Tuesdays at 17:00, weekly
        # The note and how I've been (buttons 30 to 41), then the prompt: Start now.
        "/next", "/next", "42",
        "'7",  # a rating typed: a number sent as a message
        "53",  # the first question's 7, still shown on it: pressed again
        "/export", "/wait 1d2h", "/time", "/quit",
    ]  # fmt: skip
    result = _demo(tmp_path, "\n".join(typed) + "\n", start="2026-11-23T10:00:00+01:00")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "(it is now Monday 23 November 2026, 19:00 in Europe/Berlin)" in out
    assert "(it is now Tuesday 24 November 2026, 18:50 in Europe/Berlin)" in out
    assert "[41] Skip these" in out and "[42] Start now" in out
    assert "Question 2 of 10" in out  # the typed 7 answered question 1
    assert "(notice: Already answered" in out  # the earlier message's button was pressed
    assert "(edited)\n  | Question 1 of 10" in out
    saved = re.findall(r"\[document saved: (\S+)\]", out)
    assert [Path(path).suffix for path in saved] == [".pdf", ".csv", ".json"]
    try:
        assert Path(saved[0]).read_bytes().startswith(b"%PDF")
        assert f"sent are in {Path(saved[0]).parent}" in out
    finally:
        shutil.rmtree(Path(saved[0]).parent)
    assert "(it is now Wednesday 25 November 2026, 20:50 in Europe/Berlin)" in out
    assert "(it is Wednesday 25 November 2026, 20:5" in out
    assert "Traceback" not in result.stderr
