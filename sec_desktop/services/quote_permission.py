"""The one rule for quoting a survivor: every screen, briefing and export asks here.

A feedback item is *quotable* only if all of these hold:

- its source is a participant still on the roster (not anonymous, not a partner, not
  erased);
- the survivor gave permission for this quote (`quote_permission`), and the quote is not
  empty;
- it is not a disclosure (its text never leaves its own record);
- the participant's consent to be quoted (`ConsentPurpose.QUOTE`) is current today: given
  on or before today, not withdrawn, and its review date (if any) not passed.

The rule is written twice, once over ORM rows (one item, in a form) and once as SQL (many
items in one query, for lists and briefings); the tests hold the two to the same answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from sec_desktop.domain.engagement_enums import FeedbackSource
from sec_desktop.domain.enums import ConsentPurpose
from sec_desktop.domain.feedback import Disclosure, FeedbackItem
from sec_desktop.domain.participant import Consent

# --- over ORM rows: one item --------------------------------------------------------------


def consent_current(consent: Consent, today: date) -> bool:
    """One quote consent that holds today."""
    return (
        consent.purpose == ConsentPurpose.QUOTE
        and consent.withdrawn_on is None
        and consent.given_on <= today
        and (consent.review_on is None or consent.review_on >= today)
    )


def quote_consent_current(consents: Iterable[Consent], today: date) -> bool:
    """Whether any of a participant's consents lets them be quoted today."""
    return any(consent_current(consent, today) for consent in consents)


def is_quotable(
    item: FeedbackItem, consents: Iterable[Consent], today: date, *, disclosure: bool
) -> bool:
    """The rule for one item; `consents` are its participant's (all purposes may be
    passed), `disclosure` whether the item is flagged as one."""
    return (
        item.source == FeedbackSource.PARTICIPANT
        and item.participant_id is not None
        and item.quote_permission
        and bool(item.quote.strip())
        and not disclosure
        and quote_consent_current(consents, today)
    )


def quotable(session: Session, item: FeedbackItem, today: date) -> bool:
    """The rule for one item loaded in `session` (reads its participant's consents)."""
    if item.participant_id is None:
        return False
    consents = session.scalars(
        select(Consent).where(Consent.participant_id == item.participant_id)
    ).all()
    disclosure = session.get(Disclosure, item.id) is not None
    return is_quotable(item, consents, today, disclosure=disclosure)


# --- as SQL: many items in one query ------------------------------------------------------


def _holders(today: date) -> Select[int]:
    """The participants whose consent to be quoted holds today."""
    return select(Consent.participant_id).where(
        Consent.purpose == ConsentPurpose.QUOTE,
        Consent.withdrawn_on.is_(None),
        Consent.given_on <= today,
        or_(Consent.review_on.is_(None), Consent.review_on >= today),
    )


def current_quote_consent_holders(today: date) -> ColumnElement[bool]:
    """`FeedbackItem.participant_id` is someone whose quote consent holds today. An IN
    over a subquery: SQLite builds the set once, not once per item."""
    return FeedbackItem.participant_id.in_(_holders(today))


def quotable_clause(today: date) -> ColumnElement[bool]:
    """The rule as a condition on `FeedbackItem`, usable in any select over it (as a
    column, or in a WHERE to keep only quotable items)."""
    # An alias: a query that also joins `disclosure` (for its own columns) must not
    # swallow this subquery's table by correlation.
    flagged = aliased(Disclosure)
    not_disclosure = (
        ~select(flagged.feedback_id)
        .where(flagged.feedback_id == FeedbackItem.id)
        .correlate(FeedbackItem)
        .exists()
    )
    return and_(
        FeedbackItem.source == FeedbackSource.PARTICIPANT,
        FeedbackItem.participant_id.is_not(None),
        FeedbackItem.quote_permission.is_(True),
        func.trim(FeedbackItem.quote) != "",
        not_disclosure,
        current_quote_consent_holders(today),
    )


def quotable_ids(session: Session, today: date, ids: Iterable[int] | None = None) -> set[int]:
    """The ids of the quotable items (of `ids`, or of all items), in one query."""
    query = select(FeedbackItem.id).where(quotable_clause(today))
    if ids is not None:
        query = query.where(FeedbackItem.id.in_(list(ids)))
    return set(session.scalars(query))


def quote_consent_holders(session: Session, today: date) -> set[int]:
    """The participants whose consent to be quoted holds today (for a form that offers
    quote permission only to them)."""
    return set(session.scalars(_holders(today)))
