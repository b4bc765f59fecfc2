"""Run the emulator standalone: `python -m emulator --port 8081`."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal

from emulator.driver import Emulator


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m emulator", description=__doc__)
    parser.add_argument("--port", type=int, default=8081, help="TCP port on 127.0.0.1")
    parser.add_argument("--token", default=None, help="bot token to accept (default: random)")
    parser.add_argument("--bot-username", default="reflection_test_bot")
    parser.add_argument(
        "--user",
        type=int,
        action="append",
        default=[],
        help="user id that sends /start at startup, so its chat exists (repeatable)",
    )
    parser.add_argument(
        "--webhook-target",
        action="append",
        default=[],
        help="local URL to post updates to once the bot sets a webhook (repeatable: in turn)",
    )
    parser.add_argument("--log-level", default="INFO")
    return parser.parse_args()


async def _serve(args: argparse.Namespace) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    async with Emulator(
        token=args.token,
        bot_username=args.bot_username,
        port=args.port,
        webhook_targets=args.webhook_target,
    ) as emu:
        for user_id in args.user:
            await emu.send_text(user_id, "/start")
        # The CLI's output is the point here: where to connect and with which token.
        print(f"base_url: {emu.base_url}", flush=True)
        print(f"token:    {emu.token}", flush=True)
        print(f"try:      curl -s {emu.base_url}{emu.token}/getMe", flush=True)
        await stop.wait()


def main() -> None:
    """Parse arguments and serve until interrupted."""
    args = _parse_args()
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    asyncio.run(_serve(args))


if __name__ == "__main__":
    main()
