"""A live passphrase strength meter: a bar, a word for it, and why it would be refused."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from sec_desktop.vault.passphrase import Strength, assess


def _vault_text(message: str, values: dict[str, object] | None = None) -> str:
    return QCoreApplication.translate("Vault", message).format(**(values or {}))


class PassphraseMeter(QWidget):
    """Shows how strong the passphrase is as it is typed. Call `update_for(text)`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseMeter")
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 4)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(10)
        self.bar.setAccessibleName(self.tr("Passphrase strength"))
        self.verdict = QLabel(self)
        self.verdict.setObjectName("passphraseVerdict")
        self.verdict.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.bar)
        layout.addWidget(self.verdict)
        self.strength: Strength | None = None
        self.update_for("")

    def update_for(self, passphrase: str) -> Strength:
        strength = assess(passphrase)
        self.strength = strength
        self.bar.setValue(strength.score if passphrase else 0)
        self.bar.setAccessibleDescription(_vault_text(strength.label))
        if not passphrase:
            self.verdict.setText(self.tr("Use four or five unrelated words, or a long sentence."))
            return strength
        guess = _vault_text(strength.guess_time.text, dict(strength.guess_time.values))
        summary = self.tr("{label}: a determined attacker would need {time} to guess it.").format(
            label=_vault_text(strength.label), time=guess
        )
        problems = [_vault_text(p, dict(strength.values)) for p in strength.problems]
        self.verdict.setText(" ".join([summary, *problems]))
        return strength
