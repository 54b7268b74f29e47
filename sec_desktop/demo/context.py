"""What every family of demo records shares: the seeded randomness, the day, the scale,
the session the records are written in, and what the families before it made.

A family is a function taking the context. It reads what earlier families left in the
context (partners, people), writes its rows in the one session, and counts them. Later
features add their own family to `generator.FAMILIES` rather than a generator of their
own, so every record in a demo vault agrees with every other.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import insert, text
from sqlalchemy.orm import Session

from sec_desktop.domain.base import Base
from sec_desktop.domain.enums import PartnerType

if TYPE_CHECKING:
    from faker import Faker

    from sec_desktop.demo.people import DemoPerson

T = TypeVar("T")

# Participants at scale 1: about one coordinator's year.
PEOPLE_PER_SCALE = 150
# Partner organisations at scale 1; they grow with the square root of the scale.
PARTNERS_AT_SCALE_1 = 25


@dataclass(frozen=True)
class DemoPartner:
    id: int
    type: PartnerType
    contact_ids: tuple[int, ...]


@dataclass
class DemoContext:
    session: Session
    rng: random.Random
    fake: Faker
    today: date
    scale: int
    partners: list[DemoPartner] = field(default_factory=list)
    people: list[DemoPerson] = field(default_factory=list)
    # What was written, in the order written: shown as the summary.
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, what: str, how_many: int) -> None:
        self.counts[what] = self.counts.get(what, 0) + how_many

    # --- seeded choices -----------------------------------------------------------------

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def pick(self, table: Sequence[tuple[T, float]]) -> T:
        """One value from (value, weight) pairs."""
        values = [value for value, _weight in table]
        weights = [weight for _value, weight in table]
        return self.rng.choices(values, weights)[0]

    def day_between(self, first: date, last: date) -> date:
        """A day from first to last, both included (first if last is earlier)."""
        span = (last - first).days
        return first + timedelta(days=self.rng.randint(0, span)) if span > 0 else first

    def partners_of(self, *types: PartnerType) -> list[DemoPartner]:
        return [p for p in self.partners if p.type in types]

    # --- writing --------------------------------------------------------------------------

    def new_ids(self, model: type[Base], how_many: int) -> range:
        """Ids for new rows of `model`, after any it ever had (AUTOINCREMENT tables
        remember erased ones in sqlite_sequence). Known ids let child rows be written
        in bulk, without asking the database for each id back."""
        table = model.__tablename__
        last = self.session.execute(
            text(
                f'SELECT max(coalesce((SELECT max(id) FROM "{table}"), 0), '  # noqa: S608
                "coalesce((SELECT seq FROM sqlite_sequence WHERE name = :table), 0))"
            ),
            {"table": table},
        ).scalar_one()
        return range(int(last) + 1, int(last) + 1 + how_many)

    def insert(self, model: type[Base], rows: Sequence[Mapping[str, object]]) -> None:
        """Write rows in one executemany: Core, not the ORM, for speed at scale 100."""
        if rows:
            self.session.connection().execute(insert(model), list(rows))


Family = Callable[[DemoContext], None]
