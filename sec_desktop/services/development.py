"""Development opportunities offered to participants (training courses, speaking,
writing, volunteering): whether each was taken up, declined or is waiting for an answer,
and what came of it, as the survivor chooses to share it.

Offering an opportunity is contacting someone about an opportunity: a new offer needs
their consent to be contacted about opportunities (`ConsentPurpose.CONTACT`) current on
the day it was offered and today (the rule of services/training_checks.py). The audit
log names the opportunity id and the pseudonym code only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from sec_desktop.domain.action_enums import OpportunityKind, TakenUp
from sec_desktop.domain.enums import ConsentPurpose
from sec_desktop.domain.participant import Participant
from sec_desktop.domain.recovery import DevelopmentOpportunity
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services import participant_store
from sec_desktop.services import validation as check
from sec_desktop.services.clock import Today, local_today, utc_now
from sec_desktop.services.errors import NotFound, RuleBroken
from sec_desktop.services.training_checks import current_consent
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault

MAX_TITLE = 200
MAX_WHAT_CAME = 4000

OPPORTUNITY_GONE = QT_TRANSLATE_NOOP("Records", "That opportunity is no longer on record.")
NO_CONTACT_CONSENT = QT_TRANSLATE_NOOP(
    "Records",
    "{code} has no current consent to be contacted about opportunities on {offered_on}: "
    "record their consent first (or, if they withdrew it, do not offer).",
)


@dataclass(frozen=True)
class OpportunityDetails:
    kind: OpportunityKind
    title: str
    offered_on: date
    taken_up: TakenUp = TakenUp.WAITING
    # As the survivor chooses to share it.
    what_came_of_it: str = ""


@dataclass(frozen=True)
class OpportunityRow:
    id: int
    participant_id: int
    kind: OpportunityKind
    title: str
    offered_on: date
    taken_up: TakenUp
    what_came_of_it: str


@dataclass(frozen=True)
class KindCount:
    kind: OpportunityKind
    offered: int
    taken_up: int


@dataclass(frozen=True)
class DevelopmentSummary:
    """Opportunities offered in a period (by the day offered), and how they went."""

    start: date
    end: date
    offered: int
    taken_up: int
    declined: int
    waiting: int
    people: int  # different participants offered something
    by_kind: tuple[KindCount, ...]  # every kind, in the order of OpportunityKind


def _check(details: OpportunityDetails, today: date) -> None:
    check.raise_if_any(
        [
            check.not_in_future("offered_on", details.offered_on, today),
            check.required("title", details.title, MAX_TITLE),
            check.text("what_came_of_it", details.what_came_of_it, MAX_WHAT_CAME),
        ]
    )


@dataclass
class DevelopmentService:
    vault: Vault
    today: Today = field(default=local_today)

    def for_participant(self, participant_id: int) -> list[OpportunityRow]:
        """Their opportunities, the most recently offered first."""
        query = (
            select(DevelopmentOpportunity)
            .where(DevelopmentOpportunity.participant_id == participant_id)
            .order_by(DevelopmentOpportunity.offered_on.desc(), DevelopmentOpportunity.id.desc())
        )
        with self.vault.reading() as session:
            participant_store.load(session, participant_id)
            return [_row(o) for o in session.scalars(query)]

    def opportunity(self, opportunity_id: int) -> OpportunityRow:
        with self.vault.reading() as session:
            return _row(_opportunity(session, opportunity_id))

    def offer(self, participant_id: int, details: OpportunityDetails) -> int:
        """Record an opportunity offered; refused (RuleBroken) without a current consent
        to be contacted about opportunities."""
        today = self.today()
        _check(details, today)
        with self.vault.writing(AuditEvent.DEVELOPMENT_OFFERED) as session:
            participant = participant_store.load(session, participant_id)
            _refuse_without_consent(participant, details.offered_on, today)
            now = utc_now()
            row = DevelopmentOpportunity(participant_id=participant.id, created_at=now)
            _write(row, details)
            row.updated_at = now
            session.add(row)
            session.flush()
            session.info["audit_detail"] = f"opportunity {row.id}, {participant.code}"
            return row.id

    def update(self, opportunity_id: int, details: OpportunityDetails) -> None:
        """Record the answer and what came of it, or correct the offer. The consent is
        not asked again: the offer was made."""
        _check(details, self.today())
        with self.vault.writing(AuditEvent.DEVELOPMENT_EDITED) as session:
            row = _opportunity(session, opportunity_id)
            _write(row, details)
            row.updated_at = utc_now()
            code = session.scalar(
                select(Participant.code).where(Participant.id == row.participant_id)
            )
            session.info["audit_detail"] = f"opportunity {row.id}, {code}"

    def summary(self, start: date, end: date) -> DevelopmentSummary:
        query = select(DevelopmentOpportunity).where(
            DevelopmentOpportunity.offered_on.between(start, end)
        )
        with self.vault.reading() as session:
            found = [(o.participant_id, o.kind, o.taken_up) for o in session.scalars(query)]
        answers = [answer for _, _, answer in found]
        return DevelopmentSummary(
            start=start,
            end=end,
            offered=len(found),
            taken_up=answers.count(TakenUp.TAKEN_UP),
            declined=answers.count(TakenUp.DECLINED),
            waiting=answers.count(TakenUp.WAITING),
            people=len({pid for pid, _, _ in found}),
            by_kind=tuple(
                KindCount(
                    kind,
                    sum(1 for _, k, _ in found if k == kind),
                    sum(1 for _, k, a in found if k == kind and a == TakenUp.TAKEN_UP),
                )
                for kind in OpportunityKind
            ),
        )


def _refuse_without_consent(participant: Participant, offered_on: date, today: date) -> None:
    if current_consent(participant.consents, ConsentPurpose.CONTACT, offered_on, today) is None:
        raise RuleBroken(NO_CONTACT_CONSENT, code=participant.code, offered_on=offered_on)


def _opportunity(session: Session, opportunity_id: int) -> DevelopmentOpportunity:
    row = session.get(DevelopmentOpportunity, opportunity_id)
    if row is None:
        raise NotFound(OPPORTUNITY_GONE)
    return row


def _row(o: DevelopmentOpportunity) -> OpportunityRow:
    return OpportunityRow(
        o.id, o.participant_id, o.kind, o.title, o.offered_on, o.taken_up, o.what_came_of_it
    )


def _write(row: DevelopmentOpportunity, details: OpportunityDetails) -> None:
    row.kind = details.kind
    row.title = details.title.strip()
    row.offered_on = details.offered_on
    row.taken_up = details.taken_up
    row.what_came_of_it = details.what_came_of_it.strip()
