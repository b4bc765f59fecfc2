"""The corpus of realistic updates (tests/e2e/corpus/*.json), ready to replay.

Each file holds entries `{"name", "update", "also_in"?}`, written from the Bot API's object
definitions. Updates are written as they would arrive in the client's private chat; an entry
with `also_in` is replayed in those group chats too, with the chat and the sender swapped
for a group and one of its members. The bot user the corpus names stands for the running
emulator's bot.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).parent / "corpus"

CLIENT_ID = 5550173921
CLIENT = {
    "id": CLIENT_ID,
    "is_bot": False,
    "first_name": "Mira",
    "last_name": "Kovač",
    "username": "mira_k",
    "language_code": "en",
}
CLIENT_CHAT = {
    "id": CLIENT_ID,
    "first_name": "Mira",
    "last_name": "Kovač",
    "username": "mira_k",
    "type": "private",
}
CORPUS_BOT = {
    "id": 7123456789,
    "is_bot": True,
    "first_name": "Reflection",
    "username": "reflection_test_bot",
}
# Where `also_in` puts an update: the chat, and who speaks there instead of the client.
GROUP_MEMBER = {"id": 6030495867, "is_bot": False, "first_name": "Theo", "language_code": "en"}
GROUP_CHATS = {
    "group": {"id": -4012345678, "title": "Therapy buddies", "type": "group"},
    "supergroup": {"id": -1001987654321, "title": "Peer support circle", "type": "supergroup"},
}


@dataclass(frozen=True)
class Case:
    """One update to replay, named for a failure message."""

    name: str
    update: dict[str, Any]

    @property
    def kind(self) -> str:
        """The update's type: its only key besides update_id."""
        return next(key for key in self.update if key != "update_id")


def entries() -> list[tuple[str, dict[str, Any]]]:
    """Every entry of every corpus file, with the file it came from."""
    found: list[tuple[str, dict[str, Any]]] = []
    for path in sorted(CORPUS.glob("*.json")):
        for entry in json.loads(path.read_text(encoding="utf-8")):
            found.append((path.name, entry))
    return found


def cases(bot_user: dict[str, Any] | None = None) -> list[Case]:
    """Every update to replay: each as written, then in each chat of its `also_in`."""
    found: list[Case] = []
    for file_name, entry in entries():
        update = entry["update"]
        if bot_user is not None:
            update = _swap(update, {_key(CORPUS_BOT): bot_user})
        name = f"{file_name}: {entry['name']}"
        found.append(Case(name, update))
        for chat_kind in entry.get("also_in", []):
            chat = GROUP_CHATS[chat_kind]
            swapped = _swap(update, {_key(CLIENT_CHAT): chat, _key(CLIENT): GROUP_MEMBER})
            found.append(Case(f"{name} (in a {chat_kind})", _fresh_ids(swapped, chat_kind)))
    return found


def _key(value: dict[str, Any]) -> str:
    return json.dumps(value, sort_keys=True)


def _swap(value: Any, replacements: dict[str, dict[str, Any]]) -> Any:
    """A deep copy with every object equal to a key replaced by its counterpart."""
    if isinstance(value, dict):
        replacement = replacements.get(_key(value))
        if replacement is not None:
            return copy.deepcopy(replacement)
        return {key: _swap(item, replacements) for key, item in value.items()}
    if isinstance(value, list):
        return [_swap(item, replacements) for item in value]
    return value


def _fresh_ids(update: dict[str, Any], suffix: str) -> dict[str, Any]:
    """Callback query ids are unique in Telegram; a copy in a group gets its own."""
    query = update.get("callback_query")
    if isinstance(query, dict):
        query["id"] = f"{query['id']}-{suffix}"
    return update


def case_named(name: str, bot_user: dict[str, Any]) -> dict[str, Any]:
    """The update of the corpus case called `name` (file name included)."""
    return next(case.update for case in cases(bot_user) if case.name == name)
