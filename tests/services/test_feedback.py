"""Feedback items: the checks on what is recorded, the one quote rule (over ORM rows and
as SQL, held to the same answers), rows that carry no disclosure text, the full record,
deleting, and audit details that never carry what was said."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from sec_desktop.domain.engagement import TaxonomyTerm
from sec_desktop.domain.engagement_enums import EngagementKind, FeedbackSource, Sentiment
from sec_desktop.domain.feedback import FeedbackItem
from sec_desktop.services import quote_permission
from sec_desktop.services.disclosures import AtRisk, DisclosureService, MinimumFacts
from sec_desktop.services.errors import NotFound, RuleBroken, ValidationFailed
from sec_desktop.services.feedback import FeedbackDraft
from sec_desktop.services.record_services import RecordServices
from sec_desktop.vault import audit
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault
from tests.feedback_data import SECRET, Seeded, seed
from tests.records import TODAY

COURT = "Court (plea, trial, verdict, sentence)"
BELIEVED = "Being believed"
DELAYS = "Time and delays"


@pytest.fixture
def seeded(records_vault: Vault) -> Seeded:
    return seed(records_vault)


def said(seeded: Seeded, participant: int, **changes: object) -> FeedbackDraft:
    draft = FeedbackDraft(
        received_on=TODAY,
        source=FeedbackSource.PARTICIPANT,
        participant_id=participant,
        summary="Felt listened to at court",
        quote="They explained every step.",
        sentiment=Sentiment.POSITIVE,
        stage_ids=(seeded.stages[COURT],),
        theme_ids=(seeded.themes[DELAYS], seeded.themes[BELIEVED]),
        quote_permission=True,
    )
    return replace(draft, **changes)  # type: ignore[arg-type]


def errors_of(refused: pytest.ExceptionInfo[ValidationFailed]) -> dict[str, str]:
    return {e.field: e.english() for e in refused.value.errors}


# --- the quote rule -----------------------------------------------------------------------


def test_the_quote_rule_over_rows_and_in_sql_gives_the_same_answers(
    services: RecordServices, seeded: Seeded, records_vault: Vault
) -> None:
    feedback = services.feedback
    ids = {
        "current": feedback.add(said(seeded, seeded.quoted)),
        "withdrawn": feedback.add(said(seeded, seeded.withdrawn)),
        "review passed": feedback.add(said(seeded, seeded.review_passed)),
        "no consent": feedback.add(said(seeded, seeded.no_consent)),
        "no permission": feedback.add(said(seeded, seeded.quoted, quote_permission=False)),
        "no quote": feedback.add(said(seeded, seeded.quoted, quote="", quote_permission=False)),
        "anonymous": feedback.add(
            said(
                seeded,
                seeded.quoted,
                source=FeedbackSource.ANONYMOUS,
                participant_id=None,
                quote_permission=False,
            )
        ),
        "disclosure": feedback.add(said(seeded, seeded.quoted)),
    }
    DisclosureService(records_vault, services.today).flag(
        ids["disclosure"], MinimumFacts("Assault", "Last year", "At home", AtRisk.NO)
    )
    expected = {ids["current"]}

    rows = {row.id: row for row in feedback.rows()}
    assert {i for i, row in rows.items() if row.quotable} == expected
    with records_vault.reading() as session:
        assert quote_permission.quotable_ids(session, TODAY) == expected
        items = [session.get_one(FeedbackItem, i) for i in ids.values()]
        one_by_one = {i.id for i in items if quote_permission.quotable(session, i, TODAY)}
    assert one_by_one == expected
    assert {i for i in ids.values() if feedback.record(i).quotable} == expected
    # The review date is today: from tomorrow the rule says no.
    with records_vault.reading() as session:
        later = TODAY + timedelta(days=1)
        assert quote_permission.quotable_ids(session, later) == set()
        assert seeded.quoted not in quote_permission.quote_consent_holders(session, later)
    # What the capture form offers: quote permission only for current consent.
    offered = {p.code: p.quote_consent for p in feedback.capture_context().participants}
    assert offered == {"S-0001": True, "S-0002": False, "S-0003": False, "S-0004": False}


# --- recording and its checks -------------------------------------------------------------


def test_an_item_is_recorded_in_full_and_audited_by_id_and_code(
    services: RecordServices, seeded: Seeded, records_vault: Vault
) -> None:
    draft = said(seeded, seeded.quoted, engagement_id=seeded.focus_group, summary="  Trimmed  ")
    item_id = services.feedback.add(draft)
    record = services.feedback.record(item_id)
    assert record.draft == replace(
        draft,
        summary="Trimmed",
        # In the user's order of the list, not the order chosen.
        theme_ids=(seeded.themes[BELIEVED], seeded.themes[DELAYS]),
    )
    assert record.participant_code == "S-0001"
    assert [t.name for t in record.themes] == [BELIEVED, DELAYS]
    assert record.engagement is not None
    assert record.engagement.kind == EngagementKind.FOCUS_GROUP
    assert record.quote_consent_current and record.quotable and record.disclosure is None

    (row,) = services.feedback.rows(engagement_id=seeded.focus_group)
    assert (row.id, row.participant_code, row.summary) == (item_id, "S-0001", "Trimmed")
    assert row.stages == (COURT,) and row.themes == (BELIEVED, DELAYS)
    assert row.engagement_kind == EngagementKind.FOCUS_GROUP and not row.disclosure

    services.feedback.update(item_id, replace(draft, summary="Changed", theme_ids=()))
    assert services.feedback.record(item_id).themes == ()
    with records_vault.engine.connect() as connection:
        details = [(r.event, r.detail) for r in audit.rows(connection)][-2:]
    assert details == [
        (AuditEvent.FEEDBACK_RECORDED, f"feedback {item_id} (S-0001)"),
        (AuditEvent.FEEDBACK_EDITED, f"feedback {item_id} (S-0001)"),
    ]


def test_every_check_says_what_to_change_and_nothing_is_kept(
    services: RecordServices, seeded: Seeded, records_vault: Vault
) -> None:
    generation = records_vault.generation
    feedback = services.feedback
    with pytest.raises(ValidationFailed) as refused:
        feedback.add(
            said(
                seeded,
                seeded.quoted,
                received_on=TODAY + timedelta(days=1),
                summary=" ",
                quote="",
                quote_permission=True,
                participant_id=None,
                stage_ids=(seeded.themes[BELIEVED],),
            )
        )
    assert set(errors_of(refused)) == {
        "received_on",
        "summary",
        "participant",
        "quote_permission",
        "stages",
    }
    assert "summary, a quote" in errors_of(refused)["summary"]

    cases: list[tuple[dict[str, object], str, str]] = [
        # Anonymous feedback names nobody.
        ({"source": FeedbackSource.ANONYMOUS, "quote_permission": False}, "participant", ""),
        # A partner must be chosen; its contact must be its own.
        (
            {"source": FeedbackSource.PARTNER, "participant_id": None, "quote_permission": False},
            "partner",
            "",
        ),
        (
            {
                "source": FeedbackSource.PARTNER,
                "participant_id": None,
                "partner_id": seeded.partner,
                "partner_contact_id": seeded.other_partner_contact,
                "quote_permission": False,
            },
            "partner_contact",
            "",
        ),
        # Quote permission is for a participant's own quote.
        (
            {
                "source": FeedbackSource.PARTNER,
                "participant_id": None,
                "partner_id": seeded.partner,
            },
            "quote_permission",
            "",
        ),
        # An anonymous session keeps nobody's identity.
        ({"engagement_id": seeded.staff_forum}, "source", "anonymous staff forum"),
        # Attendees recorded: the source must be one of them.
        (
            {"engagement_id": seeded.focus_group, "participant_id": seeded.withdrawn},
            "participant",
            "S-0002 is not recorded as attending",
        ),
    ]
    for changes, field, words in cases:
        with pytest.raises(ValidationFailed) as refused:
            feedback.add(said(seeded, seeded.quoted, **changes))
        assert set(errors_of(refused)) == {field}, changes
        assert words in errors_of(refused)[field]
    with pytest.raises(NotFound):
        feedback.add(said(seeded, seeded.quoted, engagement_id=9999))
    assert records_vault.generation == generation
    assert feedback.rows() == []

    # What is allowed: anonymous at the forum, anonymous at a one-to-one with nobody named,
    # a partner with its contact, and no coding at all (it can be done later).
    forum = said(
        seeded,
        seeded.quoted,
        source=FeedbackSource.ANONYMOUS,
        participant_id=None,
        engagement_id=seeded.staff_forum,
        quote_permission=False,
    )
    feedback.add(forum)
    anonymous = said(
        seeded,
        seeded.withdrawn,
        source=FeedbackSource.ANONYMOUS,
        participant_id=None,
        engagement_id=seeded.open_group,
        quote_permission=False,
    )
    feedback.add(anonymous)
    partner = said(
        seeded,
        seeded.quoted,
        source=FeedbackSource.PARTNER,
        participant_id=None,
        partner_id=seeded.partner,
        partner_contact_id=seeded.contact,
        quote_permission=False,
        stage_ids=(),
        theme_ids=(),
    )
    partner_id = feedback.add(partner)
    assert feedback.record(partner_id).partner_contact_name == "Alex Example"
    assert {r.partner_name for r in feedback.rows()} == {"", "Example IDVA Service"}


def test_a_retired_term_stays_on_an_item_but_cannot_be_newly_added(
    services: RecordServices, seeded: Seeded, records_vault: Vault
) -> None:
    kept = services.feedback.add(said(seeded, seeded.quoted))
    with records_vault.writing(AuditEvent.TAXONOMY_CHANGED) as session:
        session.execute(
            update(TaxonomyTerm)
            .where(TaxonomyTerm.id == seeded.themes[DELAYS])
            .values(retired=True)
        )
    draft = services.feedback.record(kept).draft
    services.feedback.update(kept, replace(draft, summary="Still coded"))
    assert [t.name for t in services.feedback.record(kept).themes] == [BELIEVED, DELAYS]
    assert services.feedback.record(kept).themes[1].retired
    with pytest.raises(ValidationFailed) as refused:
        services.feedback.add(said(seeded, seeded.quoted))
    assert "\u201cTime and delays\u201d has been retired" in errors_of(refused)["themes"]


# --- rows, filters, disclosures, deleting -------------------------------------------------


def test_rows_are_newest_first_filtered_and_carry_no_disclosure_text(
    services: RecordServices, seeded: Seeded, records_vault: Vault
) -> None:
    feedback = services.feedback
    old = feedback.add(said(seeded, seeded.quoted, received_on=TODAY - timedelta(days=40)))
    new = feedback.add(said(seeded, seeded.no_consent, sentiment=Sentiment.NEGATIVE))
    secret = feedback.add(
        said(seeded, seeded.quoted, summary=SECRET, quote=SECRET, received_on=TODAY - timedelta(1))
    )
    disclosures = DisclosureService(records_vault, services.today)
    disclosures.flag(secret, MinimumFacts(SECRET, SECRET, SECRET, AtRisk.YES))

    rows = feedback.rows()
    assert [r.id for r in rows] == [new, secret, old]
    # By value: the secret is in no field of any row.
    assert SECRET not in repr(rows)
    flagged = next(r for r in rows if r.id == secret)
    assert (flagged.summary, flagged.quote, flagged.disclosure) == ("", "", True)
    assert not flagged.quotable and not flagged.disclosure_dealt_with
    assert flagged.themes == (BELIEVED, DELAYS)  # the coding stays

    assert [r.id for r in feedback.rows(disclosures_only=True)] == [secret]
    assert [r.id for r in feedback.rows(start=TODAY - timedelta(days=1))] == [new, secret]
    assert [r.id for r in feedback.rows(end=TODAY - timedelta(days=2))] == [old]
    assert [r.id for r in feedback.rows(participant_id=seeded.no_consent)] == [new]
    # Its own record holds the text.
    record = feedback.record(secret)
    assert record.draft.summary == SECRET and record.disclosure is not None
    assert record.disclosure.facts.offence_type == SECRET

    with pytest.raises(RuleBroken) as refused:
        feedback.delete(secret)
    assert "crime recording steps must stay" in str(refused.value)
    feedback.delete(old)
    assert [r.id for r in feedback.rows()] == [new, secret]
    with pytest.raises(NotFound):
        feedback.record(old)
    with records_vault.reading() as session:
        assert session.scalar(select(FeedbackItem.id).where(FeedbackItem.id == old)) is None
    with records_vault.engine.connect() as connection:
        every_detail = " ".join(r.detail for r in audit.rows(connection))
    assert SECRET not in every_detail and "Felt listened" not in every_detail
    assert f"feedback {old} (S-0001)" in every_detail
