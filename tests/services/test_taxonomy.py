"""Editing the journey stages and themes: names unique per list (capitals and spaces
aside), renaming, retiring and bringing back, moving, and deleting only what was never
used; every edit audited, every refusal specific and changing nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from sec_desktop.domain.engagement import CaseTimelineEntry, Engagement, ScrutinyCase
from sec_desktop.domain.engagement_enums import EngagementKind, FeedbackSource, TermKind
from sec_desktop.domain.taxonomy import SEED_STAGES, SEED_THEMES
from sec_desktop.services.errors import NotFound, ValidationFailed
from sec_desktop.services.feedback import FeedbackDraft
from sec_desktop.services.record_services import RecordServices
from sec_desktop.services.taxonomy import MAX_NAME_LENGTH, TaxonomyService, Term, TermInUse
from sec_desktop.vault import audit
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault
from tests.feedback_data import STAMP
from tests.records import TODAY

STAGE, THEME = TermKind.STAGE, TermKind.THEME


def names(service: TaxonomyService, kind: TermKind, *, include_retired: bool = True) -> list[str]:
    return [t.name for t in service.terms(kind, include_retired=include_retired)]


def term(service: TaxonomyService, kind: TermKind, name: str) -> Term:
    return next(t for t in service.terms(kind, include_retired=True) if t.name == name)


def refusal(refused: pytest.ExceptionInfo[ValidationFailed]) -> str:
    (error,) = refused.value.errors
    assert error.field == "name"
    return error.english()


def code_feedback(services: RecordServices, **terms: tuple[int, ...]) -> int:
    return services.feedback.add(
        FeedbackDraft(
            received_on=TODAY,
            source=FeedbackSource.ANONYMOUS,
            summary="Synthetic feedback",
            **terms,  # type: ignore[arg-type]
        )
    )


def audit_details(vault: Vault) -> list[str]:
    with vault.reading() as session:
        rows = audit.rows(session.connection())
    return [f"{r.event}: {r.detail}" for r in rows if r.event == AuditEvent.TAXONOMY_CHANGED]


# --- adding ---------------------------------------------------------------------------------


def test_a_new_term_goes_to_the_end_of_its_list_only(services: RecordServices) -> None:
    taxonomy = services.taxonomy
    new = taxonomy.add(THEME, "  Interpreters   and translation ")

    assert names(taxonomy, THEME) == [*SEED_THEMES, "Interpreters and translation"]
    assert names(taxonomy, STAGE) == list(SEED_STAGES)
    assert term(taxonomy, THEME, "Interpreters and translation") == Term(
        new, THEME, "Interpreters and translation"
    )


@pytest.mark.parametrize("typed", ["", "   ", "\t\n"])
def test_a_name_is_needed(services: RecordServices, typed: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        services.taxonomy.add(THEME, typed)
    assert refusal(refused) == "This cannot be left empty."
    assert names(services.taxonomy, THEME) == list(SEED_THEMES)


def test_a_name_has_a_length_limit_and_plain_characters(services: RecordServices) -> None:
    taxonomy = services.taxonomy
    with pytest.raises(ValidationFailed) as refused:
        taxonomy.add(STAGE, "x" * (MAX_NAME_LENGTH + 1))
    assert refusal(refused) == f"This is too long: at most {MAX_NAME_LENGTH} characters."
    with pytest.raises(ValidationFailed) as refused:
        taxonomy.add(STAGE, "Bell\x07 ringing")
    assert refusal(refused) == "This contains characters that cannot be kept."
    taxonomy.add(STAGE, "x" * MAX_NAME_LENGTH)
    assert names(taxonomy, STAGE)[-1] == "x" * MAX_NAME_LENGTH


@pytest.mark.parametrize("typed", ["being believed", "  BEING   BELIEVED ", "Being Believed"])
def test_a_name_already_in_the_list_is_refused(services: RecordServices, typed: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        services.taxonomy.add(THEME, typed)
    assert refusal(refused) == "There is already a theme called \u201cBeing believed\u201d."
    assert names(services.taxonomy, THEME) == list(SEED_THEMES)


def test_the_same_name_may_be_a_stage_and_a_theme(services: RecordServices) -> None:
    services.taxonomy.add(STAGE, "Being believed")
    assert names(services.taxonomy, STAGE)[-1] == "Being believed"


def test_welsh_capitals_are_compared_as_letters(services: RecordServices) -> None:
    taxonomy = services.taxonomy
    taxonomy.add(THEME, "Cefnogaeth yn y T\u0176")
    with pytest.raises(ValidationFailed) as refused:
        taxonomy.add(THEME, "cefnogaeth yn y t\u0177")
    assert refusal(refused) == (
        "There is already a theme called \u201cCefnogaeth yn y T\u0176\u201d."
    )


def test_a_retired_name_is_brought_back_rather_than_added_again(
    services: RecordServices,
) -> None:
    taxonomy = services.taxonomy
    taxonomy.retire(term(taxonomy, STAGE, "Crime recording").id)
    with pytest.raises(ValidationFailed) as refused:
        taxonomy.add(STAGE, "crime recording")
    assert refusal(refused) == (
        "There is already a retired journey stage called \u201cCrime recording\u201d: "
        "bring it back instead."
    )


# --- renaming -------------------------------------------------------------------------------


def test_renaming_keeps_the_place_and_the_items_coded(services: RecordServices) -> None:
    taxonomy = services.taxonomy
    believed = term(taxonomy, THEME, "Being believed")
    item = code_feedback(services, theme_ids=(believed.id,))

    taxonomy.rename(believed.id, "Being believed and taken seriously")

    assert names(taxonomy, THEME)[0] == "Being believed and taken seriously"
    (coded,) = services.feedback.record(item).themes
    assert (coded.id, coded.name) == (believed.id, "Being believed and taken seriously")


def test_renaming_may_change_capitals_but_not_take_another_name(
    services: RecordServices,
) -> None:
    taxonomy = services.taxonomy
    believed = term(taxonomy, THEME, "Being believed").id
    taxonomy.rename(believed, "BEING BELIEVED")
    assert names(taxonomy, THEME)[0] == "BEING BELIEVED"

    with pytest.raises(ValidationFailed) as refused:
        taxonomy.rename(believed, "time and delays")
    assert refusal(refused) == "There is already a theme called \u201cTime and delays\u201d."
    with pytest.raises(ValidationFailed) as refused:
        taxonomy.rename(believed, " ")
    assert refusal(refused) == "This cannot be left empty."
    assert names(taxonomy, THEME)[0] == "BEING BELIEVED"


def test_a_term_that_is_gone_is_said_so(services: RecordServices) -> None:
    taxonomy = services.taxonomy
    new = taxonomy.add(THEME, "Short lived")
    taxonomy.delete(new)
    edits: list[Callable[[], None]] = [
        lambda: taxonomy.rename(new, "Back"),
        lambda: taxonomy.retire(new),
        lambda: taxonomy.bring_back(new),
        lambda: taxonomy.move(new, 1),
        lambda: taxonomy.delete(new),
    ]
    for edit in edits:
        with pytest.raises(NotFound, match=r"That term is no longer in the list\."):
            edit()


# --- retiring -------------------------------------------------------------------------------


def test_a_retired_term_stays_on_items_but_is_not_offered(services: RecordServices) -> None:
    taxonomy = services.taxonomy
    housing = term(taxonomy, THEME, "Housing and money")
    item = code_feedback(services, theme_ids=(housing.id,))

    taxonomy.retire(housing.id)

    assert "Housing and money" not in names(taxonomy, THEME, include_retired=False)
    assert term(taxonomy, THEME, "Housing and money").retired
    (coded,) = services.feedback.record(item).themes
    assert (coded.id, coded.retired) == (housing.id, True)

    taxonomy.bring_back(housing.id)
    assert names(taxonomy, THEME, include_retired=False) == list(SEED_THEMES)


# --- moving ---------------------------------------------------------------------------------


def test_moving_up_and_down_and_not_past_either_end(services: RecordServices) -> None:
    taxonomy = services.taxonomy
    first, second, third = SEED_THEMES[:3]
    taxonomy.move(term(taxonomy, THEME, second).id, -1)
    assert names(taxonomy, THEME)[:3] == [second, first, third]
    taxonomy.move(term(taxonomy, THEME, second).id, -1)
    assert names(taxonomy, THEME)[:3] == [second, first, third]
    taxonomy.move(term(taxonomy, THEME, second).id, 1)
    assert names(taxonomy, THEME) == list(SEED_THEMES)

    last = term(taxonomy, THEME, SEED_THEMES[-1]).id
    taxonomy.move(last, 1)
    assert names(taxonomy, THEME) == list(SEED_THEMES)
    taxonomy.move(last, -1)
    assert names(taxonomy, THEME)[-2:] == [SEED_THEMES[-1], SEED_THEMES[-2]]
    assert names(taxonomy, STAGE) == list(SEED_STAGES)


def test_moving_past_a_retired_term_counts_it(services: RecordServices) -> None:
    taxonomy = services.taxonomy
    first, second, third = SEED_THEMES[:3]
    taxonomy.retire(term(taxonomy, THEME, second).id)
    taxonomy.move(term(taxonomy, THEME, third).id, -1)
    assert names(taxonomy, THEME)[:3] == [first, third, second]
    assert names(taxonomy, THEME, include_retired=False)[:2] == [first, third]


# --- deleting and usage ---------------------------------------------------------------------


def test_usage_counts_feedback_and_case_timelines(
    services: RecordServices, records_vault: Vault
) -> None:
    taxonomy = services.taxonomy
    court = term(taxonomy, STAGE, "Court (plea, trial, verdict, sentence)").id
    bail = term(taxonomy, STAGE, "Arrest, bail and suspect management").id
    believed = term(taxonomy, THEME, "Being believed").id
    code_feedback(services, stage_ids=(court,), theme_ids=(believed,))
    code_feedback(services, stage_ids=(court,))
    with records_vault.writing(AuditEvent.ENGAGEMENT_RECORDED, "test") as session:
        meeting = Engagement(
            kind=EngagementKind.SCRUTINY_PANEL,
            held_on=TODAY,
            created_at=STAMP,
            updated_at=STAMP,
        )
        case = ScrutinyCase(crime_reference="GW/12345/26")
        case.timeline.append(CaseTimelineEntry(on=TODAY - timedelta(days=9), stage_id=bail))
        case.timeline.append(CaseTimelineEntry(on=TODAY - timedelta(days=3), stage_id=court))
        case.timeline.append(CaseTimelineEntry(on=TODAY, stage_id=None))
        meeting.cases.append(case)
        session.add(meeting)

    assert taxonomy.terms_in_use(STAGE) == {court: 3, bail: 1}
    assert taxonomy.terms_in_use(THEME) == {believed: 1}


def test_only_a_term_never_used_is_deleted(services: RecordServices) -> None:
    taxonomy = services.taxonomy
    believed = term(taxonomy, THEME, "Being believed").id
    code_feedback(services, theme_ids=(believed,))
    code_feedback(services, theme_ids=(believed,))

    with pytest.raises(TermInUse) as refused:
        taxonomy.delete(believed)
    assert str(refused.value) == (
        "This theme cannot be deleted: items are coded with it (2). Retire it instead: "
        "those items keep it, and it is no longer offered for new ones."
    )
    taxonomy.retire(believed)
    with pytest.raises(TermInUse):
        taxonomy.delete(believed)
    assert "Being believed" in names(taxonomy, THEME)

    unused = term(taxonomy, THEME, "Housing and money").id
    taxonomy.delete(unused)
    assert "Housing and money" not in names(taxonomy, THEME)


def test_a_stage_on_a_case_timeline_is_not_deleted(
    services: RecordServices, records_vault: Vault
) -> None:
    taxonomy = services.taxonomy
    bail = term(taxonomy, STAGE, "Arrest, bail and suspect management").id
    with records_vault.writing(AuditEvent.ENGAGEMENT_RECORDED, "test") as session:
        meeting = Engagement(
            kind=EngagementKind.SCRUTINY_PANEL, held_on=TODAY, created_at=STAMP, updated_at=STAMP
        )
        case = ScrutinyCase(crime_reference="GW/12345/26")
        case.timeline.append(CaseTimelineEntry(on=TODAY, stage_id=bail))
        meeting.cases.append(case)
        session.add(meeting)

    with pytest.raises(TermInUse, match=r"journey stage cannot be deleted: .* \(1\)"):
        taxonomy.delete(bail)
    assert "Arrest, bail and suspect management" in names(taxonomy, STAGE)


# --- the audit log --------------------------------------------------------------------------


def test_every_edit_is_audited_by_number_not_by_name(
    services: RecordServices, records_vault: Vault
) -> None:
    taxonomy = services.taxonomy
    new = taxonomy.add(THEME, "Interpreters")
    taxonomy.rename(new, "Interpreters and translation")
    taxonomy.move(new, -1)
    taxonomy.retire(new)
    taxonomy.bring_back(new)
    taxonomy.delete(new)
    with pytest.raises(ValidationFailed):
        taxonomy.add(THEME, "Being believed")

    details = audit_details(records_vault)
    assert details == [
        f"{AuditEvent.TAXONOMY_CHANGED.value}: theme {new} {done}"
        for done in ("added", "renamed", "moved", "retired", "brought back", "deleted")
    ]
    assert not any("Interpreters" in d for d in details)
