"""Feedback items: what was said (summarised and/or quoted), who said it (a participant by
pseudonym, an anonymous survivor, or a partner), how it is coded (journey stages, themes,
sentiment) and whether the survivor allows the quote to be used.

Rows for lists carry no text of an item flagged as a disclosure: only `record()` (the
item's own record) returns it. Audit details name the item and the participant's code,
never what was said.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.orm import Session

from sec_desktop.domain.action import ActionFeedback
from sec_desktop.domain.engagement import Engagement, ScrutinyCase, TaxonomyTerm
from sec_desktop.domain.engagement_enums import EngagementKind, FeedbackSource, TermKind
from sec_desktop.domain.feedback import Disclosure, FeedbackItem, FeedbackTerm
from sec_desktop.domain.participant import Consent, Participant
from sec_desktop.domain.partner import Partner, PartnerContact
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services import quote_permission
from sec_desktop.services.clock import Today, local_today, utc_now
from sec_desktop.services.disclosures import DisclosureRecord, item_label
from sec_desktop.services.disclosures import record_of as disclosure_record_of
from sec_desktop.services.errors import NotFound, RuleBroken
from sec_desktop.services.feedback_checks import check_draft
from sec_desktop.services.feedback_page import read_page
from sec_desktop.services.feedback_records import FeedbackPage, FeedbackRow
from sec_desktop.services.feedback_rows import read_rows
from sec_desktop.services.feedback_types import (
    CaptureContext,
    EngagementRef,
    FeedbackDraft,
    FeedbackRecord,
    SourcePerson,
)
from sec_desktop.services.taxonomy import Term
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault

__all__ = [
    "CaptureContext",
    "EngagementRef",
    "FeedbackDraft",
    "FeedbackPage",
    "FeedbackRecord",
    "FeedbackService",
    "SourcePerson",
]

ITEM_GONE = QT_TRANSLATE_NOOP("Records", "This feedback is no longer in the vault.")


@dataclass
class FeedbackService:
    vault: Vault
    today: Today = field(default=local_today)

    # --- reading --------------------------------------------------------------------------

    def rows(
        self,
        *,
        engagement_id: int | None = None,
        case_id: int | None = None,
        participant_id: int | None = None,
        start: date | None = None,
        end: date | None = None,
        disclosures_only: bool = False,
        case_ids: Collection[int] | None = None,
    ) -> list[FeedbackRow]:
        """Feedback items, newest first (`start` and `end` inclusive). Rows of disclosures
        carry no text: it is left in the database, not blanked afterwards. `case_ids`
        reads the items of several cases at once (a briefing's)."""
        where: list[ColumnElement[bool]] = []
        if engagement_id is not None:
            where.append(FeedbackItem.engagement_id == engagement_id)
        if case_id is not None:
            where.append(FeedbackItem.case_id == case_id)
        if case_ids is not None:
            where.append(FeedbackItem.case_id.in_(list(case_ids)))
        if participant_id is not None:
            where.append(FeedbackItem.participant_id == participant_id)
        if start is not None:
            where.append(FeedbackItem.received_on >= start)
        if end is not None:
            where.append(FeedbackItem.received_on <= end)
        if disclosures_only:
            where.append(FeedbackItem.id.in_(select(Disclosure.feedback_id)))
        with self.vault.reading() as session:
            return read_rows(session, self.today(), where)

    def page(
        self, *, start: date | None, end: date | None, words: Sequence[str], limit: int
    ) -> FeedbackPage:
        """The newest `limit` items of the period (`start` and `end` inclusive, None: open)
        in which every word is found, as `rows()` gives them, and how many items of the
        period match. Words are looked for, case-insensitively, in the summary, the quote,
        the participant's code, the partner's name and the themes; never in a
        disclosure's text. Memory in proportion to `limit`, not to the period."""
        period: list[ColumnElement[bool]] = []
        if start is not None:
            period.append(FeedbackItem.received_on >= start)
        if end is not None:
            period.append(FeedbackItem.received_on <= end)
        with self.vault.reading() as session:
            return read_page(session, self.today(), period, words, limit)

    def record(self, feedback_id: int) -> FeedbackRecord:
        """One item in full, its text included even for a disclosure: for its own record
        view only."""
        today = self.today()
        with self.vault.reading() as session:
            item = _item(session, feedback_id)
            consents = _consents_of(session, item.participant_id)
            code = _code(session, item)
            disclosure = (
                disclosure_record_of(item.disclosure, code) if item.disclosure is not None else None
            )
            return _record_of(session, item, consents, today, disclosure)

    def capture_context(
        self, engagement_id: int | None = None, case_id: int | None = None
    ) -> CaptureContext:
        """What the capture form may offer as a source: for an engagement, its attendees
        only (nobody for an anonymous session); for a scrutiny case, its victim if the case
        names them and they agreed to give feedback; otherwise anyone on the roster."""
        today = self.today()
        with self.vault.reading() as session:
            engagement = _engagement_ref(session, engagement_id)
            # A case gone meanwhile offers nobody: saving says it is gone.
            case = session.get(ScrutinyCase, case_id) if case_id is not None else None
            allowed = _allowed_people(session, engagement_id, case)
            people: list[tuple[int, str]] = [
                (int(i), str(c))
                for i, c in session.execute(
                    select(Participant.id, Participant.code).order_by(Participant.code)
                )
                if allowed is None or i in allowed
            ]
            holders = quote_permission.quote_consent_holders(session, today)
            victim = case.participant_id if case is not None else None
        forum = engagement is not None and engagement.kind == EngagementKind.STAFF_FORUM
        return CaptureContext(
            engagement=engagement,
            # A case whose victim is not on the roster: an anonymous survivor's feedback.
            anonymous_only=forum or (case_id is not None and not people),
            attendees_only=engagement is not None and not forum,
            participants=tuple(SourcePerson(i, c, i in holders) for i, c in people),
            received_on=min(engagement.held_on, today) if engagement is not None else today,
            case_participant_id=victim,
        )

    # --- writing --------------------------------------------------------------------------

    def add(self, draft: FeedbackDraft) -> int:
        """Record a feedback item; returns its id."""
        now = utc_now()
        with self.vault.writing(AuditEvent.FEEDBACK_RECORDED) as session:
            check_draft(session, draft, self.today(), kept_terms=set())
            item = FeedbackItem(created_at=now, updated_at=now)
            _write(item, draft)
            session.add(item)
            session.flush()
            session.info["audit_detail"] = item_label(item, _code(session, item))
            return item.id

    def update(self, feedback_id: int, draft: FeedbackDraft) -> None:
        """Change an item. Retired stages and themes already on it may stay."""
        with self.vault.writing(AuditEvent.FEEDBACK_EDITED) as session:
            item = _item(session, feedback_id)
            kept = {t.term_id for t in item.terms}
            check_draft(session, draft, self.today(), kept_terms=kept)
            _write(item, draft)
            item.updated_at = utc_now()
            session.info["audit_detail"] = item_label(item, _code(session, item))

    def delete(self, feedback_id: int) -> None:
        """Delete an item recorded by mistake. A disclosure cannot be deleted: the crime
        recording steps taken on it must stay on record."""
        with self.vault.writing(AuditEvent.FEEDBACK_DELETED) as session:
            item = _item(session, feedback_id)
            if item.disclosure is not None:
                raise RuleBroken(
                    QT_TRANSLATE_NOOP(
                        "Records",
                        "This feedback contains a disclosure, so it cannot be deleted: the "
                        "crime recording steps must stay on record.",
                    )
                )
            answered = session.scalar(
                select(func.count()).where(ActionFeedback.feedback_id == feedback_id)
            )
            if answered:
                raise RuleBroken(
                    QT_TRANSLATE_NOOP(
                        "Records",
                        "An action answers this feedback ({count}), so it cannot be deleted: "
                        "take it off the action first, if it was linked by mistake.",
                    ),
                    count=int(answered),
                )
            session.info["audit_detail"] = item_label(item, _code(session, item))
            session.execute(delete(FeedbackTerm).where(FeedbackTerm.feedback_id == feedback_id))
            session.delete(item)


# --- queries ------------------------------------------------------------------------------


def _item(session: Session, feedback_id: int) -> FeedbackItem:
    item = session.get(FeedbackItem, feedback_id)
    if item is None:
        raise NotFound(ITEM_GONE)
    return item


def _code(session: Session, item: FeedbackItem) -> str:
    if item.participant_id is None:
        return ""
    return (
        session.scalar(select(Participant.code).where(Participant.id == item.participant_id)) or ""
    )


def _consents_of(session: Session, participant_id: int | None) -> list[Consent]:
    if participant_id is None:
        return []
    participant = session.get(Participant, participant_id)
    return list(participant.consents) if participant is not None else []


def _engagement_ref(session: Session, engagement_id: int | None) -> EngagementRef | None:
    if engagement_id is None:
        return None
    engagement = session.get(Engagement, engagement_id)
    if engagement is None:
        raise NotFound(QT_TRANSLATE_NOOP("Records", "This engagement is no longer in the vault."))
    return EngagementRef(engagement.id, engagement.kind, engagement.title, engagement.held_on)


def _allowed_people(
    session: Session, engagement_id: int | None, case: ScrutinyCase | None
) -> set[int] | None:
    """Who may be named as the source (None: anyone on the roster). The same rule as
    `feedback_checks`: a case's victim, if they agreed; an engagement's attendees."""
    if case is not None:
        if case.victim_agreed and case.participant_id is not None:
            return {case.participant_id}
        return set()
    if engagement_id is None:
        return None
    engagement = session.get(Engagement, engagement_id)
    if engagement is None or engagement.kind == EngagementKind.STAFF_FORUM:
        return set()
    return {a.participant_id for a in engagement.attendees}


def _write(item: FeedbackItem, draft: FeedbackDraft) -> None:
    participant = draft.source == FeedbackSource.PARTICIPANT
    partner = draft.source == FeedbackSource.PARTNER
    item.source = draft.source
    item.received_on = draft.received_on
    item.participant_id = draft.participant_id if participant else None
    item.partner_id = draft.partner_id if partner else None
    item.partner_contact_id = draft.partner_contact_id if partner else None
    item.engagement_id = draft.engagement_id
    item.case_id = draft.case_id
    item.summary = draft.summary.strip()
    item.quote = draft.quote.strip()
    item.sentiment = draft.sentiment
    item.quote_permission = draft.quote_permission and participant and bool(item.quote)
    wanted = list(dict.fromkeys((*draft.stage_ids, *draft.theme_ids)))
    kept = [t for t in item.terms if t.term_id in wanted]
    have = {t.term_id for t in kept}
    item.terms = kept + [FeedbackTerm(term_id=t) for t in wanted if t not in have]


def _record_of(
    session: Session,
    item: FeedbackItem,
    consents: list[Consent],
    today: date,
    disclosure: DisclosureRecord | None,
) -> FeedbackRecord:
    term_rows = session.scalars(
        select(TaxonomyTerm)
        .where(TaxonomyTerm.id.in_([t.term_id for t in item.terms]))
        .order_by(TaxonomyTerm.position, TaxonomyTerm.id)
    ).all()
    terms = [Term(t.id, t.kind, t.name, t.retired) for t in term_rows]
    stages = tuple(t for t in terms if t.kind == TermKind.STAGE)
    themes = tuple(t for t in terms if t.kind == TermKind.THEME)
    partner = session.get(Partner, item.partner_id) if item.partner_id else None
    contact = (
        session.get(PartnerContact, item.partner_contact_id) if item.partner_contact_id else None
    )
    draft = FeedbackDraft(
        received_on=item.received_on,
        source=item.source,
        participant_id=item.participant_id,
        partner_id=item.partner_id,
        partner_contact_id=item.partner_contact_id,
        engagement_id=item.engagement_id,
        case_id=item.case_id,
        summary=item.summary,
        quote=item.quote,
        sentiment=item.sentiment,
        stage_ids=tuple(t.id for t in stages),
        theme_ids=tuple(t.id for t in themes),
        quote_permission=item.quote_permission,
    )
    current = quote_permission.quote_consent_current(consents, today)
    return FeedbackRecord(
        id=item.id,
        draft=draft,
        participant_code=_code(session, item),
        partner_name=partner.name if partner is not None else "",
        partner_contact_name=contact.name if contact is not None else "",
        engagement=_engagement_ref(session, item.engagement_id) if item.engagement_id else None,
        stages=stages,
        themes=themes,
        quote_consent_current=current,
        quotable=quote_permission.is_quotable(
            item, consents, today, disclosure=disclosure is not None
        ),
        disclosure=disclosure,
        created_at=item.created_at,
        updated_at=item.updated_at,
    )
