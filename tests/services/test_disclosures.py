"""The disclosure guard end to end: flag with the minimum facts (the 24-hour clock
starts), the open list (overdue first, no text), the notification (the crime reference
may follow later), telling the survivor, dealt with; and audit details with no text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from sec_desktop.domain.engagement_enums import FeedbackSource, TermKind
from sec_desktop.services.disclosures import (
    RECORDING_DEADLINE,
    AtRisk,
    DisclosureService,
    MinimumFacts,
    Notification,
)
from sec_desktop.services.errors import NotFound, RuleBroken, ValidationFailed
from sec_desktop.services.feedback import FeedbackDraft
from sec_desktop.services.record_services import RecordServices
from sec_desktop.vault import audit
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault
from tests.feedback_data import SECRET, seed
from tests.records import TODAY

START = datetime(2026, 11, 25, 9, 30)
FACTS = MinimumFacts(SECRET, "About two years ago", "A flat in the city centre", AtRisk.NOT_KNOWN)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Scene:
    guard: DisclosureService
    clock: Clock
    first: int
    second: int
    anonymous: int


@pytest.fixture
def scene(services: RecordServices, records_vault: Vault) -> Scene:
    """Three items, the first two from S-0004; the first flagged at START, the others two
    hours later."""
    seeded = seed(records_vault)
    clock = Clock()
    guard = DisclosureService(records_vault, services.today, now=clock)
    draft = FeedbackDraft(
        TODAY, FeedbackSource.PARTICIPANT, participant_id=seeded.no_consent, summary=SECRET
    )
    first = services.feedback.add(draft)
    second = services.feedback.add(draft)
    anonymous = services.feedback.add(
        FeedbackDraft(TODAY, FeedbackSource.ANONYMOUS, summary="Said in a group")
    )
    # The minimum facts are all required; nothing can be recorded before the flag.
    with pytest.raises(ValidationFailed) as refused:
        guard.flag(first, MinimumFacts(" ", "", "", None))
    assert {e.field for e in refused.value.errors} == {
        "offence_type",
        "happened_when",
        "happened_where",
        "anyone_at_risk_now",
    }
    with pytest.raises(RuleBroken):
        guard.record_notification(first, Notification(START, "Crime recording team", "INC-1"))
    with pytest.raises(NotFound):
        guard.flag(9999, FACTS)

    record = guard.flag(first, FACTS)
    assert (record.flagged_at, record.deadline_at) == (START, START + RECORDING_DEADLINE)
    assert timedelta(hours=24) == RECORDING_DEADLINE
    assert record.facts == FACTS and not record.notified and not record.dealt_with
    with pytest.raises(RuleBroken):
        guard.flag(first, FACTS)
    clock.now = START + timedelta(hours=2)
    guard.flag(second, replace_risk(AtRisk.YES))
    guard.flag(anonymous, replace_risk(AtRisk.NO))
    return Scene(guard, clock, first, second, anonymous)


def test_open_disclosures_list_the_overdue_first_and_carry_no_text(scene: Scene) -> None:
    guard = scene.guard
    assert guard.record(scene.second).facts.anyone_at_risk_now == AtRisk.YES
    assert guard.record(scene.anonymous).participant_code == ""
    assert not any(r.overdue for r in guard.open_disclosures())
    # A day later the first is overdue, and listed first.
    scene.clock.now = START + timedelta(hours=25)
    rows = guard.open_disclosures()
    assert [(r.feedback_id, r.overdue) for r in rows] == [
        (scene.first, True),
        (scene.second, False),
        (scene.anonymous, False),
    ]
    assert rows[0].participant_code == "S-0004" and rows[0].received_on == TODAY
    assert SECRET not in repr(rows)


def test_notified_and_told_it_is_dealt_with_and_audited_without_text(
    scene: Scene, services: RecordServices, records_vault: Vault
) -> None:
    guard, first = scene.guard, scene.first
    scene.clock.now = START + timedelta(hours=25)
    # Not before the flag, not in the future, who was told, an incident reference.
    with pytest.raises(ValidationFailed) as refused:
        guard.record_notification(
            first, Notification(START - timedelta(hours=1), "", " ", "x" * 41)
        )
    assert {e.field for e in refused.value.errors} == {
        "notified_at",
        "notified_to",
        "incident_reference",
        "crime_reference",
    }
    with pytest.raises(ValidationFailed) as refused:
        guard.record_notification(
            first, Notification(scene.clock.now + timedelta(minutes=5), "Registrar", "INC-1")
        )
    assert "in the future" in refused.value.errors[0].english()
    told_at = START + timedelta(hours=3)
    guard.record_notification(first, Notification(told_at, " Crime recording team ", "INC-77"))
    record = guard.record(first)
    assert record.notification == Notification(told_at, "Crime recording team", "INC-77", "")
    assert not record.overdue(scene.clock.now)
    # The crime reference follows later, in the force's format (as scrutiny cases say it).
    with pytest.raises(ValidationFailed) as refused:
        guard.record_notification(
            first, Notification(told_at, "Crime recording team", "INC-77", "CR/123/26")
        )
    assert [(e.field, e.english()) for e in refused.value.errors] == [
        (
            "crime_reference",
            "This is not a crime reference in your force's format: it should look like "
            "GW/012345/26.",
        )
    ]
    assert guard.record(first).notification == record.notification
    guard.record_notification(
        first, Notification(told_at, "Crime recording team", "INC-77", " gw/0451207/26 ")
    )
    notification = guard.record(first).notification
    assert notification is not None and notification.crime_reference == "GW/0451207/26"
    # The format is the force's own, set in Settings.
    services.scrutiny.references.set_format(r"CR/[0-9]{3}/[0-9]{2}", "CR/123/26")
    guard.record_notification(
        first, Notification(told_at, "Crime recording team", "INC-77", "CR/123/26")
    )
    notification = guard.record(first).notification
    assert notification is not None and notification.crime_reference == "CR/123/26"

    with pytest.raises(ValidationFailed) as refused:
        guard.record_survivor_told(first, TODAY + timedelta(days=1), "")
    assert {e.field for e in refused.value.errors} == {"told_on", "told_how"}
    guard.record_survivor_told(first, TODAY, "By phone, at the safe time")
    record = guard.record(first)
    assert record.dealt_with and record.survivor_told_how == "By phone, at the safe time"
    assert [r.feedback_id for r in guard.open_disclosures()] == [scene.second, scene.anonymous]
    (row,) = [r for r in services.feedback.rows() if r.id == first]
    assert row.disclosure and row.disclosure_dealt_with

    with records_vault.engine.connect() as connection:
        trail = [(r.event, r.detail) for r in audit.rows(connection)]
    assert (AuditEvent.DISCLOSURE_FLAGGED, f"feedback {first} (S-0004)") in trail
    assert (AuditEvent.DISCLOSURE_FLAGGED, f"feedback {scene.anonymous}") in trail
    assert trail[-5:] == [
        (AuditEvent.DISCLOSURE_NOTIFIED, f"feedback {first} (S-0004)"),
        (AuditEvent.DISCLOSURE_NOTIFIED, f"feedback {first} (S-0004)"),
        (AuditEvent.RECORD_SETTING_CHANGED, "crime reference format"),
        (AuditEvent.DISCLOSURE_NOTIFIED, f"feedback {first} (S-0004)"),
        (AuditEvent.DISCLOSURE_SURVIVOR_TOLD, f"feedback {first} (S-0004)"),
    ]
    assert SECRET not in repr(trail) and "INC-77" not in repr(trail)


def replace_risk(risk: AtRisk) -> MinimumFacts:
    return MinimumFacts(FACTS.offence_type, FACTS.happened_when, FACTS.happened_where, risk)


# --- the steps in either order; what no view outside the item's own record shows -----------


def test_the_survivor_may_be_told_first_and_it_is_dealt_with_only_once_both_are_done(
    scene: Scene, services: RecordServices
) -> None:
    guard, second = scene.guard, scene.second
    guard.record_survivor_told(second, TODAY, "In person, with their IDVA")
    record = guard.record(second)
    assert record.survivor_told and not record.notified and not record.dealt_with
    # Told but not notified: still open, and overdue once the deadline passes.
    scene.clock.now = START + timedelta(hours=27)
    (row,) = [r for r in guard.open_disclosures() if r.feedback_id == second]
    assert row.survivor_told and not row.notified and row.overdue
    assert record.overdue(scene.clock.now)
    guard.record_notification(
        second, Notification(START + timedelta(hours=26), "Crime recording team", "INC-5")
    )
    # Notified after the deadline: no longer overdue (it has been done), and dealt with.
    record = guard.record(second)
    assert record.dealt_with and not record.overdue(scene.clock.now)
    assert second not in [r.feedback_id for r in guard.open_disclosures()]
    # A step on an item never flagged is refused, and so is one on an item that is gone.
    plain = services.feedback.add(FeedbackDraft(TODAY, FeedbackSource.ANONYMOUS, summary="x"))
    with pytest.raises(RuleBroken):
        guard.record_survivor_told(plain, TODAY, "By phone")
    with pytest.raises(NotFound):
        guard.record(9999)


def test_no_view_but_its_own_record_shows_what_was_disclosed(
    scene: Scene, services: RecordServices
) -> None:
    """The text (summary and quote) and the minimum facts: not in lists, theme counts and
    drill-downs, search hits (found by its words or not), nor the open disclosures. An
    edit after flagging stays hidden too."""
    first = scene.first
    draft = services.feedback.record(first).draft
    services.feedback.update(
        first,
        FeedbackDraft(
            draft.received_on,
            draft.source,
            participant_id=draft.participant_id,
            summary=f"{SECRET} (edited)",
            quote=SECRET,
            theme_ids=(services.taxonomy.terms(TermKind.THEME)[0].id,),
        ),
    )
    start, end = TODAY - timedelta(days=365), TODAY
    shown: list[object] = [
        services.feedback.rows(),
        services.feedback.rows(disclosures_only=True),
        services.themes.counts(start, end),
        services.themes.items(start, end),
        scene.guard.open_disclosures(),
    ]
    for words in ("Quokka", "lighthouse 7731", "flat city centre", "S-0004"):
        results = services.search.search(words)
        shown.append(results.hits)  # not `typed`: the words searched for
        for hit in results.hits:
            if hit.record_id in (scene.first, scene.second):
                assert hit.disclosure and hit.snippet == ""
    # Found by its words, it is listed (to be opened) with no snippet.
    found = services.search.search("Quokka").hits
    assert [(h.record_id, h.disclosure, h.snippet) for h in found if h.record_id == first] == [
        (first, True, "")
    ]
    every = repr(shown)
    for secret in (SECRET, "Quokka", FACTS.happened_where, FACTS.happened_when):
        assert secret not in every
    # The item's own record has it all.
    record = services.feedback.record(first)
    assert record.draft.summary == f"{SECRET} (edited)" and record.disclosure is not None
    assert record.disclosure.facts == FACTS
    # And it cannot be deleted: the steps taken must stay on record.
    with pytest.raises(RuleBroken):
        services.feedback.delete(first)
