"""One client's updates in order; a busy client doesn't hold up the others."""

from __future__ import annotations

import asyncio
import time

from telegram import Update

from bot.ordering import PerClientOrder


def update_from(user_id: int, update_id: int) -> Update:
    return Update.de_json(
        {
            "update_id": update_id,
            "message": {
                "message_id": update_id,
                "date": 0,
                "chat": {"id": user_id, "type": "private"},
                "from": {"id": user_id, "is_bot": False, "first_name": "A"},
                "text": "x",
            },
        },
        None,
    )


async def test_one_clients_updates_run_in_arrival_order_and_never_overlap():
    processor = PerClientOrder(max_concurrent_updates=8)
    seen: list[int] = []
    running = 0

    async def handle(n: int) -> None:
        nonlocal running
        running += 1
        assert running == 1, "two updates of one client overlapped"
        await asyncio.sleep(0.001 * (n % 3))
        seen.append(n)
        running -= 1

    await asyncio.gather(
        *(processor.process_update(update_from(7, n), handle(n)) for n in range(30))
    )
    assert seen == list(range(30))


async def test_a_client_with_many_queued_updates_does_not_starve_another():
    processor = PerClientOrder(max_concurrent_updates=4)
    finished: dict[str, float] = {}
    start = time.monotonic()

    async def slow(_: int) -> None:
        await asyncio.sleep(0.05)

    async def quick() -> None:
        finished["other client"] = time.monotonic() - start

    busy = [processor.process_update(update_from(1, n), slow(n)) for n in range(20)]
    await asyncio.gather(*busy, processor.process_update(update_from(2, 100), quick()))
    # The busy client's 20 updates take a second in all; the other's must not wait for them.
    assert finished["other client"] < 0.3


async def test_different_clients_run_concurrently():
    processor = PerClientOrder(max_concurrent_updates=16)
    start = time.monotonic()

    async def wait() -> None:
        await asyncio.sleep(0.2)

    await asyncio.gather(*(processor.process_update(update_from(u, u), wait()) for u in range(10)))
    assert time.monotonic() - start < 1.0  # 10 x 0.2 s would be 2 s if run one by one
