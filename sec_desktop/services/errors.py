"""What a service refuses, said so the user knows what to change.

Messages are marked for translation (context "Records") and filled from `values` after
translating. They never carry a name or contact detail: at most a pseudonym code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field


@dataclass(frozen=True)
class FieldError:
    """A problem with one field of a form; `field` names it as the service knows it."""

    field: str
    message: str
    values: Mapping[str, object] = dataclass_field(default_factory=dict)

    def english(self) -> str:
        return self.message.format(**self.values)


class RecordError(Exception):
    """Base of the services' refusals. `str(error)` is the English message."""

    def __init__(self, message: str, **values: object) -> None:
        self.message = message
        self.values: Mapping[str, object] = values
        super().__init__(message.format(**values))


class ValidationFailed(RecordError):
    """One or more fields are not right; nothing was changed."""

    def __init__(self, errors: Sequence[FieldError]) -> None:
        self.errors = tuple(errors)
        super().__init__("; ".join(error.english() for error in self.errors))

    def for_field(self, name: str) -> FieldError | None:
        return next((error for error in self.errors if error.field == name), None)


class RuleBroken(RecordError):
    """A rule about people's safety or consent stops this; nothing was changed."""


class NotFound(RecordError):
    """The record is gone (erased, or never existed)."""
