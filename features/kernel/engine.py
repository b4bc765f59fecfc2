"""One turn of a client's conversation, inside its transaction: the client locked (met at
the door, or created, the first time), the update checked against those already handled,
then what the step needs loaded, the step, each change it made stored by its feature's
store function, and the new state saved, all to commit together.

The engine knows no feature and no Telegram: how to load, step and store is given to it
(`Engine`), and so is who may come in (`Door`). Sending the replies is the caller's, after
the commit (handlers/turn.py).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from features.kernel.feature import TurnNeedsFn
from features.kernel.store import Store, StoreContext
from features.kernel.vocabulary import (
    SEALED,
    Change,
    Client,
    Event,
    Facts,
    Outcome,
    State,
    Step,
)
from storage import clients
from storage.models import FlowState, User

logger = logging.getLogger(__name__)

StepFn = Callable[[State, Event, Facts], Outcome]
# Who may come in, given their row (None: someone the bot keeps nothing about): None, in as
# they are; an admission ("listed", "invite:<hash>", "open"), let in with it (created the
# first time); or an outcome to answer with, nothing stored.
Door = Callable[[User | None], str | Outcome | None]


@dataclass(frozen=True, slots=True)
class Engine:
    """What a turn is run with: what it needs loaded, how to step and store, the clock,
    and what every turn is given rather than loads (crisis data), keyed by type."""

    needs: TurnNeedsFn
    step: StepFn
    store: Store
    clock: Callable[[], datetime]
    given: tuple[object, ...] = ()


@dataclass(frozen=True, slots=True)
class Sender:
    """Who sent an update: their Telegram id, their private chat, their language tag."""

    user_id: int
    chat_id: int
    language: str | None


async def run_turn(
    session: AsyncSession,
    engine: Engine,
    sender: Sender,
    update_id: int,
    event: Event,
    door: Door,
) -> tuple[Outcome | None, str]:
    """The turn in the caller's transaction, and the client's language. None for the
    outcome: this update was handled (and committed) before, and changes nothing now."""
    found = await clients.lock_client_with_flow(session=session, user_id=sender.user_id)
    client, stored = found if found is not None else (None, None)
    if client is None:
        client = await clients.lock_user(session=session, user_id=sender.user_id)
    admitted = door(client)
    if isinstance(admitted, Outcome):
        # Someone the bot keeps nothing about is refused in their Telegram's language.
        return admitted, client.language if client is not None else (sender.language or "en")
    if admitted is not None:
        client = await clients.get_or_create_user(
            session=session,
            user_id=sender.user_id,
            chat_id=sender.chat_id,
            language=sender.language,
            admission=admitted,
        )
        client.admission = admitted  # let back in by a code still offered
    assert client is not None, "the door let in someone the bot keeps nothing about"
    clients.reactivate(session=session, user=client, chat_id=sender.chat_id)
    if stored is None:  # their first turn
        stored = await clients.load_flow(session=session, user_id=sender.user_id)
    if clients.already_handled(stored, update_id):
        return None, client.language
    outcome = await step_and_store(session, engine, client, stored, event, update_id)
    return outcome, client.language


async def step_and_store(
    session: AsyncSession,
    engine: Engine,
    client: User,
    stored: FlowState,
    event: Event,
    update_id: int,
) -> Outcome:
    """Step the client's flow, store its changes and the new state, in the caller's
    transaction."""
    now = engine.clock()
    state = state_of(stored)
    facts = await load(session, engine, client, state, event, now)
    outcome = engine.step(state, event, facts)
    # The event's kind and the steps only: never the event itself, which holds the text.
    logger.debug("%s: %s -> %s", type(event).__name__, state.step, outcome.state.step)
    ctx = StoreContext(session, client, now)
    for effect in outcome.effects:
        if isinstance(effect, Change):
            await _handler(engine.store, effect)(effect, ctx)
        if ctx.erased:
            # The client and their flow row are gone; saving the state would bring one back.
            session.expunge_all()
            return outcome
    data = dict(outcome.state.data)
    sealed = data.pop(SEALED, None)
    await clients.save_flow(
        session=session,
        flow=stored,
        step=outcome.state.step.value,
        data=data,
        update_id=update_id,
        sealed=sealed if isinstance(sealed, str) else None,
    )
    return outcome


def client_of(user: User) -> Client:
    """The flows' view of a client's profile."""
    return Client(
        time_zone=user.time_zone,
        language=user.language,
        disabled_questions=frozenset(user.disabled_questions),
        country=user.country,
    )


async def load(
    session: AsyncSession, engine: Engine, client: User, state: State, event: Event, now: datetime
) -> Facts:
    """The facts of the turn: the client, the time, what is given, and what the turn's
    steps declared they read, each loaded once, in the order declared."""
    facts = Facts(client_of(client), now).having(*engine.given)
    for need in engine.needs(state, event, facts):
        if need.key in facts.loaded:
            continue
        value = await need.load(session, client, state, event, facts)
        facts = replace(facts, loaded={**facts.loaded, need.key: value})
    return facts


def state_of(stored: FlowState) -> State:
    """The flow state from its row (with the words it holds, decrypted); a step this
    version doesn't know becomes idle."""
    data = dict(stored.data)
    if stored.sealed is not None:
        data[SEALED] = stored.sealed
    try:
        return State(Step(stored.step), data)
    except ValueError:
        logger.warning("Unknown flow step in the database; starting the client afresh")
        return State()


def _handler(store: Store, change: Change) -> Callable[..., Awaitable[None]]:
    handler = store.get(type(change))
    if handler is None:
        # Every change has its store function (tests/features/test_stores.py): a bug.
        raise LookupError(f"no store function for {type(change).__name__}")
    return handler
