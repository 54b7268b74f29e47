"""Risk assessments before participation, wellbeing checks after sessions, and the
coordinator's own wellbeing log (check-ins and supervision sessions).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _choice() -> sa.String:
    return sa.String(length=40)


def upgrade() -> None:
    op.create_table(
        "risk_assessment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("has_idva_isva", sa.Boolean(), nullable=False),
        sa.Column("has_counsellor", sa.Boolean(), nullable=False),
        sa.Column("other_agencies", sa.String(length=400), nullable=False),
        sa.Column("context_note", sa.Text(), nullable=False),
        sa.Column("dash_level", _choice(), nullable=False),
        sa.Column("dash_on", sa.Date(), nullable=True),
        sa.Column("dash_source", sa.String(length=200), nullable=False),
        sa.Column("at_marac", sa.Boolean(), nullable=False),
        sa.Column("harmer_in_contact", _choice(), nullable=False),
        sa.Column("harmer_could_learn", _choice(), nullable=False),
        sa.Column("safe_travel", sa.Text(), nullable=False),
        sa.Column("childcare", sa.Text(), nullable=False),
        sa.Column("safe_exit", sa.Text(), nullable=False),
        sa.Column("proceedings", _choice(), nullable=False),
        sa.Column("group_approved", sa.Boolean(), nullable=False),
        sa.Column("group_approval_reason", sa.Text(), nullable=False),
        sa.Column("readiness", _choice(), nullable=False),
        sa.Column("triggers", sa.Text(), nullable=False),
        sa.Column("what_helps", sa.Text(), nullable=False),
        sa.Column("confidentiality_explained", sa.Boolean(), nullable=False),
        sa.Column("confidentiality_acknowledged", sa.Boolean(), nullable=False),
        sa.Column("outcome", _choice(), nullable=False),
        sa.Column("support_plan", sa.Text(), nullable=False),
        sa.Column("defer_reason", sa.Text(), nullable=False),
        sa.Column("review_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_risk_assessment_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_assessment")),
    )
    for column in ("participant_id", "assessed_on", "review_on"):
        op.create_index(
            op.f(f"ix_risk_assessment_{column}"), "risk_assessment", [column], unique=False
        )
    op.create_table(
        "wellbeing_check",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("how_they_are", _choice(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("support_offered", sa.Text(), nullable=False),
        sa.Column("follow_up_needed", sa.Boolean(), nullable=False),
        sa.Column("follow_up_by", sa.Date(), nullable=True),
        sa.Column("follow_up_done_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagement.id"],
            name=op.f("fk_wellbeing_check_engagement_id_engagement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_wellbeing_check_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wellbeing_check")),
        sa.UniqueConstraint(
            "engagement_id",
            "participant_id",
            name=op.f("uq_wellbeing_check_engagement_id"),
        ),
    )
    for column in ("engagement_id", "participant_id", "checked_on", "follow_up_by"):
        op.create_index(
            op.f(f"ix_wellbeing_check_{column}"), "wellbeing_check", [column], unique=False
        )
    op.create_table(
        "coordinator_check_in",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("mood", sa.Integer(), nullable=False),
        sa.Column("energy", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coordinator_check_in")),
    )
    op.create_index(
        op.f("ix_coordinator_check_in_at"), "coordinator_check_in", ["at"], unique=False
    )
    op.create_table(
        "supervision_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("with_whom", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supervision_session")),
    )
    op.create_index(
        op.f("ix_supervision_session_held_on"), "supervision_session", ["held_on"], unique=False
    )


def downgrade() -> None:
    for table in ("supervision_session", "coordinator_check_in", "wellbeing_check"):
        op.drop_table(table)
    op.drop_table("risk_assessment")
