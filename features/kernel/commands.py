"""The commands a client can send: one list for the menu, /help and the handlers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CommandInfo:
    """A command's name and the catalogue id of its one-line description."""

    name: str
    description: str


COMMANDS: tuple[CommandInfo, ...] = (
    CommandInfo("reflect", "command.reflect"),
    CommandInfo("summary", "command.summary"),
    CommandInfo("note", "command.note"),
    CommandInfo("fit", "command.fit"),
    CommandInfo("goals", "command.goals"),
    CommandInfo("questions", "command.questions"),
    CommandInfo("schedule", "command.schedule"),
    CommandInfo("skip", "command.skip"),
    CommandInfo("pause", "command.pause"),
    CommandInfo("resume", "command.resume"),
    CommandInfo("start", "command.start"),
    CommandInfo("timezone", "command.timezone"),
    CommandInfo("country", "command.country"),
    CommandInfo("export", "command.export"),
    CommandInfo("privacy", "command.privacy"),
    CommandInfo("delete", "command.delete"),
    CommandInfo("help", "command.help"),
    CommandInfo("urgent", "command.urgent"),
    CommandInfo("safetyplan", "command.safetyplan"),
    CommandInfo("cancel", "command.cancel"),
)

COMMAND_NAMES: frozenset[str] = frozenset(command.name for command in COMMANDS)
