"""Texts of the one-minute check-in between sessions. It comes on its own, so a lock screen
may show its start: it never says what it is for."""

from __future__ import annotations

EN: dict[str, str] = {
    "checkin.ask": (
        "How's your day going? \U0001f33f\n\n"
        "One tap is enough:\n"
        "\U0001f61e hard \u00b7 \U0001f641 low \u00b7 \U0001f610 okay \u00b7 \U0001f642 good "
        "\u00b7 \U0001f604 great"
    ),
    "checkin.face_1": "hard",
    "checkin.face_2": "low",
    "checkin.face_3": "okay",
    "checkin.face_4": "good",
    "checkin.face_5": "great",
    "checkin.chosen": "How's your day going? \U0001f33f\n\n{chosen}{invite}",
    "checkin.chosen_today": "Today: {face} {label}. Thank you for telling me.",
    "checkin.chosen_on": "{day}: {face} {label}. Thank you, I've kept it for that day.",
    "checkin.invite": (
        "\n\nIf you like, write a line about it here. Or just carry on: nothing more is needed."
    ),
    "checkin.line_kept_today": "Thank you, I've kept that with today's check-in.",
    "checkin.line_kept_on": "Thank you, I've kept that with your check-in of {day}.",
    "checkin.no_line": "Okay, no line. Your tap is kept.",
    "button.checkin_face": "{face}",
    "button.checkin_note": "Add to my next note",
    "button.checkin_done": "That's all",
    "toast.checkin_closed": "That check-in has closed. The next one comes as usual.",
    "toast.checkin_noted_already": "It's already in your next note.",
}
