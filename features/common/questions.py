"""Which questions a reflection asks, in what order, and of what kind.

Questions are named by keys stored with every answer: never rename one. Their wording is in
the text catalogue (`question.<key>`), written in our own words from the seed texts.
"""

from __future__ import annotations

from collections.abc import Mapping

from features.common.loaded import Goals, OwnQuestions
from features.kernel.vocabulary import Facts, Ref

# Four quick ratings from 0 to 10: common ground in alliance research, in our own words.
RATINGS = ("heard", "focus", "approach", "overall")
# Open questions: seed 000's self-reflection questions, then seed 004's "does it feel right?".
OPEN = ("progress", "obstacles", "helpful", "not_helpful", "felt_right", "bring_up")
BUILT_IN = RATINGS + OPEN

GOAL = "goal:"
OWN = "own:"

# Limits that keep a reflection short enough to finish and a goal short enough to name.
MAX_GOALS = 5
MAX_OWN_QUESTIONS = 5
MAX_GOAL_LENGTH = 300
MAX_OWN_QUESTION_LENGTH = 300


def questions_for(facts: Facts) -> tuple[str, ...]:
    """The questions of a new reflection: ratings, a progress rating per goal, open
    questions, then the client's own. Goal ratings belong to the progress question and
    are asked only while it is on."""
    disabled = facts.client.disabled_questions
    keys = [key for key in RATINGS if key not in disabled]
    if "progress" not in disabled:
        keys += [f"{GOAL}{goal_id}" for goal_id in sorted(facts[Goals].texts)]
    keys += [key for key in OPEN if key not in disabled]
    keys += [f"{OWN}{question_id}" for question_id in sorted(facts[OwnQuestions].texts)]
    return tuple(keys)


def is_rating(key: str) -> bool:
    """Whether the question is answered with a number from 0 to 10."""
    return key in RATINGS or key.startswith(GOAL)


def scale(key: str) -> Ref:
    """What 0 and 10 mean for a rating question: a goal's progress has its own scale; the
    four ratings are statements, rated by how true they were."""
    return Ref("scale.progress") if key.startswith(GOAL) else Ref("scale.true")


def wording(key: str, facts: Facts) -> Ref:
    """The question as the client reads it."""
    if key.startswith(GOAL):
        text = _lookup(facts[Goals].texts, key.removeprefix(GOAL))
        return Ref("question.goal", {"goal": text}) if text else Ref("question.goal_retired")
    if key.startswith(OWN):
        text = _lookup(facts[OwnQuestions].texts, key.removeprefix(OWN))
        return Ref("question.own", {"text": text}) if text else Ref("question.own_removed")
    if key == "progress" and facts[Goals].texts:
        goals = tuple(Ref("question.goal_item", {"goal": g}) for g in facts[Goals].texts.values())
        return Ref("question.progress_with_goals", {"goals": goals})
    return Ref(f"question.{key}")


def goal_text(key: str, facts: Facts) -> str | None:
    """The client's words for the goal a `goal:<id>` question asks about, if still active."""
    return _lookup(facts[Goals].texts, key.removeprefix(GOAL))


def _lookup(texts: Mapping[int, str], raw_id: str) -> str | None:
    return texts.get(int(raw_id)) if raw_id.isdecimal() else None
