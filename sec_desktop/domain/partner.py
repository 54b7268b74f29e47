"""Partner organisations, their named contacts, and a dated log of dealings with them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sec_desktop.domain.base import Base
from sec_desktop.domain.enums import PartnerLogKind, PartnerType
from sec_desktop.domain.participant import choice


class Partner(Base):
    __tablename__ = "partner"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    type: Mapped[PartnerType] = mapped_column(choice(PartnerType))
    area: Mapped[str] = mapped_column(String(120), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)

    contacts: Mapped[list[PartnerContact]] = relationship(
        cascade="all, delete-orphan", order_by="PartnerContact.name"
    )
    log: Mapped[list[PartnerLogEntry]] = relationship(
        cascade="all, delete-orphan", order_by="PartnerLogEntry.on.desc()"
    )


class PartnerContact(Base):
    """A named professional at a partner (an IDVA, a service manager): not a survivor."""

    __tablename__ = "partner_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(
        ForeignKey("partner.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(120), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    notes: Mapped[str] = mapped_column(String(400), default="")


class PartnerLogEntry(Base):
    __tablename__ = "partner_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(
        ForeignKey("partner.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner_contact.id", ondelete="SET NULL"), nullable=True
    )
    on: Mapped[date] = mapped_column(Date)
    kind: Mapped[PartnerLogKind] = mapped_column(choice(PartnerLogKind))
    summary: Mapped[str] = mapped_column(Text, default="")
