"""The HTTP surface: routing, tokens, encodings, malformed requests."""

from __future__ import annotations

import httpx

from emulator import Emulator
from tests.emulator.botapi import BotApi


async def test_get_me_describes_the_bot(api: BotApi, emu: Emulator) -> None:
    me = await api.ok("getMe")
    assert me["id"] == emu.bot_id == int(emu.token.split(":")[0])
    assert me["is_bot"] is True
    assert me["username"] == "reflection_test_bot"
    assert me["first_name"] == "Reflection (emulated)"


async def test_method_names_are_case_insensitive(api: BotApi) -> None:
    assert (await api.ok("GETME"))["is_bot"] is True


async def test_unknown_method_is_404(api: BotApi) -> None:
    assert await api.error("sendTelepathy", 404) == "Not Found"


async def test_wrong_token_is_401(emu: Emulator) -> None:
    other = "1:" + "A" * 35
    async with httpx.AsyncClient() as client:
        response = await client.post(f"{emu.base_url}{other}/getMe")
    assert response.status_code == 401
    assert response.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}


async def test_unknown_path_is_404(emu: Emulator) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.get(emu.base_url.removesuffix("/bot") + "/favicon.ico")
    assert response.status_code == 404
    assert response.json()["ok"] is False


async def test_json_body_and_query_string_are_accepted(emu: Emulator) -> None:
    await emu.send_text(1001, "hi")
    url = f"{emu.base_url}{emu.token}/sendMessage"
    async with httpx.AsyncClient() as client:
        by_json = await client.post(url, json={"chat_id": 1001, "text": "[1, 2]"})
        by_query = await client.get(url, params={"chat_id": "1001", "text": "{not json}"})
    assert by_json.json()["result"]["text"] == "[1, 2]"
    assert by_query.json()["result"]["text"] == "{not json}"


async def test_malformed_json_body_is_400_not_500(emu: Emulator) -> None:
    url = f"{emu.base_url}{emu.token}/sendMessage"
    async with httpx.AsyncClient() as client:
        response = await client.post(
            url, content=b"{oops", headers={"content-type": "application/json"}
        )
        wrong_types = await client.post(url, json={"chat_id": [1], "text": {"a": 1}})
        bad_int = await client.post(url, data={"chat_id": "1001", "message_id": "x"})
    assert response.status_code == 400
    assert response.json()["description"].startswith("Bad Request: ")
    assert wrong_types.status_code == 400
    assert bad_int.status_code == 400


async def test_bad_reply_markup_is_400(api: BotApi, emu: Emulator) -> None:
    await emu.send_text(1001, "hi")
    description = await api.error("sendMessage", 400, chat_id=1001, text="x", reply_markup="{x")
    assert "reply keyboard markup" in description
    description = await api.error(
        "sendMessage",
        400,
        chat_id=1001,
        text="x",
        reply_markup={"inline_keyboard": [[{"text": "a", "callback_data": "x" * 65}]]},
    )
    assert description == "Bad Request: BUTTON_DATA_INVALID"


async def test_calls_are_logged_with_normalized_params(api: BotApi, emu: Emulator) -> None:
    await emu.send_text(1001, "hi")
    await api.ok("sendMessage", chat_id=1001, text="hello", reply_markup={"inline_keyboard": []})
    call = emu.calls_to("sendmessage")[-1]
    assert call.method == "sendMessage"
    assert call.ok and call.status == 200
    assert call.params["reply_markup"] == {"inline_keyboard": []}
    assert call.response["result"]["text"] == "hello"


async def test_broken_multipart_is_400(emu: Emulator) -> None:
    url = f"{emu.base_url}{emu.token}/sendPhoto"
    async with httpx.AsyncClient() as client:
        response = await client.post(
            url,
            content=b"--x\r\nbroken",
            headers={"content-type": "multipart/form-data; boundary=x"},
        )
    assert response.status_code == 400
    assert response.json()["description"].startswith("Bad Request: can't parse request body")
