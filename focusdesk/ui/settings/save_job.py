"""Running Save off the GUI thread, with its progress and outcome brought back to it.

Re-labelling a year of history after a rule or page change can take a
moment; the dialog stays responsive and says what is happening meanwhile.
The worker is a plain Python thread (as the tracking loop is); its news
crosses to the GUI thread through Qt signals, queued because this object
lives on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from focusdesk.core.errors import FocusDeskError

log = logging.getLogger(__name__)


class SaveJob(QObject):
    progress = Signal(str)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None

    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, work: Callable[[Callable[[str], None]], object]) -> None:
        """Run ``work(progress)`` on a worker thread; one job at a time."""
        if self.running():
            return
        self._thread = threading.Thread(
            target=self._run, args=(work,), name="focusdesk-settings-save", daemon=True
        )
        self._thread.start()

    def wait(self, timeout_s: float = 30.0) -> None:
        """For closing the app mid-save: let the database work finish."""
        if self._thread is not None:
            self._thread.join(timeout_s)

    def _run(self, work: Callable[[Callable[[str], None]], object]) -> None:
        try:
            result = work(self.progress.emit)
        except FocusDeskError as exc:
            self.failed.emit(str(exc))
        except Exception:
            log.exception("saving settings failed")
            self.failed.emit("Saving failed; details are in the FocusDesk log.")
        else:
            self.succeeded.emit(result)
