"""Where the tray looks for the Settings dialog; it lives in ``focusdesk.ui.settings``."""

from __future__ import annotations

from focusdesk.ui.settings import SettingsDialog

__all__ = ["SettingsDialog"]
