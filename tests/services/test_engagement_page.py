"""`EngagementService.page`: the newest engagements of a kind and period that match the
quick filter's words, found in SQL. The same rows, in the same order, as `rows()`; the
same matches as the Python test (`haystack_of`, case-folded as `str.casefold`); and the
total of all that match, beyond the limit."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from sec_desktop.domain.engagement import Engagement
from sec_desktop.domain.engagement_enums import EngagementKind, OneToOneChannel, Panel
from sec_desktop.services.engagement_page import haystack_of
from sec_desktop.services.engagement_records import (
    AttendeeChoice,
    FocusGroupDetails,
    OneToOneDetails,
    ProjectDetails,
    ReferenceMeetingDetails,
    StaffForumDetails,
)
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.word_match import filter_words
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault
from tests.records import TODAY
from tests.services import test_engagements as seeded
from tests.services.test_engagements import SEEDED

# The service tests' vault with people on its roster, shared as fixtures.
people_template = seeded.people_template
people_vault = seeded.people_vault
on_roster = seeded.on_roster

FOCUS = FocusGroupDetails(
    "Reporting online",
    TODAY - timedelta(days=2),
    topic="The reporting form",
    starts_at=time(18),
    venue="HQ",
)


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


@pytest.fixture
def made(on_roster: RecordServices, people_vault: Vault) -> dict[str, int]:
    """One engagement of each kind, newest first as listed below."""
    engagements = on_roster.engagements
    project = engagements.add_project(ProjectDetails("Leaflet on therapy", organisation="NHS"))
    found = {
        "meeting": engagements.record_reference_meeting(
            ReferenceMeetingDetails(project, days_ago(1), "Second draft", venue="HQ"),
            [AttendeeChoice(SEEDED.member)],
        ),
        # The same day: the one with a time first, then the one without.
        "focus": engagements.record_focus_group(
            FOCUS, [AttendeeChoice(SEEDED.eligible), AttendeeChoice(SEEDED.member)]
        ),
        "french": engagements.record_focus_group(
            FocusGroupDetails("ÉCOLE de police", days_ago(2), topic="Victimes", venue="HQ")
        ),
        "german": engagements.record_one_to_one(
            OneToOneDetails(days_ago(5), OneToOneChannel.PHONE, SEEDED.eligible, topic="Die Straße")
        ),
        "idva": engagements.record_one_to_one(
            OneToOneDetails(
                days_ago(10),
                OneToOneChannel.PHONE,
                via_partner_contact_id=SEEDED.contact,
                topic="Court dates 50% late",
            )
        ),
        "forum": engagements.record_staff_forum(StaffForumDetails(days_ago(20), 9, venue="HQ")),
    }
    with people_vault.writing(AuditEvent.ENGAGEMENT_RECORDED) as session:
        scrutiny = Engagement(
            kind=EngagementKind.SCRUTINY_PANEL,
            panel=Panel.RASSO,
            topic="Reporting rape",
            held_on=days_ago(400),
            created_at=TODAY,
            updated_at=TODAY,
        )
        session.add(scrutiny)
        session.flush()
        found["scrutiny"] = scrutiny.id
    return found


def ids(
    services: RecordServices,
    *words: str,
    kind: EngagementKind | None = None,
    start: date | None = None,
) -> list[int]:
    page = services.engagements.page(kind=kind, words=words, limit=100, start=start)
    return [row.id for row in page.rows]


def test_the_page_is_the_newest_rows_as_rows_gives_them(
    on_roster: RecordServices, made: dict[str, int]
) -> None:
    engagements = on_roster.engagements
    every = engagements.rows()
    assert [r.id for r in every] == list(made.values())
    page = engagements.page(kind=None, words=(), limit=100)
    assert page.rows == tuple(every) and page.total == 7 and not page.capped
    newest = engagements.page(kind=None, words=[], limit=3)
    assert newest.rows == tuple(every[:3]) and newest.total == 7 and newest.capped
    nothing = engagements.page(kind=None, words=[], limit=0)
    assert nothing.rows == () and nothing.total == 7
    # Narrowed by kind and period as rows() narrows them, counts and codes included.
    for kind in (*EngagementKind, None):
        for start, end in ((None, None), (days_ago(5), None), (None, days_ago(3))):
            expected = engagements.rows(kind=kind, start=start, end=end)
            found = engagements.page(kind=kind, words=(), limit=100, start=start, end=end)
            assert found.rows == tuple(expected) and found.total == len(expected)
    (german,) = engagements.page(kind=EngagementKind.ONE_TO_ONE, words=(), limit=1).rows
    assert german.participant_code == "S-0001" and german.id == made["german"]


def test_words_are_found_in_the_title_topic_project_and_code(
    on_roster: RecordServices, made: dict[str, int]
) -> None:
    assert ids(on_roster, "REPORTING") == [made["focus"], made["scrutiny"]]  # title, topic
    assert ids(on_roster, "reporting", start=days_ago(30)) == [made["focus"]]
    assert ids(on_roster, "reporting", "form") == [made["focus"]]  # every word
    assert ids(on_roster, "reporting", "leaflet") == []
    assert ids(on_roster, "leaflet", "draft") == [made["meeting"]]  # the project's title
    # A one-to-one's participant code; not the codes of a focus group's attendees.
    assert ids(on_roster, "s-0001") == [made["german"]]
    assert ids(on_roster, "50%") == [made["idva"]]  # % and _ are plain characters
    assert ids(on_roster, "5_%") == [] and ids(on_roster, "%") == [made["idva"]]
    # Case folding beyond ASCII, as Python's casefold: ß is ss, É is é.
    assert ids(on_roster, "STRASSE") == [made["german"]]
    assert ids(on_roster, "école", "VICTIMES") == [made["french"]]
    assert ids(on_roster, "reporting", kind=EngagementKind.SCRUTINY_PANEL) == [made["scrutiny"]]
    assert ids(on_roster, "reporting", kind=EngagementKind.ONE_TO_ONE) == []
    assert ids(on_roster, "nowhere") == []


def test_the_page_matches_the_python_filter_over_the_same_rows(
    on_roster: RecordServices, made: dict[str, int]
) -> None:
    every = on_roster.engagements.rows()
    hay = {row.id: haystack_of(row) for row in every}
    for typed in ("e", "reporting form", "S-0001", "s-0002", "straße", "ÉCOLE", "  dates  LATE"):
        words = filter_words([typed])
        expected = [r.id for r in every if all(word in hay[r.id] for word in words)]
        page = on_roster.engagements.page(kind=None, words=[typed], limit=100)
        assert [r.id for r in page.rows] == expected and page.total == len(expected)
        assert expected or typed == "s-0002"  # each finds something, but a group's code


def test_the_total_counts_every_match_beyond_the_limit(
    on_roster: RecordServices, made: dict[str, int]
) -> None:
    everything = ids(on_roster, "e")
    page = on_roster.engagements.page(kind=None, words=["e"], limit=2)
    assert [r.id for r in page.rows] == everything[:2] and page.capped
    assert page.total == len(everything) > 2
    focus = on_roster.engagements.page(kind=EngagementKind.FOCUS_GROUP, words=["E"], limit=1)
    assert [r.id for r in focus.rows] == [made["focus"]] and focus.total == 2
