"""One client's updates in order; a busy client doesn't hold up the others."""

from __future__ import annotations

import asyncio
import time

from telegram import Update

from handlers.ordering import PerClientOrder, SenderRate


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


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_sender_who_waits_for_each_reply_is_never_counted():
    rate = SenderRate(most=3, window=10.0, clock=FakeClock())
    assert all(rate.let_in(7, in_hand=0) for _ in range(100))


def test_a_burst_is_let_in_up_to_its_size_then_at_its_rate():
    clock = FakeClock()
    rate = SenderRate(most=20, window=10.0, clock=clock)
    let_in = [rate.let_in(7, in_hand=1) for _ in range(100)]
    assert let_in == [True] * 20 + [False] * 80
    assert rate.let_in(8, in_hand=1)  # someone else is not held to it
    clock.now += 1.0  # two more a second
    assert [rate.let_in(7, in_hand=1) for _ in range(3)] == [True, True, False]


def test_a_sender_is_warned_once_per_window():
    clock = FakeClock()
    rate = SenderRate(most=20, window=10.0, clock=clock)
    assert [rate.first_warning(7) for _ in range(5)] == [True] + [False] * 4
    clock.now += 10.0
    assert rate.first_warning(7)


def test_a_sender_with_a_full_queue_of_replies_is_turned_away():
    rate = SenderRate(most=20, window=10.0, clock=FakeClock())
    rate.queued = lambda sender: 20 if sender == 7 else 0
    assert not rate.let_in(7, in_hand=0)
    assert rate.let_in(8, in_hand=0)


async def test_a_burst_is_turned_away_at_the_door_and_warned_once_in_turn():
    processor = PerClientOrder(max_concurrent_updates=8, rate=SenderRate(most=5))
    seen: list[str] = []
    processor.turned_away = lambda update, warn: seen.append(f"away {update.update_id} {warn}")

    async def handle(n: int) -> None:
        await asyncio.sleep(0.01)
        seen.append(f"handled {n}")

    await asyncio.gather(
        *(processor.process_update(update_from(7, n), handle(n)) for n in range(20))
    )
    # The first is let in free (nothing in hand), then a burst of 5; the warning comes
    # after what was kept, the other 13 are turned away without a word.
    handled = [line for line in seen if line.startswith("handled")]
    assert handled == [f"handled {n}" for n in range(6)]
    assert seen.count("away 6 True") == 1
    assert seen.index("away 6 True") > seen.index("handled 5")
    assert len([line for line in seen if line.endswith("False")]) == 13
