"""Texts of /goals and /questions: the client's goals, and which questions a reflection
asks (with their short names for the menu)."""

from __future__ import annotations

from features.kernel.vocabulary import Plural, Wording

EN: dict[str, Wording] = {
    # Short names of the questions, for the /questions menu.
    "label.heard": "Feeling heard and respected (0-10)",
    "label.focus": "Working on what I wanted (0-10)",
    "label.approach": "How my therapist works suits me (0-10)",
    "label.overall": "The session overall (0-10)",
    "label.progress": "Progress towards my goals",
    "label.obstacles": "Obstacles to change",
    "label.helpful": "What was helpful",
    "label.not_helpful": "What wasn't helpful",
    "label.felt_right": "Did it feel right?",
    "label.bring_up": "What to bring up next time",
    # /goals
    "goals.none": (
        "You haven't written any goals yet. Goals in your own words help me ask about "
        "progress: for example <i>feel less anxious at work</i> or <i>understand why I "
        "push people away</i>."
    ),
    "goals.menu": (
        "Your goals for therapy:\n{goals}\n\nEach reflection asks how much progress "
        "you feel on each of them."
    ),
    "goals.item": "{n}. {goal}",
    "goals.ask_new": "What's the goal? Write it in your own words, in a sentence or two.",
    "goals.ask_edit": "How would you like to word it now? Currently: <i>{goal}</i>",
    "goals.ask_edit_again": "Please send the new wording for your goal, or /cancel.",
    "goals.added": "Added your goal: <i>{goal}</i>{stop} /goals shows them all.",
    "goals.edited": "Updated: <i>{goal}</i>{stop}",
    "goals.retired": (
        "Set aside: <i>{goal}</i>. It won't be asked about any more; what you said "
        "about it stays in your history."
    ),
    "goals.gone": "That goal has been set aside meanwhile, so I left it as it was.",
    "goals.pick_edit": "Which goal would you like to reword?",
    "goals.pick_retire": "Which goal would you like to set aside?",
    "goals.too_long": Plural(
        one=(
            "That's a little long for a goal. Could you put it in up to {max} character? "
            "Your longer thoughts have a place in the reflection questions."
        ),
        other=(
            "That's a little long for a goal. Could you put it in up to {max} characters? "
            "Your longer thoughts have a place in the reflection questions."
        ),
        count="max",
    ),
    "goals.full": Plural(
        one="You have {max} goal already; set it aside to add another. /goals",
        other="You have {max} goals already; set one aside to add another. /goals",
        count="max",
    ),
    "goals.only_text": "I can only keep text. Please type your goal, or /cancel.",
    # /questions
    "questions.menu": (
        "These are the questions I ask after a session. Tap one to turn it off or on; "
        "your own questions come last.{own}"
    ),
    "questions.own_item": "\n\u2022 {text}",
    "questions.ask_new": "What would you like me to ask you after each session?",
    "questions.added": "Added: <i>{text}</i>{stop} I'll ask it at the end of each reflection.",
    "questions.too_long": Plural(
        one="Could you make it shorter, up to {max} character?",
        other="Could you make it shorter, up to {max} characters?",
        count="max",
    ),
    "questions.full": Plural(
        one="You have {max} question of your own already. /questions",
        other="You have {max} questions of your own already. /questions",
        count="max",
    ),
    "questions.only_text": "I can only keep text. Please type your question, or /cancel.",
    "toast.goals_full": Plural(
        one="You have {max} goal already; set it aside first.",
        other="You have {max} goals already; set one aside first.",
        count="max",
    ),
    "toast.own_full": Plural(
        one="You have {max} question of your own already.",
        other="You have {max} questions of your own already.",
        count="max",
    ),
    "button.goal_add": "Add a goal",
    "button.goal_edit": "Reword one",
    "button.goal_retire": "Set one aside",
    "button.goal": "{goal}",
    "button.question_on": "\u2705 {label}",
    "button.question_off": "\u2b1c {label}",
    "button.own_remove": "\u2716 {text}",
    "button.own_add": "Add my own question",
    "command.goals": "Your therapy goals, in your words",
    "command.questions": "Choose the questions I ask",
}
