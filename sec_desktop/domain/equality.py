"""Equality monitoring: the nine protected characteristics of the Equality Act 2010.

Every answer is optional and "prefer not to say" is always offered. Answers are kept in
their own table and used only in aggregate, to find who is not being heard.
"""

from __future__ import annotations

from dataclasses import dataclass

from sec_desktop.i18n import QT_TRANSLATE_NOOP

PREFER_NOT_TO_SAY = "prefer not to say"
PREFER_NOT_TO_SAY_LABEL = QT_TRANSLATE_NOOP("Choices", "Prefer not to say")


@dataclass(frozen=True)
class Characteristic:
    key: str  # the column name in equality_monitoring
    label: str  # untranslated; context "Choices"
    # (stored value, untranslated label); "prefer not to say" is added to every list.
    options: tuple[tuple[str, str], ...]

    def values(self) -> tuple[str, ...]:
        return (*(value for value, _label in self.options), PREFER_NOT_TO_SAY)

    def label_of(self, value: str) -> str:
        if value == PREFER_NOT_TO_SAY:
            return PREFER_NOT_TO_SAY_LABEL
        return dict(self.options).get(value, value)


def _yes_no() -> tuple[tuple[str, str], ...]:
    return (
        ("yes", QT_TRANSLATE_NOOP("Choices", "Yes")),
        ("no", QT_TRANSLATE_NOOP("Choices", "No")),
    )


CHARACTERISTICS: tuple[Characteristic, ...] = (
    Characteristic(
        "age",
        QT_TRANSLATE_NOOP("Choices", "Age"),
        (
            ("under 25", QT_TRANSLATE_NOOP("Choices", "Under 25")),
            ("25-44", QT_TRANSLATE_NOOP("Choices", "25 to 44")),
            ("45-64", QT_TRANSLATE_NOOP("Choices", "45 to 64")),
            ("65+", QT_TRANSLATE_NOOP("Choices", "65 or over")),
        ),
    ),
    Characteristic(
        "disability",
        QT_TRANSLATE_NOOP("Choices", "Disability"),
        _yes_no(),
    ),
    Characteristic(
        "gender_reassignment",
        QT_TRANSLATE_NOOP("Choices", "Gender reassignment"),
        _yes_no(),
    ),
    Characteristic(
        "marriage_civil_partnership",
        QT_TRANSLATE_NOOP("Choices", "Marriage and civil partnership"),
        (
            ("single", QT_TRANSLATE_NOOP("Choices", "Single")),
            ("married or civil partner", QT_TRANSLATE_NOOP("Choices", "Married or civil partner")),
            ("separated", QT_TRANSLATE_NOOP("Choices", "Separated")),
            ("divorced or dissolved", QT_TRANSLATE_NOOP("Choices", "Divorced or dissolved")),
            ("widowed", QT_TRANSLATE_NOOP("Choices", "Widowed")),
        ),
    ),
    Characteristic(
        "pregnancy_maternity",
        QT_TRANSLATE_NOOP("Choices", "Pregnancy and maternity"),
        _yes_no(),
    ),
    Characteristic(
        "race",
        QT_TRANSLATE_NOOP("Choices", "Ethnic group"),
        (
            ("asian", QT_TRANSLATE_NOOP("Choices", "Asian, Asian British or Asian Welsh")),
            ("black", QT_TRANSLATE_NOOP("Choices", "Black, Black British, Black Welsh")),
            ("mixed", QT_TRANSLATE_NOOP("Choices", "Mixed or multiple ethnic groups")),
            ("white", QT_TRANSLATE_NOOP("Choices", "White")),
            ("other", QT_TRANSLATE_NOOP("Choices", "Other ethnic group")),
        ),
    ),
    Characteristic(
        "religion_belief",
        QT_TRANSLATE_NOOP("Choices", "Religion or belief"),
        (
            ("none", QT_TRANSLATE_NOOP("Choices", "No religion")),
            ("buddhist", QT_TRANSLATE_NOOP("Choices", "Buddhist")),
            ("christian", QT_TRANSLATE_NOOP("Choices", "Christian")),
            ("hindu", QT_TRANSLATE_NOOP("Choices", "Hindu")),
            ("jewish", QT_TRANSLATE_NOOP("Choices", "Jewish")),
            ("muslim", QT_TRANSLATE_NOOP("Choices", "Muslim")),
            ("sikh", QT_TRANSLATE_NOOP("Choices", "Sikh")),
            ("other", QT_TRANSLATE_NOOP("Choices", "Other religion or belief")),
        ),
    ),
    Characteristic(
        "sex",
        QT_TRANSLATE_NOOP("Choices", "Sex"),
        (
            ("female", QT_TRANSLATE_NOOP("Choices", "Female")),
            ("male", QT_TRANSLATE_NOOP("Choices", "Male")),
        ),
    ),
    Characteristic(
        "sexual_orientation",
        QT_TRANSLATE_NOOP("Choices", "Sexual orientation"),
        (
            ("straight", QT_TRANSLATE_NOOP("Choices", "Straight or heterosexual")),
            ("gay or lesbian", QT_TRANSLATE_NOOP("Choices", "Gay or lesbian")),
            ("bisexual", QT_TRANSLATE_NOOP("Choices", "Bisexual")),
            ("other", QT_TRANSLATE_NOOP("Choices", "Other sexual orientation")),
        ),
    ),
)

CHARACTERISTIC_KEYS = tuple(c.key for c in CHARACTERISTICS)
