"""The checks a feedback item must pass before it is kept, each said under its field."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from sec_desktop.domain.engagement import Engagement, ScrutinyCase, TaxonomyTerm
from sec_desktop.domain.engagement_enums import EngagementKind, FeedbackSource, TermKind
from sec_desktop.domain.participant import Participant
from sec_desktop.domain.partner import Partner, PartnerContact
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services import validation as check
from sec_desktop.services.errors import FieldError, NotFound
from sec_desktop.services.feedback_types import FeedbackDraft

TEXT_LIMIT = 20_000


def _error(field: str, message: str, **values: object) -> FieldError:
    return FieldError(field, message, values)


def check_draft(session: Session, draft: FeedbackDraft, today: date, kept_terms: set[int]) -> None:
    """Raise ValidationFailed with every problem found; `kept_terms` are the terms already
    on the item (retired ones among them may stay)."""
    engagement = _engagement(session, draft.engagement_id)
    case = _case(session, draft.case_id)
    source_errors = (
        _case_errors(session, draft, case)
        if case is not None
        else _source_errors(session, draft, engagement)
    )
    check.raise_if_any(
        [
            check.not_in_future("received_on", draft.received_on, today),
            _text_given(draft),
            check.text("summary", draft.summary, TEXT_LIMIT),
            check.text("quote", draft.quote, TEXT_LIMIT),
            *source_errors,
            _quote_permission_error(draft),
            _terms_error(session, "stages", TermKind.STAGE, draft.stage_ids, kept_terms),
            _terms_error(session, "themes", TermKind.THEME, draft.theme_ids, kept_terms),
        ]
    )


def _engagement(session: Session, engagement_id: int | None) -> Engagement | None:
    if engagement_id is None:
        return None
    engagement = session.get(Engagement, engagement_id)
    if engagement is None:
        raise NotFound(QT_TRANSLATE_NOOP("Records", "This engagement is no longer in the vault."))
    return engagement


def _case(session: Session, case_id: int | None) -> ScrutinyCase | None:
    if case_id is None:
        return None
    case = session.get(ScrutinyCase, case_id)
    if case is None:
        raise NotFound(
            QT_TRANSLATE_NOOP("Records", "This scrutiny case is no longer in the vault.")
        )
    return case


def _case_errors(session: Session, draft: FeedbackDraft, case: ScrutinyCase) -> list[FieldError]:
    """A case's feedback is its victim's, and only if they agreed to give it: from them if
    the case names them on the roster, otherwise from an anonymous survivor."""
    if not case.victim_agreed:
        return [
            _error(
                "source",
                QT_TRANSLATE_NOOP(
                    "Records",
                    "The victim of this case has not agreed to give feedback, so none can be "
                    "recorded on it. If they have agreed, record that on the case first "
                    "(Edit case).",
                ),
            )
        ]
    if case.participant_id is None:
        if draft.source == FeedbackSource.ANONYMOUS and draft.participant_id is None:
            return []
        return [
            _error(
                "source",
                QT_TRANSLATE_NOOP(
                    "Records",
                    "This case does not name its victim on the roster, so their feedback is "
                    "from an anonymous survivor: choose \u201cAn anonymous survivor\u201d.",
                ),
            )
        ]
    if draft.source == FeedbackSource.PARTICIPANT and draft.participant_id == case.participant_id:
        return []
    code = _code(session, case.participant_id)
    return [
        _error(
            "participant" if draft.source == FeedbackSource.PARTICIPANT else "source",
            QT_TRANSLATE_NOOP(
                "Records",
                "The victim of this case is {code}: their feedback can only be from them. "
                "Choose \u201cA participant\u201d and {code}.",
            ),
            code=code,
        )
    ]


def _code(session: Session, participant_id: int) -> str | None:
    return session.scalar(select(Participant.code).where(Participant.id == participant_id))


def _text_given(draft: FeedbackDraft) -> FieldError | None:
    if draft.summary.strip() or draft.quote.strip():
        return None
    return _error(
        "summary",
        QT_TRANSLATE_NOOP(
            "Records", "Write what was said: a summary, a quote in their own words, or both."
        ),
    )


def _source_errors(
    session: Session, draft: FeedbackDraft, engagement: Engagement | None
) -> list[FieldError | None]:
    anonymous_session = engagement is not None and engagement.kind == EngagementKind.STAFF_FORUM
    if anonymous_session and draft.source != FeedbackSource.ANONYMOUS:
        return [
            _error(
                "source",
                QT_TRANSLATE_NOOP(
                    "Records",
                    "This was an anonymous staff forum session: its feedback can only be "
                    "from an anonymous survivor.",
                ),
            )
        ]
    if draft.source == FeedbackSource.PARTICIPANT:
        return [_participant_error(session, draft, engagement)]
    if draft.source == FeedbackSource.PARTNER:
        return [_partner_error(session, draft)]
    if draft.participant_id is not None:
        return [
            _error(
                "participant",
                QT_TRANSLATE_NOOP(
                    "Records",
                    "Anonymous feedback cannot name a participant: choose \u201cA "
                    "participant\u201d as the source, or clear the participant.",
                ),
            )
        ]
    return []


def _participant_error(
    session: Session, draft: FeedbackDraft, engagement: Engagement | None
) -> FieldError | None:
    if draft.participant_id is None:
        return _error(
            "participant",
            QT_TRANSLATE_NOOP(
                "Records", "Choose the participant by their code, for example S-0042."
            ),
        )
    code = _code(session, draft.participant_id)
    if code is None:
        return _error(
            "participant",
            QT_TRANSLATE_NOOP(
                "Records", "This participant is no longer on the roster: choose another."
            ),
        )
    if engagement is None:
        return None
    attendees = {a.participant_id for a in engagement.attendees}
    if draft.participant_id in attendees:
        return None
    return _not_attending(session, engagement, attendees, code)


def _not_attending(
    session: Session, engagement: Engagement, attendees: set[int], code: str
) -> FieldError:
    """What to say when the participant named did not take part in the engagement."""
    if engagement.kind == EngagementKind.ONE_TO_ONE:
        if attendees:
            message = QT_TRANSLATE_NOOP(
                "Records",
                "This one-to-one was with {attendee}: choose them, or an anonymous survivor.",
            )
            return _error("participant", message, attendee=_code(session, min(attendees)))
        message = QT_TRANSLATE_NOOP(
            "Records",
            "This one-to-one was with an anonymous survivor: choose \u201cAn anonymous "
            "survivor\u201d, or add {code} to the one-to-one first.",
        )
    elif attendees:
        message = QT_TRANSLATE_NOOP(
            "Records",
            "{code} is not recorded as attending this engagement: choose one of its "
            "attendees, or add {code} to the attendees first.",
        )
    else:
        message = QT_TRANSLATE_NOOP(
            "Records",
            "Nobody is recorded as attending this engagement, so no participant can be "
            "named: add {code} as an attendee first, or choose \u201cAn anonymous "
            "survivor\u201d.",
        )
    return _error("participant", message, code=code)


def _partner_error(session: Session, draft: FeedbackDraft) -> FieldError | None:
    if draft.partner_id is None or session.get(Partner, draft.partner_id) is None:
        return _error(
            "partner",
            QT_TRANSLATE_NOOP("Records", "Choose the partner organisation the feedback came from."),
        )
    if draft.partner_contact_id is not None:
        contact = session.get(PartnerContact, draft.partner_contact_id)
        if contact is None or contact.partner_id != draft.partner_id:
            return _error(
                "partner_contact",
                QT_TRANSLATE_NOOP(
                    "Records", "That contact is not listed for this partner: choose another."
                ),
            )
    if draft.participant_id is not None:
        return _error(
            "participant",
            QT_TRANSLATE_NOOP(
                "Records",
                "Feedback from a partner does not name a participant: if it is the "
                "participant's own feedback given through the partner, choose \u201cA "
                "participant\u201d as the source.",
            ),
        )
    return None


def _quote_permission_error(draft: FeedbackDraft) -> FieldError | None:
    if not draft.quote_permission:
        return None
    if draft.source != FeedbackSource.PARTICIPANT:
        return _error(
            "quote_permission",
            QT_TRANSLATE_NOOP(
                "Records",
                "Only a participant on the roster can give permission to be quoted: untick "
                "quote permission.",
            ),
        )
    if not draft.quote.strip():
        return _error(
            "quote_permission",
            QT_TRANSLATE_NOOP(
                "Records", "There is no quote to give permission for: add the quote, or untick it."
            ),
        )
    return None


def _terms_error(
    session: Session, field: str, kind: TermKind, ids: tuple[int, ...], kept: set[int]
) -> FieldError | None:
    if not ids:
        return None
    found = {t.id: t for t in session.scalars(select(TaxonomyTerm).where(TaxonomyTerm.id.in_(ids)))}
    for term_id in ids:
        term = found.get(term_id)
        if term is None or term.kind != kind:
            message = (
                QT_TRANSLATE_NOOP("Records", "That journey stage is no longer in the list.")
                if kind == TermKind.STAGE
                else QT_TRANSLATE_NOOP("Records", "That theme is no longer in the list.")
            )
            return _error(field, message)
        if term.retired and term_id not in kept:
            return _error(
                field,
                QT_TRANSLATE_NOOP(
                    "Records",
                    "\u201c{name}\u201d has been retired and cannot be added now: choose "
                    "another, or restore it in Settings.",
                ),
                name=term.name,
            )
    return None
