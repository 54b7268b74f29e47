"""The 0.2.0 reference vault: every record it holds reads back in this version."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from sec_desktop.domain.enums import CommunicationNeed, ConsentPurpose, Group, Language
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.roster import issue_code
from sec_desktop.vault.vault import Unlock, Vault

DATA = Path(__file__).resolve().parents[1] / "data"


def test_the_records_of_0_2_0_read_back(tmp_path: Path) -> None:
    path = tmp_path / "reference.secvault"
    shutil.copyfile(DATA / "reference-v0.2.0.secvault", path)
    vault = Vault.open(path, Unlock(passphrase="reference vault passphrase 2026"))
    try:
        services = RecordServices.over(vault, today=lambda: date(2026, 11, 25))
        rows = services.roster.rows()
        assert [r.code for r in rows] == ["S-0001", "S-0003"]
        alex = services.roster.record(rows[0].id)
        assert alex.details.language is Language.WELSH
        assert alex.safe_contact.code_word == "bluebell"
        assert alex.communication.needs == frozenset({CommunicationNeed.WELSH})
        assert dict(alex.equality.answers) == {"age": "25-44", "sex": "prefer not to say"}
        assert {c.purpose for c in alex.consents} == {
            ConsentPurpose.CONTACT,
            ConsentPurpose.NETWORK,
        }
        assert alex.active_groups() == frozenset({Group.NETWORK})
        assert [i.group for i in services.groups.awaiting()] == [Group.REFERENCE_GROUP]
        [partner] = services.partners.rows()
        assert partner.contacts == 1
        # The erased code is never issued again (read only: the session is rolled back).
        with vault.reading() as session:
            assert issue_code(session) == "S-0004"
    finally:
        vault.close()
