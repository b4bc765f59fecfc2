"""A memo in the note: the client's words, under what they'd like to bring up."""

from __future__ import annotations

from features import router  # noqa: F401  (installs the catalogue)
from features.kernel.texts import render
from features.review.note import NoteItem, NoteView, draft, final, in_order


def test_a_memo_is_the_clients_words_under_bring_up():
    memo = NoteItem("memo", 7, "bring_up", text="Tell her about the hard session")
    helped = NoteItem("answer", 3, "helpful", text="The breathing exercise")
    note = NoteView(0, in_order([helped, memo]))
    assert [item.kind for item in note.items] == ["memo", "answer"]
    assert memo.section == "bring_up" and memo.words
    for reply in (draft(note, False, "en"), *final(note, False, "en")):
        shown = render(reply.text, "en", **reply.args)
        assert shown.index("bring up") < shown.index("Tell her about the hard session")
