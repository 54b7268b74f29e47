"""Make the 0.5.0 reference vault (schema 0005): the 0.4.0 reference vault, opened (and so
upgraded) by 0.5.0, with a few invented records of every kind 0.5.0 adds, written through
its own services (`tests/services/test_reference_v050.py` checks them).

Run once, from the repository root, when releasing 0.5.0:

    .venv/bin/python tests/data/make_reference_v050.py

It writes `reference-v0.5.0.secvault` and `reference-v0.5.0.recovery-key.txt` (the key
the upgrade keeps) next to this file, and refuses to replace them. Synthetic data only.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the repository root on the path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sec_desktop.domain.action_enums import (
    ActionStatus,
    MaterialKind,
    OpportunityKind,
    TakenUp,
    TellingChannel,
    TrainingKind,
)
from sec_desktop.domain.engagement_enums import FeedbackSource
from sec_desktop.services.action_records import ActionDetails
from sec_desktop.services.development import OpportunityDetails
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.recovery_records import RecoveryDetails
from sec_desktop.services.training_records import MaterialDetails, SessionDetails
from sec_desktop.vault.vault import Unlock, Vault
from tests.data.reference_making import write_reference

NAME = "reference-v0.5.0"
BEFORE = "reference-v0.4.0"
TODAY = date(2026, 12, 5)


def make(path: Path, recovery_key: str) -> None:
    vault = Vault.open(path, Unlock(recovery_key=recovery_key))
    try:
        services = RecordServices.over(vault, today=lambda: TODAY)
        found = services.roster.find_by_code("S-0001")
        assert found is not None
        alex = found.id
        _action(services, alex)
        _recovery_case(services)
        material = services.training.add_material(
            MaterialDetails("Synthetic video: the first 999 call", MaterialKind.VIDEO, alex)
        )
        assert material  # kept, listed as lapsed: S-0001 never gave training consent
        services.training.record_session(
            SessionDetails(
                date(2026, 11, 26),
                TrainingKind.OFFICER_TRAINING,
                "Synthetic: first response to domestic abuse",
                audience="Response officers, Newport",
                attending=18,
            ),
            [],
        )
        services.development.offer(
            alex,
            OpportunityDetails(
                OpportunityKind.SPEAKING,
                "Synthetic: speak at the force's victims' conference",
                date(2026, 11, 20),
                TakenUp.TAKEN_UP,
                "Synthetic: spoke for ten minutes; would do it again.",
            ),
        )
    finally:
        vault.close()


def _action(services: RecordServices, alex: int) -> None:
    rows = services.feedback.rows()
    theirs = next(r.id for r in rows if r.participant_code == "S-0001" and not r.disclosure)
    anonymous = next(r.id for r in rows if r.source is FeedbackSource.ANONYMOUS)
    action = services.actions.raise_action(
        ActionDetails(
            "Synthetic: letters explain the next step in plain words",
            owner_department="Victim care unit",
            due_on=date(2027, 1, 31),
        ),
        [theirs, anonymous],
    )
    services.actions.move(action, ActionStatus.AGREED)
    services.actions.add_update(action, date(2026, 12, 1), "Synthetic: new letter drafted.")
    services.actions.move(action, ActionStatus.DONE, outcome="Synthetic: the new letter is used.")
    services.actions.record_told(
        action, alex, TODAY, TellingChannel.PHONE, "Synthetic: told about the new letter."
    )
    services.actions.raise_action(ActionDetails("Synthetic: a second, proposed action"), [theirs])


def _recovery_case(services: RecordServices) -> None:
    partner = next(p for p in services.partners.rows() if p.name == "Reference IDVA Service")
    contact = services.partners.record(partner.id).contacts[0].id
    case = services.recovery.open_case(
        RecoveryDetails(
            date(2026, 11, 10),
            "Synthetic: no call back after reporting a breach of bail.",
            raised_by_partner_id=partner.id,
            raised_by_contact_id=contact,
            survivor_pseudonym="IDVA-0042",
            department="Public protection unit",
        )
    )
    services.recovery.add_step(case, date(2026, 11, 12), "Synthetic: inspector reviewed it.")
    services.recovery.close(case, date(2026, 11, 20), "Synthetic: apology and a named officer.")
    services.recovery.record_told(
        case, survivor_told_on=date(2026, 11, 21), partner_told_on=date(2026, 11, 21)
    )


if __name__ == "__main__":
    sys.exit(write_reference(NAME, BEFORE, make))
