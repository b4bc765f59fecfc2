"""The end of a reflection and the questions' own words, through the real bot process:
ratings compared only with the client's own history, an honest thank-you that quotes what
mattered, and each rating question with a scale that fits it."""

from __future__ import annotations

from emulator import Emulator, SentMessage
from tests.support.players import onboard, only_the_ratings, press
from tests.support.process import BotProcess

ADA = 1101
HONEST = "kept privately for you; /privacy says who could access it"
OVERCLAIMS = ("only you", "no one else", "nobody else", "between us")


async def rate(emulator: Emulator, ratings: tuple[int, ...]) -> SentMessage:
    """A /reflect of the four ratings only; returns the thank-you."""
    await emulator.send_text(ADA, "/reflect")
    await emulator.next_message(ADA)
    question = await emulator.next_message(ADA)
    for rating in ratings:
        question = await press(emulator, ADA, question, str(rating))
    assert "Thank you" in (question.plain_text or "")
    return question


async def test_a_first_rating_is_a_baseline_and_a_middling_one_is_not_called_low(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    await only_the_ratings(emulator, ADA)
    thanks = await rate(emulator, (8, 8, 8, 5))
    text = thanks.plain_text or ""
    assert "starting point" in text and HONEST in text
    assert "only you" not in text.lower()
    # 5 of 10 on a first reflection: no "usual" exists, and 5 isn't low.
    await emulator.no_message(ADA, within=0.8)


async def test_one_low_first_rating_is_one_rating_and_never_lower_than_usual(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    await only_the_ratings(emulator, ADA)
    await rate(emulator, (2, 8, 8, 8))
    offer = (await emulator.next_message(ADA)).plain_text or ""
    assert "Feeling heard and respected: 2" in offer
    assert "One rating" in offer
    assert "A few" not in offer and "lower than usual" not in offer


async def test_a_rise_is_noticed_warmly_and_never_called_lower(emulator: Emulator, bot: BotProcess):
    await onboard(emulator, ADA)
    await only_the_ratings(emulator, ADA)
    await rate(emulator, (3, 8, 8, 8))
    offer = await emulator.next_message(ADA)
    await press(emulator, ADA, offer, "Not now")
    thanks = (await rate(emulator, (5, 8, 8, 8))).plain_text or ""
    assert "Feeling heard and respected: 5, up from 3" in thanks
    # The rise is the whole story: no offer calls it low.
    await emulator.no_message(ADA, within=0.8)


async def test_lower_than_usual_needs_three_earlier_sessions_and_reaches_the_note(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    await only_the_ratings(emulator, ADA)
    for _ in range(3):
        await rate(emulator, (8, 8, 8, 8))
    await rate(emulator, (6, 8, 8, 8))
    offer = await emulator.next_message(ADA)
    text = offer.plain_text or ""
    assert "Feeling heard and respected: 6/10, lower than your usual 8" in text
    assert "One rating" in text
    done = await press(emulator, ADA, offer, "Add to my note")
    assert "Added to your note" in (done.plain_text or "")
    ((question, rating),) = bot.query("SELECT question, rating FROM topics")
    assert (bot.decrypt(question), rating) == ("heard", 6)


async def test_after_a_hard_session_the_thank_you_says_so_and_quotes_real_words(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "/reflect")
    await emulator.next_message(ADA)
    question = await emulator.next_message(ADA)
    for rating in ("2", "3", "3", "2"):
        question = await press(emulator, ADA, question, rating)
    words = {"helpful": "\U0001f642", "felt_right": "I left feeling small"}
    for key in ("progress", "obstacles", "helpful", "not_helpful", "felt_right", "bring_up"):
        if key not in words:
            question = await press(emulator, ADA, question, "Skip")
            continue
        await emulator.send_text(ADA, words[key])
        question = await emulator.next_message(ADA)  # the next question follows
    text = question.plain_text or ""
    assert "hard session" in text and "Thank you" in text
    assert text.index("hard session") < text.index("Thank you")  # acknowledged first
    assert "I left feeling small" in text and "\U0001f642" not in text
    assert HONEST in text


async def test_each_rating_question_carries_its_own_scale(emulator: Emulator, bot: BotProcess):
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "/goals")
    menu = await emulator.next_message(ADA)
    await press(emulator, ADA, menu, "Add a goal")
    await emulator.send_text(ADA, "Sleep through the night")
    await emulator.next_message(ADA)
    await emulator.send_text(ADA, "/reflect")
    await emulator.next_message(ADA)
    question = await emulator.next_message(ADA)
    texts = []
    for _ in range(5):
        texts.append(question.plain_text or "")
        question = await press(emulator, ADA, question, "7")
    heard, overall, goal = texts[0], texts[3], texts[4]
    assert "How true was this? 0 is not at all" in heard
    assert "today's session" not in overall and "How true" in overall
    assert "Sleep through the night" in goal
    assert "How true" not in goal and "0 is no progress" in goal


async def test_no_promise_says_more_than_privacy_does(emulator: Emulator, bot: BotProcess):
    """The end of a reflection, /fit's start and the pointer from a group all point to
    /privacy, and none says that only the client can see what they write."""
    group = -100777
    await emulator.send_text(ADA, "/start", chat_id=group, chat_type="supergroup")
    said = [(await emulator.next_message(group)).plain_text or ""]
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "/fit")
    asked = await emulator.next_message(ADA)
    said.append((await press(emulator, ADA, asked, "Yes, I've started")).plain_text or "")
    assert "/privacy says who could access them" in said[-1]
    await emulator.next_message(ADA)  # its first question
    await emulator.send_text(ADA, "/cancel")
    await emulator.next_message(ADA)
    await only_the_ratings(emulator, ADA)
    said.append((await rate(emulator, (8, 8, 8, 8))).plain_text or "")
    assert HONEST in said[-1]
    for text in said:
        assert not [claim for claim in OVERCLAIMS if claim in text.lower()], text
