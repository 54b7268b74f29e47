"""The coordinator's own wellbeing log: private to the SEC. Nothing here goes into any
report, export or search, and the audit log records only that an entry changed."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sec_desktop.domain.base import Base


class CoordinatorCheckIn(Base):
    __tablename__ = "coordinator_check_in"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Naive UTC, like every stored time.
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    # 1 (very low) to 5 (very good).
    mood: Mapped[int] = mapped_column(Integer)
    energy: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")


class SupervisionSession(Base):
    __tablename__ = "supervision_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[date] = mapped_column(Date, index=True)
    with_whom: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
