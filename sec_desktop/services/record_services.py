"""The services of one open vault, built together and handed to the screens."""

from __future__ import annotations

from dataclasses import dataclass

from sec_desktop.services.actions import ActionService
from sec_desktop.services.clock import Today, local_today
from sec_desktop.services.consent import ConsentService
from sec_desktop.services.coordinator_log import CoordinatorLogService
from sec_desktop.services.development import DevelopmentService
from sec_desktop.services.disclosures import DisclosureService
from sec_desktop.services.engagements import EngagementService
from sec_desktop.services.facts import VaultFacts
from sec_desktop.services.feedback import FeedbackService
from sec_desktop.services.groups import GroupsService
from sec_desktop.services.loop_closing import LoopClosingService
from sec_desktop.services.participant_activity import ActivityService
from sec_desktop.services.partners import PartnerService
from sec_desktop.services.recovery import RecoveryService
from sec_desktop.services.risk import RiskService
from sec_desktop.services.roster import RosterService
from sec_desktop.services.scrutiny import ScrutinyService
from sec_desktop.services.search import SearchService
from sec_desktop.services.taxonomy import TaxonomyService
from sec_desktop.services.themes import ThemesService
from sec_desktop.services.today import TodayService
from sec_desktop.services.training import TrainingService
from sec_desktop.services.wellbeing_checks import WellbeingCheckService
from sec_desktop.vault.vault import Vault


@dataclass(frozen=True)
class RecordServices:
    roster: RosterService
    consent: ConsentService
    groups: GroupsService
    partners: PartnerService
    facts: VaultFacts
    taxonomy: TaxonomyService
    engagements: EngagementService
    scrutiny: ScrutinyService
    feedback: FeedbackService
    disclosures: DisclosureService
    search: SearchService
    themes: ThemesService
    activity: ActivityService
    risk: RiskService
    wellbeing: WellbeingCheckService
    coordinator: CoordinatorLogService
    today_items: TodayService
    actions: ActionService
    loop_closing: LoopClosingService
    recovery: RecoveryService
    training: TrainingService
    development: DevelopmentService
    today: Today

    @classmethod
    def over(cls, vault: Vault, today: Today = local_today) -> RecordServices:
        return cls(
            roster=RosterService(vault, today),
            consent=ConsentService(vault, today),
            groups=GroupsService(vault, today),
            partners=PartnerService(vault, today),
            facts=VaultFacts(vault),
            taxonomy=TaxonomyService(vault, today),
            engagements=EngagementService(vault, today),
            scrutiny=ScrutinyService(vault, today),
            feedback=FeedbackService(vault, today),
            disclosures=DisclosureService(vault, today),
            search=SearchService(vault, today),
            themes=ThemesService(vault, today),
            activity=ActivityService(vault, today),
            risk=RiskService(vault, today),
            wellbeing=WellbeingCheckService(vault, today),
            coordinator=CoordinatorLogService(vault, today),
            today_items=TodayService(vault, today),
            actions=ActionService(vault, today),
            loop_closing=LoopClosingService(vault, today),
            recovery=RecoveryService(vault, today),
            training=TrainingService(vault, today),
            development=DevelopmentService(vault, today),
            today=today,
        )
