"""Every model, imported in one place so that the metadata is complete."""

from sec_desktop.domain.action import Action, ActionFeedback, ActionUpdate, ToldRecord
from sec_desktop.domain.base import Base
from sec_desktop.domain.coordinator_log import CoordinatorCheckIn, SupervisionSession
from sec_desktop.domain.engagement import (
    Attendance,
    CaseRight,
    CaseTimelineEntry,
    Engagement,
    ReferenceProject,
    ScrutinyCase,
    TaxonomyTerm,
)
from sec_desktop.domain.feedback import Disclosure, FeedbackItem, FeedbackTerm
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
from sec_desktop.domain.recovery import (
    DevelopmentOpportunity,
    RecoveryCase,
    RecoveryStep,
    TrainingMaterial,
    TrainingMaterialUse,
    TrainingSession,
)
from sec_desktop.domain.risk import RiskAssessment, WellbeingCheck

__all__ = [
    "Action",
    "ActionFeedback",
    "ActionUpdate",
    "Attendance",
    "Base",
    "CaseRight",
    "CaseTimelineEntry",
    "Consent",
    "CoordinatorCheckIn",
    "DevelopmentOpportunity",
    "Disclosure",
    "Engagement",
    "EqualityMonitoring",
    "FeedbackItem",
    "FeedbackTerm",
    "Invitation",
    "Membership",
    "Participant",
    "ParticipantNeed",
    "Partner",
    "PartnerContact",
    "PartnerLogEntry",
    "PseudonymCounter",
    "RecoveryCase",
    "RecoveryStep",
    "ReferenceProject",
    "RiskAssessment",
    "SafeContact",
    "ScrutinyCase",
    "SupervisionSession",
    "TaxonomyTerm",
    "ToldRecord",
    "TrainingMaterial",
    "TrainingMaterialUse",
    "TrainingSession",
    "WellbeingCheck",
]
