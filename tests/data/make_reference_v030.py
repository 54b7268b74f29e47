"""Make the 0.3.0 reference vault (schema 0003): a few invented records of every kind that
version keeps, written through its own services, so that later versions can prove they
still open and upgrade a vault it saved (`tests/services/test_reference_v030.py`).

Run once, from the repository root, when releasing 0.3.0:

    .venv/bin/python tests/data/make_reference_v030.py

It writes `reference-v0.3.0.secvault` and `reference-v0.3.0.recovery-key.txt` next to
this file, and refuses to replace them: a reference vault, once committed, is never
remade. (Until 0.3.0 is released, a change to migration 0003 means deleting both files
and running this again: `test_reference_v030.py` checks the vault's schema is exactly what
0003 writes.) The records are the same on every run (only the encryption, the recovery
key and the times things were written differ). Synthetic data only.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the repository root on the path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sec_desktop.domain.engagement_enums import (
    FeedbackSource,
    OneToOneChannel,
    Panel,
    Sentiment,
    TermKind,
    VictimsRight,
)
from sec_desktop.domain.enums import (
    ConsentMethod,
    ConsentPurpose,
    ContactChannel,
    Group,
    PartnerType,
)
from sec_desktop.services.consent import ConsentGiven
from sec_desktop.services.disclosures import AtRisk, DisclosureService, MinimumFacts, Notification
from sec_desktop.services.engagement_records import (
    AttendeeChoice,
    FocusGroupDetails,
    OneToOneDetails,
    ProjectDetails,
    ReferenceMeetingDetails,
    StaffForumDetails,
)
from sec_desktop.services.feedback import FeedbackDraft
from sec_desktop.services.participant_records import ParticipantDetails, SafeContactRules
from sec_desktop.services.partners import ContactDetails, PartnerDetails
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.scrutiny_records import CaseDetails, MeetingDetails, TimelineEntry
from sec_desktop.vault import kdf
from sec_desktop.vault.vault import Vault

DATA = Path(__file__).resolve().parent
NAME = "reference-v0.3.0"
PASSPHRASE = "reference vault passphrase 2026"
# The lowest key-derivation settings the vault accepts: the tests open it quickly.
FLOOR = kdf.Argon2Params(memory_kib=65536, iterations=3, lanes=4)
# The day the records were made; everything they hold is on or before it.
TODAY = date(2026, 12, 5)
# Said in the disclosure: no list, search snippet or history may ever show it.
DISCLOSED = "Synthetic disclosure: an assault, never reported, at a flat in 2019"
CRIME_REFERENCE = "GW/012345/26"


@dataclass(frozen=True)
class People:
    alex: int
    jo: int
    sam: int
    partner: int
    contact: int


def main() -> int:
    vault_path, key_path = DATA / f"{NAME}.secvault", DATA / f"{NAME}.recovery-key.txt"
    if vault_path.exists() or key_path.exists():
        print(f"{vault_path.name} is there already: a reference vault is never remade.")
        return 1
    with tempfile.TemporaryDirectory() as folder:
        # Made elsewhere: saving keeps backups next to the vault.
        made = Path(folder) / vault_path.name
        recovery_key = make(made)
        shutil.copyfile(made, vault_path)
    key_path.write_text(recovery_key + "\n", encoding="utf-8")
    print(f"Wrote {vault_path.name} ({vault_path.stat().st_size} bytes) and {key_path.name}")
    return 0


def make(path: Path) -> str:
    """Write the reference records into a new vault at `path`; returns its recovery key."""
    vault, recovery_key = Vault.create(path, PASSPHRASE, kdf_params=FLOOR)
    try:
        services = RecordServices.over(vault, today=lambda: TODAY)
        people = _people(services)
        _engagements_and_feedback(services, vault, people)
        # Erased after giving feedback: the feedback stays, anonymised.
        services.roster.erase(people.sam)
    finally:
        vault.close()
    return recovery_key


def _people(services: RecordServices) -> People:
    partner = services.partners.add(
        PartnerDetails("Reference IDVA Service", PartnerType.IDVA_SERVICE, area="Newport")
    )
    contact = services.partners.add_contact(partner, ContactDetails("Sam Example", role="IDVA"))
    alex = services.roster.add(
        ParticipantDetails(name="Alex Reference", pronouns="she/her"),
        SafeContactRules(
            channels=frozenset({ContactChannel.PHONE}), phone="07700 900001", code_word="bluebell"
        ),
    ).id
    jo = services.roster.add(
        ParticipantDetails(name="Jo Reference"),
        SafeContactRules(channels=frozenset({ContactChannel.EMAIL}), email="jo@example.org"),
    ).id
    sam = services.roster.add(
        ParticipantDetails(name="Sam Erased"),
        SafeContactRules(channels=frozenset({ContactChannel.EMAIL}), email="sam@example.org"),
    ).id
    given_on = date(2026, 9, 1)
    for person, purposes in (
        (alex, (ConsentPurpose.CONTACT, ConsentPurpose.REFERENCE_GROUP, ConsentPurpose.QUOTE)),
        (jo, (ConsentPurpose.CONTACT,)),
        (sam, (ConsentPurpose.CONTACT,)),
    ):
        for purpose in purposes:
            services.consent.give(person, ConsentGiven(purpose, given_on, ConsentMethod.VERBAL))
    services.groups.join(alex, Group.REFERENCE_GROUP, date(2026, 9, 2))
    return People(alex, jo, sam, partner, contact)


def _engagements_and_feedback(services: RecordServices, vault: Vault, people: People) -> None:
    stages = {t.name: t.id for t in services.taxonomy.terms(TermKind.STAGE)}
    themes = {t.name: t.id for t in services.taxonomy.terms(TermKind.THEME)}
    engagements = services.engagements
    focus = engagements.record_focus_group(
        FocusGroupDetails(
            "Going to court",
            date(2026, 11, 10),
            topic="Special measures",
            venue="Community centre",
            facilitator="Survivor Engagement Coordinator",
        ),
        [
            AttendeeChoice(people.alex, confidentiality_explained=True),
            AttendeeChoice(people.jo, confidentiality_explained=False),
            AttendeeChoice(people.sam, confidentiality_explained=True),
        ],
    )
    forum = engagements.record_staff_forum(
        StaffForumDetails(date(2026, 11, 18), headcount=6, venue="Training room")
    )
    call = engagements.record_one_to_one(
        OneToOneDetails(
            date(2026, 11, 20),
            OneToOneChannel.PHONE,
            participant_id=people.alex,
            confidentiality_explained=True,
            topic="Updates after reporting",
        )
    )
    via_idva = engagements.record_one_to_one(
        OneToOneDetails(
            date(2026, 11, 21),
            OneToOneChannel.VIDEO,
            via_partner_contact_id=people.contact,
            topic="Bail conditions",
        )
    )
    project = engagements.add_project(
        ProjectDetails(
            "Victim contact leaflet", partner_id=people.partner, requested_on=date(2026, 10, 1)
        )
    )
    engagements.record_reference_meeting(
        ReferenceMeetingDetails(project, date(2026, 11, 26), venue="Headquarters"),
        [AttendeeChoice(people.alex, confidentiality_explained=True)],
    )
    case = _scrutiny_case(services, stages, people)

    def said(summary: str, source: FeedbackSource, **values: object) -> int:
        # On the focus group's day unless said otherwise.
        draft = FeedbackDraft(received_on=date(2026, 11, 10), source=source, summary=summary)
        return services.feedback.add(replace(draft, **values))  # type: ignore[arg-type]

    said(
        "The screen at court made it possible to give evidence",
        source=FeedbackSource.PARTICIPANT,
        participant_id=people.alex,
        engagement_id=focus,
        quote="Having the screen there made it possible to speak.",
        quote_permission=True,
        sentiment=Sentiment.POSITIVE,
        stage_ids=(stages["Court (plea, trial, verdict, sentence)"],),
        theme_ids=(themes["Special measures at court"],),
    )
    said(
        "Waited months for the trial date, with no updates",
        source=FeedbackSource.PARTICIPANT,
        participant_id=people.jo,
        engagement_id=focus,
        sentiment=Sentiment.NEGATIVE,
        stage_ids=(stages["Witness care and pre-trial"],),
        theme_ids=(themes["Time and delays"], themes["Communication and updates"]),
    )
    said(
        "The witness care officer rang back every week",
        source=FeedbackSource.PARTICIPANT,
        participant_id=people.sam,
        engagement_id=focus,
        sentiment=Sentiment.POSITIVE,
    )
    said(
        "Staff support after a difficult case came late",
        source=FeedbackSource.ANONYMOUS,
        engagement_id=forum,
        received_on=date(2026, 11, 18),
        sentiment=Sentiment.MIXED,
        theme_ids=(themes["Support services"],),
    )
    said(
        "The survivor was not told about the bail conditions",
        source=FeedbackSource.PARTNER,
        partner_id=people.partner,
        partner_contact_id=people.contact,
        engagement_id=via_idva,
        received_on=date(2026, 11, 21),
        sentiment=Sentiment.NEGATIVE,
        stage_ids=(stages["Arrest, bail and suspect management"],),
    )
    said(
        "Nobody explained the right to make a victim personal statement",
        source=FeedbackSource.PARTICIPANT,
        participant_id=people.jo,
        case_id=case,
        received_on=date(2026, 11, 25),
        sentiment=Sentiment.NEGATIVE,
        theme_ids=(themes["Information about rights (Victims' Code)"],),
    )
    disclosed = said(
        DISCLOSED,
        source=FeedbackSource.PARTICIPANT,
        participant_id=people.alex,
        engagement_id=call,
        received_on=date(2026, 11, 20),
    )
    _disclosure_dealt_with(vault, disclosed)


def _scrutiny_case(services: RecordServices, stages: dict[str, int], people: People) -> int:
    meeting = services.scrutiny.record_meeting(
        MeetingDetails(Panel.DA, date(2026, 11, 27), venue="Headquarters", facilitator="Chair")
    )
    return services.scrutiny.save_case(
        meeting,
        CaseDetails(
            CRIME_REFERENCE,
            offence_type="Controlling or coercive behaviour",
            outcome="Charged",
            timeline=(
                TimelineEntry(
                    date(2026, 3, 2),
                    stages["Contact and call handling (999, 101, online)"],
                    "Reported online",
                ),
                TimelineEntry(
                    date(2026, 3, 3), stages["First response and attendance"], "Officer visited"
                ),
                TimelineEntry(
                    date(2026, 6, 1),
                    stages["CPS charging decision and victims' right to review"],
                    "Charged",
                ),
            ),
            rights={
                VictimsRight.UNDERSTAND: True,
                VictimsRight.INFO_INVESTIGATION: False,
                VictimsRight.VPS: False,
            },
            victim_contacted=True,
            victim_agreed=True,
            participant_code="S-0002",
            questions="Why were updates not given every month?",
        ),
    )


def _disclosure_dealt_with(vault: Vault, feedback_id: int) -> None:
    flagged = DisclosureService(vault, lambda: TODAY, now=lambda: datetime(2026, 11, 20, 10, 0))
    flagged.flag(feedback_id, MinimumFacts("Assault", "In 2019", "At a flat", AtRisk.NO))
    later = DisclosureService(vault, lambda: TODAY, now=lambda: datetime(2026, 11, 21, 12, 0))
    later.record_notification(
        feedback_id,
        Notification(
            datetime(2026, 11, 20, 15, 0),
            "Crime recording team",
            "INC-20261120-0042",
            crime_reference="GW/067890/26",
        ),
    )
    later.record_survivor_told(feedback_id, date(2026, 11, 21), "By phone, at a safe time")


if __name__ == "__main__":
    sys.exit(main())
