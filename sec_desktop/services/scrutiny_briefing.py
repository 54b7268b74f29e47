"""The briefing the coordinator prints for a DA or RASSO scrutiny panel meeting.

Built from the records as plain data (`scrutiny_briefing_records.py`); `reports/
scrutiny_pdf.py` prints it. What leaves the vault here is read round a table and carried
out of the room, so:

- cases are "Case A", "Case B", ...: never the crime reference (with a date it finds the
  victim on force systems), never the victim's pseudonym code;
- the journey is dated to the month;
- the victim's feedback is their words only where the one quote rule allows it
  (`quote_permission`, through `FeedbackRow.quotable`), otherwise the coordinator's
  summary; an item flagged as a disclosure is left out altogether;
- DASH level and MARAC come from the victim's current risk assessment, if they are on
  the roster;
- free text typed by the coordinator (offence, outcome, journey notes, questions,
  feedback, actions) has any pseudonym code or crime reference in it cut out, as a
  last line of defence against one typed in the wrong place.

The cover carries a short fingerprint of the audit chain's head, tying the paper to the
vault's state at the time without saying anything about its records.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from sec_desktop.domain.action import Action
from sec_desktop.domain.action_enums import ActionStatus
from sec_desktop.domain.engagement import Engagement, ScrutinyCase
from sec_desktop.domain.engagement_enums import Panel, VictimsRight
from sec_desktop.domain.enums import ConsentPurpose
from sec_desktop.domain.feedback import Disclosure
from sec_desktop.domain.participant import Consent
from sec_desktop.services.errors import NotFound
from sec_desktop.services.feedback_records import FeedbackRow
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.roster import CODE_PREFIX
from sec_desktop.services.scrutiny_briefing_records import (
    Briefing,
    BriefingCase,
    BriefingMeeting,
    CaseRisk,
    EarlierAction,
    JourneyStep,
    RiskKnown,
    VictimVoice,
    case_letter,
    month_of,
)
from sec_desktop.services.scrutiny_records import CaseRecord
from sec_desktop.services.scrutiny_store import load_meeting
from sec_desktop.vault import audit
from sec_desktop.vault.vault import Vault

# What stands in for a code or reference cut out of free text (no words: any language).
CUT = "[\u2026]"
FINGERPRINT_DIGITS = 12
RIGHTS = list(VictimsRight)  # in the Code's order


def chain_fingerprint(vault: Vault) -> str:
    """The audit chain's head, its first 12 hex digits in groups of four: "3f9a 1c7e
    0b42". The same for anyone who reads the same vault state."""
    with vault.reading() as session:
        digits = audit.head(session.connection()).hex()[:FINGERPRINT_DIGITS]
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))


@dataclass(frozen=True)
class _Scrub:
    """Cuts pseudonym codes and crime references out of free text."""

    patterns: tuple[re.Pattern[str], ...]

    def __call__(self, text: str) -> str:
        for pattern in self.patterns:
            text = pattern.sub(CUT, text)
        return text.strip()


def _scrub(session: Session, reference_pattern: str) -> _Scrub:
    known = {str(r) for r in session.scalars(select(ScrutinyCase.crime_reference)) if r}
    known |= {str(r) for r in session.scalars(select(Disclosure.crime_reference)) if r}
    patterns = [
        re.compile(rf"\b{re.escape(CODE_PREFIX)}-\d+\b", re.IGNORECASE),
        re.compile(reference_pattern, re.IGNORECASE),
    ]
    if known:
        # Longest first, so a reference that contains another is cut whole.
        literal = "|".join(re.escape(r) for r in sorted(known, key=len, reverse=True))
        patterns.append(re.compile(literal, re.IGNORECASE))
    return _Scrub(tuple(patterns))


@dataclass
class ScrutinyBriefing:
    services: RecordServices
    vault: Vault = field(init=False)

    def __post_init__(self) -> None:
        self.vault = self.services.scrutiny.vault

    def meetings(self) -> list[BriefingMeeting]:
        """Every scrutiny panel meeting, newest first, with its number of cases."""
        return [
            BriefingMeeting(m.id, m.held_on, m.panel, m.cases)
            for m in self.services.scrutiny.meetings()
        ]

    def briefing(self, meeting_id: int) -> Briefing:
        """The briefing for one meeting. Raises NotFound if it is not on record."""
        meeting = self.services.scrutiny.meeting(meeting_id)
        pattern = self.services.scrutiny.references.format().pattern
        with self.vault.reading() as session:
            scrub = _scrub(session, pattern)
            victims = _victims(session, meeting_id)
            earlier = _earlier_actions(session, meeting_id, scrub)
        records = [self.services.scrutiny.case(row.id) for row in meeting.cases]
        # One read for every case's feedback: one per case took most of a 20-case briefing.
        said: dict[int, list[FeedbackRow]] = {record.id: [] for record in records}
        for row in self.services.feedback.rows(case_ids=list(said)):
            if row.case_id is not None and not row.disclosure:
                said[row.case_id].append(row)
        cases = tuple(
            self._case(index, record, victims.get(record.id), scrub, said[record.id])
            for index, record in enumerate(records)
        )
        return Briefing(
            meeting_id=meeting.id,
            panel=meeting.panel,
            held_on=meeting.details.held_on,
            cases=cases,
            earlier_actions=earlier,
            fingerprint=chain_fingerprint(self.vault),
            demo=self.services.facts.is_demo(),
        )

    def _case(
        self,
        index: int,
        record: CaseRecord,
        victim: int | None,
        scrub: _Scrub,
        feedback: list[FeedbackRow],
    ) -> BriefingCase:
        details = record.details
        # What the victim said goes round the table only if they agreed to give feedback on
        # this case and, when they are on the roster, their consent to their feedback being
        # used in reports holds today: a withdrawal takes effect at once.
        if not details.victim_agreed or not self._may_report(victim):
            feedback = []
        feedback.sort(key=lambda r: (r.received_on, r.id))  # oldest first: as it was told
        judged = sorted(details.rights.items(), key=lambda pair: RIGHTS.index(pair[0]))
        return BriefingCase(
            letter=case_letter(index),
            offence_type=scrub(details.offence_type),
            outcome=scrub(details.outcome),
            victim_contacted=details.victim_contacted,
            victim_agreed=details.victim_agreed,
            journey=tuple(
                JourneyStep(month_of(e.on), e.stage_name, scrub(e.note)) for e in details.timeline
            ),
            risk=self._risk(victim),
            rights_met=tuple(right for right, met in judged if met),
            rights_not_met=tuple(right for right, met in judged if not met),
            feedback=tuple(v for v in (_voice(r, scrub) for r in feedback) if v is not None),
            themes=_themes(feedback),
            questions=tuple(
                q for q in (scrub(line) for line in details.questions.splitlines()) if q
            ),
        )

    def _may_report(self, participant_id: int | None) -> bool:
        if participant_id is None:
            return True  # not on the roster: given anonymously, as agreed for this case
        today = self.services.today()
        with self.vault.reading() as session:
            consents = session.scalars(
                select(Consent).where(
                    Consent.participant_id == participant_id,
                    Consent.purpose == ConsentPurpose.REPORTING,
                )
            ).all()
        return any(
            c.withdrawn_on is None
            and c.given_on <= today
            and (c.review_on is None or c.review_on >= today)
            for c in consents
        )

    def _risk(self, participant_id: int | None) -> CaseRisk:
        if participant_id is None:
            return CaseRisk(RiskKnown.NOT_ON_ROSTER)
        try:
            current = self.services.risk.current(participant_id)
        except NotFound:  # erased meanwhile
            return CaseRisk(RiskKnown.NOT_ON_ROSTER)
        if current is None:
            return CaseRisk(RiskKnown.NOT_ASSESSED)
        answers = current.answers
        return CaseRisk(
            RiskKnown.ASSESSED, answers.dash_level, answers.at_marac, month_of(answers.assessed_on)
        )


def _voice(row: FeedbackRow, scrub: _Scrub) -> VictimVoice | None:
    """Their words if quotable, else the summary; None if there is nothing to share."""
    if row.disclosure:
        return None
    if row.quotable and row.quote.strip():
        return VictimVoice(scrub(row.quote), True, row.sentiment)
    if row.summary.strip():
        return VictimVoice(scrub(row.summary), False, row.sentiment)
    return None


def _themes(rows: Iterable[FeedbackRow]) -> tuple[str, ...]:
    """The themes of the victim's feedback, each once, in the order first raised."""
    return tuple(dict.fromkeys(theme for row in rows for theme in row.themes))


def _victims(session: Session, meeting_id: int) -> dict[int, int]:
    """Case id -> the victim's participant id, for the cases whose victim is on the roster."""
    found = session.execute(
        select(ScrutinyCase.id, ScrutinyCase.participant_id).where(
            ScrutinyCase.engagement_id == meeting_id, ScrutinyCase.participant_id.is_not(None)
        )
    )
    return {int(case): int(person) for case, person in found if person is not None}


def _earlier_meetings(session: Session, meeting: Engagement) -> Sequence[int]:
    """The meetings of the same panel held before this one (same day: recorded before)."""
    panel = meeting.panel or Panel.DA
    return list(
        session.scalars(
            select(Engagement.id).where(
                Engagement.kind == meeting.kind,
                Engagement.panel == panel,
                Engagement.id != meeting.id,
                or_(
                    Engagement.held_on < meeting.held_on,
                    (Engagement.held_on == meeting.held_on) & (Engagement.id < meeting.id),
                ),
            )
        )
    )


def _earlier_actions(session: Session, meeting_id: int, scrub: _Scrub) -> tuple[EarlierAction, ...]:
    meeting = load_meeting(session, meeting_id)
    earlier = _earlier_meetings(session, meeting)
    if not earlier:
        return ()
    found = session.execute(
        select(Action, Engagement.held_on)
        .join(Engagement, Engagement.id == Action.raised_at_id)
        .where(Action.raised_at_id.in_(earlier))
        .order_by(Engagement.held_on, Action.id)
    ).all()
    return tuple(_earlier(action, held_on, scrub) for action, held_on in found)


def _earlier(action: Action, held_on: date, scrub: _Scrub) -> EarlierAction:
    result = {ActionStatus.DONE: action.outcome, ActionStatus.DECLINED: action.decline_reason}
    return EarlierAction(
        title=scrub(action.title),
        raised_in=month_of(held_on),
        status=action.status,
        due_in=month_of(action.due_on) if action.due_on is not None else None,
        result=scrub(result.get(action.status, "")),
    )
