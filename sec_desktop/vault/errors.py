"""Errors of the vault, each one a situation the user can tell apart and act on.

Every error carries a message marked for translation (context "Vault"), with
{placeholders} filled from `values` after translating, and the command line's exit code.
Messages never contain vault contents: only facts about the file and what to do.
"""

from __future__ import annotations

from collections.abc import Mapping

from sec_desktop.i18n import QT_TRANSLATE_NOOP

EXIT_ERROR = 1
EXIT_WRONG_SECRET = 2
EXIT_DAMAGED = 3
EXIT_IN_USE = 4


class VaultError(Exception):
    """Base of every vault error. `str(error)` is the English message."""

    exit_code = EXIT_ERROR
    default_message = QT_TRANSLATE_NOOP("Vault", "The vault could not be used.")

    def __init__(self, message: str | None = None, **values: object) -> None:
        self.message = message or self.default_message
        self.values: Mapping[str, object] = values
        super().__init__(self.english())

    def english(self) -> str:
        return self.message.format(**self.values)


class WrongPassphrase(VaultError):
    exit_code = EXIT_WRONG_SECRET
    default_message = QT_TRANSLATE_NOOP(
        "Vault", "The passphrase is not right. Check Caps Lock and the keyboard layout."
    )


class WrongRecoveryKey(VaultError):
    exit_code = EXIT_WRONG_SECRET
    default_message = QT_TRANSLATE_NOOP(
        "Vault", "The recovery key does not open this vault. Check that it is this vault's key."
    )


class InvalidRecoveryKey(VaultError):
    """The text typed is not a recovery key at all (a typo the checksum caught)."""

    exit_code = EXIT_WRONG_SECRET
    default_message = QT_TRANSLATE_NOOP(
        "Vault",
        "That recovery key has a typing mistake in it: check each group of characters "
        "against the printed sheet.",
    )


class VaultDamaged(VaultError):
    exit_code = EXIT_DAMAGED
    default_message = QT_TRANSLATE_NOOP(
        "Vault",
        "The vault file is damaged or has been changed outside SEC Desktop, so it cannot be "
        "opened. Open the newest good backup instead.",
    )


class KdfParametersOutOfBounds(VaultDamaged):
    """Key derivation settings read from a file fall outside what SEC Desktop accepts.

    Checked before any key is derived, so a doctored file cannot make the app use
    gigabytes of memory or run for hours, nor weaken the key.
    """


class UnsupportedVersion(VaultError):
    exit_code = EXIT_ERROR
    default_message = QT_TRANSLATE_NOOP(
        "Vault",
        "This vault was saved by a newer version of SEC Desktop (format {version}). "
        "Install that version or newer to open it.",
    )


class NotAVault(VaultError):
    exit_code = EXIT_DAMAGED
    default_message = QT_TRANSLATE_NOOP("Vault", "This file is not an SEC Desktop vault.")


class VaultInUse(VaultError):
    exit_code = EXIT_IN_USE
    default_message = QT_TRANSLATE_NOOP(
        "Vault",
        "The vault is open in another copy of SEC Desktop. Close that copy first, then try again.",
    )


class SaveFailed(VaultError):
    """The vault could not be written. The data is still safe in memory and the previous
    file is untouched; the save is retried."""

    exit_code = EXIT_ERROR
    # Set by a re-key whose save failed: the new key, still to be shown to the user.
    recovery_key: str | None = None
    default_message = QT_TRANSLATE_NOOP(
        "Vault",
        "Your changes could not be saved to disk ({reason}). They are kept in memory and "
        "saving will be tried again. {advice}",
    )


class WeakPassphrase(VaultError):
    exit_code = EXIT_ERROR
    default_message = QT_TRANSLATE_NOOP("Vault", "That passphrase is too easy to guess.")


class BackupNotReadable(VaultError):
    exit_code = EXIT_DAMAGED
    default_message = QT_TRANSLATE_NOOP(
        "Vault",
        "This backup cannot be read with the vault's current key: it is damaged, or it was "
        "made before the keys were replaced. Choose another backup.",
    )


class NoGoodBackup(VaultError):
    exit_code = EXIT_DAMAGED
    default_message = QT_TRANSLATE_NOOP(
        "Vault",
        "None of the vault's backups could be opened with what you typed. Check the "
        "passphrase, or ask for help before trying anything else: nothing has been changed.",
    )


class VaultExists(VaultError):
    default_message = QT_TRANSLATE_NOOP(
        "Vault", "There is already a file at that place. Choose another name or folder."
    )


class NoVaultThere(VaultError):
    default_message = QT_TRANSLATE_NOOP(
        "Vault", "There is no vault at that place. Check the folder, or create a new vault."
    )
