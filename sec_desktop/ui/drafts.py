"""Unsaved form input kept across a lock, encrypted, so locking never loses typing.

A screen that holds unsaved input implements `Draftable`: `draft_key()` names it,
`take_draft()` returns its input (JSON-able) or None, and `restore_draft(state)` puts it
back. On lock the drafts are sealed with AES-256-GCM under a key derived from the vault's
data key, and the plaintext dropped; after unlocking, the same key opens them again. The
sealed drafts stay in memory only: nothing is written to disk.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from typing import Any, Protocol, runtime_checkable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_NONCE_BYTES = 12
_AAD = b"sec-desktop drafts v1"


@runtime_checkable
class Draftable(Protocol):
    def draft_key(self) -> str: ...

    def take_draft(self) -> Any: ...

    def restore_draft(self, state: Any) -> None: ...


class SealedDrafts:
    """Drafts sealed at lock time; opened (once) after unlocking."""

    def __init__(self) -> None:
        self._sealed: bytes | None = None

    @property
    def holds_drafts(self) -> bool:
        return self._sealed is not None

    def seal(self, screens: Iterable[object], key: bytes) -> int:
        drafts: dict[str, Any] = {}
        for screen in screens:
            if isinstance(screen, Draftable):
                state = screen.take_draft()
                if state is not None:
                    drafts[screen.draft_key()] = state
        if not drafts:
            self._sealed = None
            return 0
        nonce = os.urandom(_NONCE_BYTES)
        plain = json.dumps(drafts).encode("utf-8")
        self._sealed = nonce + AESGCM(key).encrypt(nonce, plain, _AAD)
        return len(drafts)

    def restore(self, screens: Iterable[object], key: bytes) -> int:
        """Give each screen its draft back; returns how many were restored."""
        sealed, self._sealed = self._sealed, None
        if sealed is None:
            return 0
        try:
            plain = AESGCM(key).decrypt(sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:], _AAD)
        except InvalidTag:
            return 0  # a different vault was opened: its key cannot open these drafts
        drafts = json.loads(plain)
        restored = 0
        for screen in screens:
            if isinstance(screen, Draftable) and screen.draft_key() in drafts:
                screen.restore_draft(drafts[screen.draft_key()])
                restored += 1
        return restored
