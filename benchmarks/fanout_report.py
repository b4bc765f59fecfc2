"""Turning a measured fan-out into table rows."""

from __future__ import annotations

import math

from benchmarks.fanout_run import Probe, Run
from benchmarks.figures import Figure
from benchmarks.report import percentile

TARGET_SHARE = 0.95
# The flood limit lets a sender that was idle send one second's worth at once.
BURST_SECONDS = 1.0


def figures_for(run: Run) -> list[Figure]:
    """Rate, 429s, prompts lost and doubled, and how long a pressed button waited."""
    options = run.options
    if run.error:
        return [Figure("fanout: prompts/s", None, "prompts/s", note=f"not measured: {run.error}")]
    sent = sum(run.delivered.values())
    seconds = run.last - run.first
    # What the limit let through at most in that time: the burst, then its rate.
    allowed = options.limit * (BURST_SECONDS + seconds)
    share = run.accepted / allowed if seconds > 0 else math.nan
    missing = options.clients - len(run.delivered)
    doubled = sum(count - 1 for count in run.delivered.values() if count > 1)
    settled = run.statuses.get("sent", 0) + run.statuses.get("answered", 0)
    statuses = ", ".join(f"{count} {status}" for status, count in sorted(run.statuses.items()))
    unanswered = sum(1 for probe in run.during + run.idle if probe.answered is None)
    return [
        Figure(
            "fanout: prompts/s", sent / seconds if seconds > 0 else math.nan, "prompts/s",
            note=f"{options.clients} prompts due at once, {options.database}, limit "
            f"{options.limit:g}/s; first sent to last in {seconds:.1f} s; bot CPU "
            f"{run.bot_cpu:.0%} of a core, harness {run.harness_cpu:.0%}",
        ),
        Figure(
            "fanout: rate / limit", share, "ratio", target=f">= {TARGET_SHARE}",
            note=f"messages accepted (prompts and answers) from the first prompt to the last, "
            f"over the most the limit allows in that time (a burst of one second's worth, "
            f"then {options.limit:g}/s); the bot was told {options.bot_limit:g}/s",
        ),
        Figure(
            "fanout: 429s received", run.refused_overall + run.refused_in_chat, "responses",
            note=f"{run.refused_overall} over the overall limit, {run.refused_in_chat} over a "
            "chat's 1/s; each holds its chat's sends for retry_after + 0.1 s",
        ),
        Figure(
            "fanout: prompts lost (emulator)", missing, "prompts", target="0",
            note="clients whose prompt never reached the emulator",
        ),
        Figure(
            "fanout: prompts lost (database)", options.clients - settled, "prompts",
            target="0", note=f"statuses read back: {statuses or 'none'}",
        ),
        Figure(
            "fanout: prompts sent twice", doubled, "prompts", target="0",
            note="a client's prompt reaching the emulator more than once",
        ),
        *_latency("during the fan-out", run.during),
        *_latency("at rest", run.idle),
        Figure(
            "fanout: presses unanswered", unanswered, "presses", target="0",
            note="a press of Start now with no answer within 30 s",
        ),
    ]  # fmt: skip


def _latency(when: str, probes: list[Probe]) -> list[Figure]:
    seconds = [probe.seconds for probe in probes if probe.seconds is not None]
    note = (
        f"{len(probes)} clients pressed Start now {2:g} s after their prompt; press to the "
        "bot's first answer reaching the emulator"
    )
    return [
        Figure(f"fanout: answer to a press {when} p50", 1000 * percentile(seconds, 0.5), "ms",
               note=note),
        Figure(f"fanout: answer to a press {when} max", 1000 * percentile(seconds, 1.0), "ms"),
    ]  # fmt: skip
