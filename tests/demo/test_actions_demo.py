"""The demo actions ("you said, we did"), loops closed and open, service recovery cases,
training sessions and materials, and development opportunities: every state there in
plausible shares, every rule the services enforce obeyed (checked value by value against
the rows), the same records from the same seed, and the earlier families' records left
as they were."""

from __future__ import annotations

import shutil
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from sec_desktop.demo import generator
from sec_desktop.demo.actions import write_actions
from sec_desktop.demo.recovery import write_recovery
from sec_desktop.domain.action_enums import ActionStatus, TakenUp, TrainingKind
from sec_desktop.domain.engagement_enums import EngagementKind, FeedbackSource
from sec_desktop.domain.enums import ConsentPurpose, ParticipantStatus
from sec_desktop.services.training import TrainingService
from sec_desktop.vault.vault import Unlock, Vault
from tests.demo.conftest import Demo, dump
from tests.records import TODAY, TemplateVault

NEW_TABLES = (
    "action",
    "action_feedback",
    "action_update",
    "told_record",
    "recovery_case",
    "recovery_step",
    "training_material",
    "training_session",
    "training_material_use",
    "development_opportunity",
)
CLOSED = (ActionStatus.DONE.value, ActionStatus.DECLINED.value)


def rows(demo: Demo, sql: str) -> list[Any]:
    with demo.vault.reading() as session:
        return list(session.execute(text(sql)))


def day(value: str) -> date:
    return date.fromisoformat(value[:10])


def maybe(value: str | None) -> date | None:
    return day(value) if value is not None else None


def consents(demo: Demo, purpose: ConsentPurpose) -> dict[int, list[Any]]:
    found: dict[int, list[Any]] = defaultdict(list)
    for c in rows(demo, f"SELECT * FROM consent WHERE purpose = '{purpose.value}'"):  # noqa: S608
        found[c.participant_id].append(c)
    return found


@pytest.fixture(scope="module")
def actions(demo: Demo) -> dict[int, Any]:
    return {a.id: a for a in rows(demo, "SELECT * FROM action")}


@pytest.fixture(scope="module")
def linked(demo: Demo) -> dict[int, list[Any]]:
    """Each action's feedback items, with their source, person, day and themes."""
    items: dict[int, list[Any]] = defaultdict(list)
    for link in rows(
        demo,
        "SELECT l.action_id, f.id, f.source, f.participant_id, f.received_on, "
        "(SELECT group_concat(t.term_id) FROM feedback_term t JOIN taxonomy_term x "
        " ON x.id = t.term_id AND x.kind = 'theme' WHERE t.feedback_id = f.id) AS themes, "
        "(SELECT count(*) FROM disclosure d WHERE d.feedback_id = f.id) AS disclosed "
        "FROM action_feedback l JOIN feedback_item f ON f.id = l.feedback_id",
    ):
        items[link.action_id].append(link)
    return items


# --- actions --------------------------------------------------------------------------------


def test_actions_flow_through_every_status_answering_feedback_on_a_theme(
    demo: Demo, actions: dict[int, Any], linked: dict[int, list[Any]]
) -> None:
    statuses = Counter(a.status for a in actions.values())
    assert statuses == {"done": 10, "declined": 3, "in progress": 5, "agreed": 4, "proposed": 3}
    assert demo.counts["actions"] == 25 and demo.counts["actions, done"] == 10
    for action_id, action in actions.items():
        items = linked[action_id]
        assert 2 <= len(items) <= 8, action.title
        assert not any(i.disclosed for i in items)
        raised = day(action.created_at)
        assert raised is not None
        assert all(day(i.received_on) <= raised for i in items)
        shared = set.intersection(*(set((i.themes or "").split(",")) for i in items))
        assert shared - {""}, action.title
    assert demo.counts["feedback items answered by actions"] == len(
        {i.id for items in linked.values() for i in items}
    )
    # Some were raised by a scrutiny panel, at its meeting.
    panels = rows(
        demo,
        "SELECT a.created_at, e.kind, e.held_on FROM action a "
        "JOIN engagement e ON e.id = a.raised_at_id",
    )
    assert 2 <= len(panels) <= 12
    for created_at, kind, held_on in panels:
        assert kind == EngagementKind.SCRUTINY_PANEL.value and day(created_at) == day(held_on)
    # Owned by a department or a partner, never both or neither; some open ones overdue.
    assert all(bool(a.owner_department) != bool(a.owner_partner_id) for a in actions.values())
    assert any(
        a.status not in CLOSED and a.due_on and day(a.due_on) < TODAY for a in actions.values()
    )


def test_every_action_obeys_the_action_rules(demo: Demo, actions: dict[int, Any]) -> None:
    updates: dict[int, list[date]] = defaultdict(list)
    for u in rows(demo, 'SELECT action_id, "on" FROM action_update ORDER BY "on"'):
        updates[u.action_id].append(day(u.on))
    for action_id, a in actions.items():
        closed_on, raised = maybe(a.closed_on), day(a.created_at)
        assert raised is not None
        if a.status == ActionStatus.DONE.value:
            assert a.outcome and not a.decline_reason and closed_on is not None
        elif a.status == ActionStatus.DECLINED.value:
            assert a.decline_reason and not a.outcome and closed_on is not None
        else:
            assert not a.outcome and not a.decline_reason and closed_on is None
        days = updates[action_id]
        last = closed_on or TODAY
        assert all(raised <= d <= last for d in days), a.title
        if closed_on is not None:
            assert days[-1] == closed_on and raised < closed_on <= TODAY
        if a.status == ActionStatus.PROPOSED.value:
            assert days == []
        else:
            assert days, a.title
    assert demo.counts["action updates"] == sum(len(d) for d in updates.values())


def test_loops_closed_and_open_telling_only_contactable_people_safely(
    demo: Demo, actions: dict[int, Any], linked: dict[int, list[Any]]
) -> None:
    people = {r.ref.id: r for r in demo.records}
    contact = consents(demo, ConsentPurpose.CONTACT)
    told = rows(demo, "SELECT * FROM told_record")
    assert demo.counts["people told what came of their feedback"] == len(told)
    for t in told:
        action = actions[t.action_id]
        closed_on, told_on = maybe(action.closed_on), day(t.told_on)
        assert action.status in CLOSED and closed_on is not None and told_on is not None
        assert closed_on <= told_on <= TODAY
        behind = {i.participant_id for i in linked[t.action_id]}
        assert t.participant_id in behind
        person = people[t.participant_id]
        assert person.details.status is not ParticipantStatus.LEFT
        [held] = contact[t.participant_id]
        assert held.withdrawn_on is None and day(held.given_on) <= told_on
        allowed = {c.value for c in person.safe_contact.channels} | {"in person"}
        if person.details.referral_partner_id is not None:
            allowed.add("through a partner")
        assert t.channel in allowed, t.channel
    # Who could be told, and whether they were.
    was_told = {(t.action_id, t.participant_id) for t in told}
    could, not_contactable, overdue = 0, 0, 0
    for action_id, action in actions.items():
        if action.status not in CLOSED:
            continue
        for pid in {i.participant_id for i in linked[action_id] if i.participant_id}:
            withdrawn = any(c.withdrawn_on for c in contact[pid]) or not contact[pid]
            if withdrawn or people[pid].details.status is ParticipantStatus.LEFT:
                not_contactable += 1
                assert (action_id, pid) not in was_told
                continue
            could += 1
            old = day(action.closed_on) < TODAY - timedelta(days=28)
            overdue += old and (action_id, pid) not in was_told
    assert 0.6 <= len(told) / could < 1 and overdue >= 1 and not_contactable >= 1
    # Anonymous and partner feedback is answered too, and needs no telling.
    sources = Counter(i.source for items in linked.values() for i in items)
    assert sources[FeedbackSource.ANONYMOUS.value] and sources[FeedbackSource.PARTICIPANT.value]


# --- service recovery -----------------------------------------------------------------------


def test_recovery_cases_raised_by_partner_contacts_mostly_closed_in_time(demo: Demo) -> None:
    cases = rows(
        demo,
        "SELECT r.*, c.partner_id AS contact_partner FROM recovery_case r "
        "JOIN partner_contact c ON c.id = r.raised_by_contact_id",
    )
    assert len(cases) == demo.counts["service recovery cases"] == 12
    steps: dict[int, list[date]] = defaultdict(list)
    for s in rows(demo, 'SELECT case_id, "on" FROM recovery_step ORDER BY "on", id'):
        steps[s.case_id].append(day(s.on))
    names = {r.details.name for r in demo.records}
    assert Counter(c.status for c in cases) == {"closed": 9, "open": 3}
    linked = [c for c in cases if c.participant_id is not None]
    assert 1 <= len(linked) < len(cases)
    for c in cases:
        assert c.contact_partner == c.raised_by_partner_id
        assert c.survivor_pseudonym and c.survivor_pseudonym not in names and c.concern
        opened, closed = day(c.opened_on), maybe(c.closed_on)
        assert opened is not None
        end = closed or TODAY
        assert 3 <= (end - opened).days <= 60
        assert steps[c.id][0] == opened and all(opened <= d <= end for d in steps[c.id])
        if c.status == "closed":
            assert c.outcome and closed is not None
            for told in (maybe(c.survivor_told_on), maybe(c.partner_told_on)):
                assert told is None or closed <= told <= TODAY
        else:
            assert closed is None and not c.outcome
            assert c.survivor_told_on is None and c.partner_told_on is None
    assert sum(c.survivor_told_on is not None for c in cases) >= 6


# --- training and development ---------------------------------------------------------------


def covered(consents: list[Any], on: date) -> bool:
    return any(
        day(c.given_on) <= on
        and (c.withdrawn_on is None or day(c.withdrawn_on) > on)
        and (c.review_on is None or day(c.review_on) >= on)
        for c in consents
    )


def test_training_uses_materials_only_while_their_consent_was_current(demo: Demo) -> None:
    training = consents(demo, ConsentPurpose.TRAINING)
    materials = {m.id: m for m in rows(demo, "SELECT * FROM training_material")}
    sessions = {s.id: s for s in rows(demo, "SELECT * FROM training_session")}
    uses = rows(demo, "SELECT * FROM training_material_use")
    assert len(materials) == 6 and len(sessions) == 15
    assert {s.kind for s in sessions.values()} == {k.value for k in TrainingKind}
    assert all(s.attending > 0 and s.title and s.audience for s in sessions.values())
    for m in materials.values():
        assert covered(training[m.participant_id], day(m.created_at))
    assert len({u.session_id for u in uses}) >= 4
    for u in uses:
        held = day(sessions[u.session_id].held_on)
        assert held is not None and held <= TODAY
        material = materials[u.material_id]
        assert day(material.created_at) <= held
        assert covered(training[material.participant_id], held)
    lapsed = [m for m in materials.values() if not covered(training[m.participant_id], TODAY)]
    assert len(lapsed) == demo.counts["training materials, consent lapsed"] == 1
    # The training service's own list of lapsed materials shows it.
    service = TrainingService(demo.vault, today=lambda: TODAY)
    assert [row.id for row in service.lapsed_materials()] == [lapsed[0].id]


def test_development_opportunities_go_to_people_who_could_be_contacted(demo: Demo) -> None:
    people = {r.ref.id: r for r in demo.records}
    contact = consents(demo, ConsentPurpose.CONTACT)
    offered = rows(demo, "SELECT * FROM development_opportunity")
    assert len(offered) == demo.counts["development opportunities"] == 30
    answers = Counter(o.taken_up for o in offered)
    assert set(answers) == {t.value for t in TakenUp}
    assert answers[TakenUp.TAKEN_UP.value] >= 8
    assert len({o.participant_id for o in offered}) >= 15
    for o in offered:
        assert people[o.participant_id].details.status is ParticipantStatus.ACTIVE
        on = day(o.offered_on)
        assert on is not None and on <= TODAY
        assert any(
            c.withdrawn_on is None and day(c.given_on) <= on for c in contact[o.participant_id]
        )
        assert not o.what_came_of_it or o.taken_up == TakenUp.TAKEN_UP.value
    assert any(o.what_came_of_it for o in offered)


# --- the same seed, and the families before ------------------------------------------------


def _again(
    template: TemplateVault, path: Path, monkeypatch: pytest.MonkeyPatch, *, with_new: bool
) -> dict[str, list[tuple[Any, ...]]]:
    shutil.copyfile(template.path, path)
    vault = Vault.open(path, Unlock(recovery_key=template.recovery_key))
    if not with_new:
        kept = tuple(f for f in generator.FAMILIES if f not in (write_actions, write_recovery))
        monkeypatch.setattr(generator, "FAMILIES", kept)
    try:
        generator.write_demo_records(vault, 1, today=TODAY)
        return dump(vault)
    finally:
        vault.close()


def test_the_same_seed_gives_the_same_records_and_leaves_the_earlier_ones_alone(
    demo: Demo, records_template: TemplateVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = dump(demo.vault)
    made = _again(records_template, tmp_path / "again.secvault", monkeypatch, with_new=True)
    for table in NEW_TABLES:
        assert made[table] == expected[table] and expected[table], table
    before = _again(records_template, tmp_path / "before.secvault", monkeypatch, with_new=False)
    for table, found in before.items():
        if table not in NEW_TABLES:
            assert found == expected[table], table
        else:
            assert found == [], table
