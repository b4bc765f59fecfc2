"""What a throughput run measured, contender by contender: shared by benchmarks.throughput,
which measures, and benchmarks.report, which turns it into rows."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from benchmarks.load import ClientRun
from benchmarks.scenarios import Scenario


@dataclass(frozen=True)
class Mismatch:
    """Clients whose stored state is not what their steps should have left."""

    what: str
    clients: int
    example: str

    def __str__(self) -> str:
        return f"{self.what}: {self.clients} client(s) differ, e.g. {self.example}"


@dataclass(frozen=True)
class Contender:
    """A bot under test and the part its clients play. `webhook`: the bot in webhook mode,
    the emulator posting to it; `replicas` such processes on one database, the emulator
    posting to each in turn (benchmarks.replicas)."""

    label: str
    module: tuple[str, ...]
    scenario: Scenario
    database: str | None = None
    webhook: bool = False
    replicas: int = 1
    # A package the bot needs that the project doesn't (the `bench` extra's).
    needs: str | None = None


@dataclass
class Result:
    """One contender's measured run."""

    contender: Contender
    runs: list[ClientRun] = field(default_factory=list)
    steps_each: int = 0
    wall_seconds: float = float("nan")
    bot_cpu: float = float("nan")  # share of one core during the measured run
    harness_cpu: float = float("nan")
    state_problems: list[Mismatch] = field(default_factory=list)
    error: str | None = None
    # During the measured run: Bot API calls by method (from the emulator), and for the
    # full bot its SQL statements ("data") and transactions ("begin", "commit").
    api_calls: Counter[str] = field(default_factory=Counter)
    sql: Counter[str] | None = None

    @property
    def actions(self) -> int:
        return sum(run.steps_done for run in self.runs)

    @property
    def replies_missing(self) -> int:
        return sum(run.replies_missing for run in self.runs)
