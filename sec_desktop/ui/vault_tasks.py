"""Vault work started by one screen, whose outcome comes back to that screen.

`VaultSession.run` reports a failure through the session-wide `failed` signal, which
every listener hears. A dialog that asks "is this the current passphrase?" or "is this
backup readable?" needs its own answer instead: `run_vault_task` hands the error to the
caller's `on_error`. A failed save is still forwarded to `session.failed` as well, so the
warning that stays on screen and the retry of the save happen as for any other save.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject

from sec_desktop.i18n import QT_TRANSLATE_NOOP
from sec_desktop.ui.vault_session import VaultSession
from sec_desktop.vault.errors import SaveFailed, VaultError
from sec_desktop.vault.vault import Vault

log = logging.getLogger(__name__)

VAULT_LOCKED = QT_TRANSLATE_NOOP("Vault", "The vault is locked. Unlock it and try again.")
UNEXPECTED = QT_TRANSLATE_NOOP(
    "Vault",
    "This could not be done because of an unexpected problem. If it happens again, "
    "restart SEC Desktop and tell your IT support.",
)


@dataclass(frozen=True)
class _Failure:
    error: Exception


def run_vault_task(
    session: VaultSession,
    work: Callable[[Vault], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    *,
    owner: QObject | None = None,
) -> None:
    """Run `work(vault)` off the GUI thread; call `on_done(result)` or `on_error(error)`
    on the GUI thread, unless `owner` (the screen that asked) has been deleted by then."""
    if session.vault is None:
        on_error(VaultError(VAULT_LOCKED))
        return

    def guarded(vault: Vault) -> object:
        try:
            return work(vault)
        except Exception as error:  # handed to the screen that asked, on the GUI thread
            return _Failure(error)

    def finished(result: object) -> None:
        if isinstance(result, _Failure):
            if isinstance(result.error, SaveFailed):
                session.failed.emit(result.error)  # the persistent warning and the retry
            elif not isinstance(result.error, VaultError):
                log.error("Vault task failed unexpectedly (%s)", type(result.error).__name__)
        if owner is not None and not shiboken6.isValid(owner):
            return
        if isinstance(result, _Failure):
            on_error(result.error)
        else:
            on_done(result)

    session.run(guarded, finished)


def error_text(error: BaseException) -> str:
    """A vault error in the user's language (its values too: some are marked messages);
    anything else as a general sentence, never the exception's own text."""
    if not isinstance(error, VaultError):
        return QCoreApplication.translate("Vault", UNEXPECTED)
    values = {
        key: QCoreApplication.translate("Vault", value) if isinstance(value, str) else value
        for key, value in error.values.items()
    }
    return QCoreApplication.translate("Vault", error.message).format(**values)
