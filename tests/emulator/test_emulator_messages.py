"""Sending and editing: limits, HTML validation, keyboards, not-modified, callbacks."""

from __future__ import annotations

import pytest

from emulator import Emulator
from tests.emulator.botapi import BotApi

INLINE = {
    "inline_keyboard": [
        [{"text": "Yes ✅", "callback_data": "yes"}, {"text": "No", "callback_data": "no"}]
    ]
}


@pytest.fixture
async def chat(emu: Emulator) -> int:
    await emu.send_text(1001, "/start")
    return 1001


async def test_unknown_chat_is_400(api: BotApi) -> None:
    assert await api.error("sendMessage", 400, chat_id=555, text="hi") == (
        "Bad Request: chat not found"
    )


async def test_text_limit_counts_utf16_units(api: BotApi, chat: int) -> None:
    await api.ok("sendMessage", chat_id=chat, text="x" * 4096)
    assert await api.error("sendMessage", 400, chat_id=chat, text="x" * 4097) == (
        "Bad Request: message is too long"
    )
    # An emoji outside the BMP is two UTF-16 code units.
    await api.error("sendMessage", 400, chat_id=chat, text="😀" * 2049)
    await api.ok("sendMessage", chat_id=chat, text="😀" * 2048)


async def test_empty_text_is_rejected(api: BotApi, chat: int) -> None:
    for text in ("", "   \n "):
        assert await api.error("sendMessage", 400, chat_id=chat, text=text) == (
            "Bad Request: message text is empty"
        )
    await api.error("sendMessage", 400, chat_id=chat)


@pytest.mark.parametrize(
    "text",
    [
        "<b>unclosed",
        "a <b",
        "Tom & Jerry",
        "x &nbsp; y",
        "<br>",
        "<b><i>crossed</b></i>",
        "</b>",
        '<span class="nope">x</span>',
    ],
)
async def test_html_errors_are_rejected(api: BotApi, chat: int, text: str) -> None:
    description = await api.error("sendMessage", 400, chat_id=chat, text=text, parse_mode="HTML")
    assert description.startswith("Bad Request: can't parse entities: ")


async def test_html_is_parsed_into_plain_text_and_entities(
    api: BotApi, emu: Emulator, chat: int
) -> None:
    text = '<b>Hi</b> &lt;you&gt; &amp; <a href="https://x.test">link</a> &#128512; <i></i>ok'
    result = await api.ok("sendMessage", chat_id=chat, text=text, parse_mode="HTML")
    assert result["text"] == "Hi <you> & link 😀 ok"
    assert result["entities"] == [
        {"type": "bold", "offset": 0, "length": 2},
        {"type": "text_link", "offset": 11, "length": 4, "url": "https://x.test"},
    ]
    sent = emu.messages(chat)[-1]
    assert sent.text == text
    assert sent.plain_text == "Hi <you> & link 😀 ok"
    assert sent.parse_mode == "HTML"


async def test_plain_text_is_not_validated_as_html(api: BotApi, chat: int) -> None:
    result = await api.ok("sendMessage", chat_id=chat, text="a < b & <br>")
    assert result["text"] == "a < b & <br>"


async def test_sent_message_has_buttons_and_shares_message_ids(
    api: BotApi, emu: Emulator, chat: int
) -> None:
    result = await api.ok("sendMessage", chat_id=chat, text="Continue?", reply_markup=INLINE)
    assert result["message_id"] == 2  # the user's /start was 1
    assert result["chat"]["id"] == chat and result["from"]["id"] == emu.bot_id
    assert result["reply_markup"] == INLINE
    sent = await emu.next_message(chat)
    assert sent.buttons == [[("Yes ✅", "yes"), ("No", "no")]]
    assert sent.button_data("yes") == "yes"
    with pytest.raises(LookupError):
        sent.button_data("maybe")
    user_message = await emu.send_text(1001, "after")
    assert user_message["message_id"] == 3


async def test_edit_text_and_not_modified(api: BotApi, emu: Emulator, chat: int) -> None:
    sent = await api.ok("sendMessage", chat_id=chat, text="v1", reply_markup=INLINE)
    mid = sent["message_id"]
    edited = await api.ok(
        "editMessageText", chat_id=chat, message_id=mid, text="v2", reply_markup=INLINE
    )
    assert edited["text"] == "v2" and "edit_date" in edited
    description = await api.error(
        "editMessageText", 400, chat_id=chat, message_id=mid, text="v2", reply_markup=INLINE
    )
    assert description.startswith("Bad Request: message is not modified")
    # Same text without reply_markup removes the keyboard, so it is a modification.
    await api.ok("editMessageText", chat_id=chat, message_id=mid, text="v2")
    message = emu.messages(chat)[-1]
    assert message.text == "v2" and message.buttons == [] and message.edits == 2
    assert (await emu.next_edit(chat)).message_id == mid


async def test_edit_reply_markup(api: BotApi, emu: Emulator, chat: int) -> None:
    mid = (await api.ok("sendMessage", chat_id=chat, text="q", reply_markup=INLINE))["message_id"]
    await api.ok("editMessageReplyMarkup", chat_id=chat, message_id=mid)
    assert emu.messages(chat)[-1].buttons == []
    description = await api.error("editMessageReplyMarkup", 400, chat_id=chat, message_id=mid)
    assert "message is not modified" in description


async def test_edit_errors(api: BotApi, chat: int) -> None:
    assert await api.error("editMessageText", 400, chat_id=chat, message_id=99, text="x") == (
        "Bad Request: message to edit not found"
    )
    assert await api.error("editMessageText", 400, chat_id=chat, message_id=1, text="x") == (
        "Bad Request: message can't be edited"
    )


async def test_delete_message(api: BotApi, emu: Emulator, chat: int) -> None:
    mid = (await api.ok("sendMessage", chat_id=chat, text="bye"))["message_id"]
    assert await api.ok("deleteMessage", chat_id=chat, message_id=mid) is True
    assert emu.messages(chat)[-1].deleted
    await api.error("deleteMessage", 400, chat_id=chat, message_id=mid)


async def test_press_and_answer_callback(api: BotApi, emu: Emulator, chat: int) -> None:
    await api.ok("sendMessage", chat_id=chat, text="Continue?", reply_markup=INLINE)
    sent = await emu.next_message(chat)
    await api.ok("getUpdates", offset=100)  # acknowledge everything so far
    query_id = await emu.press(1001, sent, sent.button_data("Yes"))
    (update,) = await api.ok("getUpdates")
    query = update["callback_query"]
    assert query["id"] == query_id and query["data"] == "yes"
    assert query["message"]["message_id"] == sent.message_id
    assert query["from"]["id"] == 1001
    assert await api.ok("answerCallbackQuery", callback_query_id=query_id, text="Saved")
    assert emu.answered_callbacks[-1].text == "Saved"
    assert emu.answered_callbacks[-1].data == "yes"
    description = await api.error("answerCallbackQuery", 400, callback_query_id=query_id)
    assert "query ID is invalid" in description
    with pytest.raises(LookupError):
        await emu.press(1001, sent, "not-a-button")


async def test_send_photo_and_document_multipart(emu: Emulator, api: BotApi, chat: int) -> None:
    url = f"{emu.base_url}{emu.token}"
    photo = await api.client.post(
        f"{url}/sendPhoto",
        data={"chat_id": str(chat), "caption": "<b>look</b>", "parse_mode": "HTML"},
        files={"photo": ("p.png", b"\x89PNG fake", "image/png")},
    )
    result = photo.json()["result"]
    assert result["caption"] == "look"
    assert result["photo"][0]["file_size"] == len(b"\x89PNG fake")
    document = await api.client.post(
        f"{url}/sendDocument",
        data={"chat_id": str(chat)},
        files={"document": ("notes.txt", b"hello", "text/plain")},
    )
    doc = document.json()["result"]["document"]
    assert doc["file_name"] == "notes.txt" and doc["mime_type"] == "text/plain"
    sent_photo, sent_doc = emu.messages(chat)
    assert sent_photo.file == b"\x89PNG fake" and sent_photo.plain_text == "look"
    assert sent_doc.file == b"hello" and sent_doc.filename == "notes.txt"
    # A file_id the emulator issued can be sent again.
    again = await api.ok("sendPhoto", chat_id=chat, photo=result["photo"][0]["file_id"])
    assert again["photo"][0]["file_id"] == result["photo"][0]["file_id"]
    await api.error("sendPhoto", 400, chat_id=chat, photo="no-such-file-id")
    assert await api.error(
        "sendPhoto", 400, chat_id=chat, photo=result["photo"][0]["file_id"], caption="c" * 1025
    ) == ("Bad Request: message caption is too long")


async def test_chat_action_get_chat_and_commands(api: BotApi, emu: Emulator, chat: int) -> None:
    assert await api.ok("sendChatAction", chat_id=chat, action="typing") is True
    await api.error("sendChatAction", 400, chat_id=chat, action="dancing")
    info = await api.ok("getChat", chat_id=chat)
    assert info["id"] == chat and info["type"] == "private"
    commands = [{"command": "start", "description": "Begin"}]
    assert await api.ok("setMyCommands", commands=commands) is True
    assert await api.ok("getMyCommands") == commands
    assert emu.commands() == commands
    assert await api.ok("getMyCommands", language_code="ru") == []
    await api.error("setMyCommands", 400, commands=[{"command": "Bad Cmd", "description": "x"}])
    assert await api.ok("deleteMyCommands") is True
    assert emu.commands() == []


async def test_commands_and_descriptions_are_kept_per_scope_and_language(
    api: BotApi, emu: Emulator
) -> None:
    private = {"type": "all_private_chats"}
    english = [{"command": "start", "description": "Begin"}]
    german = [{"command": "start", "description": "Anfangen"}]
    assert await api.ok("setMyCommands", commands=english, scope=private) is True
    assert await api.ok("setMyCommands", commands=german, scope=private, language_code="de")
    assert emu.commands(private, "de") == german
    assert emu.commands(private) == english
    assert emu.commands() == []  # the default scope has nothing of its own
    await api.error("setMyCommands", 400, commands=german, language_code="deu")

    assert await api.ok("setMyDescription", description="What it does") is True
    assert await api.ok("setMyDescription", description="Was er tut", language_code="de")
    assert await api.ok("getMyDescription", language_code="de") == {"description": "Was er tut"}
    assert await api.ok("getMyDescription", language_code="fr") == {"description": ""}
    assert emu.description() == "What it does"
    await api.error("setMyDescription", 400, description="x" * 513)
    assert await api.ok("setMyDescription", description="", language_code="de") is True
    assert emu.description("de") == ""

    assert await api.ok("setMyShortDescription", short_description="Short", language_code="ru")
    assert await api.ok("getMyShortDescription", language_code="ru") == {
        "short_description": "Short"
    }
    assert emu.short_description("ru") == "Short"
    await api.error("setMyShortDescription", 400, short_description="x" * 121)
