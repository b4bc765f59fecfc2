"""The catalogues translators work in (features/locale/): the template holds exactly the
English texts, every shipped language is complete, and the checks, update and rendering
behave as translators and clients need. README: "Languages"."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, time
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from bot.cli import catalogue as command
from features import router
from features.kernel import catalogue
from features.kernel.texts import language_for, offered, plain, render
from features.kernel.vocabulary import Day, Listed, Plural, Ref, Weekday
from tests.support.catalogues import catalogues_from, pseudo_catalogue, write_pseudo

ENGLISH = router.ROUTER.texts
SHIPPED = catalogue.languages(router.LOCALE)


def _template() -> Catalog:
    return catalogue.template(ENGLISH, router.origins())


def test_the_template_holds_every_english_text_as_it_is_now():
    """A developer who adds or changes a text runs `python -m bot catalogue extract`."""
    committed = catalogue.read(catalogue.template_path(router.LOCALE))
    assert catalogue.same_entries(committed, _template()), (
        "features/locale/messages.pot is stale: run `python -m bot catalogue extract`"
    )


@pytest.mark.parametrize("language", SHIPPED)
def test_every_shipped_language_is_complete(language: str):
    translation = catalogue.load(catalogue.po_path(router.LOCALE, language), language)
    assert catalogue.problems(ENGLISH, translation, router.LIMITS) == []


def test_a_complete_catalogue_has_no_problems_and_is_offered(tmp_path: Path):
    write_pseudo(tmp_path, "de")
    assert (
        catalogue.problems(ENGLISH, catalogue.load(catalogue.po_path(tmp_path, "de"), "de")) == []
    )
    with catalogues_from(tmp_path):
        assert offered() == ("en", "de")
        assert plain("language.only", "de") == "[de] For now I can only speak English."
    assert offered() == ("en", *[lang for lang in SHIPPED if lang != "en"])


def _problems(tmp_path: Path, language: str, spoil) -> list[str]:
    made = pseudo_catalogue(language)
    spoil(made)
    path = write_pseudo(tmp_path, language, made)
    return catalogue.problems(ENGLISH, catalogue.load(path, language), router.LIMITS)


def test_a_missing_or_fuzzy_text_is_missing(tmp_path: Path):
    def spoil(made):
        made.get("Saved.", context="safety.saved").string = ""
        made.get("Saved: {n}", context="toast.rated").flags.add("fuzzy")

    [problem] = _problems(tmp_path, "de", spoil)
    assert problem.startswith("2 texts missing or fuzzy: safety.saved, toast.rated")


def test_a_text_english_does_not_have_is_reported(tmp_path: Path):
    def spoil(made):
        made.add("Hallo", "Hallo", context="no.such.text")

    assert _problems(tmp_path, "de", spoil) == [
        "no.such.text: no such text in English (run `update`)"
    ]


def test_a_placeholder_or_tag_unlike_the_english_is_reported(tmp_path: Path):
    def spoil(made):
        made.get("Saved: {n}", context="toast.rated").string = "Gespeichert: {zahl}"
        english = ENGLISH["summary.only_started"]
        assert isinstance(english, str)
        made.get(english, context="summary.only_started").string = " (nur begonnen)"

    assert _problems(tmp_path, "de", spoil) == [
        "summary.only_started: tags [] where English has ['</i>', '<i>']",
        "toast.rated: placeholders ['zahl'] where English has ['n']",
    ]


def test_russian_plural_forms_are_counted_and_each_shows_the_number(tmp_path: Path):
    entry = ENGLISH["summary.count"]
    assert isinstance(entry, Plural)

    def two_forms(made):
        made.get((entry.one, entry.other), context="summary.count").string = ("{n} a", "{n} b")

    # A form left out is a form missing.
    assert _problems(tmp_path, "ru", two_forms) == ["1 texts missing or fuzzy: summary.count"]

    def no_number_for_21(made):
        forms = ("одна сессия", "{n} сессии", "{n} сессий")
        made.get((entry.one, entry.other), context="summary.count").string = forms

    # Russian's first form is said of 21 and 31 too: it must show the number.
    assert _problems(tmp_path, "ru", no_number_for_21) == [
        "summary.count: form 0: placeholders [] where English has ['n']"
    ]


def test_a_form_for_one_alone_says_what_englishs_form_for_one_says(tmp_path: Path):
    entry = ENGLISH["progress.span"]
    assert isinstance(entry, Plural)
    assert "{last}" not in entry.one and "{last}" in entry.other

    def forms(one: str):
        def spoil(made):
            pair = (entry.one, entry.other)
            made.get(pair, context="progress.span").string = (one, "{n} Wochen, {first}-{last}")

        return spoil

    # German's first form is said of 1 alone: like English's, it needn't name {last} ...
    assert _problems(tmp_path, "de", forms("Eine Woche: die vor {first}.")) == []
    # ... but it must name what English's form for 1 names.
    assert _problems(tmp_path, "de", forms("Eine Woche.")) == [
        "progress.span: form 0: placeholders [] where English's form for 1 has ['first']"
    ]


def test_more_plural_forms_than_the_language_has_is_an_error_the_check_reports(
    tmp_path: Path, capsys
):
    entry = ENGLISH["summary.count"]
    assert isinstance(entry, Plural)
    write_pseudo(tmp_path, "de")
    path = catalogue.po_path(tmp_path, "de")
    text = path.read_text("utf-8")
    form = 'msgstr[1] "[de] {n} sessions"\n'
    path.write_text(text.replace(form, form + 'msgstr[2] "{n} mehr"\n'), "utf-8")
    command.extract(tmp_path)
    assert command.check(tmp_path) == 1
    assert "de: the file can't be read:" in capsys.readouterr().out


def test_a_description_longer_than_telegram_takes_is_reported(tmp_path: Path):
    english = ENGLISH["bot.short_description"]
    assert isinstance(english, str)

    def spoil(made):
        made.get(english, context="bot.short_description").string = "Lang " * 25

    assert _problems(tmp_path, "de", spoil) == [
        "bot.short_description: 125 characters, Telegram takes 120"
    ]


def test_a_line_break_at_either_end_is_kept_as_english_has_it(tmp_path: Path):
    def spoil(made):
        made.get(
            "\nSkipped: {days}.", context="schedule.skipped_line"
        ).string = "Übersprungen: {days}."

    assert _problems(tmp_path, "de", spoil) == [
        "schedule.skipped_line: begins without the line break English begins with"
    ]


def test_a_form_said_of_one_alone_may_say_one_in_words(tmp_path: Path):
    entry = ENGLISH["summary.starts"]
    assert isinstance(entry, Plural)

    def in_words(made):
        forms = (", und eine nur begonnen", ", und {n} nur begonnen")
        made.get((entry.one, entry.other), context="summary.starts").string = forms

    assert _problems(tmp_path, "de", in_words) == []


def test_update_keeps_a_translation_of_changed_english_marked_fuzzy(tmp_path: Path):
    pot = _template()
    made = pseudo_catalogue("de")
    old = made.get("Saved.", context="safety.saved")
    made.delete("Saved.", context="safety.saved")
    made.add("Kept.", "Gespeichert.", context="safety.saved")  # English was "Kept." then
    made.add("Gone", "Weg", context="gone.text")
    del old

    updated = catalogue.update(made, pot)
    entries = catalogue.entries(updated)
    changed = entries["safety.saved"]
    assert changed.string == "Gespeichert."
    assert "fuzzy" in changed.flags
    assert list(changed.previous_id) == ["Kept."]
    assert "gone.text" not in entries
    assert [m.context for m in updated.obsolete.values()] == ["gone.text"]
    assert updated.num_plurals == 2


def test_update_brings_new_texts_in_empty(tmp_path: Path):
    made = pseudo_catalogue("ru")
    made.delete("Saved.", context="safety.saved")
    entry = ENGLISH["summary.count"]
    assert isinstance(entry, Plural)
    made.delete((entry.one, entry.other), context="summary.count")
    updated = catalogue.update(made, _template())
    assert catalogue.entries(updated)["safety.saved"].string == ""
    assert catalogue.entries(updated)["summary.count"].string == ("", "", "")


def test_the_commands_start_update_and_check_a_language(tmp_path: Path, capsys):
    assert command.check(tmp_path) == 1  # no template yet
    assert command.extract(tmp_path) == 0
    assert command.main(["init", "ru"], tmp_path) == 0
    po = catalogue.read(catalogue.po_path(tmp_path, "ru"), "ru")
    assert po.num_plurals == 3
    assert command.main(["init", "ru"], tmp_path) == 2  # there already
    assert command.main(["init", "xx"], tmp_path) == 2  # no such language
    assert command.main(["init", "pt_BR"], tmp_path) == 2  # spoken as pt
    assert command.update(tmp_path) == 0
    assert command.check(tmp_path) == 1  # nothing translated yet
    write_pseudo(tmp_path, "ru")
    assert command.check(tmp_path) == 0
    assert "ru: complete" in capsys.readouterr().out


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext isn't installed")
def test_gnu_gettext_accepts_the_template_and_a_catalogue(tmp_path: Path):
    """What Poedit and Weblate build on reads our files, placeholders checked."""
    path = write_pseudo(tmp_path, "ru")
    template = catalogue.template_path(router.LOCALE)
    for checked in (template, path):
        subprocess.run(
            ["msgfmt", "--check", "-o", str(tmp_path / "out.mo"), str(checked)],
            check=True,
            capture_output=True,
        )


def test_a_language_is_spoken_only_when_complete(tmp_path: Path):
    made = pseudo_catalogue("de")
    made.get("Saved.", context="safety.saved").string = ""
    write_pseudo(tmp_path, "de", made)
    with catalogues_from(tmp_path):
        assert offered() == ("en",)
        assert language_for("de") == "en"
        assert plain("toast.rated", "de", n="3") == "Saved: 3"


def test_telegrams_language_tag_maps_to_a_language_spoken(tmp_path: Path):
    write_pseudo(tmp_path, "de")
    with catalogues_from(tmp_path):
        assert language_for("de") == "de"
        assert language_for("de-AT") == "de"
        assert language_for("DE_ch") == "de"
        assert language_for("pt-BR") == "en"
        assert language_for(None) == "en"
        assert plain("toast.rated", "de-AT", n="3") == "[de] Saved: 3"


def test_a_plural_text_takes_the_form_its_number_needs(tmp_path: Path):
    entry = ENGLISH["summary.count"]
    assert isinstance(entry, Plural)
    made = pseudo_catalogue("ru")
    made.get((entry.one, entry.other), context="summary.count").string = (
        "{n} сессия",
        "{n} сессии",
        "{n} сессий",
    )
    write_pseudo(tmp_path, "ru", made)
    with catalogues_from(tmp_path):
        said = {n: plain("summary.count", "ru", n=n) for n in (1, 2, 5, 11, 21, 22, 25)}
    assert said == {
        1: "1 сессия",
        2: "2 сессии",
        5: "5 сессий",
        11: "11 сессий",
        21: "21 сессия",
        22: "22 сессии",
        25: "25 сессий",
    }
    assert [plain("summary.count", n=n) for n in (1, 2)] == ["1 session", "2 sessions"]
    assert plain("summary.starts", n=1) == ", and one reflection only started"


def test_dates_weekdays_lists_and_numbers_are_written_in_the_clients_language(tmp_path: Path):
    tuesday = date(2026, 11, 24)
    days = Listed((Weekday(0), Weekday(3)))
    write_pseudo(tmp_path, "de")
    write_pseudo(tmp_path, "ru")
    with catalogues_from(tmp_path):
        german = render("button.session_day", "de", day=Day(tuesday))
        listed = render("button.session_day", "de", day=days)
        russian = render("button.session_day", "ru", day=Day(tuesday, year=True))
        moment = render("schedule.note_line", "de", note=Day(tuesday, at=time(18, 50)))
        number = render("toast.rated", "de", n=20000)
    assert german == "[de] Dienstag, 24. November"
    assert listed == "[de] Montag und Donnerstag"
    assert russian == "[ru] вторник, 24 ноября 2026\u202fг."
    assert moment == "\n[de] Your note for it comes: Dienstag, 24. November, 18:50."
    assert number == "[de] Saved: 20.000"


def test_english_dates_keep_the_bots_own_wording():
    tuesday = date(2026, 11, 24)
    assert render("button.session_day", day=Day(tuesday)) == "Tuesday 24 November"
    assert render("button.session_day", day=Day(tuesday, year=True)) == "Tuesday 24 November 2026"
    assert (
        render("button.session_day", day=Day(tuesday, year=True, weekday=False))
        == "24 November 2026"
    )
    assert render("button.session_day", day=Day(tuesday, at=time(9, 5))) == (
        "Tuesday 24 November, 09:05"
    )
    short = Listed(tuple(Weekday(n, short=True) for n in (1, 3)))
    assert render("button.session_day", day=short) == "Tue, Thu"
    assert render("button.session_day", day=Ref("summary.count", {"n": 3})) == "3 sessions"


def test_a_text_missing_from_a_language_falls_back_to_english_whole(tmp_path: Path):
    """Not offered to anyone; but a client who chose it earlier reads whole English
    sentences, their dates in English too, rather than a mix."""
    made = pseudo_catalogue("de")
    made.get("{day}", context="button.session_day").string = ""
    write_pseudo(tmp_path, "de", made)
    with catalogues_from(tmp_path):
        assert render("button.session_day", "de", day=Day(date(2026, 11, 24))) == (
            "Tuesday 24 November"
        )


def test_update_changes_nothing_in_a_catalogue_already_in_step(tmp_path: Path):
    """Running it again leaves the file as it was: no churn in a translator's diff."""
    command.extract(tmp_path)
    path = write_pseudo(tmp_path, "ru")
    command.update(tmp_path)
    once = path.read_bytes()
    command.update(tmp_path)
    assert path.read_bytes() == once
