"""The Today page on a real vault: every section listed by pseudonym code, overdue items
said in words and highlighted, an item opened by keyboard or double click asks for the
right screen, a kind word on an empty day, refreshed after a write, cleared on detach."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from sqlalchemy import text

from sec_desktop.domain.engagement import Attendance
from sec_desktop.domain.engagement_enums import FeedbackSource
from sec_desktop.domain.enums import ParticipantStatus
from sec_desktop.domain.participant import Participant
from sec_desktop.domain.risk import RiskAssessment, WellbeingCheck
from sec_desktop.domain.risk_enums import (
    Answer,
    DashLevel,
    HowTheyAre,
    Proceedings,
    Readiness,
    RiskOutcome,
)
from sec_desktop.services.coordinator_log import THRESHOLD_FACT
from sec_desktop.services.disclosures import AtRisk, MinimumFacts
from sec_desktop.services.feedback import FeedbackDraft
from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui import today_page
from sec_desktop.ui.participant_fields import shown_date
from sec_desktop.ui.record_writer import RecordWriter
from sec_desktop.ui.today_page import OVERDUE_ROLE, SECTIONS, TodayPage
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault
from tests.feedback_data import STAMP, Seeded, seed
from tests.records import TODAY

FACTS = MinimumFacts("Assault", "Last year", "In town", AtRisk.NOT_KNOWN)


@dataclass(frozen=True)
class Day:
    seeded: Seeded
    disclosure: int  # a feedback item flagged as a disclosure by S-0004
    overdue_session: int  # the one-to-one whose follow-up (S-0003) is overdue


def _assessment(participant_id: int, review_on_days: int) -> RiskAssessment:
    return RiskAssessment(
        participant_id=participant_id,
        assessed_on=TODAY - timedelta(days=90),
        dash_level=DashLevel.STANDARD,
        harmer_in_contact=Answer.NO,
        harmer_could_learn=Answer.NO,
        proceedings=Proceedings.NONE,
        readiness=Readiness.READY,
        confidentiality_explained=True,
        confidentiality_acknowledged=True,
        outcome=RiskOutcome.PROCEED,
        review_on=TODAY + timedelta(days=review_on_days),
        created_at=STAMP,
        updated_at=STAMP,
    )


def _check(engagement: int, person: int, how: HowTheyAre, **kwargs: object) -> WellbeingCheck:
    values: dict[str, object] = {
        "checked_on": TODAY,
        "created_at": STAMP,
        "updated_at": STAMP,
        **kwargs,
    }
    return WellbeingCheck(
        engagement_id=engagement, participant_id=person, how_they_are=how, **values
    )


def make_day(vault: Vault, services: RecordServices, threshold: int = 2) -> Day:
    """A day with something in every section: S-0001's risk review overdue and its
    consent review due today; S-0002 and S-0003 never assessed; a follow-up due (S-0001)
    and one overdue (S-0003); a disclosure waiting; two distressed attendees this week
    (over `threshold`, with no supervision)."""
    seeded = seed(vault)
    s1, s3, s4 = seeded.quoted, seeded.review_passed, seeded.no_consent
    with vault.writing(AuditEvent.ENGAGEMENT_RECORDED, "test data") as session:
        person = session.get(Participant, s1)
        assert person is not None
        person.status = ParticipantStatus.ACTIVE
        session.add(Attendance(engagement_id=seeded.open_group, participant_id=s3))
        session.add_all([_assessment(s1, -3), _assessment(s4, 60)])
        session.add_all(
            [
                _check(
                    seeded.focus_group,
                    s1,
                    HowTheyAre.DISTRESSED,
                    follow_up_needed=True,
                    follow_up_by=TODAY + timedelta(days=3),
                ),
                _check(seeded.focus_group, s4, HowTheyAre.DISTRESSED),
                _check(
                    seeded.open_group,
                    s3,
                    HowTheyAre.SOME_DISTRESS,
                    checked_on=TODAY - timedelta(days=6),
                    follow_up_needed=True,
                    follow_up_by=TODAY - timedelta(days=2),
                ),
            ]
        )
        session.execute(
            text("INSERT OR REPLACE INTO vault_fact (name, value) VALUES (:n, :v)"),
            {"n": THRESHOLD_FACT, "v": str(threshold)},
        )
    item = services.feedback.add(
        FeedbackDraft(
            received_on=TODAY,
            source=FeedbackSource.PARTICIPANT,
            participant_id=s4,
            summary="Said something that must be recorded.",
        )
    )
    services.disclosures.flag(item, FACTS)
    return Day(seeded, item, seeded.open_group)


def save_shot(qtbot, widget: QWidget, name: str) -> None:
    """Grab the widget once its layout has settled; saved as `name`.png when SEC_SHOTS
    names a folder (to look at: `SEC_SHOTS=/tmp/shots pytest ...`)."""
    qtbot.wait(20)  # hidden parts give back their room
    image = widget.grab()
    assert not image.isNull()
    folder = os.environ.get("SEC_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        assert image.save(str(Path(folder) / f"{name}.png"))


@pytest.fixture
def writer(qtbot) -> RecordWriter:
    return RecordWriter()


def shown_page(qtbot, services: RecordServices, writer: RecordWriter) -> TodayPage:
    page = TodayPage()
    qtbot.addWidget(page)
    page.resize(900, 760)
    page.attach(services, writer)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show()
    return page


def everything_shown(page: TodayPage) -> str:
    return "\n".join(text for key in SECTIONS for text in page.texts(key))


def test_every_section_is_listed_and_each_item_opens_its_screen(
    qtbot, records_vault, services, writer
) -> None:
    day = make_day(records_vault, services)
    page = shown_page(qtbot, services, writer)
    codes = day.seeded.codes
    s1 = day.seeded.quoted

    assert page.shown_sections() == list(SECTIONS)
    assert page.heading.text().startswith("Today, ")
    assert "2026" in page.heading.text()
    assert page.texts("risk_review") == [
        f"Risk review due: S-0001 \u2014 Overdue: was due {shown_date(TODAY - timedelta(3))}",
        "Taking part with no risk assessment yet: 2 (see Risk reviews)",
    ]
    assert page.texts("follow_up") == [
        f"Wellbeing follow-up: S-0003 \u2014 Overdue: was due {shown_date(TODAY - timedelta(2))}",
        f"Wellbeing follow-up: S-0001 \u2014 Due {shown_date(TODAY + timedelta(3))}",
    ]
    assert page.texts("disclosure")[0].startswith(
        "Disclosure by S-0004: tell the crime recording team \u2014 "
    )
    assert page.texts("consent_review") == [
        "Consent review due: S-0001 (Being quoted (anonymised) in briefings) \u2014 Due today"
    ]
    assert page.texts("supervision") == [
        "A heavy week (2 heavy contacts): consider booking supervision"
    ]
    assert "Synthetic Person" not in everything_shown(page)  # codes only, never names
    assert page.summary.text() == "7 to look at today; 2 overdue."
    assert not page.empty.isVisibleTo(page)
    save_shot(qtbot, page, "today-items")

    # Overdue: in words (above) and bold, in the error colour; the rest plain.
    risks = page.sections["risk_review"].list
    assert risks.item(0).data(OVERDUE_ROLE) is True and risks.item(0).font().bold()
    assert not risks.item(1).font().bold()
    assert risks.item(0).foreground().color() != risks.item(1).foreground().color()

    # Enter on the chosen item opens it.
    risks.setFocus()
    risks.setCurrentRow(0)
    with qtbot.waitSignal(page.open_requested) as opened:
        QTest.keyClick(risks, Qt.Key.Key_Return)
    assert opened.args == ["participant_risk", s1]
    assert codes[s1] == "S-0001"

    # A double click too, in each section.
    expected = {
        "follow_up": ["engagement", day.overdue_session],
        "disclosure": ["feedback", day.disclosure],
        "consent_review": ["participant_consent", s1],
        "supervision": ["wellbeing_log", 0],
    }
    for key, pair in expected.items():
        listing = page.sections[key].list
        rect = listing.visualItemRect(listing.item(0))
        with qtbot.waitSignal(page.open_requested) as opened:
            # A press first, as a real double click has (the view checks it).
            QTest.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            QTest.mouseDClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert opened.args == pair, key

    # Detached (locked): nothing of the records is left on screen.
    page.detach()
    assert page.shown_sections() == []
    assert everything_shown(page) == ""
    assert page.heading.text() == "Today"
    assert page.summary.text() == ""


def test_a_long_section_lists_its_most_urgent_and_says_how_many_in_all(
    qtbot, records_vault, services, writer, monkeypatch
) -> None:
    monkeypatch.setattr(today_page, "SECTION_LIMIT", 1)
    make_day(records_vault, services)
    page = shown_page(qtbot, services, writer)
    assert page.texts("risk_review") == [
        f"Risk review due: S-0001 \u2014 Overdue: was due {shown_date(TODAY - timedelta(3))}"
    ]
    more = page.sections["risk_review"].more
    assert more.isVisibleTo(page)
    assert more.text() == "The 1 most urgent are listed here, of 2 in all."
    assert page.texts("follow_up")[0].startswith("Wellbeing follow-up: S-0003")
    assert page.sections["follow_up"].more.isVisibleTo(page)
    assert len(page.texts("consent_review")) == 1  # one in all: nothing more to say
    assert not page.sections["consent_review"].more.isVisibleTo(page)
    assert page.summary.text() == "7 to look at today; 2 overdue."  # the count of all
    save_shot(qtbot, page, "today-capped")


def test_an_empty_day_says_so_kindly_and_a_write_refreshes_the_page(
    qtbot, services, writer
) -> None:
    page = shown_page(qtbot, services, writer)
    assert page.shown_sections() == []
    assert page.empty.isVisibleTo(page)
    assert "nothing is due" in page.empty.text()
    save_shot(qtbot, page, "today-empty")

    def flag() -> int:
        item = services.feedback.add(
            FeedbackDraft(received_on=TODAY, source=FeedbackSource.ANONYMOUS, summary="Told us.")
        )
        services.disclosures.flag(item, FACTS)
        return item

    with qtbot.waitSignal(page.loaded, timeout=10000):
        writer.write(flag, lambda _id: None, lambda _error: None)
    assert page.shown_sections() == ["disclosure"]
    assert page.texts("disclosure")[0].startswith(
        "Anonymous disclosure: tell the crime recording team"
    )
    assert not page.empty.isVisibleTo(page)
    assert page.focusProxy() is page.sections["disclosure"]

    # Hidden, it waits; shown again, it reads again.
    page.hide()
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show()
