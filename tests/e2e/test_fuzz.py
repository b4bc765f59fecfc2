"""Hostile and odd input: thousands of generated updates of every kind through the running
bot, which must handle every one, in turn, without an unhandled failure.

Hypothesis draws the updates, BURST to an example; the emulator and the real `python -m bot`
run on an event loop in a background thread, so the examples can be sent from
hypothesis's synchronous test body. FUZZ_UPDATES sets about how many (default 10,000).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from emulator import Emulator
from tests.support.databases import fresh_postgres_database
from tests.support.process import BotProcess

UPDATES = int(os.environ.get("FUZZ_UPDATES", "10000"))
# Updates sent together, then all handled before the next burst: the bot's polling
# acknowledges a batch a fraction of a second after its last turn, so one at a time would
# spend most of the run waiting for that.
BURST = 20
# Seconds a burst may take to be handled; far above its turns, however slow the machine.
HANDLED_WITHIN = 60.0
USERS = [1001, 1002, 1003]
GROUP, CHANNEL = -100500, -100900
COMMANDS = [
    "/start", "/start welcome", "/help", "/cancel", "/reflect", "/goals", "/questions",
    "/schedule", "/skip", "/pause", "/resume", "/timezone", "/privacy", "/urgent", "/delete",
    "/summary", "/fit", "/x", "/start@reflection_test_bot", "/" + "a" * 40,
]  # fmt: skip
BUTTONS = [
    "r:1:0:7", "r:1:0:next", "r:1:1:back", "r:1:3:skip", "r:9:9:9", "rs:1:go", "rs:1:new",
    "rr:1:add", "g:add", "g:edit", "g:retire:1", "qs:t:heard", "qs:add", "qs:r:1", "sd:1",
    "sd:done", "sd:later", "st:17:00", "sl:50", "sf:1", "sc:edit", "sc:delay:60", "sc:extra",
    "p:1:start", "p:1:later", "p:1:snooze:2", "p:1:skip", "tz:Europe/Berlin", "tz:-",
    "del:no", "f:1:0:a", "f:1:1:yes", "f:1:0:back", "f:1:0:skip", "fo:1:seeing",
    "fo:1:looking", "fo:1:go", "fo:1:top", "", "\u202e", "' OR 1=1 --", "<b>x</b>",
]  # fmt: skip
ODD_TEXT = st.one_of(
    st.text(max_size=200),
    st.text(alphabet="\u202e\u200b\u200f\u2066\ufeff <>&\"'\\;-", max_size=50),
    st.sampled_from(
        ["Berlin", "17:00", "5pm", "7", "Thursday 10:00", "I want to die", "<script>", "&amp;",
         "'); DROP TABLE answers; --", "\U0001f600" * 30, "x" * 4096, "مرحبا بالعالم"]
    ),
)  # fmt: skip


def _person(user: int) -> dict[str, Any]:
    return {"id": user, "is_bot": False, "first_name": "Fuzz", "language_code": "en"}


def _chat(kind: str, user: int) -> dict[str, Any]:
    if kind == "private":
        return {"id": user, "type": "private", "first_name": "Fuzz"}
    if kind == "channel":
        return {"id": CHANNEL, "type": "channel", "title": "C"}
    return {"id": GROUP, "type": kind, "title": "G"}


@st.composite
def updates(draw: st.DrawFn) -> dict[str, Any]:
    user = draw(st.sampled_from(USERS))
    kind = draw(st.sampled_from(["private"] * 6 + ["group", "supergroup", "channel"]))
    chat = _chat(kind, user)
    message: dict[str, Any] = {"message_id": draw(st.integers(1, 10**6)), "date": 0, "chat": chat}
    if kind != "channel":
        message["from"] = _person(user)
    body = draw(st.sampled_from(["text", "command", "media", "service", "forward", "reply"]))
    if body == "command":
        text = draw(st.sampled_from(COMMANDS))
        command = text.split(" ")[0]
        message["text"] = text
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    elif body == "media":
        media = draw(
            st.sampled_from(
                ["sticker", "photo", "voice", "location", "contact", "dice", "document"]
            )
        )
        message.update(_media(media))
        message["media_group_id"] = draw(st.sampled_from([None, "g1"])) or None
    elif body == "service":
        message["new_chat_title"] = "renamed"
    else:
        message["text"] = draw(ODD_TEXT) or "."
        if body == "forward":
            message["forward_origin"] = {
                "type": "hidden_user",
                "sender_user_name": "Someone",
                "date": 0,
            }
        if body == "reply":
            message["reply_to_message"] = {"message_id": 1, "date": 0, "chat": chat, "text": "q"}
    message = {k: v for k, v in message.items() if v is not None}
    shape = draw(
        st.sampled_from(["message"] * 5 + ["edited_message", "callback", "member", "channel_post"])
    )
    if shape == "callback":
        return {
            "callback_query": {
                "id": str(draw(st.integers(1, 10**9))),
                "from": _person(user),
                "chat_instance": "ci",
                "data": draw(st.sampled_from(BUTTONS)) or draw(st.text(max_size=64)) or "x",
                **({"message": {"message_id": 1, "date": 0, "chat": chat, "text": "b"}}
                   if draw(st.booleans()) else {"inline_message_id": "im"}),
            }
        }  # fmt: skip
    if shape == "member":
        status = draw(st.sampled_from(["member", "kicked", "left", "administrator"]))
        member: dict[str, Any] = {
            "user": {"id": 42, "is_bot": True, "first_name": "Bot"},
            "status": status,
        }
        if status == "kicked":
            member["until_date"] = 0
        if status == "administrator":
            member.update(_admin_rights())
        old = {"user": member["user"], "status": "left"}
        return {
            "my_chat_member": {
                "chat": chat,
                "from": _person(user),
                "date": 0,
                "old_chat_member": old,
                "new_chat_member": member,
            }
        }
    if shape == "channel_post":
        return {"channel_post": {**message, "chat": _chat("channel", user)}}
    if shape == "edited_message":
        message["edit_date"] = 1
        message.setdefault("text", "edited")
        return {"edited_message": message}
    return {"message": message}


def _media(kind: str) -> dict[str, Any]:
    file = {"file_id": "f", "file_unique_id": "u"}
    return {
        "sticker": {
            "sticker": {
                **file,
                "type": "regular",
                "width": 1,
                "height": 1,
                "is_animated": False,
                "is_video": False,
            }
        },
        "photo": {"photo": [{**file, "width": 1, "height": 1}]},
        "voice": {"voice": {**file, "duration": 1}},
        "location": {"location": {"latitude": 52.5, "longitude": 13.4}},
        "contact": {"contact": {"phone_number": "+49", "first_name": "X"}},
        "dice": {"dice": {"emoji": "\U0001f3b2", "value": 3}},
        "document": {"document": {**file, "file_name": "<x>.pdf"}},
    }[kind]


def _admin_rights() -> dict[str, Any]:
    rights = [
        "can_be_edited", "is_anonymous", "can_manage_chat", "can_delete_messages",
        "can_manage_video_chats", "can_restrict_members", "can_promote_members",
        "can_change_info", "can_invite_users", "can_post_stories", "can_edit_stories",
        "can_delete_stories",
    ]  # fmt: skip
    return dict.fromkeys(rights, False)


class Running:
    """The emulator and the bot on an event loop in a background thread."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.databases = contextlib.AsyncExitStack()
        self.emulator = self.call(self._start_emulator())
        self.bot: BotProcess | None = None

    def start(self, database: str) -> None:
        """The bot on a fresh database of this kind ("sqlite" or "postgresql")."""
        if database == "sqlite":
            url = f"sqlite+aiosqlite:///{self.workdir / 'bot.sqlite3'}"
        else:
            url = self.call(self.databases.enter_async_context(fresh_postgres_database()))
        env = {"TELEGRAM_MAX_MESSAGES_PER_SECOND": "5000", "LOG_LEVEL": "INFO"}
        self.bot = BotProcess(self.emulator, self.workdir, url, extra_env=env)
        self.call(self.bot.start())

    async def _start_emulator(self) -> Emulator:
        emulator = Emulator(bot_username="reflection_test_bot")
        await emulator.start()
        return emulator

    def call(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=120)

    def stop(self) -> None:
        if self.bot is not None and self.bot.process is not None:
            self.call(self.bot.stop())
        self.call(self.emulator.stop())
        self.call(self.databases.aclose())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)


@pytest.fixture(params=["sqlite", "postgresql"])
def running(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Running]:
    world = Running(tmp_path)
    try:
        world.start(request.param)
        yield world
    finally:
        world.stop()


def test_every_generated_update_is_handled_without_an_unhandled_failure(running: Running):
    """Each burst of updates must be handled (acknowledged: the bot's polling acknowledges
    an update only once its turn is over) before the next is drawn."""
    bot = running.bot
    assert bot is not None
    handled = 0

    @settings(
        max_examples=max(1, UPDATES // BURST),
        deadline=None,
        database=None,
        # Shrinking would replay updates into a bot whose state the failure already changed.
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(burst=st.lists(updates(), min_size=BURST, max_size=BURST))
    def handled_in_turn(burst: list[dict[str, Any]]) -> None:
        nonlocal handled
        for update in burst:
            running.call(running.emulator.send_update(update))
        deadline = time.monotonic() + HANDLED_WITHIN
        while running.emulator.pending_updates():
            assert bot.process is not None and bot.process.returncode is None, (
                f"the bot exited:\n{bot.log[-3000:]}"
            )
            assert time.monotonic() < deadline, "the bot stopped taking updates"
            time.sleep(0.005)
        handled += len(burst)

    handled_in_turn()
    print(f"\n{handled} updates handled")
    assert handled > 0
    running.call(bot.stop())
    log = bot.log
    failures = [line for line in log.splitlines() if "failed:" in line or "Error" in line]
    assert not failures, "\n".join(failures[:20])
    assert "Traceback" not in log
