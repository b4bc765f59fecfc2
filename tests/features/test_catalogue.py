"""The English catalogue and the command menu, as a client reads them: every text id and its
words, and the menu in the order Telegram shows it and /help prints it. Restructuring where
texts live must change none of it; a text changed on purpose is changed in the fixture too:
`.venv/bin/python -m tests.features.test_catalogue` writes it again from the texts (a plural
text is written as its forms: {"one": ..., "other": ..., "count": ...})."""

from __future__ import annotations

import json
from pathlib import Path

from features import router
from features.kernel.texts import CATALOGUE, command_list, render
from features.kernel.vocabulary import Plural

FIXTURE = Path(__file__).with_name("catalogue_en.json")


def _snapshot() -> dict[str, object]:
    loaded: dict[str, object] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return loaded


def _english() -> dict[str, object]:
    return {
        key: {"one": text.one, "other": text.other, "count": text.count}
        if isinstance(text, Plural)
        else text
        for key, text in sorted(CATALOGUE["en"].items())
    }


def _write() -> None:
    menu = [[command.name, command.description] for command in router.MENU]
    snapshot = {"catalogue": _english(), "menu": menu}
    FIXTURE.write_text(json.dumps(snapshot, indent=1, ensure_ascii=False) + "\n", "utf-8")


def test_the_merged_catalogue_holds_every_text_word_for_word():
    assert _english() == _snapshot()["catalogue"]


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


if __name__ == "__main__":
    _write()
