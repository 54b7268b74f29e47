"""Migration 0003 on a vault saved by 0.2.0 (schema 0002): it upgrades, its tables are
there (empty, but for the seeded journey stages and themes), the full-text index and its
triggers follow every change, the anonymity triggers refuse to tie anyone to an anonymous
session, the upgraded schema is exactly what the models declare, and every row 0.2.0
saved is still there, unchanged."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from sec_desktop.domain.engagement_enums import EngagementKind, FeedbackSource, TermKind
from sec_desktop.domain.models import Base
from sec_desktop.domain.taxonomy import SEEDS
from sec_desktop.services.engagement_records import (
    AttendeeChoice,
    FocusGroupDetails,
    StaffForumDetails,
)
from sec_desktop.services.feedback import FeedbackDraft
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.search import FEEDBACK, OPENS_FEEDBACK, ROWID_STEP
from sec_desktop.vault import audit, crypto, schema
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.format import split_file
from sec_desktop.vault.keys import unwrap
from sec_desktop.vault.vault import Unlock, Vault
from tests.risk_data import assess
from tests.services.test_migration_0002 import differences, not_declared

DATA = Path(__file__).resolve().parents[1] / "data"
REFERENCE = DATA / "reference-v0.2.0.secvault"
RECOVERY_KEY = (DATA / "reference-v0.2.0.recovery-key.txt").read_text(encoding="utf-8").strip()
# The day the tests run on (after everything the 0.2.0 vault holds).
TODAY = date(2026, 12, 5)
NEW_TABLES = {
    "taxonomy_term",
    "reference_project",
    "engagement",
    "attendance",
    "scrutiny_case",
    "case_right",
    "case_timeline_entry",
    "feedback_item",
    "disclosure",
    "feedback_term",
}
TRIGGERS = {
    *(
        f"{table}_search_{change}"
        for table in ("feedback_item", "engagement", "case_timeline_entry", "scrutiny_case")
        for change in ("insert", "update", "delete")
    ),
    "attendance_not_anonymous",
    "attendance_not_anonymous_update",
    "feedback_not_anonymous_insert",
    "feedback_not_anonymous_update",
    "engagement_not_made_anonymous",
}
# Kept by the vault (the audit chain grows with the upgrade) or by Alembic.
CHANGED_BY_OPENING = {"audit_log", "alembic_version"}


def saved_image(path: Path, recovery_key: str = RECOVERY_KEY) -> sqlite3.Connection:
    """The database as it was saved (by 0.2.0 unless said): decrypted, not upgraded, in
    memory."""
    header, header_bytes, body = split_file(path.read_bytes())
    data_key = unwrap(header, Unlock(recovery_key=recovery_key))
    image = crypto.decrypt_body(data_key, header.body_salt, header.body_nonce, header_bytes, body)
    connection = sqlite3.connect(":memory:")
    connection.deserialize(image)
    return connection


def rows_of(connection: Any, table: str) -> list[tuple[Any, ...]]:
    # Table names come from sqlite_master, not from anyone's input.
    query = f'SELECT * FROM "{table}" ORDER BY rowid'  # noqa: S608
    if isinstance(connection, sqlite3.Connection):
        return [tuple(r) for r in connection.execute(query)]
    return [tuple(r) for r in connection.execute(text(query))]


@pytest.fixture
def reference_path(tmp_path: Path) -> Path:
    path = tmp_path / "vault" / REFERENCE.name
    path.parent.mkdir()
    shutil.copyfile(REFERENCE, path)
    return path


@pytest.fixture
def upgraded(reference_path: Path) -> Iterator[Vault]:
    vault = Vault.open(reference_path, Unlock(recovery_key=RECOVERY_KEY))
    yield vault
    vault.close()


@pytest.fixture
def services(upgraded: Vault) -> RecordServices:
    return RecordServices.over(upgraded, today=lambda: TODAY)


def alex(services: RecordServices) -> int:
    found = services.roster.find_by_code("S-0001")
    assert found is not None
    return found.id


def test_the_vault_saved_by_0_2_0_is_at_0002_and_is_upgraded_to_head() -> None:
    saved = saved_image(REFERENCE)
    assert saved.execute("SELECT version_num FROM alembic_version").fetchall() == [("0002",)]
    saved.close()


def test_the_upgrade_is_audited_once(upgraded: Vault) -> None:
    assert schema.current_revision(upgraded.engine) == schema.head_revision()
    with upgraded.engine.connect() as connection:
        rows = audit.rows(connection)
    upgrades = [r.detail for r in rows if r.event == AuditEvent.SCHEMA_UPGRADED.value]
    assert upgrades == [f"from 0002 to {schema.head_revision()}"]


def test_every_table_and_trigger_of_0003_is_there(upgraded: Vault) -> None:
    tables = set(inspect(upgraded.engine).get_table_names())
    assert tables >= NEW_TABLES
    assert "search_index" in tables
    declared = {t for t in tables if not not_declared(t)} - {"alembic_version"}
    assert declared == set(Base.metadata.tables)
    with upgraded.engine.connect() as connection:
        for table in sorted(NEW_TABLES - {"taxonomy_term"}):
            count = connection.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()  # noqa: S608
            assert count == 0, table
        triggers = set(
            connection.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        )
        index_sql = connection.execute(
            text("SELECT sql FROM sqlite_master WHERE name = 'search_index'")
        ).scalar_one()
    assert triggers >= TRIGGERS
    assert "USING fts5" in index_sql


def test_the_journey_stages_and_themes_are_seeded_in_order(upgraded: Vault) -> None:
    with upgraded.engine.connect() as connection:
        terms = connection.execute(
            text("SELECT kind, name, position, retired FROM taxonomy_term ORDER BY id")
        ).all()
    expected = [
        (kind.value, name, position, 0)
        for kind, names in SEEDS.items()
        for position, name in enumerate(names)
    ]
    assert [tuple(t) for t in terms] == expected
    assert len(SEEDS[TermKind.STAGE]) == 14 and len(SEEDS[TermKind.THEME]) == 12


def test_the_search_index_follows_feedback_through_its_triggers(
    upgraded: Vault, services: RecordServices
) -> None:
    draft = FeedbackDraft(
        received_on=TODAY,
        source=FeedbackSource.PARTICIPANT,
        participant_id=alex(services),
        summary="The wombat-shaped leaflet made no sense",
    )
    item = services.feedback.add(draft)
    [hit] = services.search.search("wombat").hits
    assert (hit.kind, hit.record_id) == (OPENS_FEEDBACK, item)
    with upgraded.engine.connect() as connection:
        rowids = connection.scalars(
            text("SELECT rowid FROM search_index WHERE search_index MATCH 'wombat'")
        ).all()
    assert rowids == [item * ROWID_STEP + FEEDBACK]

    services.feedback.update(item, replace(draft, summary="Clear now"))
    assert services.search.search("wombat").hits == ()
    assert [h.record_id for h in services.search.search("clear").hits] == [item]
    services.feedback.delete(item)
    assert services.search.search("clear").hits == ()


def test_the_anonymity_triggers_refuse_anyone_on_an_anonymous_session(
    upgraded: Vault, services: RecordServices
) -> None:
    person = alex(services)
    forum = services.engagements.record_staff_forum(
        StaffForumDetails(date(2026, 12, 1), 7, venue="Training room")
    )
    statements = [
        (
            "INSERT INTO attendance (engagement_id, participant_id, confidentiality_explained) "
            "VALUES (:e, :p, 0)",
            "an anonymous session keeps no attendees",
        ),
        (
            "INSERT INTO feedback_item (engagement_id, source, participant_id, received_on, "
            "summary, quote, quote_permission, created_at, updated_at) VALUES (:e, "
            "'participant', :p, '2026-12-01', '', '', 0, '2026-12-01', '2026-12-01')",
            "keeps no one's identity",
        ),
    ]
    for statement, refusal in statements:
        with pytest.raises(IntegrityError, match=refusal), upgraded.engine.begin() as connection:
            connection.execute(text(statement), {"e": forum, "p": person})
    # A session someone attended cannot be turned into an anonymous one.
    assess(services, person)
    group = services.engagements.record_focus_group(
        FocusGroupDetails("Reporting online", date(2026, 12, 2), venue="Library"),
        [AttendeeChoice(person)],
    )
    refused = pytest.raises(IntegrityError, match="keeps no one's identity")
    with refused, upgraded.engine.begin() as connection:
        connection.execute(
            text("UPDATE engagement SET kind = :kind WHERE id = :id"),
            {"kind": EngagementKind.STAFF_FORUM.value, "id": group},
        )
    assert services.engagements.record(forum).attendees == ()
    assert [a.participant.id for a in services.engagements.record(group).attendees] == [person]


def test_the_upgraded_schema_is_exactly_what_the_models_declare(upgraded: Vault) -> None:
    assert differences(upgraded, Base.metadata) == []


def test_every_row_0_2_0_saved_is_still_there_unchanged(
    reference_path: Path, upgraded: Vault, services: RecordServices
) -> None:
    saved = saved_image(REFERENCE)
    tables = [
        name
        for (name,) in saved.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if name not in CHANGED_BY_OPENING
    ]
    assert {"participant", "consent", "partner", "invitation"} <= set(tables)
    with upgraded.engine.connect() as connection:
        for table in tables:
            assert rows_of(connection, table) == rows_of(saved, table), table
        # The audit chain goes on from where it was.
        before = rows_of(saved, "audit_log")
        assert rows_of(connection, "audit_log")[: len(before)] == before
    saved.close()
    # And it reads back through the services as 0.2.0 wrote it.
    assert [r.code for r in services.roster.rows()] == ["S-0001", "S-0003"]
    assert services.roster.record(alex(services)).safe_contact.code_word == "bluebell"
    assert services.activity.of(alex(services)).engagements == ()
