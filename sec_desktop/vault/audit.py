"""The audit log: what happened to the vault, chained so that no row can be changed,
removed or reordered unnoticed.

Each row's MAC is HMAC-SHA256, under a key derived from the data key, over the previous
row's MAC and this row's fields. The newest MAC (the chain head) is kept in the vault's
authenticated header, so cutting rows off the end is caught too. Triggers in the schema
refuse UPDATE and DELETE. Rows say what happened ("vault opened", "record erased"),
never anything about a person.
"""

from __future__ import annotations

import hashlib
import hmac
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import Connection, text

GENESIS = bytes(32)


class AuditEvent(StrEnum):
    VAULT_CREATED = "vault created"
    VAULT_OPENED = "vault opened"
    OPENED_WITH_RECOVERY_KEY = "vault opened with the recovery key"
    PASSPHRASE_CHANGED = "passphrase changed"  # noqa: S105 (an event name, not a secret)
    REKEYED = "data key and recovery key replaced"
    SCHEMA_UPGRADED = "vault upgraded to a newer schema"
    BACKUP_RESTORED = "backup restored"
    RECOVERY_KEY_PRINTED = "recovery key printed"
    # Records. Details name a pseudonym code or a partner id, never a person's name.
    DEMO_DATA_WRITTEN = "demo data written"
    PARTICIPANT_ADDED = "participant added"
    PARTICIPANT_EDITED = "participant edited"
    PARTICIPANT_ERASED = "participant erased"
    CONSENT_GIVEN = "consent given"
    CONSENT_WITHDRAWN = "consent withdrawn"
    CONSENT_REVIEWED = "consent reviewed"
    MEMBERSHIP_CHANGED = "membership changed"
    INVITATION_RECORDED = "invitation recorded"
    PARTNER_ADDED = "partner added"
    PARTNER_EDITED = "partner edited"
    PARTNER_LOG_ADDED = "partner contact logged"
    ROSTER_PRINTED = "roster printed"
    # Engagements and feedback. Details name record ids and codes, never what was said.
    ENGAGEMENT_RECORDED = "engagement recorded"
    ENGAGEMENT_EDITED = "engagement edited"
    ENGAGEMENT_DELETED = "engagement deleted"
    REFERENCE_PROJECT_SAVED = "reference group project saved"
    SCRUTINY_CASE_SAVED = "scrutiny case saved"
    SCRUTINY_CASE_DELETED = "scrutiny case deleted"
    FEEDBACK_RECORDED = "feedback recorded"
    FEEDBACK_EDITED = "feedback edited"
    FEEDBACK_DELETED = "feedback deleted"
    DISCLOSURE_FLAGGED = "disclosure flagged"
    DISCLOSURE_NOTIFIED = "disclosure notified to crime recording"
    DISCLOSURE_SURVIVOR_TOLD = "survivor told about disclosure recording"
    TAXONOMY_CHANGED = "journey stages or themes changed"
    RECORD_SETTING_CHANGED = "record setting changed"
    # Risk assessments. Details name a pseudonym code and the assessment id, nothing said.
    RISK_ASSESSMENT_SAVED = "risk assessment saved"
    # Wellbeing checks after a session: details name the engagement and a code only.
    WELLBEING_CHECK_SAVED = "wellbeing check saved"
    WELLBEING_FOLLOW_UP_DONE = "wellbeing follow-up done"
    # The coordinator's own log: details say only what kind of entry, never its content.
    COORDINATOR_LOG_CHANGED = "coordinator wellbeing log changed"
    # Actions ("you said, we did"): details name action and feedback ids and codes only.
    ACTION_RAISED = "action raised"
    ACTION_EDITED = "action edited"
    ACTION_FEEDBACK_CHANGED = "feedback linked to an action changed"
    ACTION_MOVED = "action status changed"
    ACTION_UPDATE_ADDED = "action update added"
    PARTICIPANT_TOLD = "participant told what came of their feedback"
    # Service recovery, training, development: details name ids and codes only, never
    # the concern, a partner's reference for a survivor, a title or what was said.
    RECOVERY_CASE_OPENED = "service recovery case opened"
    RECOVERY_CASE_EDITED = "service recovery case edited"
    RECOVERY_STEP_ADDED = "service recovery step added"
    RECOVERY_TOLD_RECORDED = "service recovery telling recorded"
    RECOVERY_CASE_CLOSED = "service recovery case closed"
    RECOVERY_CASE_REOPENED = "service recovery case reopened"
    TRAINING_MATERIAL_ADDED = "training material added"
    TRAINING_MATERIAL_EDITED = "training material edited"
    TRAINING_SESSION_RECORDED = "training session recorded"
    TRAINING_SESSION_EDITED = "training session edited"
    DEVELOPMENT_OFFERED = "development opportunity offered"
    DEVELOPMENT_EDITED = "development opportunity edited"
    # Reports (briefings, governance reports, exports): details give the report, its
    # period or meeting id and counts, never a name, a code or anything said.
    REPORT_BUILT = "report built"
    REPORT_SAVED = "report saved as a PDF"
    REPORT_PRINTED = "report sent to a printer"
    REPORT_EXPORTED = "report figures exported"


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: str
    event: str
    detail: str
    mac: bytes


def _mac(key: bytes, previous: bytes, row: tuple[int, str, str, str]) -> bytes:
    fields = "\x1f".join(str(field) for field in row).encode("utf-8")
    return hmac.new(key, previous + fields, hashlib.sha256).digest()


def rows(connection: Connection) -> list[AuditRow]:
    result = connection.execute(
        text("SELECT id, at, event, detail, mac FROM audit_log ORDER BY id")
    )
    return [AuditRow(int(r[0]), str(r[1]), str(r[2]), str(r[3]), bytes(r[4])) for r in result]


def head(connection: Connection) -> bytes:
    row = connection.execute(text("SELECT mac FROM audit_log ORDER BY id DESC LIMIT 1")).first()
    return bytes(row[0]) if row is not None else GENESIS


def append(
    connection: Connection,
    key: bytes,
    event: AuditEvent,
    detail: str = "",
    at: datetime | None = None,
) -> bytes:
    """Add a row within the caller's transaction; returns the new chain head."""
    # Through the driver's cursor, inside the caller's transaction: this runs on every
    # save, and SQLAlchemy's statement handling costs more than these two statements.
    driver = connection.connection.driver_connection
    with closing(driver.cursor()) as cursor:  # type: ignore[union-attr]
        # The last row gives both the chain head and the id to follow (ids only grow).
        last = cursor.execute("SELECT id, mac FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        previous = bytes(last[1]) if last is not None else GENESIS
        row_id = int(last[0]) + 1 if last is not None else 1
        when = (at or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
        mac = _mac(key, previous, (row_id, when, event.value, detail))
        cursor.execute(
            "INSERT INTO audit_log (id, at, event, detail, mac) VALUES (?, ?, ?, ?, ?)",
            (row_id, when, event.value, detail, mac),
        )
    return mac


def first_broken_row(connection: Connection, key: bytes, expected_head: bytes) -> int | None:
    """The id of the first row whose chain does not hold, 0 if rows are missing at the end
    (the head in the header does not match), or None if the log is intact."""
    previous = GENESIS
    expected_id = 1
    for row in rows(connection):
        good = _mac(key, previous, (row.id, row.at, row.event, row.detail))
        if row.id != expected_id or not hmac.compare_digest(good, row.mac):
            return row.id
        previous = row.mac
        expected_id += 1
    if not hmac.compare_digest(previous, expected_head):
        return 0
    return None


def reseal(connection: Connection, new_key: bytes) -> bytes:
    """Recompute every MAC under a new key (after a re-key, whose new data key gives a new
    audit key), within the caller's transaction; returns the new head.

    The only update the log ever sees: the trigger is lifted and put back in the same
    transaction, so no other change can slip in between.
    """
    connection.execute(text("DROP TRIGGER audit_log_no_update"))
    previous = GENESIS
    for row in rows(connection):
        previous = _mac(new_key, previous, (row.id, row.at, row.event, row.detail))
        connection.execute(
            text("UPDATE audit_log SET mac = :m WHERE id = :i"), {"m": previous, "i": row.id}
        )
    connection.execute(
        text(
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
        )
    )
    return previous
