"""The demo records: a plausible coordinator's year, unable to reach anyone, numbered
like the roster numbers people, marked as a demo, and the same for the same seed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from sec_desktop.demo.fakes import EXAMPLE_DOMAINS, INVENTED_PLACES, REAL_TOWNS
from sec_desktop.demo.generator import VaultNotEmpty, write_demo_records
from sec_desktop.domain.enums import (
    CommunicationNeed,
    Group,
    InvitationResponse,
    Language,
    ParticipantStatus,
    PartnerType,
    ReferralRoute,
)
from sec_desktop.domain.equality import PREFER_NOT_TO_SAY
from sec_desktop.services.participant_records import (
    ParticipantDetails,
)
from sec_desktop.services.record_services import RecordServices
from sec_desktop.vault.vault import Unlock, Vault
from tests.conftest import REPO_ROOT
from tests.demo.conftest import DIGEST_SCRIPT, Demo, digest, dump, share
from tests.records import TODAY, TemplateVault

# --- counts and distributions -----------------------------------------------------------


def test_scale_1_is_one_coordinators_year(demo: Demo) -> None:
    assert len(demo.records) == 150
    assert demo.counts["participants"] == 150
    partners = demo.services.partners.rows()
    assert len(partners) == demo.counts["partners"] == 25
    assert {p.type for p in partners} == set(PartnerType)
    assert all(1 <= p.contacts <= 3 for p in partners)
    assert demo.counts["partner log entries"] >= 2 * 25
    assert all(p.last_contact is not None and p.last_contact <= TODAY for p in partners)


def test_partner_names_are_invented(demo: Demo) -> None:
    names = [p.name for p in demo.services.partners.rows()]
    assert len({n.casefold() for n in names}) == len(names)
    for name in names:
        invented = name.startswith(INVENTED_PLACES)
        marked = name.endswith(" (demo)") and name.startswith(REAL_TOWNS)
        assert invented != marked, name


def test_statuses_routes_and_languages_are_plausible(demo: Demo) -> None:
    records = demo.records
    statuses = Counter(r.details.status for r in records)
    assert statuses[ParticipantStatus.ACTIVE] / 150 > 0.6
    for status in (ParticipantStatus.ENQUIRY, ParticipantStatus.PAUSED, ParticipantStatus.LEFT):
        assert 0 < statuses[status] / 150 < 0.2, status
    routes = Counter(r.details.referral_route for r in records)
    assert routes[ReferralRoute.SELF_SOCIAL_MEDIA] > 0.2 * 150
    assert routes[ReferralRoute.IDVA] + routes[ReferralRoute.ISVA] > 0.25 * 150
    welsh = share(records, lambda r: r.details.language is Language.WELSH)
    assert 0.1 < welsh < 0.3
    others = [r for r in records if r.details.language is Language.OTHER]
    assert others and all(r.details.language_other for r in others)
    assert len({r.details.age_band for r in records}) >= 7


def test_communication_needs_follow_language_and_are_mostly_none(demo: Demo) -> None:
    records = demo.records
    assert share(records, lambda r: not r.communication.needs) > 0.6
    welsh = [r for r in records if r.details.language is Language.WELSH]
    with_need = [r for r in welsh if CommunicationNeed.WELSH in r.communication.needs]
    assert len(with_need) > 0.8 * len(welsh)
    assert all(r.details.language is Language.WELSH for r in records if r in with_need)
    other_needs = {n for r in records for n in r.communication.needs} - {
        CommunicationNeed.WELSH,
        CommunicationNeed.INTERPRETER,
    }
    assert len(other_needs) >= 3


def test_equality_monitoring_is_answered_by_about_three_in_five(demo: Demo) -> None:
    answered = [r for r in demo.records if r.equality.answers]
    assert 0.45 < len(answered) / 150 < 0.75
    values = [v for r in answered for v in r.equality.answers.values()]
    assert PREFER_NOT_TO_SAY in values
    assert values.count(PREFER_NOT_TO_SAY) < 0.2 * len(values)


def test_consent_reviews_are_spread_out(demo: Demo) -> None:
    current = [c for r in demo.records for c in r.consents if c.withdrawn_on is None]
    reviews = [c.review_on for c in current if c.review_on is not None]
    overdue = [d for d in reviews if d < TODAY]
    soon = [d for d in reviews if TODAY <= d <= TODAY + timedelta(days=30)]
    assert overdue and soon
    assert len(reviews) - len(overdue) - len(soon) > 0.6 * len(reviews)
    given = [c.given_on for r in demo.records for c in r.consents]
    assert min(given) >= TODAY - timedelta(days=2 * 366)
    assert any(c.withdrawn_on for r in demo.records for c in r.consents)
    assert demo.services.consent.due_for_review()


def test_invitations_have_every_kind_of_answer(demo: Demo) -> None:
    responses = Counter(i.response for r in demo.records for i in r.invitations)
    for response in (
        InvitationResponse.AWAITING,
        InvitationResponse.ACCEPTED,
        InvitationResponse.DECLINED,
        InvitationResponse.NO_REPLY,
    ):
        assert responses[response] > 0, response
    assert demo.services.groups.members(Group.NETWORK)
    assert demo.services.groups.members(Group.REFERENCE_GROUP)


def test_safe_contact_rules_are_recorded_for_almost_everyone(demo: Demo) -> None:
    records = demo.records
    assert share(records, lambda r: r.safe_contact.recorded) > 0.9
    assert all(
        r.safe_contact.recorded
        for r in records
        if r.details.status is not ParticipantStatus.ENQUIRY
    )
    assert share(records, lambda r: r.safe_contact.voicemail_allowed) < 0.3
    assert any(r.safe_contact.code_word for r in records)
    assert any(r.safe_contact.third_party_name for r in records)
    assert any(r.safe_contact.safe_days and r.safe_contact.safe_from for r in records)


_PHONE = re.compile(r"\+?\d[\d ()\-]{8,}\d")
_EMAIL = re.compile(r"[^\s@,]+@([^\s@,]+)")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
DRAMA = re.compile(r"^(07700900\d{3}|01632960\d{3})$")


def test_no_phone_number_or_email_address_could_reach_anyone(demo: Demo) -> None:
    phones, emails = [], []
    with demo.vault.reading() as session:
        tables = session.execute(
            text(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT IN ('audit_log', 'alembic_version') AND name NOT LIKE 'sqlite_%'"
            )
        ).scalars()
        for table in list(tables):
            # Names straight from sqlite_master, not from outside.
            for row in session.execute(text(f'SELECT * FROM "{table}"')):  # noqa: S608
                for value in row:
                    if isinstance(value, str) and not _ISO_DATE.match(value):
                        phones += _PHONE.findall(value)
                        emails += _EMAIL.findall(value)
    digits = [re.sub(r"\D", "", p) for p in phones]
    assert len(digits) > 150 and len(emails) > 50
    assert [d for d in digits if not DRAMA.match(d)] == []
    assert [e for e in emails if e not in EXAMPLE_DOMAINS] == []


# --- codes, the demo mark, determinism ----------------------------------------------------


def test_codes_are_consecutive_and_the_counter_carries_on(services: RecordServices) -> None:
    write_demo_records(services.roster.vault, 1, today=TODAY)
    refs = services.roster.refs()
    assert [r.code for r in refs] == [f"S-{n:04d}" for n in range(1, 151)]
    rows = sorted(services.roster.rows(), key=lambda r: r.code)
    referred = [r.referred_on for r in rows if r.referred_on is not None]
    assert len(referred) == 150 and referred == sorted(referred)
    added = services.roster.add(ParticipantDetails(name="Alex Example"))
    assert added.code == "S-0151"
    assert added.id == max(r.id for r in refs) + 1


def test_the_vault_is_marked_as_a_demo(services: RecordServices) -> None:
    assert not services.facts.is_demo()
    write_demo_records(services.roster.vault, 1, today=TODAY)
    assert services.facts.is_demo()


def test_a_vault_with_records_is_refused(services: RecordServices) -> None:
    services.roster.add(ParticipantDetails(name="Alex Example"))
    before = dump(services.roster.vault)
    with pytest.raises(VaultNotEmpty):
        write_demo_records(services.roster.vault, 1, today=TODAY)
    assert dump(services.roster.vault) == before
    assert not services.facts.is_demo()


def test_the_same_seed_and_day_give_the_same_records(
    demo: Demo, records_template: TemplateVault, tmp_path: Path
) -> None:
    def fresh(name: str) -> Vault:
        path = tmp_path / f"{name}.secvault"
        shutil.copyfile(records_template.path, path)
        return Vault.open(path, Unlock(recovery_key=records_template.recovery_key))

    again, other_seed, other_day = fresh("again"), fresh("seed"), fresh("day")
    try:
        write_demo_records(again, 1, today=TODAY)
        write_demo_records(other_seed, 1, seed=7, today=TODAY)
        write_demo_records(other_day, 1, today=TODAY - timedelta(days=1))
        expected = dump(demo.vault)
        assert dump(again) == expected
        assert dump(other_seed)["participant"] != expected["participant"]
        assert dump(other_day)["consent"] != expected["consent"]
    finally:
        for vault in (again, other_seed, other_day):
            vault.close()


def test_the_records_do_not_depend_on_the_process(demo: Demo, tmp_path: Path) -> None:
    # String hashing (and so set order) differs from one process to the next.
    env = dict(os.environ, PYTHONHASHSEED="12345", HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", DIGEST_SCRIPT, str(tmp_path)],
        env=env,
        cwd=REPO_ROOT,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == digest(demo.vault)
