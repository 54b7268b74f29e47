"""Actions: what they must say, every allowed and refused status move, the who-to-tell
list (consent withdrawn, left, anonymous and partner feedback, one person's several
items), the rules of recording that someone was told, the board, and audit details that
carry ids and codes only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from sec_desktop.domain.action import Action
from sec_desktop.domain.action_enums import ActionStatus, TellingChannel
from sec_desktop.domain.engagement_enums import Panel
from sec_desktop.domain.enums import ParticipantStatus
from sec_desktop.services import action_checks
from sec_desktop.services.action_records import ActionDetails
from sec_desktop.services.actions import ActionService
from sec_desktop.services.errors import NotFound, RuleBroken, ValidationFailed
from sec_desktop.services.record_services import RecordServices
from sec_desktop.vault import audit
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault
from tests.action_data import SECRET, ActionSeed, close_back, raise_closed, seed_actions
from tests.records import TODAY

# Proposed, agreed, working on it (in progress), done, declined.
P, A, W, D, X = (
    ActionStatus.PROPOSED,
    ActionStatus.AGREED,
    ActionStatus.IN_PROGRESS,
    ActionStatus.DONE,
    ActionStatus.DECLINED,
)
ALLOWED = {(P, A), (P, X), (A, W), (A, D), (A, X), (W, D), (W, X)}
SAID = "Told them call-backs are now tracked"


@pytest.fixture
def seeded(records_vault: Vault) -> ActionSeed:
    return seed_actions(records_vault)


def errors_of(refused: pytest.ExceptionInfo[ValidationFailed]) -> set[str]:
    return {e.field for e in refused.value.errors}


def at(actions: ActionService, status: ActionStatus, feedback: list[int]) -> int:
    """A new action taken to `status` by the shortest allowed path."""
    action_id = actions.raise_action(ActionDetails(f"Action {status.value}"), feedback)
    path = {P: [], A: [A], W: [A, W], D: [A, D], X: [X]}[status]
    for step in path:
        actions.move(action_id, step, outcome="Changed", reason="Not possible")
    return action_id


# --- what an action says -------------------------------------------------------------------


def test_an_action_is_raised_proposed_with_its_feedback_and_meeting(
    services: RecordServices, seeded: ActionSeed
) -> None:
    actions = services.actions
    details = ActionDetails(
        " Ring survivors back ",
        description="Within two working days",
        owner_department="Contact management",
        owner_partner_id=seeded.partner,
        due_on=TODAY + timedelta(days=30),
        raised_at_id=seeded.meeting,
    )
    action_id = actions.raise_action(details, [seeded.first, seeded.disclosure, seeded.first])
    actions.add_update(action_id, TODAY, "Raised with the contact centre manager")
    record = actions.record(action_id)
    assert record.status == P
    assert record.closed_on is None
    assert record.details.title == "Ring survivors back"
    assert record.owner_partner_name == "Example ISVA Service"
    assert record.raised_at_title == Panel.DA.label
    assert record.raised_at_on == TODAY - timedelta(days=60)
    assert [u.note for u in record.updates] == ["Raised with the contact centre manager"]
    assert {r.id for r in record.feedback} == {seeded.first, seeded.disclosure}
    # A disclosure can be linked; its text never comes with the action.
    assert SECRET not in repr(record)
    (row,) = actions.rows()
    assert (row.owner, row.feedback_count) == ("Contact management / Example ISVA Service", 2)


def test_what_an_action_must_say_is_checked_and_nothing_is_half_saved(
    services: RecordServices, seeded: ActionSeed
) -> None:
    actions = services.actions
    wrong = ActionDetails(" ", owner_partner_id=9999, raised_at_id=seeded.focus_group)
    with pytest.raises(ValidationFailed) as refused:
        actions.raise_action(wrong, [seeded.first])
    assert errors_of(refused) == {"title", "owner_partner", "raised_at"}
    with pytest.raises(RuleBroken):
        actions.raise_action(ActionDetails("Fine"), [seeded.first, 9999])
    with pytest.raises(ValidationFailed) as refused:
        actions.add_update(at(actions, P, []), TODAY + timedelta(days=1), " ")
    assert errors_of(refused) == {"on", "note"}
    assert [r.title for r in actions.rows()] == ["Action proposed"]
    with pytest.raises(NotFound):
        actions.record(9999)


# --- moving --------------------------------------------------------------------------------


def test_every_allowed_move_and_closing_dates(services: RecordServices) -> None:
    actions = services.actions
    for before, after in sorted(ALLOWED):
        action_id = at(actions, before, [])
        actions.move(action_id, after, outcome=" It changed ", reason=" Cannot ")
        record = actions.record(action_id)
        assert record.status == after
        assert record.closed_on == (TODAY if after.closed else None)
        assert record.outcome == ("It changed" if after == D else "")
        assert record.decline_reason == ("Cannot" if after == X else "")


def test_every_refused_move_leaves_the_action_as_it_was(services: RecordServices) -> None:
    actions = services.actions
    ids = {status: at(actions, status, []) for status in ActionStatus}
    for before, action_id in ids.items():
        for after in ActionStatus:
            if (before, after) in ALLOWED:
                continue
            with pytest.raises(RuleBroken):
                actions.move(action_id, after, outcome="It changed", reason="Cannot")
            assert actions.record(action_id).status == before


def test_done_needs_an_outcome_and_declined_a_reason(services: RecordServices) -> None:
    actions = services.actions
    agreed = at(actions, A, [])
    with pytest.raises(ValidationFailed) as refused:
        actions.move(agreed, D, outcome="  ", reason="a reason is not an outcome")
    assert errors_of(refused) == {"outcome"}
    with pytest.raises(ValidationFailed) as refused:
        actions.move(agreed, X, outcome="an outcome is not a reason")
    assert errors_of(refused) == {"reason"}
    # No skipping from proposed to done, outcome or not.
    with pytest.raises(RuleBroken):
        actions.move(at(actions, P, []), D, outcome="Changed")
    record = actions.record(agreed)
    assert (record.status, record.closed_on) == (A, None)


# --- who to tell ---------------------------------------------------------------------------


def test_who_to_tell_lists_each_person_once_with_their_safe_contact(
    services: RecordServices, seeded: ActionSeed
) -> None:
    action_id = raise_closed(services, seeded.everyone)
    who = services.actions.who_to_tell(action_id)
    assert (who.anonymous_items, who.partner_items) == (1, 1)
    people = {p.participant_id: p for p in who.people}
    assert [p.code for p in who.people] == ["S-0101", "S-0102", "S-0103", "S-0104"]
    first = people[seeded.to_tell]
    # Two items (one a disclosure), one person.
    assert (first.items, first.contactable, first.why_not) == (2, True, "")
    assert first.safe_channels == ("phone", "text")
    assert first.preferred_language == "Welsh (Cymraeg)"
    assert "no voicemail" in first.safe_contact_summary
    assert "10:00\u201314:00" in first.safe_contact_summary
    assert "Heron" not in first.safe_contact_summary  # the code word itself stays put
    assert first.allowed_channels == (
        TellingChannel.PHONE,
        TellingChannel.TEXT,
        TellingChannel.IN_PERSON,
        TellingChannel.THROUGH_PARTNER,
    )
    withdrawn, left = people[seeded.withdrawn], people[seeded.left]
    assert (withdrawn.contactable, withdrawn.why_not) == (False, action_checks.CONSENT_WITHDRAWN)
    assert (left.contactable, left.why_not) == (False, action_checks.LEFT)
    no_rules = people[seeded.no_rules]
    assert (no_rules.contactable, no_rules.safe_channels) == (True, ())
    assert no_rules.preferred_language == "Polish"
    assert no_rules.allowed_channels == (TellingChannel.IN_PERSON, TellingChannel.THROUGH_PARTNER)
    assert not any(p.told or p.overdue for p in who.people)
    assert not any(name in repr(who) for name in seeded.names)


def test_overdue_after_28_days_but_never_for_someone_not_contactable(
    services: RecordServices, seeded: ActionSeed, records_vault: Vault
) -> None:
    on_time = raise_closed(services, seeded.everyone)
    late = raise_closed(services, seeded.everyone, title="Late")
    close_back(records_vault, on_time, TODAY - timedelta(days=28))
    close_back(records_vault, late, TODAY - timedelta(days=29))
    assert not any(p.overdue for p in services.actions.who_to_tell(on_time).people)
    overdue = {p.participant_id for p in services.actions.who_to_tell(late).people if p.overdue}
    assert overdue == {seeded.to_tell, seeded.no_rules}
    services.actions.record_told(late, seeded.to_tell, TODAY, TellingChannel.PHONE, SAID)
    services.actions.record_told(late, seeded.no_rules, TODAY, TellingChannel.THROUGH_PARTNER, SAID)
    assert not any(p.overdue for p in services.actions.who_to_tell(late).people)
    rows = {r.id: r for r in services.actions.rows()}
    assert not rows[on_time].overdue
    assert not rows[late].overdue
    assert (rows[late].people_to_tell, rows[late].people_told) == (2, 2)


# --- telling -------------------------------------------------------------------------------


def test_people_are_told_only_after_closing_on_a_safe_channel(
    services: RecordServices, seeded: ActionSeed, records_vault: Vault
) -> None:
    actions = services.actions
    still_open = at(actions, W, [seeded.first])
    with pytest.raises(RuleBroken):
        actions.record_told(still_open, seeded.to_tell, TODAY, TellingChannel.PHONE, SAID)
    action_id = raise_closed(services, seeded.everyone)
    close_back(records_vault, action_id, TODAY - timedelta(days=5))
    tell = actions.record_told
    for told_on, channel, said, field in [
        (TODAY - timedelta(days=6), TellingChannel.PHONE, SAID, "told_on"),
        (TODAY + timedelta(days=1), TellingChannel.PHONE, SAID, "told_on"),
        (TODAY, TellingChannel.EMAIL, SAID, "channel"),
        (TODAY, TellingChannel.LETTER, SAID, "channel"),
        (TODAY, TellingChannel.PHONE, " ", "what_was_said"),
    ]:
        with pytest.raises(ValidationFailed) as refused:
            tell(action_id, seeded.to_tell, told_on, channel, said)
        assert errors_of(refused) == {field}
    for cannot, why in ((seeded.withdrawn, "withdrawn"), (seeded.left, "has left")):
        with pytest.raises(RuleBroken) as broken:
            tell(action_id, cannot, TODAY, TellingChannel.IN_PERSON, SAID)
        assert seeded.codes[cannot] in str(broken.value)
        assert why in str(broken.value)
    with pytest.raises(NotFound):
        tell(still_open + 1000, seeded.to_tell, TODAY, TellingChannel.PHONE, SAID)
    other = raise_closed(services, [seeded.anonymous], title="Other")
    with pytest.raises(NotFound):
        tell(other, seeded.to_tell, TODAY, TellingChannel.PHONE, SAID)
    told_id = tell(action_id, seeded.to_tell, TODAY - timedelta(days=5), TellingChannel.TEXT, SAID)
    with pytest.raises(RuleBroken):
        tell(action_id, seeded.to_tell, TODAY, TellingChannel.PHONE, SAID)
    (told,) = [p.told for p in actions.who_to_tell(action_id).people if p.told]
    assert (told.id, told.told_on, told.channel, told.what_was_said) == (
        told_id,
        TODAY - timedelta(days=5),
        TellingChannel.TEXT,
        SAID,
    )


def test_feedback_behind_a_telling_stays_linked(
    services: RecordServices, seeded: ActionSeed
) -> None:
    actions = services.actions
    action_id = raise_closed(services, [seeded.first, seeded.disclosure, seeded.no_rules_item])
    actions.record_told(action_id, seeded.to_tell, TODAY, TellingChannel.IN_PERSON, SAID)
    actions.unlink_feedback(action_id, seeded.first)  # they have another item on it
    with pytest.raises(RuleBroken):
        actions.unlink_feedback(action_id, seeded.disclosure)
    actions.unlink_feedback(action_id, seeded.no_rules_item)  # not told: may go
    record = actions.record(action_id)
    assert {r.id for r in record.feedback} == {seeded.disclosure}


# --- the board and the audit log -----------------------------------------------------------


def test_the_board_counts_and_highlights_open_actions_past_due(
    services: RecordServices, seeded: ActionSeed
) -> None:
    actions = services.actions
    late = actions.raise_action(
        ActionDetails("Late", due_on=TODAY - timedelta(days=1)), seeded.everyone
    )
    due_today = actions.raise_action(ActionDetails("Due today", due_on=TODAY), [seeded.first])
    done = raise_closed(services, [seeded.first])
    rows = {r.id: r for r in actions.rows()}
    assert [r.id for r in actions.rows()] == [late, due_today, done]
    assert (rows[late].overdue, rows[late].due_overdue) == (True, True)
    assert not rows[due_today].overdue
    # Seven items; four people, two of them not contactable.
    assert (rows[late].feedback_count, rows[late].people_to_tell) == (7, 2)
    assert [r.id for r in actions.rows(ActionStatus.DONE)] == [done]
    assert actions.rows(ActionStatus.DONE)[0].people_to_tell == 1


def test_audit_details_carry_ids_and_codes_only(
    services: RecordServices, seeded: ActionSeed, records_vault: Vault
) -> None:
    actions = services.actions
    action_id = actions.raise_action(ActionDetails("First words"), seeded.everyone)
    actions.update(action_id, ActionDetails("Title words 8812", description="Plan 3391"))
    actions.add_update(action_id, TODAY, "Update words 6620")
    actions.unlink_feedback(action_id, seeded.anonymous)
    actions.link_feedback(action_id, [seeded.anonymous])
    actions.move(action_id, ActionStatus.AGREED)
    actions.move(action_id, ActionStatus.DONE, outcome="Outcome words 4471")
    actions.record_told(action_id, seeded.to_tell, TODAY, TellingChannel.PHONE, "Said 5093")
    with records_vault.transaction() as connection:
        mine = [r for r in audit.rows(connection) if r.event.startswith(("action", "feedback l"))]
        told = [r for r in audit.rows(connection) if r.event == AuditEvent.PARTICIPANT_TOLD]
    assert len(mine) == 7
    assert told[0].detail == f"action {action_id}: S-0101"
    assert f"action {action_id}: agreed -> done" in {r.detail for r in mine}
    words = ("4471", "8812", "3391", "6620", "5093", "Synthetic", SECRET, "Call")
    for row in [*mine, *told]:
        assert not any(w in row.detail for w in words), row.detail
    with records_vault.reading() as session:
        assert session.scalar(select(Action.title).where(Action.id == action_id)) == (
            "Title words 8812"
        )


def test_feedback_an_action_answers_and_the_meeting_it_was_raised_at_stay(
    services: RecordServices, seeded: ActionSeed
) -> None:
    # Refused with a message, before the database's own guard would refuse it.
    action_id = services.actions.raise_action(
        ActionDetails("Explain decisions in person", raised_at_id=seeded.meeting),
        [seeded.anonymous],
    )
    with pytest.raises(RuleBroken, match="An action answers this feedback"):
        services.feedback.delete(seeded.anonymous)
    with pytest.raises(RuleBroken, match="Actions were raised at this meeting"):
        services.scrutiny.delete_meeting(seeded.meeting)
    services.actions.unlink_feedback(action_id, seeded.anonymous)
    services.feedback.delete(seeded.anonymous)


def test_who_can_be_told_follows_the_same_consent_rule_as_the_gate() -> None:
    given, long_ago = TODAY - timedelta(days=30), TODAY - timedelta(days=400)
    reach = action_checks.reach_of
    active, paused = ParticipantStatus.ACTIVE, ParticipantStatus.PAUSED
    assert reach(active, [(given, None, None)], TODAY).contactable
    # Never asked, withdrawn, or overdue for review: not contactable, and why.
    assert reach(active, [], TODAY).why_not == action_checks.NO_CONTACT_CONSENT
    withdrawn = reach(active, [(long_ago, given, None)], TODAY)
    assert withdrawn.why_not == action_checks.CONSENT_WITHDRAWN
    overdue = reach(active, [(long_ago, None, given)], TODAY)
    assert (overdue.contactable, overdue.why_not) == (False, action_checks.CONTACT_REVIEW_OVERDUE)
    # Paused: may be told, but never chased as overdue.
    resting = reach(paused, [(given, None, None)], TODAY)
    assert resting.contactable and not resting.chase
    assert reach(ParticipantStatus.LEFT, [(given, None, None)], TODAY).why_not == action_checks.LEFT


def test_a_closed_action_says_what_it_said_when_it_closed(
    services: RecordServices, seeded: ActionSeed
) -> None:
    action_id = raise_closed(services, [seeded.first])
    with pytest.raises(RuleBroken, match="This action is closed"):
        services.actions.update(action_id, ActionDetails("Changed after people were told"))
    with pytest.raises(RuleBroken, match="raise a new action"):
        services.actions.link_feedback(action_id, [seeded.anonymous])
    record = services.actions.record(action_id)
    assert record.details.title != "Changed after people were told"
    assert [row.id for row in record.feedback] == [seeded.first]
