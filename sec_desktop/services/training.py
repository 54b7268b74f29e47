"""Training and awareness: the sessions the SEC delivers or contributes to, and the
survivor materials (videos, case studies) they use.

A material may be used only while its survivor's consent to their story being used in
officer training is current, on the session's date and today (services/training_checks.py):
recording or changing a session with any other material is refused, naming each one. The
audit log names ids and pseudonym codes only, never a title or what was said.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sec_desktop.domain.action_enums import TrainingKind
from sec_desktop.domain.enums import ConsentPurpose
from sec_desktop.domain.participant import Consent, Participant
from sec_desktop.domain.recovery import TrainingMaterial, TrainingMaterialUse, TrainingSession
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services import training_checks as checks
from sec_desktop.services.clock import Today, local_today, utc_now
from sec_desktop.services.errors import FieldError, NotFound, ValidationFailed
from sec_desktop.services.training_checks import MaterialsRefused, RefusedMaterial
from sec_desktop.services.training_records import (
    MaterialDetails,
    MaterialRecord,
    MaterialRow,
    Reach,
    ReachByKind,
    SessionDetails,
    SessionRecord,
    SessionRow,
)
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault

Consents = dict[int, list[Consent]]


@dataclass
class TrainingService:
    vault: Vault
    today: Today = field(default=local_today)

    # --- materials ----------------------------------------------------------------------

    def materials(self) -> list[MaterialRow]:
        """Every material, by title."""
        with self.vault.reading() as session:
            found = session.scalars(select(TrainingMaterial)).all()
            rows = _material_rows(session, found, self.today())
        return sorted(rows, key=lambda row: (row.title.casefold(), row.id))

    def lapsed_materials(self) -> list[MaterialRow]:
        """The materials that may not be used now: their survivor's training consent was
        withdrawn, its review date has passed, or it was never given."""
        return [row for row in self.materials() if not row.consent_current]

    def material(self, material_id: int) -> MaterialRecord:
        with self.vault.reading() as session:
            material = _material(session, material_id)
            row = _material_rows(session, [material], self.today())[0]
            used = session.scalar(
                select(func.count()).where(TrainingMaterialUse.material_id == material_id)
            )
            return MaterialRecord(
                id=material.id,
                details=MaterialDetails(
                    material.title, material.kind, material.participant_id, material.notes
                ),
                participant_code=row.participant_code,
                consent_current=row.consent_current,
                sessions=int(used or 0),
            )

    def add_material(self, details: MaterialDetails) -> int:
        checks.check_material(details)
        with self.vault.writing(AuditEvent.TRAINING_MATERIAL_ADDED) as session:
            code = _participant_code(session, details.participant_id)
            material = TrainingMaterial(created_at=utc_now())
            _write_material(material, details)
            session.add(material)
            session.flush()
            session.info["audit_detail"] = f"material {material.id}, {code}"
            return material.id

    def update_material(self, material_id: int, details: MaterialDetails) -> None:
        checks.check_material(details)
        with self.vault.writing(AuditEvent.TRAINING_MATERIAL_EDITED) as session:
            material = _material(session, material_id)
            code = _participant_code(session, details.participant_id)
            _write_material(material, details)
            session.info["audit_detail"] = f"material {material.id}, {code}"

    # --- sessions -----------------------------------------------------------------------

    def sessions(self) -> list[SessionRow]:
        """Every session, the most recent first."""
        used = (
            select(func.count())
            .where(TrainingMaterialUse.session_id == TrainingSession.id)
            .scalar_subquery()
        )
        query = select(TrainingSession, used).order_by(
            TrainingSession.held_on.desc(), TrainingSession.id.desc()
        )
        with self.vault.reading() as session:
            return [
                SessionRow(s.id, s.held_on, s.kind, s.title, s.audience, s.attending, int(n))
                for s, n in session.execute(query)
            ]

    def session(self, session_id: int) -> SessionRecord:
        with self.vault.reading() as session:
            row = _session(session, session_id)
            ids = [use.material_id for use in row.materials]
            found = session.scalars(
                select(TrainingMaterial).where(TrainingMaterial.id.in_(ids))
            ).all()
            materials = _material_rows(session, found, self.today())
            return SessionRecord(
                id=row.id,
                details=SessionDetails(
                    row.held_on, row.kind, row.title, row.audience, row.attending, row.notes
                ),
                materials=tuple(sorted(materials, key=lambda m: (m.title.casefold(), m.id))),
            )

    def record_session(self, details: SessionDetails, material_ids: Sequence[int]) -> int:
        """Record a session held; refused (MaterialsRefused, nothing saved) if any material
        chosen may not be used on its date."""
        checks.check_session(details, self.today())
        wanted = _unique(material_ids)
        with self.vault.writing(AuditEvent.TRAINING_SESSION_RECORDED) as session:
            _refuse_unusable(session, wanted, details.held_on, self.today(), kept=set())
            now = utc_now()
            row = TrainingSession(created_at=now, updated_at=now)
            _write_session(row, details, wanted)
            session.add(row)
            session.flush()
            session.info["audit_detail"] = _session_audit(row.id, wanted)
            return row.id

    def update_session(
        self, session_id: int, details: SessionDetails, material_ids: Sequence[int]
    ) -> None:
        """Change a session. A material added is checked as on recording; one it already
        used is checked only against the session's date as things stood then: a consent
        withdrawn since stops new use, not the record of a use already made."""
        checks.check_session(details, self.today())
        wanted = _unique(material_ids)
        with self.vault.writing(AuditEvent.TRAINING_SESSION_EDITED) as session:
            row = _session(session, session_id)
            kept = {use.material_id for use in row.materials}
            _refuse_unusable(session, wanted, details.held_on, self.today(), kept=kept)
            _write_session(row, details, wanted)
            row.updated_at = utc_now()
            session.info["audit_detail"] = _session_audit(row.id, wanted)

    def reach(self, start: date, end: date) -> Reach:
        """Sessions held from `start` to `end` (both included), by kind."""
        with self.vault.reading() as session:
            held = session.scalars(
                select(TrainingSession).where(TrainingSession.held_on.between(start, end))
            ).all()
            by_kind = {kind: [0, 0] for kind in TrainingKind}
            used: set[int] = set()
            with_materials = 0
            for row in held:
                by_kind[row.kind][0] += 1
                by_kind[row.kind][1] += row.attending
                used.update(use.material_id for use in row.materials)
                with_materials += bool(row.materials)
        return Reach(
            start=start,
            end=end,
            sessions=len(held),
            people_reached=sum(row.attending for row in held),
            by_kind=tuple(ReachByKind(k, n, people) for k, (n, people) in by_kind.items()),
            sessions_with_survivor_materials=with_materials,
            materials_used=len(used),
        )


# --- helpers ------------------------------------------------------------------------------


def _unique(ids: Sequence[int]) -> list[int]:
    return list(dict.fromkeys(ids))


def _training_consents(session: Session, participant_ids: set[int]) -> Consents:
    by_person: Consents = defaultdict(list)
    query = select(Consent).where(
        Consent.purpose == ConsentPurpose.TRAINING, Consent.participant_id.in_(participant_ids)
    )
    for consent in session.scalars(query):
        by_person[consent.participant_id].append(consent)
    return by_person


def _codes(session: Session, participant_ids: set[int]) -> dict[int, str]:
    query = select(Participant.id, Participant.code).where(Participant.id.in_(participant_ids))
    return {int(pid): str(code) for pid, code in session.execute(query)}


def _material_rows(
    session: Session, found: Sequence[TrainingMaterial], today: date
) -> list[MaterialRow]:
    people = {m.participant_id for m in found}
    consents = _training_consents(session, people)
    codes = _codes(session, people)
    rows = []
    for m in found:
        current = checks.current_consent(consents[m.participant_id], ConsentPurpose.TRAINING, today)
        rows.append(
            MaterialRow(
                id=m.id,
                title=m.title,
                kind=m.kind,
                participant_code=codes.get(m.participant_id, ""),
                consent_current=current is not None,
                participant_id=m.participant_id,
                consent_review_on=current.review_on if current is not None else None,
            )
        )
    return rows


def _refuse_unusable(
    session: Session, wanted: list[int], held_on: date, today: date, *, kept: set[int]
) -> None:
    """Every material in `wanted` exists and may be used on `held_on`; those in `kept`
    (already used by this session) need only have been covered then."""
    found = session.scalars(select(TrainingMaterial).where(TrainingMaterial.id.in_(wanted))).all()
    if len(found) != len(wanted):
        raise ValidationFailed(
            [
                FieldError(
                    "materials",
                    QT_TRANSLATE_NOOP(
                        "Records",
                        "One of the materials chosen is no longer on record: choose again.",
                    ),
                )
            ]
        )
    people = {m.participant_id for m in found}
    consents = _training_consents(session, people)
    codes = _codes(session, people)
    new = [
        m
        for m in found
        if m.id not in kept
        and not checks.training_usable(consents[m.participant_id], held_on, today)
    ]
    old = [
        m
        for m in found
        if m.id in kept and not checks.was_covered(consents[m.participant_id], held_on)
    ]
    for refused, message in ((new, checks.MATERIALS_REFUSED), (old, checks.MATERIALS_REFUSED_KEPT)):
        if refused:
            listed = sorted(refused, key=lambda m: (m.title.casefold(), m.id))
            raise MaterialsRefused(
                message,
                held_on,
                [RefusedMaterial(m.id, m.title, codes.get(m.participant_id, "")) for m in listed],
            )


def _material(session: Session, material_id: int) -> TrainingMaterial:
    material = session.get(TrainingMaterial, material_id)
    if material is None:
        raise NotFound(checks.MATERIAL_GONE)
    return material


def _session(session: Session, session_id: int) -> TrainingSession:
    row = session.get(TrainingSession, session_id)
    if row is None:
        raise NotFound(checks.SESSION_GONE)
    return row


def _participant_code(session: Session, participant_id: int) -> str:
    participant = session.get(Participant, participant_id)
    if participant is None:
        raise ValidationFailed(
            [
                FieldError(
                    "participant_id",
                    QT_TRANSLATE_NOOP("Records", "That participant is no longer on the roster."),
                )
            ]
        )
    return participant.code


def _write_material(material: TrainingMaterial, details: MaterialDetails) -> None:
    material.title = details.title.strip()
    material.kind = details.kind
    material.participant_id = details.participant_id
    material.notes = details.notes.strip()


def _write_session(row: TrainingSession, details: SessionDetails, material_ids: list[int]) -> None:
    row.held_on = details.held_on
    row.kind = details.kind
    row.title = details.title.strip()
    row.audience = details.audience.strip()
    row.attending = details.attending
    row.notes = details.notes.strip()
    # Kept where still chosen, so that the rows already written are left alone.
    row.materials = [use for use in row.materials if use.material_id in material_ids]
    have = {use.material_id for use in row.materials}
    row.materials += [TrainingMaterialUse(material_id=i) for i in material_ids if i not in have]


def _session_audit(session_id: int, material_ids: list[int]) -> str:
    used = ",".join(str(i) for i in material_ids) or "none"
    return f"session {session_id}, materials {used}"
