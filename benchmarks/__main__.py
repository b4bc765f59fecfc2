"""`python -m benchmarks` runs every benchmark and prints one table of figures;
`python -m benchmarks throughput|replicas|scale|fanout|review|fairness [options]` runs one."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time

from benchmarks import fairness, fanout, fanout_run, replicas, review, scale, throughput
from benchmarks.databases import KINDS
from benchmarks.figures import Figure, table
from benchmarks.scenarios import SCENARIOS


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    commands = parser.add_subparsers(dest="benchmark")
    one = commands.add_parser(
        "throughput", help="the full bot against a bare PTB echo bot, side by side"
    )
    defaults = throughput.Options()
    one.add_argument("--clients", type=int, default=defaults.clients, help="default: %(default)s")
    one.add_argument(
        "--actions", type=int, default=defaults.actions, help="per client; default: %(default)s"
    )
    one.add_argument(
        "--scenario", choices=sorted(SCENARIOS), nargs="+", default=list(defaults.scenarios),
        help="what the full bot's clients do; several: a full-bot row for each, side by "
        "side in one run; default: %(default)s",
    )  # fmt: skip
    one.add_argument(
        "--database", choices=[*KINDS, "both"], default="sqlite", help="default: %(default)s"
    )
    one.add_argument(
        "--concurrent-echo", action="store_true",
        help="also measure the echo bot with PTB's concurrent_updates",
    )  # fmt: skip
    one.add_argument(
        "--max-messages-per-second", type=float, default=defaults.max_messages_per_second,
        help="the full bot's TELEGRAM_MAX_MESSAGES_PER_SECOND; default: %(default)s",
    )  # fmt: skip
    pair = commands.add_parser(
        "replicas", help="two webhook replicas on PostgreSQL against one bot on SQLite"
    )
    two = replicas.Options()
    pair.add_argument("--clients", type=int, default=two.clients, help="default: %(default)s")
    pair.add_argument(
        "--actions", type=int, default=two.actions, help="per client; default: %(default)s"
    )
    pair.add_argument(
        "--rounds", type=int, default=two.rounds,
        help="each measured this often, alternating the order; default: %(default)s",
    )  # fmt: skip
    big = commands.add_parser(
        "scale", help="start-up, memory and dispatcher wake-ups with many scheduled clients"
    )
    big.add_argument(
        "--clients", type=int, default=scale.Options().clients, help="default: %(default)s"
    )
    burst = commands.add_parser(
        "fanout", help="prompts due at one moment, sent under a Telegram-like flood limit"
    )
    fan = fanout_run.Options()
    burst.add_argument("--clients", type=int, default=fan.clients, help="default: %(default)s")
    burst.add_argument(
        "--limit", type=float, default=fan.limit,
        help="messages/s: the emulator's flood limit (the bot is told 2%% less); "
        "default: %(default)s",
    )  # fmt: skip
    burst.add_argument(
        "--database", choices=KINDS, default=fan.database, help="default: %(default)s"
    )
    burst.add_argument(
        "--dispatch-interval", type=float, default=fan.dispatch_interval,
        help="the bot's DISPATCH_INTERVAL_SECONDS; default: %(default)s",
    )  # fmt: skip
    looking_back = commands.add_parser(
        "review", help="/summary and /export for five years of weekly reflections"
    )
    back = review.Options()
    looking_back.add_argument("--weeks", type=int, default=back.weeks, help="default: %(default)s")
    looking_back.add_argument(
        "--database", choices=KINDS, default=back.database, help="default: %(default)s"
    )
    flooded = commands.add_parser(
        "fairness", help="another client's wait while one client and a stranger flood the bot"
    )
    fair = fairness.Options()
    flooded.add_argument(
        "--burst", type=int, default=fair.burst, help="messages from each; default: %(default)s"
    )
    flooded.add_argument("--rounds", type=int, default=fair.rounds, help="default: %(default)s")
    return parser


async def _run(args: argparse.Namespace) -> list[Figure]:
    if args.benchmark == "scale":
        return await scale.run(scale.Options(clients=args.clients))
    if args.benchmark == "replicas":
        return await replicas.run(
            replicas.Options(clients=args.clients, actions=args.actions, rounds=args.rounds)
        )
    if args.benchmark == "review":
        return await review.run(review.Options(weeks=args.weeks, database=args.database))
    if args.benchmark == "fairness":
        return await fairness.run(fairness.Options(burst=args.burst, rounds=args.rounds))
    if args.benchmark == "fanout":
        return await fanout.run(
            fanout_run.Options(
                clients=args.clients,
                limit=args.limit,
                database=args.database,
                dispatch_interval=args.dispatch_interval,
            )
        )
    figures = await throughput.run(_options(args))
    if args.benchmark is None:
        figures += await replicas.run(replicas.Options())
        figures += await fanout.run(fanout_run.Options())
        figures += await scale.run(scale.Options())
        figures += await review.run(review.Options())
        figures += await fairness.run(fairness.Options(rounds=1))
    return figures


def _options(args: argparse.Namespace) -> throughput.Options:
    if args.benchmark is None:  # everything: both databases, both echo variants
        return throughput.Options(databases=KINDS, concurrent_echo=True)
    return throughput.Options(
        clients=args.clients,
        actions=args.actions,
        scenarios=tuple(args.scenario),
        databases=KINDS if args.database == "both" else (args.database,),
        concurrent_echo=args.concurrent_echo,
        max_messages_per_second=args.max_messages_per_second,
    )


def main(argv: list[str] | None = None) -> int:
    """Run, print the table; exit 1 when a bot lost a reply or stored something wrong."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    started = time.monotonic()
    try:
        figures = asyncio.run(_run(args))
    except KeyboardInterrupt:
        print("interrupted; every bot process was stopped", file=sys.stderr)
        return 130
    print(table(figures))
    print(f"\n(the whole run took {time.monotonic() - started:.0f} s)")
    return 1 if any(_missed_zero_target(figure) for figure in figures) else 0


def _missed_zero_target(figure: Figure) -> bool:
    return figure.target == "0" and figure.value not in (None, 0)


if __name__ == "__main__":
    sys.exit(main())
