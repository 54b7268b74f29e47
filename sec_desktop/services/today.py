"""The Today page's list: what needs doing, from every part of the records.

Risk reviews due (and people never assessed), wellbeing follow-ups, disclosures waiting
for their recording steps, consent reviews due, and a suggestion to book supervision
after a heavy week. Each item names people by pseudonym code only, and says which screen
opens it: ("participant", id), ("feedback", id), ("engagement", id) or
("wellbeing_log", 0). Overdue items come first, then by due date.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select

from sec_desktop.domain.enums import Choice, ParticipantStatus
from sec_desktop.domain.participant import Consent, Participant
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services.clock import Today, local_today, utc_now
from sec_desktop.services.coordinator_log import CoordinatorLogService
from sec_desktop.services.disclosures import DisclosureRow, DisclosureService
from sec_desktop.services.risk import RiskService
from sec_desktop.services.risk_records import ReviewDue
from sec_desktop.services.wellbeing_checks import FollowUp, WellbeingCheckService
from sec_desktop.vault.vault import Vault

# Sections, in the order they are listed when due on the same day.
RISK_REVIEW, FOLLOW_UP, DISCLOSURE = "risk_review", "follow_up", "disclosure"
CONSENT_REVIEW, SUPERVISION = "consent_review", "supervision"
SECTIONS = (DISCLOSURE, RISK_REVIEW, FOLLOW_UP, CONSENT_REVIEW, SUPERVISION)
# What an item opens: the first part of `TodayItem.opens`.
OPENS_PARTICIPANT, OPENS_FEEDBACK = "participant", "feedback"
OPENS_ENGAGEMENT, OPENS_WELLBEING_LOG = "engagement", "wellbeing_log"
# A participant's page on their Risk or Consent tab; the list of risk reviews.
OPENS_PARTICIPANT_RISK, OPENS_PARTICIPANT_CONSENT = "participant_risk", "participant_consent"
OPENS_RISK_REVIEWS = "risk_reviews"
# Consent reviews due within this many days (or overdue) are listed.
CONSENT_HORIZON_DAYS = 14
# Whose consent reviews are listed: people taking part now.
CONSENT_STATUSES = (ParticipantStatus.ACTIVE,)

RISK_REVIEW_DUE = QT_TRANSLATE_NOOP("Records", "Risk review due: {code}")
NO_ASSESSMENT = QT_TRANSLATE_NOOP(
    "Records", "Taking part with no risk assessment yet: {count} (see Risk reviews)"
)
FOLLOW_UP_DUE = QT_TRANSLATE_NOOP("Records", "Wellbeing follow-up: {code}")
TELL_RECORDING = QT_TRANSLATE_NOOP("Records", "Disclosure by {code}: tell the crime recording team")
TELL_RECORDING_ANONYMOUS = QT_TRANSLATE_NOOP(
    "Records", "Anonymous disclosure: tell the crime recording team"
)
TELL_SURVIVOR = QT_TRANSLATE_NOOP(
    "Records", "Disclosure by {code}: tell them how it is being recorded"
)
TELL_SURVIVOR_ANONYMOUS = QT_TRANSLATE_NOOP(
    "Records", "Anonymous disclosure: record how the survivor was told"
)
CONSENT_REVIEW_DUE = QT_TRANSLATE_NOOP("Records", "Consent review due: {code} ({purpose})")
BOOK_SUPERVISION = QT_TRANSLATE_NOOP(
    "Records", "A heavy week ({total} heavy contacts): consider booking supervision"
)


@dataclass(frozen=True)
class TodayItem:
    section: str  # one of SECTIONS
    # A message to translate (context "Records"), filled from `values` after translating;
    # choices among the values are translated by their label.
    title: str
    values: Mapping[str, object]
    due: date | None
    overdue: bool
    opens: tuple[str, int]

    def english(self) -> str:
        """The title in English."""
        values = {k: v.label if isinstance(v, Choice) else v for k, v in self.values.items()}
        return self.title.format(**values)


def _risk_items(reviews: list[ReviewDue]) -> list[TodayItem]:
    """A line per review due; people never assessed in one line, so that after a vault is
    upgraded (everyone unassessed) they do not bury the rest of the day."""
    items = [
        TodayItem(
            section=RISK_REVIEW,
            title=RISK_REVIEW_DUE,
            values={"code": due.participant_code},
            due=due.review_on,
            overdue=due.overdue,
            opens=(OPENS_PARTICIPANT_RISK, due.participant_id),
        )
        for due in reviews
        if due.assessment_id is not None
    ]
    never = sum(1 for due in reviews if due.assessment_id is None)
    if never:
        items.append(
            TodayItem(
                section=RISK_REVIEW,
                title=NO_ASSESSMENT,
                values={"count": never},
                due=None,
                overdue=False,
                opens=(OPENS_RISK_REVIEWS, 0),
            )
        )
    return items


def _follow_up_item(follow_up: FollowUp) -> TodayItem:
    return TodayItem(
        section=FOLLOW_UP,
        title=FOLLOW_UP_DUE,
        values={"code": follow_up.participant_code, "engagement": follow_up.engagement_title},
        due=follow_up.follow_up_by,
        overdue=follow_up.overdue,
        opens=(OPENS_ENGAGEMENT, follow_up.engagement_id),
    )


def _disclosure_item(row: DisclosureRow) -> TodayItem:
    code = row.participant_code
    if not row.notified:
        title = TELL_RECORDING if code else TELL_RECORDING_ANONYMOUS
        # The deadline is kept in UTC: its date is near enough for a list by day.
        due: date | None = row.deadline_at.date()
    else:
        title = TELL_SURVIVOR if code else TELL_SURVIVOR_ANONYMOUS
        due = None
    return TodayItem(
        section=DISCLOSURE,
        title=title,
        values={"code": code},
        due=due,
        overdue=row.overdue,
        opens=(OPENS_FEEDBACK, row.feedback_id),
    )


def _sort_key(item: TodayItem) -> tuple[object, ...]:
    return (
        not item.overdue,
        item.due is None,
        item.due or date.max,
        SECTIONS.index(item.section),
        str(item.values.get("code", "")),
    )


@dataclass
class TodayService:
    vault: Vault
    today: Today = field(default=local_today)
    now: Callable[[], datetime] = field(default=utc_now)

    def items(self) -> list[TodayItem]:
        """Every section's items: overdue first, then by due date (undated last)."""
        items = _risk_items(RiskService(self.vault, self.today).reviews_due())
        follow_ups = WellbeingCheckService(self.vault, self.today).follow_ups_due()
        items += [_follow_up_item(follow_up) for follow_up in follow_ups]
        disclosures = DisclosureService(self.vault, self.today, self.now).open_disclosures()
        items += [_disclosure_item(row) for row in disclosures]
        items += self.consent_reviews()
        items += self.supervision()
        return sorted(items, key=_sort_key)

    def consent_reviews(self) -> list[TodayItem]:
        """Current consents of people taking part now, due for review within 14 days or
        overdue."""
        today = self.today()
        until = today + timedelta(days=CONSENT_HORIZON_DAYS)
        query = (
            select(Participant.id, Participant.code, Consent.purpose, Consent.review_on)
            .join(Consent, Consent.participant_id == Participant.id)
            .where(
                Participant.status.in_(CONSENT_STATUSES),
                Consent.withdrawn_on.is_(None),
                Consent.given_on <= today,
                Consent.review_on.is_not(None),
                Consent.review_on <= until,
            )
        )
        with self.vault.reading() as session:
            rows = session.execute(query).all()
        return [
            TodayItem(
                section=CONSENT_REVIEW,
                title=CONSENT_REVIEW_DUE,
                values={"code": code, "purpose": purpose},
                due=review_on,
                overdue=review_on < today,
                opens=(OPENS_PARTICIPANT_CONSENT, pid),
            )
            for pid, code, purpose, review_on in rows
            if review_on is not None
        ]

    def supervision(self) -> list[TodayItem]:
        """A gentle suggestion after a heavy week with no recent supervision."""
        log = CoordinatorLogService(self.vault, self.today, self.now)
        if not log.supervision_suggested():
            return []
        exposure = log.exposure()
        return [
            TodayItem(
                section=SUPERVISION,
                title=BOOK_SUPERVISION,
                values={"total": exposure.total, "threshold": exposure.threshold},
                due=self.today(),
                overdue=False,
                opens=(OPENS_WELLBEING_LOG, 0),
            )
        ]
