"""When handling an update fails: log it (never the client's text), tell the client kindly,
and repeat the question they were in the middle of, so they don't lose their place."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import Forbidden, TelegramError

from features import router
from features.kernel.engine import load, state_of
from features.kernel.texts import render
from features.kernel.vocabulary import Edited
from handlers.context import BotContext
from handlers.sending import retrying, send
from handlers.turn import DeliveryFailed, answer_press, turn_engine
from storage import clients
from storage.db import unwritable
from storage.models import FlowState
from storage.outage import DatabaseUnreachable

logger = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    """Log the failure by type and traceback only; apologise and re-ask in a private chat."""
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    unreachable = isinstance(error, DatabaseUnreachable)
    if unreachable:
        context.bot_data.metrics.database_error("unreachable")
    if not isinstance(update, Update) or update.effective_chat is None:
        if unreachable:
            return  # storage.db has said so once, with the cause; a job tries again itself
        logger.error("Background failure: %s", type(error).__name__, exc_info=error)
        return
    chat = update.effective_chat
    # In a private chat, whose client it was (a keyed hash); elsewhere, no one's.
    private = chat.type == chat.PRIVATE
    who = f"client {context.client_tag(chat.id)}" if private else "a group or channel"
    if isinstance(error, Forbidden):
        # The client blocked the bot; we will hear from my_chat_member too.
        logger.info("Update %s: %s can't be reached (%s)", update_id, who, error.message)
        return
    reason = unwritable(error) if error is not None else None
    if unreachable:
        # Not one line per update: storage.db logged the outage once, with its cause.
        logger.debug("Update %s of %s not stored: the database is down", update_id, who)
    elif reason is not None:
        # One line: the operator needs the cause (a full or read-only disk), not the frames.
        logger.error("Update %s of %s not stored: the database can't be written (%s)",
                     update_id, who, reason)  # fmt: skip
    else:
        logger.error("Update %s of %s failed: %s", update_id, who, type(error).__name__,
                     exc_info=error)  # fmt: skip
    if chat.type != chat.PRIVATE:
        return
    # After a failed delivery the turn was stored: "try again" would store it twice.
    apology = "error.delivery" if isinstance(error, DeliveryFailed) else "error"
    if reason is not None:
        apology = "error.storage"  # nothing was kept: they need to send it again, later
    if unreachable:
        apology = "error.unreachable"
    # The database may be what failed: the apology goes in the language Telegram says.
    user = update.effective_user
    language = (user.language_code if user else None) or "en"
    try:
        await answer_press(update)
        await retrying(
            lambda: context.bot.send_message(
                chat.id, render(apology, language), parse_mode=ParseMode.HTML
            )
        )
    except TelegramError as second:
        kind = type(second).__name__
        logger.warning("Could not tell %s about the failure: %s", who, kind)
    if unreachable:
        return  # the question is in the database, which isn't answering
    # The question again even if the apology didn't get through: that is what they need.
    try:
        await _ask_again(update, context)
    except TelegramError as second:
        logger.warning("Could not ask %s again: %s", who, type(second).__name__)
    except Exception:
        logger.exception("Could not re-ask after a failure")


async def _ask_again(update: Update, context: BotContext) -> None:
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    async with context.database.transaction() as session:
        client = await clients.get_user(session=session, user_id=user.id)
        if client is None:
            return
        stored = await session.get(FlowState, user.id)
        if stored is None:
            return
        state = state_of(stored)
        # What an edit of an earlier message reads: it is answered by asking again.
        engine = turn_engine(context.crisis, context.clock.now)
        facts = await load(session, engine, client, state, Edited(), context.clock.now())
    for reply in router.ask_again(state, facts):
        await send(context, chat.id, reply, client.language)
