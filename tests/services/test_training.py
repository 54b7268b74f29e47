"""Training and awareness: survivor materials, sessions and their reach. The consent rule:
a material is used only while its survivor's consent to their story being used in officer
training is current on the session's date and today; otherwise the session is refused,
naming each material by title and code, and nothing is saved. Lapsed materials are listed.
The audit log names ids and codes only."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sec_desktop.domain.action_enums import MaterialKind, TrainingKind
from sec_desktop.domain.enums import ConsentMethod, ConsentPurpose
from sec_desktop.services.consent import ConsentGiven
from sec_desktop.services.errors import NotFound, ValidationFailed
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.training_checks import MaterialsRefused
from sec_desktop.services.training_records import MaterialDetails, ReachByKind, SessionDetails
from sec_desktop.vault import audit
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault
from tests.records import TODAY
from tests.recovery_data import SESSION_DAY, RecoverySeeded, day, seed


@pytest.fixture
def seeded(records_vault: Vault) -> RecoverySeeded:
    return seed(records_vault)


def briefing(held_on: object = None, **changes: object) -> SessionDetails:
    values: dict[str, object] = {
        "held_on": held_on or day(3),
        "kind": TrainingKind.OFFICER_TRAINING,
        "title": "Response officers' refresher",
        "audience": "Newport response team",
        "attending": 18,
        **changes,
    }
    return SessionDetails(**values)  # type: ignore[arg-type]


def audit_rows(vault: Vault) -> list[audit.AuditRow]:
    with vault.engine.connect() as connection:
        return audit.rows(connection)


def test_materials_show_whose_consent_holds_today(
    services: RecordServices, seeded: RecoverySeeded
) -> None:
    rows = {row.participant_code: row for row in services.training.materials()}
    assert {code: row.consent_current for code, row in rows.items()} == {
        "S-0101": True,
        "S-0102": False,  # withdrawn
        "S-0103": False,  # review date passed yesterday
        "S-0104": True,  # given five days ago
    }
    # By title.
    assert [row.title for row in services.training.materials()] == [
        "Audio: the day in court",
        "Case study: the bail decision",
        "Case study: waiting for updates",
        "Video: the first 999 call",
    ]
    assert [row.participant_code for row in services.training.lapsed_materials()] == [
        "S-0103",
        "S-0102",
    ]


def test_a_material_is_added_and_edited(
    services: RecordServices, seeded: RecoverySeeded, records_vault: Vault
) -> None:
    material_id = services.training.add_material(
        MaterialDetails(" Written: after the verdict ", MaterialKind.WRITTEN, seeded.no_consent)
    )
    record = services.training.material(material_id)
    assert record.details == MaterialDetails(
        "Written: after the verdict", MaterialKind.WRITTEN, seeded.no_consent
    )
    assert (record.participant_code, record.consent_current, record.sessions) == (
        "S-0105",
        False,
        0,
    )
    # Never consented: not usable, so listed with the lapsed ones.
    assert material_id in {row.id for row in services.training.lapsed_materials()}
    last = audit_rows(records_vault)[-1]
    assert (last.event, last.detail) == (
        AuditEvent.TRAINING_MATERIAL_ADDED.value,
        f"material {material_id}, S-0105",
    )
    services.training.update_material(
        material_id,
        MaterialDetails("Written: after the verdict", MaterialKind.CASE_STUDY, seeded.consenting),
    )
    record = services.training.material(material_id)
    assert (record.details.kind, record.participant_code, record.consent_current) == (
        MaterialKind.CASE_STUDY,
        "S-0101",
        True,
    )
    assert audit_rows(records_vault)[-1].event == AuditEvent.TRAINING_MATERIAL_EDITED.value


def test_what_a_material_needs(services: RecordServices, seeded: RecoverySeeded) -> None:
    before = services.training.materials()
    for details, field in [
        (MaterialDetails("  ", MaterialKind.VIDEO, seeded.consenting), "title"),
        (MaterialDetails("T" * 201, MaterialKind.VIDEO, seeded.consenting), "title"),
        (MaterialDetails("Video", MaterialKind.VIDEO, 9999), "participant_id"),
    ]:
        with pytest.raises(ValidationFailed) as refused:
            services.training.add_material(details)
        assert [e.field for e in refused.value.errors] == [field]
    assert services.training.materials() == before
    with pytest.raises(NotFound):
        services.training.material(9999)


def test_withdrawal_lapses_a_material_at_once(
    services: RecordServices, seeded: RecoverySeeded
) -> None:
    material_id = services.training.add_material(
        MaterialDetails("Video: the interview room", MaterialKind.VIDEO, seeded.no_consent)
    )
    consent_id = services.consent.give(
        seeded.no_consent,
        ConsentGiven(ConsentPurpose.TRAINING, day(60), ConsentMethod.WRITTEN, TODAY),
    )
    row = next(r for r in services.training.materials() if r.id == material_id)
    assert (row.consent_current, row.consent_review_on) == (True, TODAY)
    assert material_id not in {r.id for r in services.training.lapsed_materials()}
    services.consent.withdraw(seeded.no_consent, consent_id)
    assert material_id in {r.id for r in services.training.lapsed_materials()}
    with pytest.raises(MaterialsRefused):
        services.training.record_session(briefing(), [material_id])


def test_a_session_with_current_materials_is_recorded(
    services: RecordServices, seeded: RecoverySeeded, records_vault: Vault
) -> None:
    video, recent = seeded.materials["consenting"], seeded.materials["recent"]
    session_id = services.training.record_session(briefing(), [video, recent, video])
    record = services.training.session(session_id)
    assert record.details == briefing()
    assert [m.id for m in record.materials] == [recent, video]
    [row] = services.training.sessions()
    assert (row.id, row.held_on, row.attending, row.materials) == (session_id, day(3), 18, 2)
    assert services.training.material(video).sessions == 1
    last = audit_rows(records_vault)[-1]
    assert (last.event, last.detail) == (
        AuditEvent.TRAINING_SESSION_RECORDED.value,
        f"session {session_id}, materials {video},{recent}",
    )


def test_a_session_is_refused_naming_each_material_whose_consent_is_not_current(
    services: RecordServices, seeded: RecoverySeeded
) -> None:
    materials = seeded.materials
    chosen = [materials["consenting"], materials["withdrawn"], materials["review_passed"]]
    with pytest.raises(MaterialsRefused) as refused:
        services.training.record_session(briefing(), chosen)
    error = refused.value
    assert [(m.id, m.title, m.participant_code) for m in error.refused] == [
        (materials["review_passed"], "Audio: the day in court", "S-0103"),
        (materials["withdrawn"], "Case study: waiting for updates", "S-0102"),
    ]
    message = str(error)
    assert "“Audio: the day in court” (S-0103)" in message
    assert "“Case study: waiting for updates” (S-0102)" in message
    assert "Video: the first 999 call" not in message
    assert "Synthetic Person" not in message
    # Nothing was saved.
    assert services.training.sessions() == []


def test_consent_must_hold_on_the_session_date_as_well_as_today(
    services: RecordServices, seeded: RecoverySeeded
) -> None:
    recent = seeded.materials["recent"]  # consent given five days ago
    with pytest.raises(MaterialsRefused) as refused:
        services.training.record_session(briefing(SESSION_DAY), [recent])
    assert [m.participant_code for m in refused.value.refused] == ["S-0104"]
    assert services.training.sessions() == []
    # The review passed yesterday: current on a session two days ago, not today.
    passed = seeded.materials["review_passed"]
    with pytest.raises(MaterialsRefused):
        services.training.record_session(briefing(day(2)), [passed])
    services.training.record_session(briefing(day(2)), [recent])
    assert len(services.training.sessions()) == 1


def test_an_edit_refuses_a_lapsed_material_but_keeps_a_use_already_made(
    services: RecordServices, seeded: RecoverySeeded, records_vault: Vault
) -> None:
    material_id = services.training.add_material(
        MaterialDetails("Video: the interview room", MaterialKind.VIDEO, seeded.no_consent)
    )
    consent_id = services.consent.give(
        seeded.no_consent,
        ConsentGiven(ConsentPurpose.TRAINING, day(60), ConsentMethod.WRITTEN),
    )
    session_id = services.training.record_session(briefing(day(20)), [material_id])
    services.consent.withdraw(seeded.no_consent, consent_id, day(10))
    # Adding a lapsed material is refused; nothing changes.
    with pytest.raises(MaterialsRefused) as refused:
        services.training.update_session(
            session_id,
            briefing(day(20), attending=25),
            [material_id, seeded.materials["withdrawn"]],
        )
    assert [m.participant_code for m in refused.value.refused] == ["S-0102"]
    assert services.training.session(session_id).details.attending == 18
    # The use made while the consent held stays on record through an edit.
    services.training.update_session(session_id, briefing(day(20), attending=25), [material_id])
    record = services.training.session(session_id)
    assert (record.details.attending, [m.id for m in record.materials]) == (25, [material_id])
    assert audit_rows(records_vault)[-1].event == AuditEvent.TRAINING_SESSION_EDITED.value
    # ... but not moved to a day the consent did not cover.
    with pytest.raises(MaterialsRefused):
        services.training.update_session(session_id, briefing(day(5)), [material_id])
    # A material can be taken off.
    services.training.update_session(session_id, briefing(day(5)), [])
    assert services.training.session(session_id).materials == ()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"held_on": TODAY + timedelta(days=1)}, "held_on"),
        ({"title": " "}, "title"),
        ({"audience": "A" * 201}, "audience"),
        ({"attending": -1}, "attending"),
    ],
)
def test_what_a_session_needs(
    services: RecordServices, seeded: RecoverySeeded, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        services.training.record_session(briefing(**changes), [])
    assert [e.field for e in refused.value.errors] == [field]
    assert services.training.sessions() == []


def test_a_material_no_longer_on_record_is_refused(
    services: RecordServices, seeded: RecoverySeeded
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        services.training.record_session(briefing(), [seeded.materials["consenting"], 9999])
    assert [e.field for e in refused.value.errors] == ["materials"]
    assert services.training.sessions() == []
    with pytest.raises(NotFound):
        services.training.session(9999)
    with pytest.raises(NotFound):
        services.training.update_session(9999, briefing(), [])


def test_reach_by_kind_for_a_period(services: RecordServices, seeded: RecoverySeeded) -> None:
    video = seeded.materials["consenting"]
    training = services.training
    training.record_session(briefing(day(3), attending=18), [video])
    training.record_session(briefing(day(4), attending=12), [video, seeded.materials["recent"]])
    training.record_session(briefing(day(12), kind=TrainingKind.TALK, attending=40), [])
    training.record_session(briefing(day(100), attending=90), [video])  # before the period
    reach = training.reach(day(30), TODAY)
    assert (reach.sessions, reach.people_reached) == (3, 70)
    assert reach.by_kind == (
        ReachByKind(TrainingKind.OFFICER_TRAINING, 2, 30),
        ReachByKind(TrainingKind.BRIEFING, 0, 0),
        ReachByKind(TrainingKind.TALK, 1, 40),
        ReachByKind(TrainingKind.OTHER, 0, 0),
    )
    assert (reach.sessions_with_survivor_materials, reach.materials_used) == (2, 2)
    assert training.reach(day(11), day(5)).sessions == 0


def test_the_audit_log_never_holds_a_title(
    services: RecordServices, seeded: RecoverySeeded, records_vault: Vault
) -> None:
    material_id = services.training.add_material(
        MaterialDetails("Kestrel-90 story", MaterialKind.VIDEO, seeded.consenting, "Notes")
    )
    session_id = services.training.record_session(
        briefing(title="Kestrel-91 session"), [material_id]
    )
    services.training.update_session(session_id, briefing(title="Kestrel-92"), [material_id])
    text = " ".join(f"{r.event} {r.detail}" for r in audit_rows(records_vault))
    assert "Kestrel" not in text
    assert "Synthetic Person" not in text
