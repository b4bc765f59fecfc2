"""`python -m benchmarks.getupdates`: what one getUpdates costs the bot's process, through
PTB's default request (httpx), through httpx with `sniffio` missing (httpcore then fails an
import on every call), and through the bot's own aiohttp request (handlers.http).

The emulator runs in a process of its own, so the CPU figures are the client's alone. Each
call is `timeout=0` on an empty queue: what is measured is the request, not a wait.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.abc
import importlib.machinery
import secrets
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator, Sequence
from types import ModuleType

from telegram import Bot
from telegram.request import BaseRequest, HTTPXRequest
from telegram.warnings import PTBUserWarning

from handlers.http import AiohttpRequest

# As handlers.polling does: it calls getUpdates this way on purpose.
warnings.filterwarnings(
    "ignore", message=".*Bot.getUpdates.*do_api_request", category=PTBUserWarning
)
TOKEN = "123456789:" + "".join(secrets.choice("ABCDEFGHabcdefgh0123456789") for _ in range(35))


class _Missing(importlib.abc.MetaPathFinder):
    """`import sniffio` fails as it would were it not installed: after a search of
    sys.path for it (the cost of a failed import, paid again on every call)."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> None:
        if fullname == "sniffio":
            importlib.machinery.PathFinder.find_spec("sniffio_not_installed")
            raise ModuleNotFoundError("No module named 'sniffio'", name="sniffio")
        return None


@contextlib.contextmanager
def _sniffio_missing() -> Iterator[None]:
    saved = sys.modules.pop("sniffio", None)
    finder = _Missing()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
        if saved is not None:
            sys.modules["sniffio"] = saved


async def _per_call(base_url: str, request: BaseRequest, calls: int) -> tuple[float, float]:
    """CPU and wall milliseconds per getUpdates through `request`."""
    bot = Bot(TOKEN, base_url=base_url, request=AiohttpRequest(), get_updates_request=request)
    async with bot:
        for _ in range(50):  # connections opened, code warm
            await bot.do_api_request("getUpdates", api_kwargs={"timeout": 0})
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in range(calls):
            await bot.do_api_request("getUpdates", api_kwargs={"timeout": 0})
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return cpu / calls * 1000, wall / calls * 1000


async def _measure(base_url: str, calls: int, rounds: int) -> dict[str, list[tuple[float, float]]]:
    figures: dict[str, list[tuple[float, float]]] = {}
    for _ in range(rounds):  # alternated, so a busy moment of the machine hits each alike
        figures.setdefault("aiohttp (handlers.http)", []).append(
            await _per_call(base_url, AiohttpRequest(connection_pool_size=2), calls)
        )
        figures.setdefault("httpx (PTB's default)", []).append(
            await _per_call(base_url, HTTPXRequest(), calls)
        )
        with _sniffio_missing():
            figures.setdefault("httpx, sniffio missing", []).append(
                await _per_call(base_url, HTTPXRequest(), calls)
            )
    return figures


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.getupdates", description=__doc__)
    parser.add_argument("--calls", type=int, default=2000, help="per round; default: %(default)s")
    parser.add_argument("--rounds", type=int, default=3, help="default: %(default)s")
    args = parser.parse_args(argv)
    port = _free_port()
    emulator = subprocess.Popen(
        [sys.executable, "-m", "emulator", "--port", str(port), "--token", TOKEN,
         "--log-level", "WARNING"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert emulator.stdout is not None
        base_url = emulator.stdout.readline().split()[-1]  # "base_url: http://..."
        figures = asyncio.run(_measure(base_url, args.calls, args.rounds))
    finally:
        emulator.terminate()
        emulator.wait(timeout=10)
    print(f"getUpdates, {args.calls} calls a round, {args.rounds} rounds (median of rounds)")
    print(f"{'request':<26} {'CPU ms/call':>12} {'wall ms/call':>13}")
    for name, rounds in figures.items():
        cpu = sorted(c for c, _ in rounds)[len(rounds) // 2]
        wall = sorted(w for _, w in rounds)[len(rounds) // 2]
        print(f"{name:<26} {cpu:>12.3f} {wall:>13.3f}")


if __name__ == "__main__":
    main()
