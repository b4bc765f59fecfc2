"""CI checks the code before the tests: a lint, format or type error fails .ci/check, which
.ci/run runs first and pre-commit runs on each commit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CHECKS = ["ruff check .", "ruff format --check .", "mypy .", "lint-imports"]


def test_ci_runs_the_checks_before_the_tests_from_the_lock():
    steps = [line for line in (REPO / ".ci" / "run").read_text().splitlines() if line[:1] != "#"]
    assert steps.index(".ci/check") < steps.index(".venv/bin/pytest")
    assert ".venv/bin/pip install --require-hashes -r requirements/test.txt" in steps
    check = (REPO / ".ci" / "check").read_text()
    assert "set -euo pipefail" in check
    for command in CHECKS:
        tool, _, args = command.partition(" ")
        assert f'"$bin/{tool}" {args}'.strip() in check, command


def test_pre_commit_runs_the_same_checks():
    hooks = (REPO / ".pre-commit-config.yaml").read_text()
    for command in CHECKS:
        assert f"entry: .venv/bin/{command.removesuffix(' .')}" in hooks, command


def _copy_of_the_project(tmp_path: Path) -> Path:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO, capture_output=True, text=True, check=True,
    ).stdout.split("\0")  # fmt: skip
    copy = tmp_path / "project"
    for name in filter(None, listed):
        if (REPO / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, copy / name)
    if (REPO / ".mypy_cache").is_dir():  # warm: mypy re-checks only what changed
        shutil.copytree(REPO / ".mypy_cache", copy / ".mypy_cache")
    return copy


def _check(copy: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(copy / ".ci" / "check")],
        env={**os.environ, "VENV": sys.prefix},
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


@pytest.mark.e2e  # the tools in subprocesses over a copy of the project: tens of seconds
@pytest.mark.parametrize(
    ("added", "reported"),
    [
        ("import os\n", "F401"),  # ruff check: unused import
        ("WIDTH = {  'a':1}\n", "would be reformatted"),  # ruff format --check
        ('\ndef width() -> int:\n    return "wide"\n', "[return-value]"),  # mypy, strict
    ],
    ids=["lint", "format", "types"],
)
def test_a_lint_format_or_type_error_fails_the_checks(tmp_path: Path, added: str, reported: str):
    copy = _copy_of_the_project(tmp_path)
    module = copy / "bot" / "ci_probe.py"
    module.write_text(f'"""A module CI must refuse."""\n\n{added}')
    failed = _check(copy)
    assert failed.returncode != 0
    assert reported in failed.stdout + failed.stderr
    module.unlink()
    assert _check(copy).returncode == 0
