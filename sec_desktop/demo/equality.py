"""Demo equality monitoring answers: optional, each question sometimes skipped and
sometimes "prefer not to say", with the age and sex answers agreeing with the rest of
the person's record."""

from __future__ import annotations

from sec_desktop.demo.context import DemoContext
from sec_desktop.domain.enums import AgeBand
from sec_desktop.domain.equality import CHARACTERISTIC_KEYS, PREFER_NOT_TO_SAY

SKIPPED = 0.07
NOT_SAID = 0.08

AGE_OF_BAND = {
    AgeBand.UNDER_18: "under 25",
    AgeBand.FROM_18: "under 25",
    AgeBand.FROM_25: "25-44",
    AgeBand.FROM_35: "25-44",
    AgeBand.FROM_45: "45-64",
    AgeBand.FROM_55: "45-64",
    AgeBand.FROM_65: "65+",
}

# (stored value, weight) for each characteristic whose answer is not taken from elsewhere.
SHARES: dict[str, tuple[tuple[str, float], ...]] = {
    "disability": (("yes", 22), ("no", 78)),
    "gender_reassignment": (("yes", 1), ("no", 99)),
    "marriage_civil_partnership": (
        ("single", 40),
        ("married or civil partner", 14),
        ("separated", 22),
        ("divorced or dissolved", 18),
        ("widowed", 3),
    ),
    "pregnancy_maternity": (("yes", 4), ("no", 96)),
    "race": (("white", 89), ("asian", 4), ("black", 2.5), ("mixed", 3), ("other", 1.5)),
    "religion_belief": (
        ("none", 52),
        ("christian", 37),
        ("muslim", 5),
        ("hindu", 1),
        ("sikh", 0.5),
        ("buddhist", 0.5),
        ("jewish", 0.3),
        ("other", 2),
    ),
    "sexual_orientation": (
        ("straight", 86),
        ("gay or lesbian", 5),
        ("bisexual", 6),
        ("other", 1.5),
    ),
}


def equality_answers(ctx: DemoContext, age_band: AgeBand | None, sex: str) -> dict[str, str]:
    answers: dict[str, str] = {}
    for key in CHARACTERISTIC_KEYS:
        roll = ctx.rng.random()
        if roll < SKIPPED:
            continue
        if roll < SKIPPED + NOT_SAID:
            answers[key] = PREFER_NOT_TO_SAY
        elif key == "age":
            known = AGE_OF_BAND.get(age_band) if age_band is not None else None
            answers[key] = known or PREFER_NOT_TO_SAY
        elif key == "sex":
            answers[key] = sex or ctx.pick((("female", 80), ("male", 20)))
        else:
            answers[key] = ctx.pick(SHARES[key])
    return answers
