"""Engagements, feedback and scrutiny panels: focus groups, one-to-ones, anonymous staff
forum sessions, scrutiny panel meetings with their cases, reference group projects and
meetings, feedback items coded by journey stage and theme, the disclosure guard, and a
full-text search index (FTS5) kept up to date by triggers.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Each searchable row's FTS rowid is its id times 8 plus its kind, so a trigger finds it
# again without scanning the index. The kinds are in services/search.py.
FEEDBACK, ENGAGEMENT, TIMELINE, CASE = 1, 2, 3, 4

# The journey stages and themes a new vault starts with, as 0.3.0 wrote them. Copied here
# (not imported from domain/taxonomy.py) so that later edits of that list never change
# what this migration writes.
SEEDS: dict[str, tuple[str, ...]] = {
    "journey stage": (
        "Contact and call handling (999, 101, online)",
        "First response and attendance",
        "Statement and evidence capture",
        "Crime recording",
        "Safeguarding and risk (DASH, MARAC, protective orders)",
        "Referral to support (IDVA, ISVA, SARC)",
        "Investigation and updates",
        "Arrest, bail and suspect management",
        "Police decision (including no further action)",
        "CPS charging decision and victims' right to review",
        "Witness care and pre-trial",
        "Court (plea, trial, verdict, sentence)",
        "After sentence (victim contact scheme)",
        "Complaints and service recovery",
    ),
    "theme": (
        "Being believed",
        "Communication and updates",
        "Officer attitude and language",
        "Time and delays",
        "Safety and safeguarding",
        "Information about rights (Victims' Code)",
        "Accessibility and communication barriers",
        "Digital evidence and phones",
        "Special measures at court",
        "Support services",
        "Children and family",
        "Housing and money",
    ),
}


def _index_triggers(table: str, kind: int, body: str, columns: str) -> list[str]:
    # Only constant table and column names go into these statements.
    rowid = f"{{row}}.id * 8 + {kind}"
    insert = (
        f"INSERT INTO search_index (rowid, body) VALUES ({rowid.format(row='NEW')}, "  # noqa: S608
        f"{body.format(row='NEW')});"
    )
    delete = f"DELETE FROM search_index WHERE rowid = {rowid.format(row='OLD')};"  # noqa: S608
    return [
        f"CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {table}_search_update AFTER UPDATE OF {columns} ON {table} "
        f"BEGIN {delete} {insert} END",
        f"CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table} BEGIN {delete} END",
    ]


def _joined(*columns: str) -> str:
    return " || char(10) || ".join(f"{{row}}.{c}" for c in columns)


SEARCH_TRIGGERS = [
    *_index_triggers("feedback_item", FEEDBACK, _joined("summary", "quote"), "summary, quote"),
    *_index_triggers(
        "engagement", ENGAGEMENT, _joined("title", "topic", "notes"), "title, topic, notes"
    ),
    *_index_triggers("case_timeline_entry", TIMELINE, _joined("note"), "note"),
    *_index_triggers(
        "scrutiny_case",
        CASE,
        _joined("crime_reference", "offence_type", "outcome", "questions"),
        "crime_reference, offence_type, outcome, questions",
    ),
]

# An anonymous session holds a headcount only: no attendee, and feedback only from an
# anonymous survivor, tied to no one. Each rule is checked on INSERT and on every UPDATE
# that could break it (moving a row onto a session, or changing who it is from).
ANONYMITY_TRIGGERS = [
    """CREATE TRIGGER attendance_not_anonymous BEFORE INSERT ON attendance
    WHEN (SELECT kind FROM engagement WHERE id = NEW.engagement_id)
         = 'anonymous staff forum session'
    BEGIN SELECT RAISE(ABORT, 'an anonymous session keeps no attendees'); END""",
    """CREATE TRIGGER attendance_not_anonymous_update
    BEFORE UPDATE OF engagement_id ON attendance
    WHEN (SELECT kind FROM engagement WHERE id = NEW.engagement_id)
         = 'anonymous staff forum session'
    BEGIN SELECT RAISE(ABORT, 'an anonymous session keeps no attendees'); END""",
    """CREATE TRIGGER feedback_not_anonymous_insert BEFORE INSERT ON feedback_item
    WHEN (NEW.participant_id IS NOT NULL OR NEW.source <> 'anonymous survivor')
     AND (SELECT kind FROM engagement WHERE id = NEW.engagement_id)
         = 'anonymous staff forum session'
    BEGIN SELECT RAISE(ABORT, 'an anonymous session keeps no one''s identity'); END""",
    """CREATE TRIGGER feedback_not_anonymous_update
    BEFORE UPDATE OF participant_id, engagement_id, source ON feedback_item
    WHEN (NEW.participant_id IS NOT NULL OR NEW.source <> 'anonymous survivor')
     AND (SELECT kind FROM engagement WHERE id = NEW.engagement_id)
         = 'anonymous staff forum session'
    BEGIN SELECT RAISE(ABORT, 'an anonymous session keeps no one''s identity'); END""",
    """CREATE TRIGGER engagement_not_made_anonymous BEFORE UPDATE OF kind ON engagement
    WHEN NEW.kind = 'anonymous staff forum session' AND (
        EXISTS (SELECT 1 FROM attendance WHERE engagement_id = NEW.id)
        OR EXISTS (SELECT 1 FROM feedback_item WHERE engagement_id = NEW.id
                   AND (participant_id IS NOT NULL OR source <> 'anonymous survivor')))
    BEGIN SELECT RAISE(ABORT, 'an anonymous session keeps no one''s identity'); END""",
]

# Indexes on foreign keys that lack one (lookups, and the scans SQLite makes when the
# row they point to is deleted): (table, column).
FOREIGN_KEY_INDEXES = [
    ("reference_project", "partner_id"),
    ("engagement", "via_partner_contact_id"),
    ("scrutiny_case", "participant_id"),
    ("case_timeline_entry", "stage_id"),
    ("feedback_item", "partner_id"),
    ("feedback_item", "partner_contact_id"),
]


def upgrade() -> None:
    op.create_table(
        "taxonomy_term",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_taxonomy_term")),
        sa.UniqueConstraint("kind", "name", name=op.f("uq_taxonomy_term_kind")),
    )
    op.create_table(
        "reference_project",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("outputs", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name=op.f("fk_reference_project_partner_id_partner"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reference_project")),
    )
    op.create_table(
        "engagement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("starts_at", sa.Time(), nullable=True),
        sa.Column("format", sa.String(length=40), nullable=True),
        sa.Column("venue", sa.String(length=200), nullable=False),
        sa.Column("advertised_via", sa.String(length=200), nullable=False),
        sa.Column("facilitator", sa.String(length=200), nullable=False),
        sa.Column("support_worker", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("wellbeing_follow_up", sa.Boolean(), nullable=False),
        sa.Column("headcount", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=40), nullable=True),
        sa.Column("via_partner_contact_id", sa.Integer(), nullable=True),
        sa.Column("panel", sa.String(length=40), nullable=True),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["reference_project.id"],
            name=op.f("fk_engagement_project_id_reference_project"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["via_partner_contact_id"],
            ["partner_contact.id"],
            name=op.f("fk_engagement_via_partner_contact_id_partner_contact"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_engagement")),
    )
    op.create_index(op.f("ix_engagement_held_on"), "engagement", ["held_on"], unique=False)
    op.create_index(op.f("ix_engagement_kind"), "engagement", ["kind"], unique=False)
    op.create_index(op.f("ix_engagement_project_id"), "engagement", ["project_id"], unique=False)
    op.create_table(
        "attendance",
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("confidentiality_explained", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagement.id"],
            name=op.f("fk_attendance_engagement_id_engagement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_attendance_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("engagement_id", "participant_id", name=op.f("pk_attendance")),
    )
    op.create_index(
        op.f("ix_attendance_participant_id"), "attendance", ["participant_id"], unique=False
    )
    op.create_table(
        "scrutiny_case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("crime_reference", sa.String(length=40), nullable=False),
        sa.Column("offence_type", sa.String(length=120), nullable=False),
        sa.Column("outcome", sa.String(length=120), nullable=False),
        sa.Column("victim_contacted", sa.Boolean(), nullable=False),
        sa.Column("victim_agreed", sa.Boolean(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("questions", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagement.id"],
            name=op.f("fk_scrutiny_case_engagement_id_engagement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_scrutiny_case_participant_id_participant"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scrutiny_case")),
    )
    op.create_index(
        op.f("ix_scrutiny_case_engagement_id"), "scrutiny_case", ["engagement_id"], unique=False
    )
    op.create_table(
        "case_right",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("right", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("met", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["scrutiny_case.id"],
            name=op.f("fk_case_right_case_id_scrutiny_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("case_id", "right", name=op.f("pk_case_right")),
    )
    op.create_table(
        "case_timeline_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("stage_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["scrutiny_case.id"],
            name=op.f("fk_case_timeline_entry_case_id_scrutiny_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"],
            ["taxonomy_term.id"],
            name=op.f("fk_case_timeline_entry_stage_id_taxonomy_term"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_timeline_entry")),
    )
    op.create_index(
        op.f("ix_case_timeline_entry_case_id"), "case_timeline_entry", ["case_id"], unique=False
    )
    op.create_table(
        "feedback_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column("partner_contact_id", sa.Integer(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("sentiment", sa.String(length=40), nullable=True),
        sa.Column("quote_permission", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["scrutiny_case.id"],
            name=op.f("fk_feedback_item_case_id_scrutiny_case"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagement.id"],
            name=op.f("fk_feedback_item_engagement_id_engagement"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_feedback_item_participant_id_participant"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["partner_contact_id"],
            ["partner_contact.id"],
            name=op.f("fk_feedback_item_partner_contact_id_partner_contact"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name=op.f("fk_feedback_item_partner_id_partner"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_item")),
    )
    op.create_index(op.f("ix_feedback_item_case_id"), "feedback_item", ["case_id"], unique=False)
    op.create_index(
        op.f("ix_feedback_item_engagement_id"), "feedback_item", ["engagement_id"], unique=False
    )
    op.create_index(
        op.f("ix_feedback_item_participant_id"), "feedback_item", ["participant_id"], unique=False
    )
    op.create_index(
        op.f("ix_feedback_item_received_on"), "feedback_item", ["received_on"], unique=False
    )
    op.create_table(
        "disclosure",
        sa.Column("feedback_id", sa.Integer(), nullable=False),
        sa.Column("flagged_at", sa.DateTime(), nullable=False),
        sa.Column("deadline_at", sa.DateTime(), nullable=False),
        sa.Column("offence_type", sa.String(length=120), nullable=False),
        sa.Column("happened_when", sa.String(length=120), nullable=False),
        sa.Column("happened_where", sa.String(length=200), nullable=False),
        sa.Column("anyone_at_risk_now", sa.Boolean(), nullable=True),
        sa.Column("notified_at", sa.DateTime(), nullable=True),
        sa.Column("notified_to", sa.String(length=200), nullable=False),
        sa.Column("incident_reference", sa.String(length=40), nullable=False),
        sa.Column("crime_reference", sa.String(length=40), nullable=False),
        sa.Column("survivor_told_on", sa.Date(), nullable=True),
        sa.Column("survivor_told_how", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["feedback_id"],
            ["feedback_item.id"],
            name=op.f("fk_disclosure_feedback_id_feedback_item"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("feedback_id", name=op.f("pk_disclosure")),
    )
    op.create_index(op.f("ix_disclosure_flagged_at"), "disclosure", ["flagged_at"], unique=False)
    op.create_table(
        "feedback_term",
        sa.Column("feedback_id", sa.Integer(), nullable=False),
        sa.Column("term_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["feedback_id"],
            ["feedback_item.id"],
            name=op.f("fk_feedback_term_feedback_id_feedback_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["term_id"],
            ["taxonomy_term.id"],
            name=op.f("fk_feedback_term_term_id_taxonomy_term"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("feedback_id", "term_id", name=op.f("pk_feedback_term")),
    )
    op.create_index(op.f("ix_feedback_term_term_id"), "feedback_term", ["term_id"], unique=False)

    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "body, tokenize = 'porter unicode61 remove_diacritics 2')"
    )
    for table, column in FOREIGN_KEY_INDEXES:
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)
    for statement in SEARCH_TRIGGERS + ANONYMITY_TRIGGERS:
        op.execute(statement)
    terms = sa.table(
        "taxonomy_term",
        sa.column("kind", sa.String),
        sa.column("name", sa.String),
        sa.column("position", sa.Integer),
        sa.column("retired", sa.Boolean),
    )
    op.bulk_insert(
        terms,
        [
            {"kind": kind, "name": name, "position": position, "retired": False}
            for kind, names in SEEDS.items()
            for position, name in enumerate(names)
        ],
    )


def downgrade() -> None:
    for statement in SEARCH_TRIGGERS + ANONYMITY_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {statement.split()[2]}")
    op.execute("DROP TABLE IF EXISTS search_index")
    for table in (
        "feedback_term",
        "disclosure",
        "feedback_item",
        "case_timeline_entry",
        "case_right",
        "scrutiny_case",
        "attendance",
        "engagement",
        "reference_project",
        "taxonomy_term",
    ):
        op.drop_table(table)
