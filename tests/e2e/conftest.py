"""End-to-end tests: the real bot process against the Bot API emulator (tests/support/
process.py), each marked `e2e` so the quick tier can leave them out."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.process import (  # noqa: F401  (fixtures, found here by pytest)
    bot,
    clocked_bot,
    emulator,
    open_bot,
    open_emulator,
)

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.e2e)
