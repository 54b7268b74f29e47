"""Participants and partners: the roster, safe contact, consent, memberships, invitations,
communication needs, equality monitoring (a table of its own), and the partner directory.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "partner",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("area", sa.String(length=120), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner")),
        sa.UniqueConstraint("name", name=op.f("uq_partner_name")),
    )
    op.create_table(
        "pseudonym_counter",
        sa.Column("prefix", sa.String(length=8), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("prefix", name=op.f("pk_pseudonym_counter")),
    )
    op.create_table(
        "participant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("pronouns", sa.String(length=60), nullable=False),
        sa.Column("language", sa.String(length=40), nullable=False),
        sa.Column("language_other", sa.String(length=80), nullable=False),
        sa.Column("age_band", sa.String(length=40), nullable=True),
        sa.Column("referral_route", sa.String(length=40), nullable=False),
        sa.Column("referral_partner_id", sa.Integer(), nullable=True),
        sa.Column("referred_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("communication_other", sa.String(length=400), nullable=False),
        sa.Column("record_review_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["referral_partner_id"],
            ["partner.id"],
            name=op.f("fk_participant_referral_partner_id_partner"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participant")),
        sa.UniqueConstraint("code", name=op.f("uq_participant_code")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "partner_contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=120), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("notes", sa.String(length=400), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name=op.f("fk_partner_contact_partner_id_partner"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_contact")),
    )
    op.create_index(
        op.f("ix_partner_contact_partner_id"), "partner_contact", ["partner_id"], unique=False
    )
    op.create_table(
        "consent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=40), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("method", sa.String(length=40), nullable=False),
        sa.Column("review_on", sa.Date(), nullable=True),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        sa.Column("note", sa.String(length=400), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_consent_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name=op.f("fk_consent_partner_id_partner"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent")),
    )
    op.create_index(op.f("ix_consent_participant_id"), "consent", ["participant_id"], unique=False)
    op.create_table(
        "equality_monitoring",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("age", sa.String(length=40), nullable=True),
        sa.Column("disability", sa.String(length=40), nullable=True),
        sa.Column("gender_reassignment", sa.String(length=40), nullable=True),
        sa.Column("marriage_civil_partnership", sa.String(length=40), nullable=True),
        sa.Column("pregnancy_maternity", sa.String(length=40), nullable=True),
        sa.Column("race", sa.String(length=40), nullable=True),
        sa.Column("religion_belief", sa.String(length=40), nullable=True),
        sa.Column("sex", sa.String(length=40), nullable=True),
        sa.Column("sexual_orientation", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_equality_monitoring_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("participant_id", name=op.f("pk_equality_monitoring")),
    )
    op.create_table(
        "invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("group", sa.String(length=40), nullable=False),
        sa.Column("invited_on", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=40), nullable=False),
        sa.Column("response", sa.String(length=40), nullable=False),
        sa.Column("responded_on", sa.Date(), nullable=True),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("context", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_invitation_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitation")),
    )
    op.create_index(
        op.f("ix_invitation_participant_id"), "invitation", ["participant_id"], unique=False
    )
    op.create_table(
        "membership",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("group", sa.String(length=40), nullable=False),
        sa.Column("joined_on", sa.Date(), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("role", sa.String(length=80), nullable=False),
        sa.Column("left_reason", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_membership_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_membership")),
    )
    op.create_index(
        op.f("ix_membership_participant_id"), "membership", ["participant_id"], unique=False
    )
    op.create_table(
        "participant_need",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("need", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_participant_need_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("participant_id", "need", name=op.f("pk_participant_need")),
    )
    op.create_table(
        "partner_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["partner_contact.id"],
            name=op.f("fk_partner_log_contact_id_partner_contact"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name=op.f("fk_partner_log_partner_id_partner"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_log")),
    )
    op.create_index(op.f("ix_partner_log_partner_id"), "partner_log", ["partner_id"], unique=False)
    op.create_table(
        "safe_contact",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("channels", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("postal_address", sa.String(length=400), nullable=False),
        sa.Column("safe_days", sa.String(length=40), nullable=False),
        sa.Column("safe_from", sa.Time(), nullable=True),
        sa.Column("safe_until", sa.Time(), nullable=True),
        sa.Column("times_note", sa.String(length=200), nullable=False),
        sa.Column("voicemail_allowed", sa.Boolean(), nullable=False),
        sa.Column("may_say_police", sa.Boolean(), nullable=False),
        sa.Column("code_word", sa.String(length=80), nullable=False),
        sa.Column("third_party_name", sa.String(length=200), nullable=False),
        sa.Column("third_party_relationship", sa.String(length=100), nullable=False),
        sa.Column("third_party_contact", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_safe_contact_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("participant_id", name=op.f("pk_safe_contact")),
    )


def downgrade() -> None:
    op.drop_table("safe_contact")
    op.drop_table("partner_log")
    op.drop_table("participant_need")
    op.drop_table("membership")
    op.drop_table("invitation")
    op.drop_table("equality_monitoring")
    op.drop_table("consent")
    op.drop_table("partner_contact")
    op.drop_table("participant")
    op.drop_table("pseudonym_counter")
    op.drop_table("partner")
