"""A local Telegram Bot API emulator with an async driver for end-to-end bot tests."""

from emulator.driver import Emulator
from emulator.errors import NoMessageError, UnexpectedMessageError
from emulator.flood import FloodLimit
from emulator.models import AnsweredCallback, ApiCall, SentMessage, UploadedFile
from emulator.webhooks import Delivery

__all__ = [
    "AnsweredCallback",
    "ApiCall",
    "Delivery",
    "Emulator",
    "FloodLimit",
    "NoMessageError",
    "SentMessage",
    "UnexpectedMessageError",
    "UploadedFile",
]
