"""One turn of a client's conversation: load, step, store, then reply.

The answer and the state that follows it are written in one transaction; messages go out
only after it commits. If the process dies in between, the client's next message finds the
stored state and the bot asks its question again: nothing is lost.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot import flow
from bot.context import BotContext
from bot.flow import Client, Effect, Event, Facts, Outcome, Reply, SaveTimeZone, State, Step
from bot.texts import plain, render
from handlers.keyboards import keyboard
from storage import repo
from storage.models import FlowState
from storage.types import utc_now

logger = logging.getLogger(__name__)


async def take_turn(update: Update, context: BotContext, event: Event) -> None:
    """Step the client's flow with `event`, store the outcome, then send the replies."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    async with context.sessions() as session, session.begin():
        client = await repo.get_or_create_user(
            session=session, user_id=user.id, chat_id=chat.id, language=user.language_code
        )
        stored = await repo.load_flow(session=session, user_id=user.id)
        state = state_of(stored)
        facts = Facts(Client(time_zone=client.time_zone, language=client.language), utc_now())
        outcome = flow.step(state, event, facts)
        # The event's kind and the steps only: never the event itself, which holds the text.
        logger.debug("%s: %s -> %s", type(event).__name__, state.step, outcome.state.step)
        await _store(session, user.id, stored, state, outcome)
        language = client.language
    await deliver(update, context, outcome.effects, language)


def state_of(stored: FlowState) -> State:
    """The flow state from its row; a step this version doesn't know becomes idle."""
    try:
        return State(Step(stored.step), stored.data)
    except ValueError:
        logger.warning("Unknown flow step in the database; starting the client afresh")
        return State()


async def _store(
    session: AsyncSession, user_id: int, stored: FlowState, before: State, outcome: Outcome
) -> None:
    for effect in outcome.effects:
        if isinstance(effect, SaveTimeZone):
            await repo.set_time_zone(session=session, user_id=user_id, time_zone=effect.time_zone)
    if outcome.state != before or stored.version == 0:
        await repo.save_flow(
            session=session,
            flow=stored,
            step=outcome.state.step.value,
            data=dict(outcome.state.data),
        )


async def deliver(
    update: Update, context: BotContext, effects: Iterable[Effect], language: str
) -> None:
    """Answer a pressed button (with its toast, if any), then send the replies in order."""
    effects = tuple(effects)
    query = update.callback_query
    if query is not None:
        toast = next((e for e in effects if isinstance(e, flow.Toast)), None)
        await query.answer(plain(toast.text, language) if toast else None)
        await _drop_keyboard(update)
    chat = update.effective_chat
    if chat is None:
        return
    for effect in effects:
        if isinstance(effect, Reply):
            await context.bot.send_message(
                chat.id,
                render(effect.text, language, **effect.args),
                parse_mode=ParseMode.HTML,
                reply_markup=keyboard(effect.buttons, language),
            )


async def _drop_keyboard(update: Update) -> None:
    """Take the buttons off a message once one is pressed, so it can't be pressed twice."""
    message = update.callback_query.message if update.callback_query else None
    if message is None or not hasattr(message, "reply_markup") or message.reply_markup is None:
        return
    # BadRequest: already gone (a second quick press) or too old to edit; nothing to do.
    with contextlib.suppress(BadRequest):
        await update.callback_query.edit_message_reply_markup(reply_markup=None)  # type: ignore[union-attr]
