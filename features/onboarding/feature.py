"""Onboarding's registration: /start and /timezone, the time zone question, and the frame
around every conversation (/help, /cancel's general answer, idle)."""

from __future__ import annotations

from features.kernel.feature import (
    CommandInfo,
    Feature,
    again_from_state,
    on_facts,
    on_state_and_facts,
)
from features.kernel.vocabulary import Step
from features.onboarding import flow, texts
from features.onboarding import help as onboarding_help

FEATURE = Feature(
    name="onboarding",
    commands={
        "start": on_state_and_facts(flow.start),
        "timezone": on_facts(flow.change_time_zone),
        "help": onboarding_help.show_help,
        "cancel": onboarding_help.cancel,
    },
    steps={
        Step.IDLE: onboarding_help.idle,
        Step.ASK_TIME_ZONE: flow.ask_time_zone,
    },
    ask_again={Step.ASK_TIME_ZONE: again_from_state(flow.ask_again)},
    asides=frozenset({"help"}),
    goes_to=frozenset({flow.SCHEDULE_SETUP, onboarding_help.MEMO_OFFER}),
    texts=texts.EN,
    menu=(
        CommandInfo("start", "command.start"),
        CommandInfo("timezone", "command.timezone"),
        CommandInfo("help", "command.help"),
        CommandInfo("cancel", "command.cancel"),
    ),
)
