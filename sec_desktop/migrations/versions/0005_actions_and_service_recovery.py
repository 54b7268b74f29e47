"""“You said, we did”: actions answering feedback, their updates and the record of
telling each person; service recovery cases and their steps; training and awareness
sessions with the survivor materials they used; development opportunities.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "training_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("audience", sa.String(length=200), nullable=False),
        sa.Column("attending", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_session")),
    )
    op.create_index(
        op.f("ix_training_session_held_on"), "training_session", ["held_on"], unique=False
    )
    op.create_table(
        "development_opportunity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("offered_on", sa.Date(), nullable=False),
        sa.Column("taken_up", sa.String(length=40), nullable=False),
        sa.Column("what_came_of_it", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_development_opportunity_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_development_opportunity")),
    )
    op.create_index(
        op.f("ix_development_opportunity_offered_on"),
        "development_opportunity",
        ["offered_on"],
        unique=False,
    )
    op.create_index(
        op.f("ix_development_opportunity_participant_id"),
        "development_opportunity",
        ["participant_id"],
        unique=False,
    )
    op.create_table(
        "recovery_case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("raised_by_contact_id", sa.Integer(), nullable=True),
        sa.Column("raised_by_partner_id", sa.Integer(), nullable=True),
        sa.Column("survivor_pseudonym", sa.String(length=60), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("concern", sa.Text(), nullable=False),
        sa.Column("department", sa.String(length=200), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("survivor_told_on", sa.Date(), nullable=True),
        sa.Column("partner_told_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_recovery_case_participant_id_participant"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["raised_by_contact_id"],
            ["partner_contact.id"],
            name=op.f("fk_recovery_case_raised_by_contact_id_partner_contact"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["raised_by_partner_id"],
            ["partner.id"],
            name=op.f("fk_recovery_case_raised_by_partner_id_partner"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recovery_case")),
    )
    op.create_index(
        op.f("ix_recovery_case_closed_on"), "recovery_case", ["closed_on"], unique=False
    )
    op.create_index(
        op.f("ix_recovery_case_opened_on"), "recovery_case", ["opened_on"], unique=False
    )
    op.create_index(
        op.f("ix_recovery_case_participant_id"), "recovery_case", ["participant_id"], unique=False
    )
    op.create_index(
        op.f("ix_recovery_case_raised_by_contact_id"),
        "recovery_case",
        ["raised_by_contact_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_recovery_case_raised_by_partner_id"),
        "recovery_case",
        ["raised_by_partner_id"],
        unique=False,
    )
    op.create_index(op.f("ix_recovery_case_status"), "recovery_case", ["status"], unique=False)
    op.create_table(
        "training_material",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_training_material_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_material")),
    )
    op.create_index(
        op.f("ix_training_material_participant_id"),
        "training_material",
        ["participant_id"],
        unique=False,
    )
    op.create_table(
        "action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_department", sa.String(length=200), nullable=False),
        sa.Column("owner_partner_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("decline_reason", sa.Text(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("raised_at_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_partner_id"],
            ["partner.id"],
            name=op.f("fk_action_owner_partner_id_partner"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["raised_at_id"],
            ["engagement.id"],
            name=op.f("fk_action_raised_at_id_engagement"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action")),
    )
    op.create_index(op.f("ix_action_closed_on"), "action", ["closed_on"], unique=False)
    op.create_index(op.f("ix_action_due_on"), "action", ["due_on"], unique=False)
    op.create_index(
        op.f("ix_action_owner_partner_id"), "action", ["owner_partner_id"], unique=False
    )
    op.create_index(op.f("ix_action_raised_at_id"), "action", ["raised_at_id"], unique=False)
    op.create_index(op.f("ix_action_status"), "action", ["status"], unique=False)
    op.create_table(
        "recovery_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["recovery_case.id"],
            name=op.f("fk_recovery_step_case_id_recovery_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recovery_step")),
    )
    op.create_index(op.f("ix_recovery_step_case_id"), "recovery_step", ["case_id"], unique=False)
    op.create_table(
        "training_material_use",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("material_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["material_id"],
            ["training_material.id"],
            name=op.f("fk_training_material_use_material_id_training_material"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["training_session.id"],
            name=op.f("fk_training_material_use_session_id_training_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "material_id", name=op.f("pk_training_material_use")),
    )
    op.create_index(
        op.f("ix_training_material_use_material_id"),
        "training_material_use",
        ["material_id"],
        unique=False,
    )
    op.create_table(
        "action_update",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["action.id"],
            name=op.f("fk_action_update_action_id_action"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_update")),
    )
    op.create_index(
        op.f("ix_action_update_action_id"), "action_update", ["action_id"], unique=False
    )
    op.create_table(
        "told_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("told_on", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=40), nullable=False),
        sa.Column("what_was_said", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["action.id"],
            name=op.f("fk_told_record_action_id_action"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_told_record_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_told_record")),
        sa.UniqueConstraint("action_id", "participant_id", name=op.f("uq_told_record_action_id")),
    )
    op.create_index(op.f("ix_told_record_action_id"), "told_record", ["action_id"], unique=False)
    op.create_index(
        op.f("ix_told_record_participant_id"), "told_record", ["participant_id"], unique=False
    )
    op.create_index(op.f("ix_told_record_told_on"), "told_record", ["told_on"], unique=False)
    op.create_table(
        "action_feedback",
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("feedback_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["action.id"],
            name=op.f("fk_action_feedback_action_id_action"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["feedback_id"],
            ["feedback_item.id"],
            name=op.f("fk_action_feedback_feedback_id_feedback_item"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("action_id", "feedback_id", name=op.f("pk_action_feedback")),
    )
    op.create_index(
        op.f("ix_action_feedback_feedback_id"), "action_feedback", ["feedback_id"], unique=False
    )


def downgrade() -> None:

    op.drop_index(op.f("ix_action_feedback_feedback_id"), table_name="action_feedback")
    op.drop_table("action_feedback")
    op.drop_index(op.f("ix_told_record_told_on"), table_name="told_record")
    op.drop_index(op.f("ix_told_record_participant_id"), table_name="told_record")
    op.drop_index(op.f("ix_told_record_action_id"), table_name="told_record")
    op.drop_table("told_record")
    op.drop_index(op.f("ix_action_update_action_id"), table_name="action_update")
    op.drop_table("action_update")
    op.drop_index(op.f("ix_training_material_use_material_id"), table_name="training_material_use")
    op.drop_table("training_material_use")
    op.drop_index(op.f("ix_recovery_step_case_id"), table_name="recovery_step")
    op.drop_table("recovery_step")
    op.drop_index(op.f("ix_action_status"), table_name="action")
    op.drop_index(op.f("ix_action_raised_at_id"), table_name="action")
    op.drop_index(op.f("ix_action_owner_partner_id"), table_name="action")
    op.drop_index(op.f("ix_action_due_on"), table_name="action")
    op.drop_index(op.f("ix_action_closed_on"), table_name="action")
    op.drop_table("action")
    op.drop_index(op.f("ix_training_material_participant_id"), table_name="training_material")
    op.drop_table("training_material")
    op.drop_index(op.f("ix_recovery_case_status"), table_name="recovery_case")
    op.drop_index(op.f("ix_recovery_case_raised_by_partner_id"), table_name="recovery_case")
    op.drop_index(op.f("ix_recovery_case_raised_by_contact_id"), table_name="recovery_case")
    op.drop_index(op.f("ix_recovery_case_participant_id"), table_name="recovery_case")
    op.drop_index(op.f("ix_recovery_case_opened_on"), table_name="recovery_case")
    op.drop_index(op.f("ix_recovery_case_closed_on"), table_name="recovery_case")
    op.drop_table("recovery_case")
    op.drop_index(
        op.f("ix_development_opportunity_participant_id"), table_name="development_opportunity"
    )
    op.drop_index(
        op.f("ix_development_opportunity_offered_on"), table_name="development_opportunity"
    )
    op.drop_table("development_opportunity")
    op.drop_index(op.f("ix_training_session_held_on"), table_name="training_session")
    op.drop_table("training_session")
