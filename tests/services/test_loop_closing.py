"""Closing the loop in figures: the rate per calendar quarter and the "you said, we did"
summary of a period, which carries no names, codes or feedback text."""

from __future__ import annotations

from datetime import date

import pytest

from sec_desktop.domain.action_enums import ActionStatus, TellingChannel
from sec_desktop.services.action_records import ActionDetails, ClosedActionSummary
from sec_desktop.services.loop_closing import quarter_of
from sec_desktop.services.record_services import RecordServices
from sec_desktop.vault.vault import Vault
from tests.action_data import (
    BELIEVED,
    DELAYS,
    SECRET,
    UPDATES,
    ActionSeed,
    close_back,
    raise_closed,
    raised_back,
    seed_actions,
)
from tests.records import TODAY

SUMMER = date(2026, 7, 1), date(2026, 9, 30)


@pytest.fixture
def seeded(records_vault: Vault) -> ActionSeed:
    return seed_actions(records_vault)


@pytest.fixture
def history(services: RecordServices, seeded: ActionSeed, records_vault: Vault) -> dict[str, int]:
    """Done in August (one of two contactable people told), declined in September (nobody
    contactable), done in September over a disclosure only (not told), in progress since
    July, and done today (its person told)."""
    actions = services.actions
    ids = {
        "august": raise_closed(services, seeded.everyone, text="Call-backs tracked"),
        "declined": raise_closed(
            services,
            [seeded.withdrawn_item, seeded.left_item],
            status=ActionStatus.DECLINED,
            text="Needs national funding",
        ),
        "disclosure": raise_closed(services, [seeded.disclosure], title="Believe first"),
        "today": raise_closed(services, [seeded.first], title="Today"),
    }
    close_back(records_vault, ids["august"], date(2026, 8, 10))
    close_back(records_vault, ids["declined"], date(2026, 9, 1))
    close_back(records_vault, ids["disclosure"], date(2026, 9, 10))
    close_back(records_vault, ids["today"], TODAY)
    ids["working"] = actions.raise_action(ActionDetails("Working on it"), [seeded.anonymous])
    actions.move(ids["working"], ActionStatus.AGREED)
    actions.move(ids["working"], ActionStatus.IN_PROGRESS)
    raised_back(records_vault, ids["working"], date(2026, 7, 15))
    tell = actions.record_told
    tell(ids["august"], seeded.to_tell, date(2026, 8, 20), TellingChannel.PHONE, "Told")
    tell(ids["today"], seeded.to_tell, TODAY, TellingChannel.TEXT, "Told")
    return ids


def test_quarters_are_calendar_quarters() -> None:
    assert quarter_of(date(2026, 11, 25)) == (date(2026, 10, 1), date(2026, 12, 31))
    assert quarter_of(date(2026, 3, 31)) == (date(2026, 1, 1), date(2026, 3, 31))
    assert quarter_of(date(2026, 4, 1)) == (date(2026, 4, 1), date(2026, 6, 30))


def test_loop_closed_rate_per_quarter(services: RecordServices, history: dict[str, int]) -> None:
    quarters = services.loop_closing.by_quarter(date(2026, 5, 15), TODAY)
    figures = [(q.label, q.actions_closed, q.people_to_tell, q.told, q.rate) for q in quarters]
    assert figures == [
        ("Apr\u2013Jun 2026", 0, 0, 0, None),
        # August: S-0101 told, S-0104 not; the declined one has nobody contactable; the
        # disclosure's S-0101 not told.
        ("Jul\u2013Sep 2026", 3, 3, 1, pytest.approx(1 / 3)),
        ("Oct\u2013Dec 2026", 1, 1, 1, 1.0),
    ]
    assert (quarters[0].start, quarters[-1].end) == (date(2026, 4, 1), date(2026, 12, 31))
    assert services.loop_closing.by_quarter(TODAY, date(2026, 1, 1)) == []


def test_you_said_we_did_figures_for_a_period(
    services: RecordServices, history: dict[str, int]
) -> None:
    summary = services.loop_closing.you_said_we_did(*SUMMER)
    assert (summary.raised, summary.done, summary.declined, summary.in_progress) == (4, 2, 1, 1)
    # The declined action's two items are among the August action's seven.
    assert summary.items_answered == 7
    assert summary.people_told == 1
    assert summary.loop_closed_rate == pytest.approx(1 / 3)
    assert summary.closed == (
        ClosedActionSummary(
            "Call survivors back within two days",
            ActionStatus.DONE,
            date(2026, 8, 10),
            "Call-backs tracked",
            (UPDATES, DELAYS, BELIEVED),
            7,
        ),
        ClosedActionSummary(
            "Call survivors back within two days",
            ActionStatus.DECLINED,
            date(2026, 9, 1),
            "Needs national funding",
            (BELIEVED, DELAYS),  # a tie: by name
            2,
        ),
        # A disclosure's coding stays out of the themes.
        ClosedActionSummary(
            "Believe first",
            ActionStatus.DONE,
            date(2026, 9, 10),
            "Call-backs are now tracked by the team",
            (),
            1,
        ),
    )


def test_you_said_we_did_carries_no_names_codes_or_feedback_text(
    services: RecordServices, seeded: ActionSeed, history: dict[str, int]
) -> None:
    text = repr(services.loop_closing.you_said_we_did(date(2026, 1, 1), TODAY))
    assert "Call-backs tracked" in text  # the outcome is there: the check can fail
    said = ("Nobody rang back", "Waited months", "Not believed", "No updates", "Slow reply")
    for value in (*seeded.names, *seeded.codes.values(), SECRET, *said, "Clients wait", "Told"):
        assert value not in text, value
