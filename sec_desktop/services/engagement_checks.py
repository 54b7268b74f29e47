"""The field checks of the engagement forms, and the words of their audit rows.

Audit details name record ids and pseudonym codes only, never names or what was said.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sec_desktop.domain.engagement_enums import EngagementFormat, EngagementKind
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services import validation as check
from sec_desktop.services.engagement_records import (
    MAX_HEADCOUNT,
    AttendeeChoice,
    FocusGroupDetails,
    OneToOneDetails,
    ProjectDetails,
    ReferenceMeetingDetails,
    StaffForumDetails,
)
from sec_desktop.services.errors import FieldError

SHORT_TEXT = 200
LONG_TEXT = 20_000

# The kinds as the audit log names them (English, fixed: the log is not translated).
AUDIT_NAMES: dict[EngagementKind, str] = {
    EngagementKind.FOCUS_GROUP: "focus group",
    EngagementKind.ONE_TO_ONE: "one-to-one",
    EngagementKind.STAFF_FORUM: "staff forum session",
    EngagementKind.SCRUTINY_PANEL: "scrutiny panel meeting",
    EngagementKind.REFERENCE_GROUP: "reference group meeting",
}


def venue_needed(form: EngagementFormat, venue: str) -> FieldError | None:
    if form is EngagementFormat.IN_PERSON and not venue.strip():
        return FieldError(
            "venue",
            QT_TRANSLATE_NOOP(
                "Records", "Say where it is held: an in-person session needs a venue."
            ),
        )
    return check.text("venue", venue, SHORT_TEXT)


def no_attendees_yet(
    held_on: date, today: date, attendees: Sequence[AttendeeChoice]
) -> FieldError | None:
    """A session may be planned ahead, but who attended is known only once it is held:
    recording attendees in advance would put people on record for something they may
    never have come to."""
    if held_on > today and attendees:
        return FieldError(
            "attendees",
            QT_TRANSLATE_NOOP(
                "Records",
                "This session is planned for a later date: record who attended once it has "
                "been held.",
            ),
        )
    return None


def focus_group(
    details: FocusGroupDetails, attendees: Sequence[AttendeeChoice], today: date
) -> None:
    check.raise_if_any(
        [
            check.required("title", details.title, SHORT_TEXT),
            check.text("topic", details.topic, SHORT_TEXT),
            venue_needed(details.format, details.venue),
            check.text("advertised_via", details.advertised_via, SHORT_TEXT),
            check.text("facilitator", details.facilitator, SHORT_TEXT),
            check.text("support_worker", details.support_worker, SHORT_TEXT),
            check.text("notes", details.notes, LONG_TEXT),
            no_attendees_yet(details.held_on, today, attendees),
        ]
    )


def one_to_one(details: OneToOneDetails, today: date) -> None:
    check.raise_if_any(
        [
            check.not_in_future("held_on", details.held_on, today),
            check.text("topic", details.topic, SHORT_TEXT),
            check.text("notes", details.notes, LONG_TEXT),
            (
                FieldError(
                    "confidentiality_explained",
                    QT_TRANSLATE_NOOP(
                        "Records",
                        "This is kept with a participant on the roster. For an anonymous "
                        "survivor, say in the notes that the limits were explained.",
                    ),
                )
                if details.participant_id is None and details.confidentiality_explained
                else None
            ),
        ]
    )


def staff_forum(details: StaffForumDetails, today: date) -> None:
    check.raise_if_any(
        [
            check.not_in_future("held_on", details.held_on, today),
            (
                None
                if 1 <= details.headcount <= MAX_HEADCOUNT
                else FieldError(
                    "headcount",
                    QT_TRANSLATE_NOOP("Records", "Give how many came: a number from 1 to {limit}."),
                    {"limit": MAX_HEADCOUNT},
                )
            ),
            venue_needed(details.format, details.venue),
            check.text("facilitator", details.facilitator, SHORT_TEXT),
            check.text("notes", details.notes, LONG_TEXT),
        ]
    )


def reference_meeting(
    details: ReferenceMeetingDetails, attendees: Sequence[AttendeeChoice], today: date
) -> None:
    check.raise_if_any(
        [
            check.text("title", details.title, SHORT_TEXT),
            venue_needed(details.format, details.venue),
            check.text("facilitator", details.facilitator, SHORT_TEXT),
            check.text("support_worker", details.support_worker, SHORT_TEXT),
            check.text("notes", details.notes, LONG_TEXT),
            no_attendees_yet(details.held_on, today, attendees),
        ]
    )


def project(details: ProjectDetails, today: date) -> None:
    check.raise_if_any(
        [
            check.required("title", details.title, SHORT_TEXT),
            (
                FieldError(
                    "organisation",
                    QT_TRANSLATE_NOOP(
                        "Records",
                        "Choose the partner who asked for it, or type the organisation's name.",
                    ),
                )
                if details.partner_id is None and not details.organisation.strip()
                else check.text("organisation", details.organisation, SHORT_TEXT)
            ),
            check.text("description", details.description, LONG_TEXT),
            check.not_in_future("requested_on", details.requested_on, today),
            check.text("outputs", details.outputs, LONG_TEXT),
        ]
    )


def audit_detail(kind: EngagementKind, engagement_id: int, codes: Sequence[str]) -> str:
    """ "focus group 12: S-0003, S-0007 attended": ids and codes, nothing said."""
    name = f"{AUDIT_NAMES[kind]} {engagement_id}"
    if kind is EngagementKind.ONE_TO_ONE:
        return f"{name}: {codes[0] if codes else 'anonymous survivor'}"
    if not codes:
        return f"{name}: no attendees recorded"
    return f"{name}: {', '.join(codes)} attended"
