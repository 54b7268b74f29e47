"""Journey stages and themes: the user's own lists, seeded from `domain.md`.

Reading is here for every form that codes feedback or a case timeline; editing (add,
rename, reorder, retire, bring back, delete) is for Settings. A term in use is retired,
never deleted, so that feedback already coded keeps its coding: a retired term stays on
the items coded with it but is not offered for new ones. Only a term that nothing was
ever coded with can be deleted.

Names are unique within their list, compared without regard to capitals or the spaces
around them (in Python: SQLite's lower() leaves Welsh and other accented capitals alone).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sec_desktop.domain.engagement import CaseTimelineEntry, TaxonomyTerm
from sec_desktop.domain.engagement_enums import TermKind
from sec_desktop.domain.feedback import FeedbackTerm
from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.services import validation as check
from sec_desktop.services.clock import Today, local_today
from sec_desktop.services.errors import FieldError, NotFound, RecordError, ValidationFailed
from sec_desktop.vault.audit import AuditEvent
from sec_desktop.vault.vault import Vault

# As the column holds it (domain/engagement.py).
MAX_NAME_LENGTH = 120
NAME = "name"

_TAKEN = {
    TermKind.STAGE: QT_TRANSLATE_NOOP(
        "Records", "There is already a journey stage called \u201c{name}\u201d."
    ),
    TermKind.THEME: QT_TRANSLATE_NOOP(
        "Records", "There is already a theme called \u201c{name}\u201d."
    ),
}
_TAKEN_RETIRED = {
    TermKind.STAGE: QT_TRANSLATE_NOOP(
        "Records",
        "There is already a retired journey stage called \u201c{name}\u201d: bring it back "
        "instead.",
    ),
    TermKind.THEME: QT_TRANSLATE_NOOP(
        "Records",
        "There is already a retired theme called \u201c{name}\u201d: bring it back instead.",
    ),
}
_IN_USE = {
    TermKind.STAGE: QT_TRANSLATE_NOOP(
        "Records",
        "This journey stage cannot be deleted: items are coded with it ({count}). Retire "
        "it instead: those items keep it, and it is no longer offered for new ones.",
    ),
    TermKind.THEME: QT_TRANSLATE_NOOP(
        "Records",
        "This theme cannot be deleted: items are coded with it ({count}). Retire it "
        "instead: those items keep it, and it is no longer offered for new ones.",
    ),
}


@dataclass(frozen=True)
class Term:
    id: int
    kind: TermKind
    name: str
    retired: bool = False


class TermInUse(RecordError):
    """Something is coded with the term: it can be retired, not deleted."""


@dataclass
class TaxonomyService:
    vault: Vault
    today: Today = field(default=local_today)

    def terms(self, kind: TermKind, *, include_retired: bool = False) -> list[Term]:
        """The terms of one kind in the user's order (retired ones only if asked)."""
        query = select(TaxonomyTerm).where(TaxonomyTerm.kind == kind)
        if not include_retired:
            query = query.where(TaxonomyTerm.retired.is_(False))
        query = query.order_by(TaxonomyTerm.position, TaxonomyTerm.id)
        with self.vault.reading() as session:
            return [Term(t.id, t.kind, t.name, t.retired) for t in session.scalars(query)]

    def terms_in_use(self, kind: TermKind) -> dict[int, int]:
        """Term id -> how many items are coded with it (feedback items, and for journey
        stages case timeline entries too); terms used by nothing are left out."""
        with self.vault.reading() as session:
            return dict(_usage(session, kind))

    # --- editing (Settings) -----------------------------------------------------------------

    def add(self, kind: TermKind, name: str) -> int:
        """A new term at the end of its list; returns its id."""
        wanted = _checked_name(name)
        with self.vault.writing(AuditEvent.TAXONOMY_CHANGED) as session:
            _refuse_taken(session, kind, wanted, None)
            last = session.scalar(
                select(func.max(TaxonomyTerm.position)).where(TaxonomyTerm.kind == kind)
            )
            term = TaxonomyTerm(kind=kind, name=wanted, position=(last or 0) + 1, retired=False)
            session.add(term)
            session.flush()
            session.info["audit_detail"] = f"{kind.value} {term.id} added"
            return term.id

    def rename(self, term_id: int, name: str) -> None:
        """A new name; every item coded with the term shows it."""
        wanted = _checked_name(name)
        with self.vault.writing(AuditEvent.TAXONOMY_CHANGED) as session:
            term = _term(session, term_id)
            _refuse_taken(session, term.kind, wanted, term.id)
            term.name = wanted
            session.info["audit_detail"] = f"{term.kind.value} {term.id} renamed"

    def retire(self, term_id: int) -> None:
        """No longer offered for new items; kept on those already coded with it."""
        self._set_retired(term_id, retired=True)

    def bring_back(self, term_id: int) -> None:
        """A retired term offered again."""
        self._set_retired(term_id, retired=False)

    def move(self, term_id: int, step: int) -> None:
        """Up (step -1) or down (step +1) its list; at either end nothing changes."""
        with self.vault.writing(AuditEvent.TAXONOMY_CHANGED) as session:
            term = _term(session, term_id)
            ordered = list(
                session.scalars(
                    select(TaxonomyTerm)
                    .where(TaxonomyTerm.kind == term.kind)
                    .order_by(TaxonomyTerm.position, TaxonomyTerm.id)
                )
            )
            index = ordered.index(term)
            target = min(max(index + step, 0), len(ordered) - 1)
            ordered.insert(target, ordered.pop(index))
            for position, each in enumerate(ordered):
                each.position = position
            session.info["audit_detail"] = f"{term.kind.value} {term.id} moved"

    def delete(self, term_id: int) -> None:
        """Only a term that no item was ever coded with (otherwise: retire it)."""
        with self.vault.writing(AuditEvent.TAXONOMY_CHANGED) as session:
            term = _term(session, term_id)
            used = _usage(session, term.kind, term.id).get(term.id, 0)
            if used:
                raise TermInUse(_IN_USE[term.kind], count=used)
            session.info["audit_detail"] = f"{term.kind.value} {term.id} deleted"
            session.delete(term)

    def _set_retired(self, term_id: int, *, retired: bool) -> None:
        with self.vault.writing(AuditEvent.TAXONOMY_CHANGED) as session:
            term = _term(session, term_id)
            term.retired = retired
            done = "retired" if retired else "brought back"
            session.info["audit_detail"] = f"{term.kind.value} {term.id} {done}"


def _checked_name(name: str) -> str:
    wanted = " ".join(name.split())
    check.raise_if_any([check.required(NAME, wanted, MAX_NAME_LENGTH)])
    return wanted


def _term(session: Session, term_id: int) -> TaxonomyTerm:
    term = session.get(TaxonomyTerm, term_id)
    if term is None:
        raise NotFound(QT_TRANSLATE_NOOP("Records", "That term is no longer in the list."))
    return term


def _refuse_taken(session: Session, kind: TermKind, name: str, own_id: int | None) -> None:
    wanted = name.casefold()
    rows = session.execute(
        select(TaxonomyTerm.id, TaxonomyTerm.name, TaxonomyTerm.retired).where(
            TaxonomyTerm.kind == kind
        )
    )
    for term_id, existing, retired in rows:
        if term_id != own_id and " ".join(existing.split()).casefold() == wanted:
            message = _TAKEN_RETIRED[kind] if retired else _TAKEN[kind]
            raise ValidationFailed([FieldError(NAME, message, {"name": existing})])


def _usage(session: Session, kind: TermKind, term_id: int | None = None) -> Counter[int]:
    """Term id -> items coded with it (of one term only, if given)."""
    counts: Counter[int] = Counter()
    coded = (
        select(FeedbackTerm.term_id, func.count())
        .join(TaxonomyTerm, TaxonomyTerm.id == FeedbackTerm.term_id)
        .where(TaxonomyTerm.kind == kind)
        .group_by(FeedbackTerm.term_id)
    )
    if term_id is not None:
        coded = coded.where(FeedbackTerm.term_id == term_id)
    counts.update({int(i): int(n) for i, n in session.execute(coded)})
    if kind == TermKind.STAGE:
        staged = (
            select(CaseTimelineEntry.stage_id, func.count())
            .where(CaseTimelineEntry.stage_id.is_not(None))
            .group_by(CaseTimelineEntry.stage_id)
        )
        if term_id is not None:
            staged = staged.where(CaseTimelineEntry.stage_id == term_id)
        counts.update({int(i): int(n) for i, n in session.execute(staged) if i is not None})
    return counts
