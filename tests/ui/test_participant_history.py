"""The participant's history tab with their activity: engagements, feedback and what they
were told came of it, merged newest first with what the record holds; a disclosure listed
with none of its text; Enter or a double click on feedback or an engagement asks to open
it."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from sec_desktop.domain.action import Action, ToldRecord
from sec_desktop.domain.action_enums import ActionStatus, TellingChannel
from sec_desktop.domain.engagement import Attendance
from sec_desktop.domain.engagement_enums import FeedbackSource, Sentiment
from sec_desktop.services.disclosures import AtRisk, MinimumFacts
from sec_desktop.services.feedback import FeedbackDraft
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.participant_history import HistoryTab, shortened
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault
from tests.feedback_data import SECRET, STAMP, Seeded, seed
from tests.records import TODAY

COURT = "Court (plea, trial, verdict, sentence)"
DELAYS = "Time and delays"
BELIEVED = "Being believed"
LONG = (
    "Waited three weeks for anyone to ring back after giving a statement, and then heard "
    "about the charging decision from a neighbour before the officer in the case called"
)


@pytest.fixture
def seeded(records_vault: Vault) -> Seeded:
    return seed(records_vault)


@pytest.fixture
def tab(qtbot) -> HistoryTab:
    widget = HistoryTab()
    qtbot.addWidget(widget)
    widget.resize(860, 560)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def items(services: RecordServices, seeded: Seeded, records_vault: Vault) -> dict[str, int]:
    """S-0001: the focus group today (limits of confidentiality explained), feedback there,
    a disclosure today and older feedback from a call a fortnight ago."""
    with records_vault.writing(AuditEvent.ENGAGEMENT_EDITED, "test data") as session:
        attended = session.get_one(Attendance, (seeded.focus_group, seeded.quoted))
        attended.confidentiality_explained = True
    draft = FeedbackDraft(
        received_on=TODAY,
        source=FeedbackSource.PARTICIPANT,
        participant_id=seeded.quoted,
        engagement_id=seeded.focus_group,
        summary="Felt listened to at court",
        sentiment=Sentiment.POSITIVE,
        stage_ids=(seeded.stages[COURT],),
        theme_ids=(seeded.themes[DELAYS], seeded.themes[BELIEVED]),
    )
    feedback = services.feedback
    older = feedback.add(
        replace(
            draft,
            engagement_id=None,
            received_on=TODAY - timedelta(days=14),
            summary=LONG,
            sentiment=None,
            stage_ids=(),
            theme_ids=(),
        )
    )
    at_group = feedback.add(draft)
    disclosed = feedback.add(replace(draft, summary=SECRET, quote=SECRET, engagement_id=None))
    services.disclosures.flag(disclosed, MinimumFacts("Assault", "May", "At home", AtRisk.NO))
    return {"older": older, "at_group": at_group, "disclosed": disclosed}


def show(tab: HistoryTab, services: RecordServices, person: int) -> None:
    tab.show_record(services.roster.record(person), services.activity.of(person))


def test_engagements_and_feedback_join_the_history_newest_first(
    tab: HistoryTab, services: RecordServices, seeded: Seeded, items: dict[str, int]
) -> None:
    show(tab, services, seeded.quoted)
    assert tab.texts() == [
        "25 Nov 2026 Feedback flagged as a disclosure",
        "25 Nov 2026 Feedback (Positive): Felt listened to at court\n"
        # In the order of the user's list of themes.
        f"Journey stages: {COURT}\nThemes: {BELIEVED}; {DELAYS}",
        "25 Nov 2026 Took part: Focus group \u2013 Courts focus group\n"
        "Limits of confidentiality explained.",
        f"11 Nov 2026 Feedback: {shortened(LONG)}",
        "9 May 2026 Consent given (Verbal): Being quoted (anonymised) in briefings",
        "5 Jan 2026 Added to the roster",
    ]
    assert shortened(LONG).endswith("from a neighbour before\u2026") and len(shortened(LONG)) <= 140
    assert [tab.opens(row) for row in range(tab.table.rowCount())] == [
        ("feedback", items["disclosed"]),
        ("feedback", items["at_group"]),
        ("engagement", seeded.focus_group),
        ("feedback", items["older"]),
        None,
        None,
    ]
    # Entries of several lines are shown whole, not cut to one line.
    line = tab.table.fontMetrics().lineSpacing()
    assert tab.table.rowHeight(1) >= 3 * line and tab.table.rowHeight(2) >= 2 * line


def test_a_disclosure_shows_none_of_its_text_and_others_see_only_their_own(
    tab: HistoryTab, services: RecordServices, seeded: Seeded, items: dict[str, int]
) -> None:
    show(tab, services, seeded.quoted)
    assert not any(SECRET in text for text in tab.texts())
    show(tab, services, seeded.no_consent)
    assert tab.texts()[0] == (
        "25 Nov 2026 Took part: Focus group \u2013 Courts focus group\n"
        "Limits of confidentiality not recorded as explained."
    )
    assert not any("Feedback" in text for text in tab.texts())
    # Someone else's activity is not shown as theirs.
    tab.show_record(services.roster.record(seeded.no_consent), services.activity.of(seeded.quoted))
    assert not any("Feedback" in text for text in tab.texts())
    tab.show_record(None)
    assert tab.table.rowCount() == 0 and tab.opens(0) is None


def test_enter_or_a_double_click_asks_to_open_feedback_or_an_engagement(
    qtbot, tab: HistoryTab, services: RecordServices, seeded: Seeded, items: dict[str, int]
) -> None:
    asked: list[tuple[str, int]] = []
    tab.open_requested.connect(lambda kind, record_id: asked.append((kind, record_id)))
    show(tab, services, seeded.quoted)
    assert "Press Enter" in tab.note.text()
    table = tab.table
    table.setFocus()
    table.setCurrentCell(1, 0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    table.setCurrentCell(5, 1)  # "Added to the roster": nothing to open
    qtbot.keyClick(table, Qt.Key.Key_Enter)
    rect = table.visualItemRect(table.item(2, 1))
    # A double click as a mouse gives it: pressed first, then the double click.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert asked == [("feedback", items["at_group"]), ("engagement", seeded.focus_group)]


def test_without_a_page_to_open_entries_nothing_is_promised(
    tab: HistoryTab, services: RecordServices, seeded: Seeded
) -> None:
    show(tab, services, seeded.quoted)
    assert "Enter" not in tab.note.text()
    assert tab.note.text().startswith("What happened, newest first")
    assert tab.table.accessibleName() == "History, newest first"


def test_what_they_were_told_came_of_their_feedback_is_in_the_history(
    tab: HistoryTab,
    services: RecordServices,
    seeded: Seeded,
    items: dict[str, int],
    records_vault: Vault,
) -> None:
    with records_vault.writing(AuditEvent.ENGAGEMENT_RECORDED, "test data") as session:
        action = Action(
            title="Call back within two days after an online report",
            status=ActionStatus.DONE,
            outcome="Done.",
            closed_on=TODAY - timedelta(days=20),
            created_at=STAMP,
            updated_at=STAMP,
        )
        session.add(action)
        session.flush()
        session.add_all(
            [
                ToldRecord(
                    action_id=action.id,
                    participant_id=seeded.quoted,
                    told_on=TODAY,
                    channel=TellingChannel.THROUGH_PARTNER,
                ),
                # Someone else's telling is not theirs.
                ToldRecord(
                    action_id=action.id,
                    participant_id=seeded.no_consent,
                    told_on=TODAY - timedelta(days=1),
                    channel=TellingChannel.TEXT,
                ),
            ]
        )
    show(tab, services, seeded.quoted)
    told = (
        "25 Nov 2026 Told what came of their feedback: Call back within two days after an "
        "online report (Through a partner (IDVA/ISVA))"
    )
    texts = tab.texts()
    # On the same day, after the feedback that day; Enter opens the action.
    assert texts[0] == told and texts[1] == "25 Nov 2026 Feedback flagged as a disclosure"
    opens = tab.opens(0)
    assert opens is not None and opens[0] == "action"
    assert sum("Told what came" in text for text in texts) == 1
    show(tab, services, seeded.no_consent)
    assert tab.texts()[1] == (
        "24 Nov 2026 Told what came of their feedback: Call back within two days after an "
        "online report (Text message)"
    )
