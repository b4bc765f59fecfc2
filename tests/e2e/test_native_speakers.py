"""A client whose Telegram is in German, Spanish, French or Russian uses the bot through the
real process with the shipped catalogues: welcomed in their language, they type their city
and their sessions as a native speaker would, reflect after a session, read /summary,
/note and /progress, and words of danger in their language bring their country's help. Not
a word of English on the way: every message, button and tap notice is checked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from emulator import Emulator, NoMessageError, SentMessage
from features.common.gazetteer import country_label
from features.kernel.texts import plain
from tests.support.clock import Clock
from tests.support.players import button
from tests.support.process import BotProcess

CLIENT = 1901

# Words any English sentence of the bot's would carry, and none of these four languages
# has ("note", "session" and "or" are French words, so they are not here).
_ENGLISH = frozenset(
    {
        "the", "you", "your", "and", "to", "of", "is", "for", "with", "what", "this", "that",
        "it", "my", "now", "here", "please", "skip", "later", "done", "kept", "today", "call",
        "free", "again", "how", "when", "would", "like", "session", "sessions",
    }
)  # fmt: skip
_WORD = re.compile(r"[A-Za-z']+")
_COMMAND = re.compile(r"/[a-z_]+")


@dataclass(frozen=True)
class Native:
    language: str  # the base language
    telegram: str  # as Telegram sends it, regional variant included
    city: str
    zone: str
    setup: tuple[str, ...]  # the days (perhaps with the time), [the time], length, how often
    danger: str
    country: str
    country_in_english: str
    number: str  # one of their country's crisis numbers

    @property
    def english_words(self) -> frozenset[str]:
        # "session" and "or" are French words too.
        return _ENGLISH - {"session", "sessions"} if self.language == "fr" else _ENGLISH | {"or"}


NATIVES = [
    Native("de", "de-AT", "München", "Europe/Berlin", ("dienstags um 17 Uhr", "50 Minuten",
           "jede Woche"), "Ich will nicht mehr leben", "DE", "Germany", "0800 111 0 111"),
    Native("es", "es-MX", "Sevilla", "Europe/Madrid", ("martes", "a las cinco de la tarde",
           "50 minutos", "cada semana"), "quiero morirme", "ES", "Spain", "024"),
    Native("fr", "fr-FR", "Lyon", "Europe/Paris", ("le mardi", "17h", "50 minutes",
           "chaque semaine"), "je veux mourir", "FR", "France", "3114"),
    Native("ru", "ru", "Москва", "Europe/Moscow", ("по вторникам в пять вечера", "50 минут",
           "каждую неделю"), "не хочу жить", "RU", "Russia", "8 800 2000 122"),
]  # fmt: skip


async def _settled(emulator: Emulator, quiet: float = 1.5) -> list[SentMessage]:
    """The bot's messages until it has been quiet for `quiet` seconds."""
    got = []
    while True:
        try:
            got.append(await emulator.next_message(CLIENT, timeout=quiet))
        except NoMessageError:
            return got


def _english_in(text: str, native: Native) -> set[str]:
    words = _COMMAND.sub("", text.lower())  # commands are Latin in every language (/skip)
    return {w for w in _WORD.findall(words) if w in native.english_words}


@pytest.mark.parametrize("native", NATIVES, ids=lambda n: n.language)
async def test_a_native_speaker_uses_the_bot_without_meeting_a_word_of_english(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock], native: Native
):
    bot, clock = clocked_bot
    zone = ZoneInfo(native.zone)
    clock.set(datetime(2026, 11, 23, 10, tzinfo=zone))  # Monday 23 November, 10:00
    await bot.start()
    emulator.add_user(CLIENT, language_code=native.telegram)
    lang = native.language

    await emulator.send_text(CLIENT, "/start")
    welcome = await _settled(emulator)
    assert welcome[0].plain_text.startswith(plain("welcome", lang)[:20])
    await emulator.send_text(CLIENT, native.city)
    await _settled(emulator)
    assert bot.query("SELECT time_zone, language FROM users WHERE id = ?", CLIENT) == [
        (native.zone, lang)
    ]
    for typed in native.setup:
        await emulator.send_text(CLIENT, typed)
        await _settled(emulator)
    [(weekdays, start)] = bot.query(
        "SELECT weekdays, start_time FROM schedules WHERE user_id = ?", CLIENT
    )
    assert (str(weekdays).replace(" ", ""), start) == ("[1]", "17:00")

    # Tuesday's session ends at 17:50; the prompt comes an hour later, in their language.
    clock.set(datetime(2026, 11, 24, 18, 51, tzinfo=zone))
    prompt = await emulator.next_message(CLIENT, timeout=15)
    await emulator.press(CLIENT, prompt, button(prompt, plain("button.start_now", lang)))
    question = (await _settled(emulator))[-1]
    for rating in ("7", "5", "8", "6"):
        await emulator.press(CLIENT, question, button(question, rating))
        question = (await _settled(emulator))[-1]
    await emulator.press(CLIENT, question, button(question, plain("button.skip_rest", lang)))
    await _settled(emulator)
    assert bot.query("SELECT COUNT(*) FROM answers WHERE rating IS NOT NULL") == [(4,)]

    for command in ("/summary", "/note", "/progress", "/help"):
        await emulator.send_text(CLIENT, command)
        assert await _settled(emulator), command

    await emulator.send_text(CLIENT, native.danger)
    help_now = await _settled(emulator)
    assert native.number in help_now[0].plain_text

    said = [
        text
        for message in emulator.messages(CLIENT)
        for text in (message.plain_text or "", message.caption or "", *message.button_labels)
    ] + [tapped.text or "" for tapped in emulator.answered_callbacks]
    english = {text: found for text in said if (found := _english_in(text, native))}
    assert english == {}, f"English in {lang}: {english}"
    # The country by its own language's name ("France" is French too).
    local = country_label(native.country, lang)
    if local != native.country_in_english:
        assert not any(native.country_in_english in text for text in said)
    assert any(local in text for text in said), local
