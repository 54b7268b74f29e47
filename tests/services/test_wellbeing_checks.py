"""After-session wellbeing checks: only for named attendees, one each (updated in place),
dates checked against the session and today, a follow-up needs a date, the follow-ups
list (soonest first, overdue marked), marking one done; notes kept out of search and of
the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from sec_desktop.domain.engagement import Attendance
from sec_desktop.domain.risk_enums import HowTheyAre
from sec_desktop.services.errors import NotFound, RuleBroken, ValidationFailed
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.wellbeing_checks import (
    CheckDetails,
    WellbeingCheckService,
    suggested_follow_up_by,
)
from sec_desktop.vault import audit
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault
from tests.feedback_data import Seeded, seed
from tests.records import TODAY

NOTE = "Wombat-teacup wellbeing note 4417"
SUPPORT = "Offered a call with the ISVA"
WEEK_AGO = TODAY - timedelta(days=7)


@dataclass
class Scene:
    checks: WellbeingCheckService
    seeded: Seeded


@pytest.fixture
def scene(services: RecordServices, records_vault: Vault) -> Scene:
    """The feedback test people; S-0001 also attended the one-to-one held a week ago."""
    seeded = seed(records_vault)
    with records_vault.writing(AuditEvent.ENGAGEMENT_EDITED, "test data") as session:
        session.add(Attendance(engagement_id=seeded.open_group, participant_id=seeded.quoted))
    return Scene(WellbeingCheckService(records_vault, services.today), seeded)


def _details(**changes: object) -> CheckDetails:
    values: dict[str, object] = {
        "checked_on": TODAY,
        "how_they_are": HowTheyAre.SOME_DISTRESS,
        "note": NOTE,
        "support_offered": SUPPORT,
        **changes,
    }
    return CheckDetails(**values)  # type: ignore[arg-type]


def _refused_fields(scene: Scene, details: CheckDetails, engagement: int | None = None) -> set[str]:
    with pytest.raises(ValidationFailed) as refused:
        scene.checks.save(engagement or scene.seeded.focus_group, scene.seeded.quoted, details)
    return {error.field for error in refused.value.errors}


def test_attendees_are_listed_by_code_with_their_check(scene: Scene) -> None:
    s = scene.seeded
    listed = scene.checks.for_engagement(s.focus_group)
    assert [(a.participant_code, a.check_id, a.details) for a in listed] == [
        ("S-0001", None, None),
        ("S-0004", None, None),
    ]
    check_id = scene.checks.save(s.focus_group, s.no_consent, _details())
    second = scene.checks.for_engagement(s.focus_group)[1]
    assert (second.participant_id, second.check_id) == (s.no_consent, check_id)
    assert second.details == _details()
    # Nobody is named at an anonymous session, and a session gone is said so.
    assert scene.checks.for_engagement(s.staff_forum) == []
    with pytest.raises(NotFound):
        scene.checks.for_engagement(9999)


def test_one_check_per_attendee_updated_in_place(scene: Scene) -> None:
    s = scene.seeded
    first = scene.checks.save(s.focus_group, s.quoted, _details())
    again = scene.checks.save(
        s.focus_group,
        s.quoted,
        _details(how_they_are=HowTheyAre.WELL, note="  Fine now  ", follow_up_needed=False),
    )
    assert again == first
    mine = scene.checks.for_engagement(s.focus_group)[0]
    assert mine.details is not None
    assert (mine.details.how_they_are, mine.details.note) == (HowTheyAre.WELL, "Fine now")
    # The same person at another session has a check of their own.
    other = scene.checks.save(s.open_group, s.quoted, _details(checked_on=WEEK_AGO))
    assert other != first


def test_only_named_attendees_can_be_checked(scene: Scene) -> None:
    s = scene.seeded
    with pytest.raises(RuleBroken, match="S-0002 is not recorded as attending"):
        scene.checks.save(s.focus_group, s.withdrawn, _details())
    with pytest.raises(RuleBroken, match="anonymous"):
        scene.checks.save(s.staff_forum, s.quoted, _details())
    with pytest.raises(NotFound):
        scene.checks.save(9999, s.quoted, _details())
    with pytest.raises(NotFound):
        scene.checks.save(s.focus_group, 9999, _details())
    assert all(a.check_id is None for a in scene.checks.for_engagement(s.focus_group))


def test_dates_and_follow_up_are_checked(scene: Scene) -> None:
    tomorrow = TODAY + timedelta(days=1)
    assert _refused_fields(scene, _details(checked_on=tomorrow)) == {"checked_on"}
    # The focus group was held today: a check the day before it is refused.
    before = _details(checked_on=TODAY - timedelta(days=1))
    assert _refused_fields(scene, before) == {"checked_on"}
    no_date = _details(follow_up_needed=True, follow_up_by=None)
    assert _refused_fields(scene, no_date) == {"follow_up_by"}
    too_early = _details(checked_on=TODAY, follow_up_needed=True, follow_up_by=WEEK_AGO)
    assert _refused_fields(scene, too_early) == {"follow_up_by"}
    long_note = _details(note="x" * 2001, support_offered="\x07")
    assert _refused_fields(scene, long_note) == {"note", "support_offered"}
    # Checked on the session's own day is fine, even a week later.
    scene.checks.save(scene.seeded.open_group, scene.seeded.quoted, _details(checked_on=WEEK_AGO))
    # Nothing half saved.
    assert all(a.check_id is None for a in scene.checks.for_engagement(scene.seeded.focus_group))


def test_a_date_without_a_follow_up_is_not_kept(scene: Scene) -> None:
    assert suggested_follow_up_by(WEEK_AGO) == TODAY
    s = scene.seeded
    scene.checks.save(s.focus_group, s.quoted, _details(follow_up_by=TODAY))
    details = scene.checks.for_engagement(s.focus_group)[0].details
    assert details is not None
    assert details.follow_up_by is None
    assert scene.checks.follow_ups_due() == []


def test_follow_ups_due_soonest_first_and_marked_done(scene: Scene) -> None:
    s = scene.seeded
    later = scene.checks.save(
        s.focus_group,
        s.no_consent,
        _details(follow_up_needed=True, follow_up_by=TODAY + timedelta(days=7)),
    )
    overdue = scene.checks.save(
        s.open_group,
        s.quoted,
        _details(checked_on=WEEK_AGO, follow_up_needed=True, follow_up_by=TODAY - timedelta(2)),
    )
    scene.checks.save(s.focus_group, s.quoted, _details())  # no follow-up needed
    due = scene.checks.follow_ups_due()
    assert [(f.check_id, f.participant_code, f.overdue) for f in due] == [
        (overdue, "S-0001", True),
        (later, "S-0004", False),
    ]
    assert (due[1].engagement_id, due[1].engagement_title) == (s.focus_group, "Courts focus group")
    assert due[1].follow_up_by == TODAY + timedelta(days=7)

    with pytest.raises(ValidationFailed) as future:
        scene.checks.mark_follow_up_done(overdue, TODAY + timedelta(days=1))
    assert future.value.for_field("done_on") is not None
    with pytest.raises(ValidationFailed):
        scene.checks.mark_follow_up_done(overdue, WEEK_AGO - timedelta(days=1))
    scene.checks.mark_follow_up_done(overdue, TODAY)
    assert [f.check_id for f in scene.checks.follow_ups_due()] == [later]
    assert scene.checks.for_engagement(s.open_group)[0].follow_up_done_on == TODAY
    # A check that asked for no follow-up, or one that is gone, is refused.
    plain = scene.checks.for_engagement(s.focus_group)[0].check_id
    assert plain is not None
    with pytest.raises(RuleBroken):
        scene.checks.mark_follow_up_done(plain, TODAY)
    with pytest.raises(NotFound):
        scene.checks.mark_follow_up_done(9999, TODAY)


def test_notes_are_not_in_search_or_the_audit_log(
    scene: Scene, services: RecordServices, records_vault: Vault
) -> None:
    s = scene.seeded
    check_id = scene.checks.save(
        s.focus_group, s.quoted, _details(follow_up_needed=True, follow_up_by=TODAY)
    )
    scene.checks.mark_follow_up_done(check_id, TODAY)
    for words in ("Wombat", "teacup", "4417", "ISVA"):
        assert services.search.search(words).total == 0
    with records_vault.reading() as session:
        logged = audit.rows(session.connection())
    ours = [r for r in logged if r.event.startswith("wellbeing")]
    assert [(r.event, r.detail) for r in ours] == [
        (AuditEvent.WELLBEING_CHECK_SAVED.value, f"engagement {s.focus_group}: S-0001"),
        (AuditEvent.WELLBEING_FOLLOW_UP_DONE.value, f"engagement {s.focus_group}: S-0001"),
    ]
    assert not any("Wombat" in r.detail or "Synthetic" in r.detail for r in logged)
