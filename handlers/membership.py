"""Blocked and unblocked: a client who blocks the bot is not prompted until they return."""

from __future__ import annotations

import logging

from telegram import ChatMember, Update

from handlers.context import BotContext
from handlers.groups import point_to_private
from storage import clients

logger = logging.getLogger(__name__)


async def on_my_chat_member(update: Update, context: BotContext) -> None:
    """Track whether a client can be reached; in a group, say we only work in private."""
    change = update.my_chat_member
    if change is None:
        return
    status = change.new_chat_member.status
    gone = (ChatMember.BANNED, ChatMember.LEFT)
    if change.chat.type == change.chat.PRIVATE:
        active = status not in gone
        async with context.database.transaction() as session:
            known = await clients.set_active(session=session, user_id=change.chat.id, active=active)
        if known:  # someone who never became a client leaves no trace, not even here
            what = "unblocked" if active else "blocked"
            logger.info("Client %s %s the bot", context.client_tag(change.chat.id), what)
        return
    # Said in groups only (in a channel it would be a public post), and only on joining:
    # being made an admin later is no reason to say it again.
    is_group = change.chat.type in (change.chat.GROUP, change.chat.SUPERGROUP)
    joined = change.old_chat_member.status in gone
    if is_group and joined and status in (ChatMember.MEMBER, ChatMember.ADMINISTRATOR):
        # In the background: a group's send limit must not hold up anyone's updates.
        # In the language of whoever added the bot.
        language = change.from_user.language_code if change.from_user else None
        context.in_background(point_to_private(context, change.chat.id, language))
