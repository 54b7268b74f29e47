"""The fixed choices of the records, in the users' words.

Each member's value is what the vault stores (stable, never shown); `label` is what the
user sees, marked for translation in the "Choices" context.
"""

from __future__ import annotations

from enum import StrEnum

from sec_desktop.i18n import QT_TRANSLATE_NOOP

CHOICES = "Choices"


class Choice(StrEnum):
    """A StrEnum whose members carry a user-visible label (untranslated)."""

    @property
    def label(self) -> str:
        return type(self)._label_of(self.value)

    @classmethod
    def _label_of(cls, value: str) -> str:
        return LABELS.get((cls.__name__, value), value)


LABELS: dict[tuple[str, str], str] = {}


def _labels(enum: type[Choice], *labels: str) -> None:
    members = list(enum)
    if len(labels) != len(members):
        raise ValueError(f"{enum.__name__}: {len(members)} members, {len(labels)} labels")
    for member, label in zip(members, labels, strict=True):
        LABELS[(enum.__name__, member.value)] = label


class ParticipantStatus(Choice):
    ENQUIRY = "enquiry"
    ACTIVE = "active"
    PAUSED = "paused"
    LEFT = "left"


_labels(
    ParticipantStatus,
    QT_TRANSLATE_NOOP("Choices", "Enquiry"),
    QT_TRANSLATE_NOOP("Choices", "Active"),
    QT_TRANSLATE_NOOP("Choices", "Paused"),
    QT_TRANSLATE_NOOP("Choices", "Left"),
)


class Language(Choice):
    ENGLISH = "english"
    WELSH = "welsh"
    OTHER = "other"


_labels(
    Language,
    QT_TRANSLATE_NOOP("Choices", "English"),
    QT_TRANSLATE_NOOP("Choices", "Welsh (Cymraeg)"),
    QT_TRANSLATE_NOOP("Choices", "Other language"),
)


class AgeBand(Choice):
    UNDER_18 = "under 18"
    FROM_18 = "18-24"
    FROM_25 = "25-34"
    FROM_35 = "35-44"
    FROM_45 = "45-54"
    FROM_55 = "55-64"
    FROM_65 = "65+"
    NOT_SAID = "prefer not to say"


_labels(
    AgeBand,
    QT_TRANSLATE_NOOP("Choices", "Under 18"),
    QT_TRANSLATE_NOOP("Choices", "18 to 24"),
    QT_TRANSLATE_NOOP("Choices", "25 to 34"),
    QT_TRANSLATE_NOOP("Choices", "35 to 44"),
    QT_TRANSLATE_NOOP("Choices", "45 to 54"),
    QT_TRANSLATE_NOOP("Choices", "55 to 64"),
    QT_TRANSLATE_NOOP("Choices", "65 or over"),
    QT_TRANSLATE_NOOP("Choices", "Prefer not to say"),
)


class ReferralRoute(Choice):
    SELF_SOCIAL_MEDIA = "self via social media"
    SELF_OTHER = "self other"
    IDVA = "idva"
    ISVA = "isva"
    PARTNER = "partner organisation"
    POLICE_OFFICER = "police officer"
    OTHER = "other"


_labels(
    ReferralRoute,
    QT_TRANSLATE_NOOP("Choices", "Self-referral through social media"),
    QT_TRANSLATE_NOOP("Choices", "Self-referral, other"),
    QT_TRANSLATE_NOOP("Choices", "IDVA"),
    QT_TRANSLATE_NOOP("Choices", "ISVA"),
    QT_TRANSLATE_NOOP("Choices", "Partner organisation"),
    QT_TRANSLATE_NOOP("Choices", "Police officer"),
    QT_TRANSLATE_NOOP("Choices", "Other"),
)


class ContactChannel(Choice):
    PHONE = "phone"
    TEXT = "text"
    EMAIL = "email"
    LETTER = "letter"
    THIRD_PARTY = "third party"


_labels(
    ContactChannel,
    QT_TRANSLATE_NOOP("Choices", "Phone call"),
    QT_TRANSLATE_NOOP("Choices", "Text message"),
    QT_TRANSLATE_NOOP("Choices", "Email"),
    QT_TRANSLATE_NOOP("Choices", "Letter"),
    QT_TRANSLATE_NOOP("Choices", "Through their trusted third party"),
)


class Weekday(Choice):
    MONDAY = "mon"
    TUESDAY = "tue"
    WEDNESDAY = "wed"
    THURSDAY = "thu"
    FRIDAY = "fri"
    SATURDAY = "sat"
    SUNDAY = "sun"


_labels(
    Weekday,
    QT_TRANSLATE_NOOP("Choices", "Monday"),
    QT_TRANSLATE_NOOP("Choices", "Tuesday"),
    QT_TRANSLATE_NOOP("Choices", "Wednesday"),
    QT_TRANSLATE_NOOP("Choices", "Thursday"),
    QT_TRANSLATE_NOOP("Choices", "Friday"),
    QT_TRANSLATE_NOOP("Choices", "Saturday"),
    QT_TRANSLATE_NOOP("Choices", "Sunday"),
)


class CommunicationNeed(Choice):
    WELSH = "welsh language"
    INTERPRETER = "spoken-language interpreter"
    BSL = "bsl interpreter"
    LIPSPEAKER = "lipspeaker"
    SPEECH_TO_TEXT = "speech-to-text"
    LARGE_PRINT = "large print"
    EASY_READ = "easy read"
    AUDIO = "audio"
    ADVOCATE = "advocate or supporter present"


_labels(
    CommunicationNeed,
    QT_TRANSLATE_NOOP("Choices", "Welsh language"),
    QT_TRANSLATE_NOOP("Choices", "Spoken-language interpreter"),
    QT_TRANSLATE_NOOP("Choices", "BSL interpreter"),
    QT_TRANSLATE_NOOP("Choices", "Lipspeaker"),
    QT_TRANSLATE_NOOP("Choices", "Speech-to-text"),
    QT_TRANSLATE_NOOP("Choices", "Large print"),
    QT_TRANSLATE_NOOP("Choices", "Easy read"),
    QT_TRANSLATE_NOOP("Choices", "Audio"),
    QT_TRANSLATE_NOOP("Choices", "An advocate or supporter present"),
)


class ConsentPurpose(Choice):
    CONTACT = "contact about opportunities"
    NETWORK = "survivor network membership"
    REFERENCE_GROUP = "victim reference group membership"
    REPORTING = "feedback used anonymously in reports"
    QUOTE = "quoted anonymously in briefings"
    TRAINING = "story used in officer training"
    PARTNER_SHARING = "sharing with a named partner"


_labels(
    ConsentPurpose,
    QT_TRANSLATE_NOOP("Choices", "Being contacted about opportunities"),
    QT_TRANSLATE_NOOP("Choices", "Membership of the Survivor Network"),
    QT_TRANSLATE_NOOP("Choices", "Membership of the Victim Reference Group"),
    QT_TRANSLATE_NOOP("Choices", "Feedback used anonymously in reports"),
    QT_TRANSLATE_NOOP("Choices", "Being quoted (anonymised) in briefings"),
    QT_TRANSLATE_NOOP("Choices", "Their story used in officer training"),
    QT_TRANSLATE_NOOP("Choices", "Sharing with a named partner"),
)


class ConsentMethod(Choice):
    VERBAL = "verbal"
    WRITTEN = "written"
    VIA_ADVOCATE = "via idva or isva"


_labels(
    ConsentMethod,
    QT_TRANSLATE_NOOP("Choices", "Verbal"),
    QT_TRANSLATE_NOOP("Choices", "Written"),
    QT_TRANSLATE_NOOP("Choices", "Through their IDVA or ISVA"),
)


class Group(Choice):
    NETWORK = "survivor network"
    REFERENCE_GROUP = "victim reference group"
    STAFF_FORUM = "staff forum"


_labels(
    Group,
    QT_TRANSLATE_NOOP("Choices", "Survivor Network"),
    QT_TRANSLATE_NOOP("Choices", "Victim Reference Group"),
    QT_TRANSLATE_NOOP("Choices", "Internal staff forum"),
)

# The consent each group's membership needs. The staff forum is a support space with no
# purpose of its own in the consent list; being in it means being contacted about it.
GROUP_CONSENT: dict[Group, ConsentPurpose] = {
    Group.NETWORK: ConsentPurpose.NETWORK,
    Group.REFERENCE_GROUP: ConsentPurpose.REFERENCE_GROUP,
    Group.STAFF_FORUM: ConsentPurpose.CONTACT,
}

# Groups a survivor can be invited to join (the staff forum is open to police staff).
INVITABLE_GROUPS = (Group.NETWORK, Group.REFERENCE_GROUP)


class InvitationResponse(Choice):
    AWAITING = "awaiting"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    NO_REPLY = "no reply"
    CANCELLED = "cancelled, consent withdrawn"


_labels(
    InvitationResponse,
    QT_TRANSLATE_NOOP("Choices", "Awaiting a reply"),
    QT_TRANSLATE_NOOP("Choices", "Accepted"),
    QT_TRANSLATE_NOOP("Choices", "Declined"),
    QT_TRANSLATE_NOOP("Choices", "No reply"),
    # Cancelled by a consent withdrawn, or by the person pausing or leaving.
    QT_TRANSLATE_NOOP("Choices", "Cancelled"),
)


class PartnerType(Choice):
    IDVA_SERVICE = "idva service"
    ISVA_SERVICE = "isva service"
    REFUGE = "refuge"
    CHARITY = "charity"
    HEALTH = "health"
    LOCAL_AUTHORITY = "local authority"
    CPS = "cps"
    PROBATION = "probation"
    EDUCATION = "education"
    GOVERNMENT = "government"


_labels(
    PartnerType,
    QT_TRANSLATE_NOOP("Choices", "IDVA service"),
    QT_TRANSLATE_NOOP("Choices", "ISVA service"),
    QT_TRANSLATE_NOOP("Choices", "Refuge"),
    QT_TRANSLATE_NOOP("Choices", "Charity"),
    QT_TRANSLATE_NOOP("Choices", "Health"),
    QT_TRANSLATE_NOOP("Choices", "Local authority"),
    QT_TRANSLATE_NOOP("Choices", "Crown Prosecution Service"),
    QT_TRANSLATE_NOOP("Choices", "Probation"),
    QT_TRANSLATE_NOOP("Choices", "Education"),
    QT_TRANSLATE_NOOP("Choices", "Government"),
)


class PartnerLogKind(Choice):
    MEETING = "meeting"
    CALL = "call"
    EMAIL = "email"
    REFERRAL = "referral received"
    EVENT = "event"
    OTHER = "other"


_labels(
    PartnerLogKind,
    QT_TRANSLATE_NOOP("Choices", "Meeting"),
    QT_TRANSLATE_NOOP("Choices", "Call"),
    QT_TRANSLATE_NOOP("Choices", "Email"),
    QT_TRANSLATE_NOOP("Choices", "Referral received"),
    QT_TRANSLATE_NOOP("Choices", "Event"),
    QT_TRANSLATE_NOOP("Choices", "Other"),
)
