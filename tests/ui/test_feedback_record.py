"""One feedback item's own record on a real vault: what it shows (source, where given,
coding, text), the quote line for each reason a quote may or may not be used, Delete
(asked first; a disclosure refused with the service's message), and Edit opening the
capture form on this item and showing the record again after it saved."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import ClassVar

import pytest
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog

from sec_desktop.domain.engagement_enums import FeedbackSource, Sentiment
from sec_desktop.services.disclosures import AtRisk, MinimumFacts
from sec_desktop.services.feedback import FeedbackDraft
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui import feedback_capture_dialog, feedback_record_dialog
from sec_desktop.ui.feedback_record_dialog import FeedbackRecordDialog
from sec_desktop.ui.record_writer import RecordWriter
from tests.feedback_data import SECRET, Seeded, seed
from tests.records import TODAY
from tests.ui.test_participant_dialog import show

COURT = "Court (plea, trial, verdict, sentence)"
BELIEVED = "Being believed"


@pytest.fixture
def seeded(records_vault) -> Seeded:
    return seed(records_vault)


def said(seeded: Seeded, participant: int | None, **changes: object) -> FeedbackDraft:
    draft = FeedbackDraft(
        received_on=TODAY,
        source=FeedbackSource.PARTICIPANT,
        participant_id=participant,
        engagement_id=seeded.focus_group,
        summary="Felt listened to at court",
        quote="They explained every step.",
        sentiment=Sentiment.POSITIVE,
        stage_ids=(seeded.stages[COURT],),
        theme_ids=(seeded.themes[BELIEVED],),
        quote_permission=True,
    )
    return replace(draft, **changes)  # type: ignore[arg-type]


def open_record(qtbot, services: RecordServices, feedback_id: int) -> FeedbackRecordDialog:
    return show(qtbot, FeedbackRecordDialog(services, RecordWriter(), feedback_id, None))


def test_the_record_shows_the_item_in_full(qtbot, services, seeded) -> None:
    item = services.feedback.add(said(seeded, seeded.quoted))
    dialog = open_record(qtbot, services, item)
    assert dialog.source_value.text() == "S-0001"
    assert dialog.given_at_value.text().startswith("Focus group: Courts focus group")
    assert dialog.sentiment_value.text() == "Positive"
    assert dialog.stages_value.text() == COURT
    assert dialog.themes_value.text() == BELIEVED
    assert dialog.summary_value.text() == "Felt listened to at court"
    assert dialog.quote_value.text() == "They explained every step."
    assert dialog.section.isHidden() and dialog.flag_button.isVisible()
    for push in (dialog.edit_button, dialog.delete_button, dialog.flag_button):
        assert push.accessibleName() and push.focusPolicy() & Qt.FocusPolicy.TabFocus

    partner = services.feedback.add(
        said(
            seeded,
            None,
            source=FeedbackSource.PARTNER,
            partner_id=seeded.partner,
            partner_contact_id=seeded.contact,
            engagement_id=None,
            quote_permission=False,
        )
    )
    dialog = open_record(qtbot, services, partner)
    assert dialog.source_value.text() == "Example IDVA Service (Alex Example)"
    assert dialog.given_at_value.text() == "Not at a recorded engagement"


def test_the_quote_line_says_whether_and_why_not(qtbot, services, seeded, records_vault) -> None:
    quoted = services.feedback.add(said(seeded, seeded.quoted))
    no_permission = services.feedback.add(said(seeded, seeded.quoted, quote_permission=False))
    anonymous = services.feedback.add(
        said(seeded, None, source=FeedbackSource.ANONYMOUS, quote_permission=False)
    )
    no_quote = services.feedback.add(said(seeded, seeded.quoted, quote="", quote_permission=False))
    flagged = services.feedback.add(said(seeded, seeded.quoted))
    services.disclosures.flag(flagged, MinimumFacts("Assault", "Last year", "Town", AtRisk.NO))

    def line(feedback_id: int, on: RecordServices = services) -> str:
        dialog = open_record(qtbot, on, feedback_id)
        return dialog.quote_status.text()

    assert line(quoted).startswith("May be quoted, anonymised")
    assert line(no_permission) == (
        "Stored, but never quoted: no permission was given for this quote."
    )
    assert line(anonymous) == "Stored, but never quoted: only a participant on the roster can be."
    assert line(no_quote) == "There is no quote to use."
    assert line(flagged) == "Stored, but never quoted: it contains a disclosure."
    # S-0001's consent to be quoted is due for review today: tomorrow it no longer holds.
    tomorrow = RecordServices.over(records_vault, today=lambda: TODAY + timedelta(days=1))
    assert line(quoted, tomorrow) == "Stored, but never quoted: no current consent to be quoted."


def test_delete_asks_first_and_a_disclosure_is_refused(
    qtbot, services, seeded, monkeypatch
) -> None:
    answers: list[bool] = []
    monkeypatch.setattr(feedback_record_dialog, "ask_to_delete", lambda _parent: answers.pop(0))
    item = services.feedback.add(said(seeded, seeded.quoted))
    writer = RecordWriter()
    dialog = show(qtbot, FeedbackRecordDialog(services, writer, item, None))
    answers.append(False)
    dialog.delete_button.click()
    assert dialog.isVisible() and not writer.busy
    answers.append(True)
    with qtbot.waitSignal(dialog.deleted, timeout=10000) as deleted:
        dialog.delete_button.click()
    assert deleted.args == [item] and not dialog.isVisible()
    assert item not in [r.id for r in services.feedback.rows()]

    flagged = services.feedback.add(said(seeded, seeded.no_consent, summary=SECRET))
    services.disclosures.flag(flagged, MinimumFacts("Assault", "Last year", "Town", AtRisk.NO))
    dialog = show(qtbot, FeedbackRecordDialog(services, writer, flagged, None))
    with qtbot.waitSignal(writer.busy_changed, timeout=10000, check_params_cb=lambda b: not b):
        dialog.delete_button.click()
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "cannot be deleted" in dialog.error.text()
    assert flagged in [r.id for r in services.feedback.rows()]


class FakeCapture(QDialog):
    """Stands in for the capture form (built by another helper): records how it was
    asked for and can say it saved."""

    saved = Signal(object)
    made: ClassVar[list[FakeCapture]] = []

    def __init__(self, services, writer, parent, *, feedback_id=None, **_kw) -> None:
        super().__init__(parent)
        self.services, self.feedback_id = services, feedback_id
        FakeCapture.made.append(self)


def test_edit_opens_the_capture_form_on_this_item_and_shows_the_change(
    qtbot, services, seeded, monkeypatch
) -> None:
    monkeypatch.setattr(feedback_capture_dialog, "FeedbackCaptureDialog", FakeCapture)
    item = services.feedback.add(said(seeded, seeded.quoted))
    dialog = open_record(qtbot, services, item)
    dialog.edit_button.click()
    capture = FakeCapture.made[-1]
    assert capture.feedback_id == item and capture.isVisible()
    services.feedback.update(item, said(seeded, seeded.quoted, summary="Changed summary"))
    with qtbot.waitSignal(dialog.changed):
        capture.saved.emit(item)
    capture.accept()
    assert dialog.summary_value.text() == "Changed summary"
    assert dialog.child is None


def test_a_gone_item_says_so_and_offers_nothing(qtbot, services, seeded) -> None:
    dialog = open_record(qtbot, services, 9999)
    assert dialog.error.text() == "This feedback is no longer in the vault."
    assert not dialog.edit_button.isEnabled() and not dialog.delete_button.isEnabled()


def test_edit_opens_the_real_capture_form_on_this_item(qtbot, services, seeded) -> None:
    item = services.feedback.add(said(seeded, seeded.quoted))
    dialog = open_record(qtbot, services, item)
    capture = dialog.edit()
    assert isinstance(capture, feedback_capture_dialog.FeedbackCaptureDialog)
    assert capture.feedback_id == item and capture.isVisible()
    assert dialog.edit() is None  # one form at a time
    capture.reject()
    assert dialog.child is None
