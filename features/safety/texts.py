"""Texts for when a client may be in danger: what follows the crisis message, the gentle
end of such a reflection, and the safety plan (/safetyplan) in our own words."""

from __future__ import annotations

EN: dict[str, str] = {
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
    "safety.too_long": (
        "That's a lot for one part. Could you keep it under {max} characters? Short "
        "words are easier to find in a hard moment."
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
}
