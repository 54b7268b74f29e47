"""The schema's own guards, below the services: feedback and disclosures are never deleted
with the engagement, case or item they belong to (ON DELETE RESTRICT); an anonymous staff
forum session cannot be given an attendee or an identified item by an UPDATE either; every
foreign key is indexed; and migration 0003 seeds its own copy of the stages and themes.

The services refuse each of these first, with a message; these tests write raw SQL to
prove the database is the last guard when something else (a later feature, a script)
forgets to."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from sec_desktop.domain.engagement_enums import FeedbackSource, Panel
from sec_desktop.domain.feedback import FeedbackItem
from sec_desktop.domain.models import Base
from sec_desktop.domain.taxonomy import SEEDS
from sec_desktop.services.disclosures import AtRisk, MinimumFacts
from sec_desktop.services.errors import RuleBroken
from sec_desktop.services.feedback import FeedbackDraft
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.scrutiny_records import CaseDetails, MeetingDetails
from sec_desktop.vault import schema
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault
from tests.feedback_data import Seeded, seed
from tests.records import TODAY
from tests.services.test_migration_0003 import NEW_TABLES

MIGRATION = schema.MIGRATIONS / "versions" / "0003_engagements_and_feedback.py"
REFUSED = "FOREIGN KEY constraint failed"


@dataclass(frozen=True)
class Scene:
    seeded: Seeded
    meeting: int
    case: int
    on_group: int  # a participant's item at the focus group
    on_case: int  # the victim's item on the case
    on_forum: int  # an anonymous item at the staff forum
    disclosed: int  # an item at the one-to-one, flagged as a disclosure


@pytest.fixture
def scene(services: RecordServices, records_vault: Vault) -> Scene:
    seeded = seed(records_vault)
    meeting = services.scrutiny.record_meeting(MeetingDetails(Panel.DA, date(2026, 11, 20)))
    case = services.scrutiny.save_case(
        meeting,
        CaseDetails(
            "GW/000111/26", participant_code="S-0001", victim_contacted=True, victim_agreed=True
        ),
    )

    def said(source: FeedbackSource, **values: Any) -> int:
        draft = FeedbackDraft(received_on=TODAY, source=source, summary="Synthetic", **values)
        return services.feedback.add(draft)

    participant = FeedbackSource.PARTICIPANT
    on_group = said(participant, participant_id=seeded.quoted, engagement_id=seeded.focus_group)
    on_case = said(participant, participant_id=seeded.quoted, case_id=case)
    on_forum = said(FeedbackSource.ANONYMOUS, engagement_id=seeded.staff_forum)
    disclosed = said(FeedbackSource.ANONYMOUS, engagement_id=seeded.open_group)
    services.disclosures.flag(disclosed, MinimumFacts("Assault", "2019", "A flat", AtRisk.NO))
    return Scene(seeded, meeting, case, on_group, on_case, on_forum, disclosed)


def refused(vault: Vault, statement: str, match: str, **values: object) -> None:
    with pytest.raises(IntegrityError, match=match), vault.engine.begin() as connection:
        connection.execute(text(statement), values)


def count(vault: Vault, statement: str, **values: object) -> int:
    with vault.engine.connect() as connection:
        return int(connection.execute(text(statement), values).scalar_one())


def test_deleting_an_engagement_with_feedback_is_refused_by_the_database(
    records_vault: Vault, scene: Scene
) -> None:
    for engagement in (scene.seeded.focus_group, scene.seeded.open_group):
        refused(records_vault, "DELETE FROM engagement WHERE id = :id", REFUSED, id=engagement)
    # A scrutiny meeting: its cases would go with it, and the feedback on them.
    refused(records_vault, "DELETE FROM engagement WHERE id = :id", REFUSED, id=scene.meeting)
    assert count(records_vault, "SELECT count(*) FROM feedback_item") == 4
    assert count(records_vault, "SELECT count(*) FROM scrutiny_case") == 1


def test_deleting_a_case_with_feedback_is_refused_by_the_database(
    records_vault: Vault, scene: Scene
) -> None:
    refused(records_vault, "DELETE FROM scrutiny_case WHERE id = :id", REFUSED, id=scene.case)
    item = "SELECT count(*) FROM feedback_item WHERE case_id = :id"
    assert count(records_vault, item, id=scene.case) == 1


def test_deleting_an_item_with_a_disclosure_is_refused_by_the_database_and_the_orm(
    records_vault: Vault, scene: Scene
) -> None:
    delete = "DELETE FROM feedback_item WHERE id = :id"
    refused(records_vault, delete, REFUSED, id=scene.disclosed)
    # The ORM leaves it to the database too, rather than deleting the disclosure first.
    writing = records_vault.writing(AuditEvent.FEEDBACK_DELETED)
    with pytest.raises(IntegrityError, match=REFUSED), writing as session:
        session.delete(session.get(FeedbackItem, scene.disclosed))
    kept = "SELECT count(*) FROM disclosure WHERE feedback_id = :id"
    assert count(records_vault, kept, id=scene.disclosed) == 1


def test_the_services_refuse_first_with_a_message(services: RecordServices, scene: Scene) -> None:
    attempts: list[Callable[[], None]] = [
        lambda: services.engagements.delete(scene.seeded.focus_group),
        lambda: services.engagements.delete(scene.seeded.open_group),
        lambda: services.scrutiny.delete_meeting(scene.meeting),
        lambda: services.scrutiny.delete_case(scene.case),
        lambda: services.feedback.delete(scene.disclosed),
    ]
    for attempt in attempts:
        with pytest.raises(RuleBroken):
            attempt()
    # Without the feedback, the same deletes go through.
    services.feedback.delete(scene.on_group)
    services.engagements.delete(scene.seeded.focus_group)
    services.feedback.delete(scene.on_case)
    services.scrutiny.delete_case(scene.case)
    services.scrutiny.delete_meeting(scene.meeting)


def test_no_update_ties_anyone_to_an_anonymous_session(records_vault: Vault, scene: Scene) -> None:
    forum, group = scene.seeded.staff_forum, scene.seeded.focus_group
    identity = "keeps no one's identity"
    refused(
        records_vault,
        "UPDATE attendance SET engagement_id = :forum WHERE engagement_id = :group",
        "an anonymous session keeps no attendees",
        forum=forum,
        group=group,
    )
    refused(
        records_vault,
        "UPDATE feedback_item SET engagement_id = :forum WHERE id = :id",
        identity,
        forum=forum,
        id=scene.on_group,
    )
    refused(
        records_vault,
        "UPDATE feedback_item SET participant_id = :who, source = 'participant' WHERE id = :id",
        identity,
        who=scene.seeded.quoted,
        id=scene.on_forum,
    )
    # Even with no one named, the forum's feedback is from an anonymous survivor only.
    refused(
        records_vault,
        "UPDATE feedback_item SET source = 'partner' WHERE id = :id",
        identity,
        id=scene.on_forum,
    )
    attending = "SELECT count(*) FROM attendance WHERE engagement_id = :id"
    assert count(records_vault, attending, id=forum) == 0
    assert count(records_vault, attending, id=group) == 2


def test_erasing_a_participant_keeps_their_feedback_and_case_anonymised(
    services: RecordServices, records_vault: Vault, scene: Scene
) -> None:
    services.roster.erase(scene.seeded.quoted)
    with records_vault.engine.connect() as connection:
        items = connection.execute(
            text("SELECT id, participant_id FROM feedback_item WHERE id IN (:a, :b)"),
            {"a": scene.on_group, "b": scene.on_case},
        ).all()
        victim = connection.execute(
            text("SELECT participant_id FROM scrutiny_case WHERE id = :id"), {"id": scene.case}
        ).scalar_one()
    assert sorted(tuple(i) for i in items) == [(scene.on_group, None), (scene.on_case, None)]
    assert victim is None
    assert services.scrutiny.case(scene.case).details.participant_code == ""


def test_every_on_delete_in_the_schema_is_what_the_models_declare(
    records_vault: Vault,
) -> None:
    declared, found = {}, {}
    with records_vault.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for fk in table.foreign_keys:
                key = (table.name, fk.parent.name)
                declared[key] = (fk.ondelete or "NO ACTION").upper()
            rows = connection.exec_driver_sql(f'PRAGMA foreign_key_list("{table.name}")')
            for row in rows.mappings():
                found[(table.name, row["from"])] = row["on_delete"]
    assert found == declared
    for key in (
        ("feedback_item", "engagement_id"),
        ("feedback_item", "case_id"),
        ("disclosure", "feedback_id"),
    ):
        assert declared[key] == "RESTRICT", key


def test_every_foreign_key_of_0003_leads_an_index(records_vault: Vault) -> None:
    missing = []
    with records_vault.engine.connect() as connection:
        for table in (Base.metadata.tables[name] for name in sorted(NEW_TABLES)):
            leading = {
                _first_column(connection, index.name)
                for index in connection.exec_driver_sql(f'PRAGMA index_list("{table.name}")')
            }
            # An INTEGER PRIMARY KEY is the rowid: indexed, though listed with no index.
            leading.add(next(iter(table.primary_key.columns)).name)
            for fk in table.foreign_keys:
                if fk.parent.name not in leading:
                    missing.append(f"{table.name}.{fk.parent.name}")
    assert missing == []


def _first_column(connection: Any, index: str) -> str:
    return str(connection.exec_driver_sql(f'PRAGMA index_info("{index}")').first().name)


def _migration() -> ModuleType:
    spec = importlib.util.spec_from_file_location("migration_0003", MIGRATION)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_migration_0003_seeds_its_own_copy_of_the_stages_and_themes() -> None:
    source = MIGRATION.read_text(encoding="utf-8")
    imports = [line for line in source.splitlines() if line.startswith(("import ", "from "))]
    assert not [line for line in imports if "sec_desktop" in line]
    # Today the copy is the domain's list; later edits of that list change new vaults
    # only through a migration of their own.
    assert {kind.value: names for kind, names in SEEDS.items()} == _migration().SEEDS
