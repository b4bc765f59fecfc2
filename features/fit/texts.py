"""/fit's texts: "does this therapist feel right for me?", in the seeds' own spirit
(shared/seeds: the qualities of a good therapist; knowing what you are looking for; and
that it is completely OK to decide a therapist is not the right match)."""

from __future__ import annotations

_Q = "\u201c"  # opening quote
_U = "\u201d"  # closing quote

EN: dict[str, str] = {
    "command.fit": "Does this therapist feel right for me? A short checklist",
    # Starting, resuming, pausing.
    "fit.ask_seeing": (
        "Before we start: <b>have you started seeing this therapist?</b>\n\n"
        "If not yet, we can work out what you're looking for instead, so you know what "
        "to notice in the first sessions."
    ),
    "fit.intro": (
        "Let's look at how your therapy fits you: {total} short questions, one tap each. "
        "First what you'd like from a therapist, then what it's like with yours. There are "
        "no right answers, and your answers are kept privately for you (/privacy says who "
        "could access them). Skip anything; /cancel stops and keeps what you've chosen."
    ),
    "fit.intro_looking": (
        "Let's work out what you're looking for in a therapist: {total} short questions, "
        "one tap each. There are no right answers: every therapist is different, and so "
        "is every client. At the end you'll get a few questions you could ask in a first "
        "session."
    ),
    "fit.resume_offer": (
        "You have a fit check from {date} that you haven't finished: {answered} of "
        "{total} answered. Would you like to carry on, or go through it from the top? "
        "Your answers so far are kept either way."
    ),
    "fit.paused": (
        "Okay, we'll stop here. Everything you chose is kept; /fit picks up where you left off."
    ),
    "fit.paused_for_command": (
        "Your fit check is paused and kept; /fit picks up where you left off."
    ),
    "fit.gone": (
        "That fit check has been closed, so there's nothing to answer there now. /fit "
        "starts a new one."
    ),
    "fit.use_buttons": (
        "This one is answered on the buttons, so I haven't kept what you typed. If none "
        "of them fits, Skip is fine."
    ),
    "fit.toast.saved": "Saved: {choice}",
    "fit.toast.old": "That's from an earlier fit check; nothing was changed.",
    "fit.toast.paused": "This fit check is paused; /fit picks it up again.",
    "button.fit_seeing": "Yes, I've started",
    "button.fit_looking": "Not yet: what am I looking for?",
    "button.fit_top": "Go through it from the top",
    # One item.
    "fit.item": "<i>{n} of {total} \u00b7 {part}</i>\n\n<b>{question}</b>\n<i>{hint}</i>{so_far}",
    "fit.part.pref": "What you'd like",
    "fit.part.exp": "With your therapist",
    "fit.part.quality": "With your therapist",
    "fit.so_far": "\n\nYour answer so far: <b>{choice}</b>.",
    "fit.so_far_skipped": "\n\nYou skipped this one.",
    "fit.choice.both": "A bit of both",
    "fit.choice.none": "No preference",
    "fit.choice.unsure": "Not sure yet",
    "fit.choice.yes": "Yes",
    "fit.choice.somewhat": "Somewhat",
    "fit.choice.no": "No",
    "fit.choice.skipped": "skipped",
    # A choice inside a sentence ("you'd like <b>responding throughout</b>").
    "fit.said.both": "a bit of both",
    "fit.said.unsure": "not sure yet",
    "fit.said.somewhat": "somewhat",
    "fit.said.no": "no",
    "fit.said.style.a": "direct",
    "fit.said.style.b": "indirect",
    "fit.said.talk.a": "mostly quiet",
    "fit.said.talk.b": "responding throughout",
    "fit.said.work.a": "coping skills",
    "fit.said.work.b": "old patterns",
    "fit.said.structure.a": "structured",
    "fit.said.structure.b": "open",
    "fit.said.challenge.a": "gentle support",
    "fit.said.challenge.b": "challenge",
    "button.fit_to_note": "\U0001f4dd Note: {gap}",
    "button.fit_in_note": "\u2705 In your note: {gap}",
    "fit.toast.in_note": "That one is in your next note already.",
    # The dimensions: what the client would like, then how it is with their therapist.
    "fit.pole.style.a": "Direct",
    "fit.pole.style.b": "Indirect",
    "fit.pole.talk.a": "Mostly quiet",
    "fit.pole.talk.b": "Responding throughout",
    "fit.pole.work.a": "Coping skills",
    "fit.pole.work.b": "Old patterns",
    "fit.pole.structure.a": "Structured",
    "fit.pole.structure.b": "Open",
    "fit.pole.challenge.a": "Gentle support",
    "fit.pole.challenge.b": "Challenge",
    "fit.q.pref.style": "Would you like a therapist who is direct, or more indirect?",
    "fit.hint.pref.style": (
        "Direct: they say plainly what they see. Indirect: they help you find your own way there."
    ),
    "fit.q.pref.talk": (
        "Would you like them to stay mostly quiet, or to respond to you throughout the session?"
    ),
    "fit.hint.pref.talk": (
        "Some people need room to think out loud; others need to hear back as they go."
    ),
    "fit.q.pref.work": (
        "Are you there to learn new coping skills, or to take a deep dive into old patterns?"
    ),
    "fit.hint.pref.work": "Both are good reasons to be in therapy.",
    "fit.q.pref.structure": (
        "Would you like sessions with a clear structure, or open ones that follow what you bring?"
    ),
    "fit.hint.pref.structure": (
        "A plan, exercises or things to try between sessions; or room to start wherever "
        "you are that day."
    ),
    "fit.q.pref.challenge": "Would you like mostly gentle support, or to be challenged?",
    "fit.hint.pref.challenge": "What you need can change over time; answer for now.",
    "fit.q.exp.style": "With your therapist: are they more direct, or more indirect?",
    "fit.hint.exp.style": ("Do they say plainly what they see, or help you get there yourself?"),
    "fit.q.exp.talk": "Are they mostly quiet, or do they respond to you throughout?",
    "fit.hint.exp.talk": "Think of a usual session with them.",
    "fit.q.exp.work": (
        "Is your work together more about coping skills, or more about old patterns?"
    ),
    "fit.hint.exp.work": "Think of your last few sessions.",
    "fit.q.exp.structure": "Are your sessions more structured, or more open?",
    "fit.hint.exp.structure": (
        "A plan and things to try; or starting from wherever you are that day."
    ),
    "fit.q.exp.challenge": "Is it more gentle support, or more challenge?",
    "fit.hint.exp.challenge": (
        "Do they mostly encourage you, or also ask you to look at hard things?"
    ),
    # The qualities of a good fit.
    "fit.q.q.safe": "Do you feel accepted and understood, without judgement?",
    "fit.hint.q.safe": ("A safe space, where you can share what you really think and feel."),
    "fit.q.q.reliable": "Are they reliable and consistent?",
    "fit.hint.q.reliable": (
        "They show up on time, follow up on what they said they'd do, and sessions feel steady."
    ),
    "fit.q.q.goals": (
        "Do they help you clarify your goals, and check in on how you feel about your progress?"
    ),
    "fit.hint.q.goals": (
        "Goals can be loose, and they can change; what matters is looking at them together."
    ),
    "fit.q.q.mirror": "Do they help you see your blind spots?",
    "fit.hint.q.mirror": (
        "We all have them: ways our own behaviours and beliefs play a part in what "
        "brought us to therapy."
    ),
    "fit.q.q.feedback": "Are they open to your feedback, and willing to adjust?",
    "fit.hint.q.feedback": (
        "If you said something wasn't working for you, would they hear it and change something?"
    ),
    "fit.q.q.feels_right": "And plainly: does it feel right?",
    "fit.hint.q.feels_right": (
        "Even if they seem to be doing everything right, your own sense of it counts."
    ),
    # Short names, for the result, what changed, and an export.
    "fit.label.pref.style": "Direct or indirect (what you'd like)",
    "fit.label.pref.talk": "Quiet or responding (what you'd like)",
    "fit.label.pref.work": "Coping skills or old patterns (what you'd like)",
    "fit.label.pref.structure": "Structured or open (what you'd like)",
    "fit.label.pref.challenge": "Support or challenge (what you'd like)",
    "fit.label.exp.style": "Direct or indirect (with your therapist)",
    "fit.label.exp.talk": "Quiet or responding (with your therapist)",
    "fit.label.exp.work": "Coping skills or old patterns (with your therapist)",
    "fit.label.exp.structure": "Structured or open (with your therapist)",
    "fit.label.exp.challenge": "Support or challenge (with your therapist)",
    "fit.label.q.safe": "Accepted, without judgement",
    "fit.label.q.reliable": "Reliable and consistent",
    "fit.label.q.goals": "Helps with goals and progress",
    "fit.label.q.mirror": "A mirror for blind spots",
    "fit.label.q.feedback": "Open to feedback",
    "fit.label.q.feels_right": "It feels right",
    "fit.dim.style": "Direct or indirect",
    "fit.dim.talk": "Quiet or responding",
    "fit.dim.work": "Coping skills or old patterns",
    "fit.dim.structure": "Structured or open",
    "fit.dim.challenge": "Support or challenge",
    # The result.
    "fit.section": "{lines}",
    "fit.head.title": "<b>How it fits, as you see it today</b>\n",
    "fit.head.matches": "<b>Where it matches</b>",
    "fit.head.gaps": "<b>Where it doesn't fit yet</b>",
    "fit.head.raise": "<b>Where it doesn't fit yet: worth raising</b>",
    "fit.head.watch": "<b>Worth watching</b>",
    "fit.result.nothing": (
        "There isn't enough here to compare this time, and that's fine. /fit is there "
        "whenever you'd like to look at it again."
    ),
    "fit.result.no_matches": (
        "Nothing matches fully yet. That's worth knowing, and it can change."
    ),
    "fit.result.no_gaps": ("Nothing stands out. As you see it today, this sounds like a good fit."),
    "fit.line.match_dim": "\u2022 {dim}: <b>{have}</b>, as you'd like.",
    "fit.line.match_quality": "\u2022 {label}: yes.",
    "fit.line.raise_dim": (
        "\u2022 {dim}: you'd like <b>{want}</b>, and it's <b>{have}</b>. You could say: <i>"
        + _Q
        + "{words}"
        + _U
        + "</i>"
    ),
    "fit.line.raise_quality": (
        "\u2022 {label}: <b>{choice}</b>. You could say: <i>" + _Q + "{words}" + _U + "</i>"
    ),
    "fit.line.not_right": (
        "\u2022 {label}: <b>{choice}</b>. It's completely OK to decide this isn't the right "
        "match for you. No therapist fits everyone, and that's no one's failure. If you'd "
        "like to, say as much: <i>" + _Q + "I've been thinking about whether we're the "
        "right fit, and I'd like to talk about it honestly." + _U + "</i>"
    ),
    "fit.line.watch_dim": "\u2022 {dim}: you'd like <b>{want}</b>, and it's <b>{have}</b>.",
    "fit.line.watch_quality": "\u2022 {label}: <b>{choice}</b>.",
    "fit.line.unclear": "\u2022 {dim}: you'd like <b>{want}</b>; you're not sure yet how it is.",
    "fit.watch.step": (
        "Give these a few more sessions and notice how they are for you. Nothing needs "
        "deciding yet; if one stays with you, raise it."
    ),
    "fit.note_hint": "\nA button below puts a gap in your next note, in words you could use.",
    "fit.closing.gaps": (
        "\nYou decide what to raise, and when. A good therapist wants to hear it. /fit "
        "again in a few weeks shows what has changed."
    ),
    "fit.closing.many": (
        "\nSeveral things don't fit right now. Raising them often helps, and a good "
        "therapist wants to hear it. And if it still doesn't feel right, it's completely "
        "OK to decide this isn't the right match for you."
    ),
    # Words to use, for each gap: in the first person, ready to say in the room.
    "fit.words.style.a": (
        "It helps me when you tell me plainly what you see, even when it's hard to hear."
    ),
    "fit.words.style.b": (
        "I find it easier when you help me get there myself, rather than telling me straight out."
    ),
    "fit.words.style.both": (
        "I'd like a mix: sometimes tell me plainly what you see, sometimes let me find my own way."
    ),
    "fit.words.talk.a": ("Sometimes I need more room to think out loud before you respond."),
    "fit.words.talk.b": (
        "It helps me when you respond more as I talk; long silences leave me unsure."
    ),
    "fit.words.talk.both": ("I'd like a bit more back and forth, and some room to think too."),
    "fit.words.work.a": (
        "I'd like us to spend some time on practical things I can do between sessions."
    ),
    "fit.words.work.b": (
        "I'd like us to look more at where my patterns come from, not only at coping."
    ),
    "fit.words.work.both": (
        "I'd like us to look at where things come from, and also at what I can do day to day."
    ),
    "fit.words.structure.a": "I'd find it helpful to have more of a plan for our sessions.",
    "fit.words.structure.b": ("I'd like more room to bring whatever is on my mind that day."),
    "fit.words.structure.both": (
        "I'd like some structure, and also room for what comes up on the day."
    ),
    "fit.words.challenge.a": (
        "Right now I need more support than challenge. Could we go a little more gently?"
    ),
    "fit.words.challenge.b": ("I think I'm ready to be challenged more. Please push me a bit."),
    "fit.words.challenge.both": (
        "I'd like support, and also to be challenged when I'm avoiding something."
    ),
    "fit.words.safe": (
        "Sometimes I hold back because I worry about being judged. Can we talk about that?"
    ),
    "fit.words.reliable": (
        "It matters to me that we start on time and follow up on what we agree."
    ),
    "fit.words.goals": (
        "Could we look at my goals together, and check in on how I feel about my progress?"
    ),
    "fit.words.mirror": (
        "I'd like you to tell me about patterns you notice in me, even ones I can't see myself."
    ),
    "fit.words.feedback": (
        "I have some feedback about how we work, and it matters to me that we can talk about it."
    ),
    "fit.words.feels_right": (
        "Something doesn't quite feel right for me yet, and I'd like us to talk about it."
    ),
    # Before the first session: what the client is looking for, and what to ask.
    "fit.head.looking": "<b>What I'm looking for in a therapist</b>",
    "fit.want.style.a": "\u2022 Someone direct, who says plainly what they see.",
    "fit.want.style.b": "\u2022 Someone more indirect, who helps me get there myself.",
    "fit.want.style.both": "\u2022 Someone who can be direct, and gentle too.",
    "fit.want.talk.a": "\u2022 Someone who mostly listens, and gives me room to think.",
    "fit.want.talk.b": "\u2022 Someone who responds to me throughout the session.",
    "fit.want.talk.both": "\u2022 Some back and forth, and some room to think.",
    "fit.want.work.a": "\u2022 Learning new coping skills.",
    "fit.want.work.b": "\u2022 A deep dive into old patterns.",
    "fit.want.work.both": "\u2022 Coping skills, and a look at old patterns too.",
    "fit.want.structure.a": "\u2022 Sessions with a clear structure.",
    "fit.want.structure.b": "\u2022 Open sessions that follow what I bring.",
    "fit.want.structure.both": "\u2022 Some structure, and room for what comes up.",
    "fit.want.challenge.a": "\u2022 Mostly gentle support.",
    "fit.want.challenge.b": "\u2022 Being challenged.",
    "fit.want.challenge.both": "\u2022 Support, and a challenge when I need one.",
    "fit.want.open": "\u2022 I'm open on all of these, and that's fine too.",
    "fit.head.ask": "<b>Questions you could ask in a first session</b>",
    "fit.ask.style": (
        "\u2022 <i>" + _Q + "How direct are you? Would you tell me plainly what you "
        "see?" + _U + "</i>"
    ),
    "fit.ask.talk": (
        "\u2022 <i>" + _Q + "How much do you usually talk in a session, and how much do "
        "you listen?" + _U + "</i>"
    ),
    "fit.ask.work": (
        "\u2022 <i>" + _Q + "Do you work more on coping skills, or on where patterns "
        "come from?" + _U + "</i>"
    ),
    "fit.ask.structure": (
        "\u2022 <i>" + _Q + "How are your sessions usually shaped? Is there a plan, or "
        "things to try between sessions?" + _U + "</i>"
    ),
    "fit.ask.challenge": (
        "\u2022 <i>" + _Q + "How do you balance support and challenge?" + _U + "</i>"
    ),
    "fit.ask.goals": (
        "\u2022 <i>" + _Q + "How will we set my goals, and check in on how I feel about "
        "my progress?" + _U + "</i>"
    ),
    "fit.ask.feedback": (
        "\u2022 <i>" + _Q + "If something isn't working for me, how would you like me "
        "to tell you?" + _U + "</i>"
    ),
    "fit.closing.looking": (
        "\nAfter a few sessions, /fit again shows how it matches. No one therapist fits "
        "everyone: if it doesn't feel right, it's completely OK to keep looking."
    ),
    # The same, as printed in an export (no commands: they don't work on paper).
    "fit.paper.title": "<b>How it fitted, as seen that day</b>\n",
    "fit.paper.no_gaps": "Nothing stood out. As seen that day, it sounded like a good fit.",
    "fit.paper.nothing": "There wasn't enough here to compare this time, and that's fine.",
    "fit.paper.closing_gaps": (
        "\nYou decide what to raise, and when. A good therapist wants to hear it. Checking "
        "again in a few weeks shows what has changed."
    ),
    "fit.paper.closing_looking": (
        "\nAfter a few sessions, checking again shows how it matches. No one therapist fits "
        "everyone: if it doesn't feel right, it's completely OK to keep looking."
    ),
    # What changed since the check before.
    "fit.head.changes": "<b>Since your last fit check, on {date}</b>",
    "fit.change": "\u2022 {label}: {before} \u2192 {after}",
    "fit.changes.none": "Your answers are the same as then.",
}
