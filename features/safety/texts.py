"""Texts for when a client may be in danger: the crisis message and its helplines (/urgent),
what follows it, the gentle end of such a reflection, the safety plan (/safetyplan) in our
own words, and /country (whose numbers the crisis message gives)."""

from __future__ import annotations

from features.kernel.vocabulary import Plural, Wording

EN: dict[str, Wording] = {
    # After the crisis message.
    "crisis.again": (
        "I'm still here, and I hear how hard this is. The numbers I sent a little earlier "
        "are there for you right now, and /urgent shows them again. You don't have to go "
        "through this alone."
    ),
    "crisis.choice": (
        "Would you like to pause here, or go on with the question? Either is fine, and "
        "there's no rush."
    ),
    "crisis.paused": (
        "Okay, we'll pause here. What you wrote is kept, and /reflect picks up "
        "whenever you feel like it. If things get harder, /urgent shows who you can call."
    ),
    "button.pause_here": "Pause here",
    "button.carry_on": "Carry on",
    # The end of a reflection in which danger was expressed.
    "reflection.so_far_kept": "\n\nWhat you wrote here is kept.",
    "reflection.thanks_gentle": (
        "Thank you for staying with these questions. It sounds like things are really "
        "hard right now; you don't have to carry that alone, and /urgent shows who you "
        "can reach at any time."
    ),
    "reflection.share_offer": (
        "Would you like to bring what you wrote about feeling unsafe to your therapist? "
        "It can help to tell them. It stays out of your notes unless you say yes."
    ),
    "button.share_yes": "Yes, add it to my note",
    "button.share_no": "No",
    "share.added": (
        "Added to your note for next session. You can still leave it out there, and "
        "you decide what to say."
    ),
    "share.kept_out": "Okay. It stays out of your notes, and it's still yours to bring up.",
    # /safetyplan
    "command.safetyplan": "Your safety plan, for hard moments",
    "safety.intro": (
        "A safety plan is a few things you write down now, while you can, to turn to if "
        "things get very hard: what warns you, what helps, who you can call. It has six "
        "short parts. Write as much or as little as you like, skip any part, and change "
        "it whenever you want. It's kept encrypted, and I never send it to anyone. If you "
        "are in danger now, /urgent shows who you can call."
    ),
    "safety.ask": ("<i>Part {n} of {total}</i>\n\n<b>{title}</b>\n{hint}{so_far}"),
    "safety.so_far": "\n\nNow: <i>{text}</i>\n\nSend new words to replace it.",
    "safety.plan": (
        "<b>My safety plan</b>\n{parts}\n\n"
        "Tap a part to rewrite it. If you are in danger, /urgent shows who to call now."
    ),
    "safety.part": "\n<u>{title}</u>\n{text}",
    "safety.words": "{text}",
    "safety.empty_part": "<i>(not written yet)</i>",
    "safety.in_crisis": "<b>Your plan:</b>\n{parts}\n\n/safetyplan to see all of it.",
    "safety.crisis_part": "\u2022 {title}: <i>{text}</i>",
    "safety.saved": "Saved.",
    "safety.too_long": Plural(
        one=(
            "That's a lot for one part. Could you keep it under {max} character? Short "
            "words are easier to find in a hard moment."
        ),
        other=(
            "That's a lot for one part. Could you keep it under {max} characters? Short "
            "words are easier to find in a hard moment."
        ),
        count="max",
    ),
    "safety.only_text": "I can only keep text here. Please type it, or tap a button.",
    "safety.stopped": (
        "Okay, we'll stop here. What you wrote is kept; /safetyplan carries on whenever you like."
    ),
    "safety.done": (
        "Thank you. That's your plan: it comes with the crisis message when you need "
        "it, and /safetyplan shows it any time."
    ),
    "safety.nothing_written": ("That's fine. /safetyplan is here whenever you'd like to write it."),
    "toast.cleared_part": "Cleared",
    "safety.button.stop": "Stop for now",
    "safety.button.keep": "Keep it as it is",
    "safety.button.clear": "Clear this part",
    "safety.title.warning_signs": "Warning signs",
    "safety.title.coping": "What helps me cope on my own",
    "safety.title.people_places": "People and places that help",
    "safety.title.contacts": "Who I can call",
    "safety.title.surroundings": "Making my surroundings safer",
    "safety.title.reasons": "My reasons for living",
    "safety.hint.warning_signs": (
        "What tells you a hard time may be coming? Thoughts, feelings, situations, "
        "things you notice yourself doing."
    ),
    "safety.hint.coping": (
        "What can you do on your own to get through a hard moment or calm down? A walk, "
        "music, a shower, a place to sit, something for your hands."
    ),
    "safety.hint.people_places": (
        "Who can you be with, and where can you go, that takes your mind off things? "
        "A friend's kitchen, a café, a park, a library."
    ),
    "safety.hint.contacts": (
        "Who can you ask for help? Friends or family, your therapist, a doctor, a "
        "helpline: names and numbers."
    ),
    "safety.hint.surroundings": (
        "What could make where you are safer in a hard moment? Putting away or handing "
        "to someone things you could hurt yourself with, not being alone."
    ),
    "safety.hint.reasons": (
        "What matters most to you, and is worth living for? People, animals, plans, "
        "small things you love."
    ),
    "safety.button.warning_signs": "Warning signs",
    "safety.button.coping": "Coping on my own",
    "safety.button.people_places": "People and places",
    "safety.button.contacts": "Who I can call",
    "safety.button.surroundings": "Safer surroundings",
    "safety.button.reasons": "Reasons for living",
    "export.pdf_safety_plan": "My safety plan",
    # The crisis message: where to get help now, in the client's country (/urgent too).
    "crisis": (
        "It sounds like things may be very hard right now. You don't have to carry this "
        "alone.\n\n"
        "<b>If you are in danger, please call {emergency} now.</b>\n"
        "{where}{helplines}\n\n"
        "If you can, let someone you trust, or your therapist, know how you are. I'm a "
        "reflection companion, not a crisis service, and I'm still here: we can carry on "
        "whenever you like.\n\n{country_hint}"
    ),
    "crisis.helpline": "\u2022 {text}",
    # One helpline of the client's country; numbers stay digits and spaces, so a phone
    # offers to dial them.
    "crisis.where": "In {country}:\n",
    "crisis.line": "\u2022 <b>{name}</b>: {ways}{hours}",
    "crisis.ways.call": "call {number}",
    "crisis.ways.call_or_text": "call or text {number}",
    "crisis.ways.text": "text {number}",
    "crisis.ways.text_word": "text {word} to {number}",
    "crisis.ways.call_and": "call {number}, or {texting}",
    "crisis.hours": " ({hours})",
    "crisis.find_a_helpline": (
        "\u2022 Find a free, confidential helpline near you at findahelpline.com"
    ),
    "crisis.country_hint": "Not your country? /country",
    "crisis.country_hint_unknown": (
        "If you tell me your country with /country, I'll show its own numbers where I have them."
    ),
    # /country: which country's crisis numbers to show.
    "country.current_chosen": (
        "For crisis help I use the numbers for <b>{country}</b>, as you chose."
    ),
    "country.current_zone": (
        "For crisis help I use the numbers for <b>{country}</b>, from your time zone."
    ),
    "country.current_none": (
        "I don't know your country yet, so for crisis help I point to international options."
    ),
    "country.ask": (
        "Which country are you in? Type its name, like <i>New Zealand</i>, or its "
        "two-letter code, like <i>NZ</i>. /cancel keeps things as they are."
    ),
    "country.saved": (
        "Thank you. For crisis help I'll show the numbers for <b>{country}</b>. "
        "/urgent shows them any time."
    ),
    "country.saved_uncovered": (
        "Thank you, I'll remember <b>{country}</b>. I don't have its helplines yet, so for "
        "crisis help I'll point you to its emergency services and to findahelpline.com."
    ),
    "country.by_time_zone": (
        "Done: I'll go by your time zone again, which puts you in <b>{country}</b>."
    ),
    "country.by_time_zone_none": (
        "Done: I'll go by your time zone again. It doesn't tell me your country, so for "
        "crisis help I'll point to international options."
    ),
    "country.did_you_mean": "Did you mean one of these?",
    "country.unknown": (
        "Sorry, I couldn't find that country. Could you type its name, like "
        "<i>Germany</i>, or its two-letter code, like <i>DE</i>?"
    ),
    "country.only_text": (
        "I can only read text here. Please type your country, like <i>Germany</i> or <i>DE</i>."
    ),
    "crisis.fallback": (
        "If you are in danger, please call your local emergency number now, or find a "
        "free helpline for your country at findahelpline.com."
    ),
    "button.country": "{country}",
    "button.country_by_time_zone": "Go by my time zone",
    "command.urgent": "Where to get help right now",
    "command.country": "Your country, for the right crisis numbers",
}
