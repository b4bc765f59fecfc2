"""The crisis message for one client: their country's emergency number and helplines,
each line written so that a phone can dial it from the chat."""

from __future__ import annotations

from features.common.gazetteer import country_label
from features.kernel.texts import DEFAULT_LANGUAGE
from features.kernel.vocabulary import Arg, Facts, Listed, Ref, Reply
from features.safety.crisis import CrisisData, Helpline, base_language

# How the data writes numbers any one of which will do: "0800 111 0 111 or 0800 111 0 222".
_OR = " or "


def crisis_reply(facts: Facts) -> Reply:
    """Where to get help now, for the client's country (chosen, or their time zone's)."""
    crisis = facts.get(CrisisData)
    if crisis is None:
        return Reply("crisis.fallback")
    client = facts.client
    # Names, hours and "112 or 144" as said in the client's language, where the data has it.
    resource = crisis.resource_for(client.time_zone, client.country).in_language(client.language)
    language = base_language(client.language)
    lines = tuple(_line(line) for line in resource.helplines)
    if not resource.helplines or (not resource.name and language != DEFAULT_LANGUAGE):
        # The default's line is one English sentence in the data; the catalogue says it.
        lines = (Ref("crisis.find_a_helpline"),)
    name = resource.name
    code = crisis.country_for(client.time_zone, client.country)
    if name and code and language != DEFAULT_LANGUAGE:
        name = country_label(code, language)  # CLDR's name, in the client's language
    where: Arg = Ref("crisis.where", {"country": name}) if name else ""
    known = resource.name or client.country
    hint = "crisis.country_hint" if known else "crisis.country_hint_unknown"
    args: dict[str, Arg] = {
        "emergency": _numbers(resource.emergency),
        "where": where,
        "helplines": lines,
        "country_hint": Ref(hint),
    }
    return Reply("crisis", args)


def _line(line: Helpline) -> Ref:
    """One helpline: "• Samaritans: call 116 123 (24/7, free)"."""
    if not line.call and not line.text:  # a line of an older file, written out whole
        return Ref("crisis.helpline", {"text": line.name})
    hours: Arg = Ref("crisis.hours", {"hours": line.hours}) if line.hours else ""
    return Ref("crisis.line", {"name": line.name, "ways": _ways(line), "hours": hours})


def _numbers(numbers: str) -> Arg:
    """Numbers any one of which will do, joined as the client's language says "or"."""
    if _OR not in numbers:
        return numbers
    return Listed(tuple(numbers.split(_OR)), alternatives=True)


def _ways(line: Helpline) -> Ref:
    call, text, word = line.call, line.text, line.keyword
    if call and text == call and not word:
        return Ref("crisis.ways.call_or_text", {"number": _numbers(call)})
    texting = (
        Ref("crisis.ways.text_word", {"word": word, "number": text})
        if word
        else Ref("crisis.ways.text", {"number": text})
    )
    if call and text:
        return Ref("crisis.ways.call_and", {"number": _numbers(call), "texting": texting})
    if call:
        return Ref("crisis.ways.call", {"number": _numbers(call)})
    return texting
