"""Turning measured throughput runs into table rows."""

from __future__ import annotations

import math
from collections.abc import Sequence

from benchmarks.figures import Figure
from benchmarks.results import Result
from benchmarks.scenarios import Press, Step

BASELINE = "echo-ptb"
# The full bot's actions/s over the echo bot's: 0.8 asked for onboarding, 0.5 for walking
# reflections (issue 15: a press needs two Bot API calls to the echo bot's one).
TARGET_RATIO = 0.8
TARGET_RATIO_REFLECTING = 0.5


def target_ratio(scenario: str) -> float:
    """The ratio asked of the full bot for this scenario."""
    return TARGET_RATIO_REFLECTING if scenario.startswith("reflection") else TARGET_RATIO


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (share 0.5 is the median, 1.0 the maximum)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def rate(result: Result) -> float:
    """Client actions completed per second of wall time."""
    if result.error or not result.wall_seconds > 0:
        return float("nan")
    return result.actions / result.wall_seconds


def figures_for(results: Sequence[Result], clients: int) -> list[Figure]:
    """Rows for each contender, then each full bot's ratio to the sequential echo bot."""
    figures: list[Figure] = []
    for result in results:
        figures += _contender_rows(result, clients)
    baseline = next((r for r in results if r.contender.label == BASELINE), None)
    for result in results:
        if baseline is None or result is baseline:
            continue
        is_full = result.contender.database is not None
        figures.append(
            Figure(
                f"{result.contender.label} / {BASELINE}",
                rate(result) / rate(baseline),
                "ratio",
                target=f">= {target_ratio(result.contender.scenario.name)}" if is_full else "",
                note="actions/s over the bare echo bot's, same emulator, same run",
            )
        )
    return figures


def _contender_rows(result: Result, clients: int) -> list[Figure]:
    label = result.contender.label
    if result.error:
        reason = result.error.splitlines()[0] if result.error else ""
        return [Figure(label, None, "actions/s", note=f"not measured: {reason}")]
    latencies = [seconds for run in result.runs for seconds in run.latencies]
    rows = [
        Figure(
            label,
            rate(result),
            "actions/s",
            note=(
                f"{clients} clients x {result.steps_each} '{result.contender.scenario.name}' "
                f"steps in {result.wall_seconds:.1f} s; bot CPU {result.bot_cpu:.0%} of a core, "
                f"harness {result.harness_cpu:.0%}"
            ),
        )
    ]
    for name, share in (("p50", 0.5), ("p95", 0.95), ("max", 1.0)):
        rows.append(Figure(f"{label} latency {name}", 1000 * percentile(latencies, share), "ms"))
    rows += _cost_rows(result)
    failure = next((run.failure for run in result.runs if run.failure), "")
    rows.append(
        Figure(
            f"{label} replies missing",
            result.replies_missing,
            "messages",
            target="0",
            note=failure[:120],
        )
    )
    if result.contender.database is not None:
        wrong = sum(mismatch.clients for mismatch in result.state_problems)
        rows.append(
            Figure(
                f"{label} clients stored wrong",
                wrong,
                "clients",
                target="0",
                note="; ".join(str(m) for m in result.state_problems)
                or f"read back from {result.contender.database} after the run",
            )
        )
    return rows


def _cost_rows(result: Result) -> list[Figure]:
    """What an action cost during the measured run: Bot API calls (by method in the note,
    beside the floor: each message the step is answered with, plus the answer to a press)
    and, for the full bot, SQL statements and transactions."""
    label, actions = result.contender.label, result.actions
    if not actions:
        return []
    calls = sum(result.api_calls.values())
    methods = ", ".join(
        f"{method} {count / actions:.2f}" for method, count in sorted(result.api_calls.items())
    )
    steps = result.contender.scenario.steps(result.steps_each)
    rows = [
        Figure(
            f"{label} API calls/action",
            calls / actions,
            "calls",
            note=f"floor {floor(steps):.2f}; {methods}",
        )
    ]
    if result.sql is not None:
        sql = result.sql
        rows.append(
            Figure(
                f"{label} SQL statements/action",
                sql["data"] / actions,
                "statements",
                note=f"BEGIN and COMMIT apart: {sql['begin'] / actions:.2f} and "
                f"{sql['commit'] / actions:.2f} per action",
            )
        )
    return rows


def floor(steps: Sequence[Step]) -> float:
    """The fewest Bot API calls per step a bot could answer these with: each message the
    step expects (one for a step that ends when the chat is quiet), plus the answer that
    stops a pressed button's spinner."""
    if not steps:
        return float("nan")
    needed = sum((1 if s.replies is None else s.replies) + isinstance(s, Press) for s in steps)
    return needed / len(steps)
