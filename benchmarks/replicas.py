"""Two webhook replicas on PostgreSQL against one bot on SQLite: the same reflection load,
through one emulator, in one run, and the ratio of the two.

Every contender runs in webhook mode (the emulator posts each update to the bot and waits
for its answer, taking the replicas in turn), so the only differences are the database and
the number of processes. One replica on PostgreSQL is measured too: it tells how much of the
difference is PostgreSQL and how much the second process. The clients and the checks are
`benchmarks.throughput`'s (its `reflection` scenario).

The three are measured in rounds, in turn and in reverse turn (A B C, C B A, ...), and each
one's rounds pooled: on a shared machine the background load drifts, and a single pass
measured the same code at ratios from 0.9 to 1.6 depending on what else was running.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks import throughput
from benchmarks.figures import Figure
from benchmarks.report import figures_for, rate
from benchmarks.results import Contender, Result
from benchmarks.scenarios import SCENARIOS

SQLITE = "webhook-sqlite"
POSTGRES = "webhook-postgresql"
TWO_POSTGRES = "webhook-postgresql-x2"
# Each contender gets this long, start to stop.
RUN_TIMEOUT = 240.0


@dataclass(frozen=True)
class Options:
    """What `python -m benchmarks replicas` was asked for."""

    # Enough clients that one process has more to do than it can: with fewer, a second
    # replica has nothing to take off the first.
    clients: int = 100
    actions: int = 20  # /start, a city, Later; then one whole reflection (17 steps)
    rounds: int = 2
    max_messages_per_second: float = 1000.0


def contenders() -> list[Contender]:
    """One bot on SQLite; two replicas on PostgreSQL; one on PostgreSQL, for context."""
    scenario = SCENARIOS["reflection"]
    return [
        Contender(SQLITE, ("bot",), scenario, "sqlite", webhook=True),
        Contender(TWO_POSTGRES, ("bot",), scenario, "postgresql", webhook=True,
                             replicas=2),
        Contender(POSTGRES, ("bot",), scenario, "postgresql", webhook=True),
    ]  # fmt: skip


async def run(options: Options) -> list[Figure]:
    """Measure the three in rounds; each one's rows, then the ratios to the SQLite bot."""
    settings = throughput.Options(
        clients=options.clients,
        actions=options.actions,
        scenarios=("reflection",),
        max_messages_per_second=options.max_messages_per_second,
    )
    rounds: dict[str, list[Result]] = {c.label: [] for c in contenders()}
    for number in range(options.rounds):
        order = contenders() if number % 2 == 0 else contenders()[::-1]
        for result in await throughput.measure_all(order, settings, RUN_TIMEOUT):
            rounds[result.contender.label].append(result)
    figures = []
    for label, measured in rounds.items():
        together = pooled(measured)
        for figure in figures_for([together], options.clients):
            if figure.name == label and not together.error:  # actions/s: round by round
                each = ", ".join(f"{rate(result):.1f}" for result in measured)
                note = (
                    f"{options.clients} clients x {together.steps_each} steps, "
                    f"{len(measured)} rounds: {each} actions/s; bot CPU "
                    f"{together.bot_cpu:.0%} of a core, harness {together.harness_cpu:.0%}"
                )
                figure = dataclasses.replace(figure, note=note)
            figures.append(figure)
    sqlite = rounds[SQLITE]
    for label, what in (
        (TWO_POSTGRES, "two PostgreSQL replicas over one bot on SQLite"),
        (POSTGRES, "one PostgreSQL replica over one bot on SQLite, for context"),
    ):
        pairs = zip(rounds[label], sqlite, strict=True)
        each = ", ".join(f"{rate(ours) / rate(theirs):.2f}" for ours, theirs in pairs)
        ratio = rate(pooled(rounds[label])) / rate(pooled(sqlite))
        note = f"actions/s of {what}; round by round: {each}"
        figures.append(Figure(f"{label} / {SQLITE}", ratio, "ratio", note=note))
    return figures


def pooled(results: Sequence[Result]) -> Result:
    """One contender's rounds as one measurement: every client's steps over the sum of the
    rounds' wall time (the first error, if any round failed)."""
    first = results[0]
    failed = next((result.error for result in results if result.error), None)
    if failed is not None:
        return Result(first.contender, error=failed)
    wall = sum(result.wall_seconds for result in results)
    counted = [result.sql for result in results if result.sql is not None]
    return Result(
        first.contender,
        runs=[run for result in results for run in result.runs],
        steps_each=first.steps_each,
        wall_seconds=wall,
        bot_cpu=sum(result.bot_cpu * result.wall_seconds for result in results) / wall,
        harness_cpu=sum(result.harness_cpu * result.wall_seconds for result in results) / wall,
        state_problems=[problem for result in results for problem in result.state_problems],
        api_calls=sum((result.api_calls for result in results), Counter()),
        sql=sum(counted, Counter()) if len(counted) == len(results) else None,
    )
