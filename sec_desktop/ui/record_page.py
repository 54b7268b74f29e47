"""What a screen of records does when the vault opens and locks.

`attach` gives it the open vault's services and the writer (load data then); `detach`
drops them and clears every view, so that nothing of the records stays on screen or in
the models while locked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from PySide6.QtWidgets import QWidget

from sec_desktop.services.record_services import RecordServices
from sec_desktop.ui.record_writer import RecordWriter


@runtime_checkable
class RecordPage(Protocol):
    def attach(self, services: RecordServices, writer: RecordWriter) -> None: ...

    def detach(self) -> None: ...


# A further view a page offers the self-test: its name, the widget to capture, and how to
# show it. Pages list theirs in `self_test_views()`.
SelfTestView = tuple[str, QWidget, Callable[[], object]]
