"""Plain records the driver exposes: bot messages, API calls, uploaded files, callbacks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Button = tuple[str, str | None]


@dataclass
class UploadedFile:
    """A file the bot sent, as bytes (None when the bot sent a URL or unknown file_id)."""

    data: bytes | None
    filename: str | None = None
    mime_type: str | None = None
    url: str | None = None


@dataclass
class ApiCall:
    """One Bot API request the bot made and what the emulator answered."""

    method: str
    params: dict[str, Any]
    status: int
    at: float
    response: dict[str, Any]
    files: dict[str, UploadedFile] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether the call succeeded."""
        return self.status == 200

    @property
    def description(self) -> str | None:
        """Telegram's error description for a failed call."""
        value = self.response.get("description")
        return value if isinstance(value, str) else None


@dataclass
class AnsweredCallback:
    """An answerCallbackQuery the bot made."""

    callback_query_id: str
    text: str | None
    show_alert: bool
    url: str | None
    chat_id: int | None
    message_id: int | None
    data: str | None


def inline_buttons(reply_markup: dict[str, Any] | None) -> list[list[Button]]:
    """Rows of (text, callback_data) from an inline keyboard; empty for anything else."""
    if not reply_markup:
        return []
    rows = reply_markup.get("inline_keyboard") or []
    return [[(str(b.get("text", "")), b.get("callback_data")) for b in row] for row in rows]


@dataclass
class SentMessage:
    """A message the bot sent, kept in sync with later edits."""

    message_id: int
    chat_id: int
    method: str
    text: str | None
    plain_text: str | None
    parse_mode: str | None
    buttons: list[list[Button]]
    raw: dict[str, Any]
    caption: str | None = None
    file: bytes | None = None
    filename: str | None = None
    mime_type: str | None = None
    edits: int = 0
    deleted: bool = False
    reply_markup: dict[str, Any] | None = None

    @property
    def button_labels(self) -> list[str]:
        """Every button text, row by row."""
        return [label for row in self.buttons for label, _ in row]

    def button_data(self, label_substring: str) -> str:
        """callback_data of the first button whose text contains `label_substring`."""
        needle = label_substring.casefold()
        for row in self.buttons:
            for label, data in row:
                if needle in label.casefold() and data is not None:
                    return data
        raise LookupError(
            f"no callback button containing {label_substring!r} in message "
            f"{self.message_id} of chat {self.chat_id}; buttons: {self.button_labels}"
        )

    def has_callback(self, data: str) -> bool:
        """Whether some button of this message carries `data`."""
        return any(d == data for row in self.buttons for _, d in row)
