"""The English catalogue and the command menu, as a client reads them: every text id and its
words, and the menu in the order Telegram shows it and /help prints it. Restructuring where
texts live must change none of it; a text changed on purpose is changed in the fixture too."""

from __future__ import annotations

import json
from pathlib import Path

from features import router
from features.kernel.texts import CATALOGUE, command_list, render

FIXTURE = Path(__file__).with_name("catalogue_en.json")


def _snapshot() -> dict[str, object]:
    loaded: dict[str, object] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return loaded


def test_the_merged_catalogue_holds_every_text_word_for_word():
    assert CATALOGUE["en"] == _snapshot()["catalogue"]


def test_the_command_menu_keeps_its_order_and_descriptions():
    menu = [[command.name, command.description] for command in router.MENU]
    assert menu == _snapshot()["menu"]


def test_help_lists_the_commands_in_menu_order():
    lines = command_list().splitlines()
    assert [line.split(" - ")[0] for line in lines] == [
        f"/{name}"
        for name, _ in _snapshot()["menu"]  # type: ignore[attr-defined]
    ]
    assert "/reflect - " in render("help")
