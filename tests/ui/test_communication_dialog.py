"""Communication needs and equality monitoring, through their dialog."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QLabel

from sec_desktop.domain.enums import CommunicationNeed
from sec_desktop.domain.equality import CHARACTERISTICS
from sec_desktop.services.participant_records import (
    CommunicationNeeds,
    EqualityAnswers,
    ParticipantDetails,
)
from sec_desktop.ui.communication_dialog import CommunicationDialog
from sec_desktop.ui.participant_fields import choose
from sec_desktop.ui.record_writer import RecordWriter
from tests.ui.test_participant_dialog import (
    assert_keyboard_complete,
    assert_labels_have_buddies,
    save_accepted,
    show,
)


def dialog_for(qtbot, services, writer=None) -> tuple[CommunicationDialog, int]:
    person = services.roster.add(
        ParticipantDetails(name="Robin Calloway"),
        communication=CommunicationNeeds(frozenset({CommunicationNeed.BSL}), "Mornings"),
    )
    record = services.roster.record(person.id)
    return show(qtbot, CommunicationDialog(services, writer or RecordWriter(), record)), person.id


def test_every_question_offers_not_asked_and_prefer_not_to_say(qtbot, services) -> None:
    dialog, _person = dialog_for(qtbot, services)
    for characteristic in CHARACTERISTICS:
        combo = dialog.equality_combos[characteristic.key]
        texts = [combo.itemText(i) for i in range(combo.count())]
        assert texts[0] == "Not asked" and combo.currentIndex() == 0
        assert texts[-1] == "Prefer not to say"
        assert len(texts) == len(characteristic.options) + 2
    explanation = dialog.findChild(QLabel, "equalityExplanation")
    assert "kept apart" in explanation.text() and "only in aggregate" in explanation.text()


def test_needs_and_answers_are_saved(qtbot, services) -> None:
    writer = RecordWriter()
    dialog, person = dialog_for(qtbot, services, writer)
    assert dialog.needs_form.checks[CommunicationNeed.BSL].isChecked()
    assert dialog.needs_form.other_edit.text() == "Mornings"
    dialog.needs_form.checks[CommunicationNeed.WELSH].setChecked(True)
    dialog.needs_form.checks[CommunicationNeed.BSL].setChecked(False)
    choose(dialog.equality_combos["sex"], "female")
    choose(dialog.equality_combos["disability"], "prefer not to say")
    save_accepted(qtbot, dialog, writer)
    record = services.roster.record(person)
    assert record.communication == CommunicationNeeds(
        frozenset({CommunicationNeed.WELSH}), "Mornings"
    )
    assert dict(record.equality.answers) == {"sex": "female", "disability": "prefer not to say"}


def test_answers_already_given_are_shown_and_a_draft_brings_them_back(qtbot, services) -> None:
    dialog, person = dialog_for(qtbot, services)
    services.roster.update_equality(person, EqualityAnswers({"age": "25-44"}))
    again = show(
        qtbot, CommunicationDialog(services, RecordWriter(), services.roster.record(person))
    )
    assert again.equality_combos["age"].currentData() == "25-44"
    choose(again.equality_combos["race"], "mixed")
    again.needs_form.other_edit.setText("Needs short breaks")
    draft = json.loads(json.dumps(again.take_draft()))
    dialog.restore_draft(draft)
    assert dialog.answers() == again.answers()
    assert dialog.needs_form.needs() == again.needs_form.needs()


def test_the_communication_dialog_works_from_the_keyboard(qtbot, services) -> None:
    dialog, _person = dialog_for(qtbot, services)
    assert_labels_have_buddies(dialog)
    assert_keyboard_complete(qtbot, dialog)
