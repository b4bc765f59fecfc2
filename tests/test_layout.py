"""The layout ARCHITECTURE.md promises: imports point one way (import-linter's contracts in
pyproject.toml), each feature folder is registered in the router's table, and handlers/
holds only code that speaks Telegram."""

from __future__ import annotations

import ast
import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from features import router

REPO = Path(__file__).resolve().parents[1]

# What import-linter still finds broken: the kernel's Facts names types of review, safety
# and common (features/kernel/vocabulary.py); the loading lane of issue 15 reshapes Facts.

# handlers/ modules that import no telegram, and why they are there all the same.
NOT_TELEGRAM = {
    "drain.py": "paces the prompt job's Telegram sends (PTB's rate limiter sets the pace)",
    "metrics.py": "counts what the Telegram handlers do, for /metrics",
    "once.py": "throttles the log lines of the webhook and health servers",
}


def _lint_imports() -> subprocess.CompletedProcess[str]:
    run = "import sys; from importlinter.cli import lint_imports_command as c; sys.exit(c())"
    return subprocess.run(
        [sys.executable, "-c", run, "--no-cache", "--no-logo"],
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


@pytest.fixture(scope="module")
def linted() -> subprocess.CompletedProcess[str]:
    return _lint_imports()


def test_import_linter_contracts_are_kept(linted):
    assert linted.returncode == 0, linted.stdout + linted.stderr
    assert "BROKEN" not in linted.stdout


def test_every_feature_folder_is_in_the_routers_table():
    folders = sorted(
        path.name
        for path in (REPO / "features").iterdir()
        if (path / "__init__.py").exists() and path.name not in ("kernel", "common")
    )
    for name in folders:
        assert (REPO / "features" / name / "feature.py").exists(), name
        registration = importlib.import_module(f"features.{name}.feature")
        assert any(registration.FEATURE is feature for feature in router.FEATURES), name
    assert sorted(feature.name for feature in router.FEATURES) == folders


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at any depth (in functions, under TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_every_handlers_module_speaks_telegram_or_says_why_not():
    silent = sorted(
        path.name
        for path in (REPO / "handlers").glob("*.py")
        if path.name != "__init__.py"
        and not any(name == "telegram" or name.startswith("telegram.") for name in _imports(path))
    )
    assert silent == sorted(NOT_TELEGRAM)
