"""Emulated Bot API methods; importing the modules registers them."""

from emulator.methods import media, messages, misc, polling
from emulator.methods.registry import Handler, canonical, lookup

__all__ = ["Handler", "canonical", "lookup", "media", "messages", "misc", "polling"]
