"""The statement count `python -m benchmarks throughput` reads from the bot (BENCH_COUNT_SQL,
bot.app) counts what the turn really runs: the same as the test's own listener."""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from emulator import Emulator
from tests.support.engine import bot_in_process, reflecting, settings_for

ADA = 1001


@pytest.fixture
def sigusr1_restored() -> Iterator[None]:
    """The hook takes SIGUSR1 for this process; give it back afterwards."""
    before = signal.getsignal(signal.SIGUSR1)
    yield
    signal.signal(signal.SIGUSR1, before)


def _totals(path: Path) -> dict[str, int]:
    """Ask the bot (this process) for its running totals, as the benchmark does; the
    handler has run when raise_signal returns."""
    path.unlink(missing_ok=True)
    signal.raise_signal(signal.SIGUSR1)
    return dict(json.loads(path.read_text()))


async def test_the_benchmarks_count_agrees_with_the_turn(
    emulator: Emulator,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    sigusr1_restored: None,
) -> None:
    counted = tmp_path / "sql-count.json"
    monkeypatch.setenv("BENCH_COUNT_SQL", str(counted))
    async with bot_in_process(emulator, settings_for(emulator, tmp_path)) as bot:
        question = await reflecting(bot, ADA)
        before = _totals(counted)
        cost = await bot.statements_of(lambda: bot.press(ADA, question, "7"))
        after = _totals(counted)

    delta = {kind: after.get(kind, 0) - before.get(kind, 0) for kind in after}
    assert delta == {"data": cost.data_statements, "begin": cost.begins, "commit": cost.commits}
    assert cost.writes_to("answers")
