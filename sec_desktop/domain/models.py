"""Every model, imported in one place so that the metadata is complete."""

from sec_desktop.domain.base import Base
from sec_desktop.domain.participant import (
    Consent,
    EqualityMonitoring,
    Invitation,
    Membership,
    Participant,
    ParticipantNeed,
    PseudonymCounter,
    SafeContact,
)
from sec_desktop.domain.partner import Partner, PartnerContact, PartnerLogEntry

__all__ = [
    "Base",
    "Consent",
    "EqualityMonitoring",
    "Invitation",
    "Membership",
    "Participant",
    "ParticipantNeed",
    "Partner",
    "PartnerContact",
    "PartnerLogEntry",
    "PseudonymCounter",
    "SafeContact",
]
