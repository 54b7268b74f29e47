"""Engagements: focus groups, one-to-ones, anonymous staff forum sessions and the Victim
Reference Group's projects and meetings; the one eligibility check on every new attendee;
an anonymous session that keeps no identity anywhere; deleting only without feedback.

The people are made once (through the services) and the vault copied for each test: each
write encrypts and saves the whole vault, so tests keep their own writes few.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import exc, text

from sec_desktop.domain.engagement import Engagement
from sec_desktop.domain.engagement_enums import (
    EngagementFormat,
    EngagementKind,
    FeedbackSource,
    OneToOneChannel,
    Panel,
    ProjectStatus,
)
from sec_desktop.domain.enums import (
    ConsentMethod,
    ConsentPurpose,
    ContactChannel,
    Group,
    ParticipantStatus,
    PartnerType,
)
from sec_desktop.domain.feedback import FeedbackItem
from sec_desktop.domain.risk_enums import HowTheyAre
from sec_desktop.services import engagements as engagement_rules
from sec_desktop.services.consent import ConsentGiven
from sec_desktop.services.disclosures import AtRisk, MinimumFacts
from sec_desktop.services.engagement_records import (
    AttendeeChoice,
    FocusGroupDetails,
    OneToOneDetails,
    ProjectDetails,
    ReferenceMeetingDetails,
    StaffForumDetails,
)
from sec_desktop.services.errors import NotFound, RuleBroken, ValidationFailed
from sec_desktop.services.groups import NotEligible
from sec_desktop.services.participant_records import ParticipantDetails, SafeContactRules
from sec_desktop.services.partners import ContactDetails, PartnerDetails
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.wellbeing_checks import CheckDetails
from sec_desktop.vault import audit
from sec_desktop.vault.audit import AuditEvent, AuditRow
from sec_desktop.vault.vault import Unlock, Vault
from tests.records import TODAY, TemplateVault
from tests.risk_data import assess

# Synthetic people (invented names, so a leak of one would be plain to see).
ELIGIBLE = "Ceridwen Applegarth-Vaughan"
MEMBER = "Dafydd Okonkwo-Pryce"
PAUSED = "Bronwen Castellano-Hughes"
NAMES = (ELIGIBLE, MEMBER, PAUSED)
PHONE = SafeContactRules(channels=frozenset({ContactChannel.PHONE}), phone="07700 900123")
IDVA = "Gwenllian Ashdown-Rees"


@dataclass(frozen=True)
class People:
    """Who is on the roster of the seeded vault (ids and codes)."""

    eligible: int  # S-0001: active, reachable, consents to contact, risk assessed
    member: int  # S-0002: the same, and a member of the Victim Reference Group
    paused: int  # S-0003: paused, no consent to contact, no risk assessment: blocked
    partner: int
    contact: int  # an IDVA at the partner


SEEDED = People(1, 2, 3, 1, 1)


def seed(services: RecordServices) -> People:
    def given(purpose: ConsentPurpose) -> ConsentGiven:
        return ConsentGiven(purpose, TODAY - timedelta(days=30), ConsentMethod.VERBAL)

    active = ParticipantStatus.ACTIVE
    eligible = services.roster.add(ParticipantDetails(name=ELIGIBLE, status=active), PHONE)
    services.consent.give(eligible.id, given(ConsentPurpose.CONTACT))
    member = services.roster.add(ParticipantDetails(name=MEMBER, status=active), PHONE)
    services.consent.give(member.id, given(ConsentPurpose.CONTACT))
    services.consent.give(member.id, given(ConsentPurpose.REFERENCE_GROUP))
    services.groups.join(member.id, Group.REFERENCE_GROUP, TODAY - timedelta(days=20))
    for ref in (eligible, member):
        assess(services, ref.id, assessed_on=TODAY - timedelta(days=30))
    paused = services.roster.add(
        ParticipantDetails(name=PAUSED, status=ParticipantStatus.PAUSED), PHONE
    )
    partner = services.partners.add(
        PartnerDetails("Sirhowy IDVA Service", PartnerType.IDVA_SERVICE)
    )
    contact = services.partners.add_contact(partner, ContactDetails(IDVA, "IDVA"))
    return People(eligible.id, member.id, paused.id, partner, contact)


@pytest.fixture(scope="session")
def people_template(
    records_template: TemplateVault, tmp_path_factory: pytest.TempPathFactory
) -> TemplateVault:
    """The empty records vault with the people above on its roster (made once)."""
    path = tmp_path_factory.mktemp("people-template") / "people.secvault"
    shutil.copyfile(records_template.path, path)
    vault = Vault.open(path, Unlock(recovery_key=records_template.recovery_key))
    try:
        assert seed(RecordServices.over(vault, today=lambda: TODAY)) == SEEDED
    finally:
        vault.close()
    return TemplateVault(path, records_template.recovery_key)


@pytest.fixture
def people_vault(people_template: TemplateVault, tmp_path: Path) -> Iterator[Vault]:
    path = tmp_path / "people" / "people.secvault"
    path.parent.mkdir()
    shutil.copyfile(people_template.path, path)
    vault = Vault.open(path, Unlock(recovery_key=people_template.recovery_key))
    yield vault
    vault.close()


@pytest.fixture
def on_roster(people_vault: Vault) -> RecordServices:
    """Services over a vault with the people above, on TODAY."""
    return RecordServices.over(people_vault, today=lambda: TODAY)


def audit_rows(vault: Vault) -> list[AuditRow]:
    with vault.engine.connect() as connection:
        return audit.rows(connection)


def last_audit(vault: Vault) -> AuditRow:
    return audit_rows(vault)[-1]


def add_feedback(vault: Vault, engagement_id: int, participant_id: int | None = None) -> int:
    """A feedback item written straight to the vault (the feedback service is another
    helper's, tested on its own)."""
    with vault.writing(AuditEvent.FEEDBACK_RECORDED) as session:
        now = TODAY
        item = FeedbackItem(
            engagement_id=engagement_id,
            source=FeedbackSource.PARTICIPANT if participant_id else FeedbackSource.ANONYMOUS,
            participant_id=participant_id,
            received_on=now,
            summary="The officer kept me updated.",
            quote="",
            quote_permission=False,
            created_at=now,
            updated_at=now,
        )
        session.add(item)
        session.flush()
        return item.id


FOCUS = FocusGroupDetails(
    title="  Reporting online  ",
    held_on=TODAY - timedelta(days=2),
    topic="The online reporting form",
    starts_at=time(18, 30),
    format=EngagementFormat.IN_PERSON,
    venue="Community room, Newport",
    advertised_via="Force social media",
    facilitator="SEC",
    support_worker="ISVA from Bryn Teg",
    wellbeing_follow_up=True,
    notes="  Two left early.  ",
)


# --- focus groups -----------------------------------------------------------------------


def test_a_focus_group_is_recorded_listed_and_read_back_by_code(
    on_roster: RecordServices, people_vault: Vault
) -> None:
    p = SEEDED
    engagements = on_roster.engagements
    new_id = engagements.record_focus_group(
        FOCUS, [AttendeeChoice(p.member, False), AttendeeChoice(p.eligible, True)]
    )
    record = engagements.record(new_id)
    assert record.kind is EngagementKind.FOCUS_GROUP
    assert (record.title, record.notes) == ("Reporting online", "  Two left early.  ")
    assert record.focus_group_details() == replace(FOCUS, title="Reporting online")
    # Sorted by code, with the confidentiality answer per person.
    assert [(a.participant.code, a.confidentiality_explained) for a in record.attendees] == [
        ("S-0001", True),
        ("S-0002", False),
    ]
    assert [r.code for r in record.unexplained()] == ["S-0002"]
    (row,) = engagements.rows()
    assert (row.id, row.attendees, row.feedback, row.wellbeing_follow_up) == (new_id, 2, 0, True)
    assert (row.title, row.format, row.starts_at) == (
        "Reporting online",
        FOCUS.format,
        time(18, 30),
    )
    entry = last_audit(people_vault)
    assert entry.event == AuditEvent.ENGAGEMENT_RECORDED
    assert entry.detail == f"focus group {new_id}: S-0001, S-0002 attended"
    assert not any(name in entry.detail for name in NAMES)


def test_a_blocked_person_is_refused_with_the_reason_and_nothing_changes(
    on_roster: RecordServices, people_vault: Vault
) -> None:
    before = audit_rows(people_vault)
    with pytest.raises(NotEligible) as refused:
        on_roster.engagements.record_focus_group(
            FOCUS, [AttendeeChoice(SEEDED.eligible), AttendeeChoice(SEEDED.paused)]
        )
    error = refused.value
    assert isinstance(error, engagement_rules.NotAllowedToAttend)
    assert "S-0003" in str(error) and "paused their involvement" in str(error)
    assert "contact them about opportunities" in str(error)
    assert not any(name in str(error) for name in NAMES)
    assert error.eligibility.participant.code == "S-0003"
    assert on_roster.engagements.rows() == []
    assert audit_rows(people_vault) == before


def test_attendees_already_recorded_stay_when_they_have_since_become_blocked(
    on_roster: RecordServices,
) -> None:
    engagements = on_roster.engagements
    new_id = engagements.record_focus_group(FOCUS, [AttendeeChoice(SEEDED.eligible)])
    details = on_roster.roster.record(SEEDED.eligible).details
    on_roster.roster.update_details(
        SEEDED.eligible, replace(details, status=ParticipantStatus.PAUSED)
    )
    # An edit of the notes keeps them, and records the answer given then.
    engagements.update_focus_group(
        new_id, replace(FOCUS, notes="Room too warm."), [AttendeeChoice(SEEDED.eligible, True)]
    )
    record = engagements.record(new_id)
    assert record.notes == "Room too warm."
    assert [(a.participant.id, a.confidentiality_explained) for a in record.attendees] == [
        (SEEDED.eligible, True)
    ]
    # But once taken off, they cannot be put back while blocked.
    engagements.update_focus_group(new_id, FOCUS, [])
    with pytest.raises(NotEligible):
        engagements.update_focus_group(new_id, FOCUS, [AttendeeChoice(SEEDED.eligible)])


def test_what_is_not_right_in_a_focus_group_is_said_field_by_field(
    on_roster: RecordServices,
) -> None:
    with pytest.raises(ValidationFailed) as failed:
        on_roster.engagements.record_focus_group(
            replace(FOCUS, title=" ", venue="", held_on=TODAY + timedelta(days=7)),
            [AttendeeChoice(SEEDED.eligible)],
        )
    assert {e.field for e in failed.value.errors} == {"title", "venue", "attendees"}
    # Planned ahead: a future date is fine with nobody recorded yet, and online needs
    # no venue.
    planned = replace(FOCUS, held_on=TODAY + timedelta(days=7), format=EngagementFormat.ONLINE)
    planned_id = on_roster.engagements.record_focus_group(replace(planned, venue=""))
    assert on_roster.engagements.record(planned_id).held_on == TODAY + timedelta(days=7)


# --- one-to-ones ----------------------------------------------------------------------------


def test_one_to_ones_named_anonymous_and_through_an_idva(
    on_roster: RecordServices, people_vault: Vault
) -> None:
    engagements = on_roster.engagements
    assert engagements.partner_contacts() == [(SEEDED.contact, f"{IDVA}, Sirhowy IDVA Service")]
    named = engagements.record_one_to_one(
        OneToOneDetails(
            TODAY, OneToOneChannel.PHONE, SEEDED.eligible, confidentiality_explained=True
        )
    )
    assert last_audit(people_vault).detail == f"one-to-one {named}: S-0001"
    via = engagements.record_one_to_one(
        OneToOneDetails(
            TODAY - timedelta(days=1),
            OneToOneChannel.WRITTEN,
            None,
            via_partner_contact_id=SEEDED.contact,
            notes="Sent by their IDVA.",
        )
    )
    assert last_audit(people_vault).detail == f"one-to-one {via}: anonymous survivor"
    record = engagements.record(via)
    assert record.attendees == ()
    assert record.via_partner_contact == f"{IDVA}, Sirhowy IDVA Service"
    assert record.one_to_one_details().via_partner_contact_id == SEEDED.contact
    rows = {row.id: row for row in engagements.rows(kind=EngagementKind.ONE_TO_ONE)}
    assert (rows[named].participant_code, rows[named].attendees) == ("S-0001", 1)
    assert (rows[via].participant_code, rows[via].channel) == ("", OneToOneChannel.WRITTEN)
    # A blocked person, a future date, and a confidentiality answer with nobody to keep it.
    with pytest.raises(NotEligible):
        engagements.record_one_to_one(OneToOneDetails(TODAY, OneToOneChannel.VIDEO, SEEDED.paused))
    with pytest.raises(ValidationFailed) as failed:
        engagements.record_one_to_one(
            OneToOneDetails(
                TODAY + timedelta(days=1), OneToOneChannel.VIDEO, confidentiality_explained=True
            )
        )
    assert {e.field for e in failed.value.errors} == {"held_on", "confidentiality_explained"}


# --- anonymous staff forum sessions --------------------------------------------------------


def _everything(vault: Vault) -> dict[str, set[tuple[object, ...]]]:
    """Every row of every table in the vault (FTS shadow tables included)."""
    with vault.engine.connect() as connection:
        tables = connection.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'table'")
        ).scalars()
        return {
            name: set(connection.execute(text(f'SELECT * FROM "{name}"')).all())  # noqa: S608
            for name in list(tables)
        }


def _participant_columns(vault: Vault, table: str) -> list[int]:
    """Positions of the columns of `table` that point at a participant."""
    with vault.engine.connect() as connection:
        columns = [row[1] for row in connection.execute(text(f'PRAGMA table_info("{table}")'))]
        keys = connection.execute(text(f'PRAGMA foreign_key_list("{table}")')).all()
    pointing = {row[3] for row in keys if row[2] in {"participant", "partner_contact"}}
    return [i for i, name in enumerate(columns) if name in pointing]


def test_an_anonymous_staff_forum_session_stores_no_identity_anywhere(
    on_roster: RecordServices, people_vault: Vault
) -> None:
    # By construction: the form's details have no field for anyone.
    named = {f.name for f in fields(StaffForumDetails)}
    assert not named & {"participant_id", "attendees", "via_partner_contact_id"}
    before = _everything(people_vault)
    session_id = on_roster.engagements.record_staff_forum(
        StaffForumDetails(
            TODAY - timedelta(days=1),
            9,
            time(12, 0),
            EngagementFormat.ONLINE,
            facilitator="Staff wellbeing lead",
            notes="A supportive session.",
        )
    )
    after = _everything(people_vault)
    codes = ["S-0001", "S-0002", "S-0003"]
    participant_ids = {SEEDED.eligible, SEEDED.member, SEEDED.paused}
    added = {table: rows - before.get(table, set()) for table, rows in after.items()}
    assert added["engagement"] and added["audit_log"]
    for table, rows in added.items():
        pointing = _participant_columns(people_vault, table)
        for row in rows:
            assert all(row[i] is None for i in pointing), (table, row)
            texts = [value for value in row if isinstance(value, str)]
            assert not any(c in t or n in t for t in texts for c in codes for n in NAMES)
    assert not added["attendance"] and not added.get("feedback_item")
    entry = last_audit(people_vault)
    assert entry.detail == f"staff forum session {session_id}: headcount 9"
    (listed,) = on_roster.engagements.rows()
    assert (listed.kind, listed.attendees, listed.anonymous) == (
        EngagementKind.STAFF_FORUM,
        9,
        True,
    )
    assert participant_ids  # the people exist, and are referenced nowhere above

    # The schema refuses identity even through raw SQL.
    with people_vault.engine.begin() as connection, pytest.raises(exc.IntegrityError):
        connection.execute(
            text("INSERT INTO attendance VALUES (:e, :p, 1)"),
            {"e": session_id, "p": SEEDED.eligible},
        )
    anonymous = add_feedback(people_vault, session_id)  # an anonymous survivor's: allowed
    with people_vault.engine.begin() as connection, pytest.raises(exc.IntegrityError):
        connection.execute(
            text("UPDATE feedback_item SET participant_id = :p WHERE id = :f"),
            {"p": SEEDED.eligible, "f": anonymous},
        )
    with pytest.raises(exc.IntegrityError):
        add_feedback(people_vault, session_id, SEEDED.eligible)


def test_a_headcount_outside_1_to_500_or_a_future_session_is_refused(
    on_roster: RecordServices,
) -> None:
    for headcount, day in ((0, TODAY), (501, TODAY), (5, TODAY + timedelta(days=1))):
        with pytest.raises(ValidationFailed) as failed:
            on_roster.engagements.record_staff_forum(
                StaffForumDetails(day, headcount, format=EngagementFormat.PHONE)
            )
        field = "held_on" if headcount == 5 else "headcount"
        assert [e.field for e in failed.value.errors] == [field]


# --- the Victim Reference Group ------------------------------------------------------------


def test_reference_projects_and_meetings_of_current_members_only(
    on_roster: RecordServices, people_vault: Vault
) -> None:
    engagements = on_roster.engagements
    with pytest.raises(ValidationFailed) as failed:
        engagements.add_project(ProjectDetails(" ", requested_on=TODAY + timedelta(days=1)))
    assert {e.field for e in failed.value.errors} == {"title", "organisation", "requested_on"}
    project_id = engagements.add_project(
        ProjectDetails(
            "Leaflet on pre-trial therapy",
            partner_id=SEEDED.partner,
            organisation="ignored with a partner",
            requested_on=TODAY - timedelta(days=60),
        )
    )
    assert last_audit(people_vault).detail == f"reference project {project_id} added"
    engagements.update_project(
        project_id,
        replace(
            engagements.project(project_id).details,
            status=ProjectStatus.IN_PROGRESS,
            outputs="A revised leaflet.",
        ),
    )
    (project,) = engagements.projects()
    assert project.organisation_name == "Sirhowy IDVA Service"
    assert project.details.organisation == ""
    assert (project.details.status, project.details.outputs) == (
        ProjectStatus.IN_PROGRESS,
        "A revised leaflet.",
    )

    candidates = {
        e.participant.code: e
        for e in engagements.attendee_candidates(EngagementKind.REFERENCE_GROUP)
    }
    assert list(candidates) == ["S-0001", "S-0002", "S-0003"]
    assert candidates["S-0002"].allowed
    assert candidates["S-0001"].blockers == (engagement_rules.NOT_A_MEMBER,)
    assert engagement_rules.NOT_A_MEMBER in candidates["S-0003"].blockers
    assert engagements.attendee_candidates(EngagementKind.FOCUS_GROUP)[0].allowed  # S-0001

    meeting = ReferenceMeetingDetails(project_id, TODAY, "Second draft", venue="HQ")
    with pytest.raises(NotEligible) as refused:
        engagements.record_reference_meeting(meeting, [AttendeeChoice(SEEDED.eligible)])
    assert "not a current member" in str(refused.value)
    meeting_id = engagements.record_reference_meeting(meeting, [AttendeeChoice(SEEDED.member)])
    assert last_audit(people_vault).detail == (
        f"reference group meeting {meeting_id} (project {project_id}): S-0002 attended"
    )
    record = engagements.record(meeting_id)
    assert record.project is not None and record.project.meetings == 1
    (row,) = engagements.rows(kind=EngagementKind.REFERENCE_GROUP)
    assert row.project_title == "Leaflet on pre-trial therapy"
    with pytest.raises(NotFound):
        engagements.record_reference_meeting(replace(meeting, project_id=999))


# --- the list, deleting ---------------------------------------------------------------------


def test_the_list_is_newest_first_filtered_and_shows_scrutiny_meetings(
    on_roster: RecordServices, people_vault: Vault
) -> None:
    engagements = on_roster.engagements
    old = engagements.record_focus_group(replace(FOCUS, held_on=date(2026, 1, 5)))
    # A scrutiny meeting as the scrutiny service keeps it (listed here, read-only).
    with people_vault.writing(AuditEvent.ENGAGEMENT_RECORDED) as session:
        scrutiny = Engagement(
            kind=EngagementKind.SCRUTINY_PANEL,
            panel=Panel.RASSO,
            held_on=date(2026, 10, 1),
            created_at=TODAY,
            updated_at=TODAY,
        )
        session.add(scrutiny)
        session.flush()
        scrutiny_id = scrutiny.id
    assert [r.id for r in engagements.rows()] == [scrutiny_id, old]
    assert engagements.rows()[0].panel is Panel.RASSO
    assert [r.id for r in engagements.rows(start=date(2026, 6, 1))] == [scrutiny_id]
    assert [r.id for r in engagements.rows(end=date(2026, 6, 1))] == [old]
    assert engagements.rows(kind=EngagementKind.STAFF_FORUM) == []
    with pytest.raises(RuleBroken, match="Scrutiny panels page"):
        engagements.delete(scrutiny_id)


def test_delete_is_refused_while_feedback_is_recorded_against_it(
    on_roster: RecordServices, people_vault: Vault
) -> None:
    engagements = on_roster.engagements
    new_id = engagements.record_focus_group(FOCUS, [AttendeeChoice(SEEDED.eligible)])
    first = add_feedback(people_vault, new_id, SEEDED.eligible)
    add_feedback(people_vault, new_id)
    assert engagements.rows()[0].feedback == 2
    with pytest.raises(RuleBroken) as refused:
        engagements.delete(new_id)
    assert str(refused.value) == (
        "This cannot be deleted while feedback is recorded against it (2 items): delete them "
        "first (open each from the feedback list below)."
    )
    assert "another engagement" not in str(refused.value)
    # Nor can the person who gave feedback there be taken off it.
    with pytest.raises(RuleBroken, match="S-0001 gave feedback") as refused:
        engagements.update_focus_group(new_id, FOCUS, [])
    assert "delete their feedback first" in str(refused.value)
    assert "Move" not in str(refused.value)
    with people_vault.writing(AuditEvent.FEEDBACK_DELETED) as session:
        session.execute(text("DELETE FROM feedback_item WHERE id != :f"), {"f": first})
    with pytest.raises(RuleBroken, match=r"\(1 item\): delete it first"):
        engagements.delete(new_id)
    with people_vault.writing(AuditEvent.FEEDBACK_DELETED) as session:
        session.execute(text("DELETE FROM feedback_item"))
    engagements.delete(new_id)
    assert engagements.rows() == []
    entry = last_audit(people_vault)
    assert (entry.event, entry.detail) == (AuditEvent.ENGAGEMENT_DELETED, f"focus group {new_id}")
    with pytest.raises(NotFound):
        engagements.record(new_id)


def test_an_engagement_with_a_disclosure_cannot_be_deleted_and_says_so(
    on_roster: RecordServices, people_vault: Vault
) -> None:
    engagements = on_roster.engagements
    new_id = engagements.record_focus_group(FOCUS, [AttendeeChoice(SEEDED.eligible)])
    disclosed = add_feedback(people_vault, new_id, SEEDED.eligible)
    on_roster.disclosures.flag(
        disclosed, MinimumFacts("Assault", "Last year", "At home", AtRisk.NOT_KNOWN)
    )
    with pytest.raises(RuleBroken) as refused:
        engagements.delete(new_id)
    assert str(refused.value) == (
        "This engagement has 1 feedback item, a disclosure, which stays on record: an "
        "engagement with a disclosure cannot be deleted."
    )
    add_feedback(people_vault, new_id)
    with pytest.raises(RuleBroken, match="has 2 feedback items, including a disclosure"):
        engagements.delete(new_id)
    assert [r.id for r in engagements.rows()] == [new_id]


def test_an_attendee_with_a_wellbeing_check_stays_on_the_session(
    on_roster: RecordServices,
) -> None:
    engagements = on_roster.engagements
    new_id = engagements.record_focus_group(FOCUS, [AttendeeChoice(SEEDED.eligible)])
    on_roster.wellbeing.save(
        new_id,
        SEEDED.eligible,
        CheckDetails(
            checked_on=FOCUS.held_on,
            how_they_are=HowTheyAre.DISTRESSED,
            follow_up_needed=True,
            follow_up_by=FOCUS.held_on + timedelta(days=7),
        ),
    )
    # Taken off, the check and its follow-up would belong to no attendance at all.
    with pytest.raises(
        RuleBroken, match="A wellbeing check after this session is recorded for S-0001"
    ):
        engagements.update_focus_group(new_id, FOCUS, [])
    assert [a.participant.id for a in engagements.record(new_id).attendees] == [SEEDED.eligible]
    assert len(on_roster.wellbeing.follow_ups_due()) == 1
